"""Themes: View > Theme > System, Light, Dark or High Contrast, kept between runs.

"System" follows the desktop's own scheme (the platform's palette and style). The others use Qt's
Fusion style, which draws every control from the palette, so a palette is the whole theme. High
contrast is white text on black, yellow selection, cyan links and white edges around every control
(each at least 7:1 against black), and a yellow focus ring. Views that paint their own colours
(the timeline, the charts) read the palette, so they follow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

#: Theme names as stored, and their menu texts.
THEMES = {"system": "&System", "light": "&Light", "dark": "&Dark", "high-contrast": "&High Contrast"}
DEFAULT = "system"
_SYSTEM_STYLE = "studyguide_system_style"
_Role = QPalette.ColorRole
_LIGHT = {_Role.Window: "#efefef", _Role.WindowText: "#000000", _Role.Base: "#ffffff",
          _Role.AlternateBase: "#f5f5f5", _Role.Text: "#000000", _Role.Button: "#efefef",
          _Role.ButtonText: "#000000", _Role.Highlight: "#2f65ca", _Role.HighlightedText: "#ffffff",
          _Role.PlaceholderText: "#6b6b6b", _Role.Link: "#1a55b8", _Role.LinkVisited: "#6a3ab0",
          _Role.ToolTipBase: "#ffffdc", _Role.ToolTipText: "#000000", _Role.BrightText: "#ffffff"}
_DARK = {_Role.Window: "#2b2b2b", _Role.WindowText: "#e6e6e6", _Role.Base: "#1e1e1e",
         _Role.AlternateBase: "#262626", _Role.Text: "#e6e6e6", _Role.Button: "#353535",
         _Role.ButtonText: "#e6e6e6", _Role.Highlight: "#2f65ca", _Role.HighlightedText: "#ffffff",
         _Role.PlaceholderText: "#9a9a9a", _Role.Link: "#6ea8fe", _Role.LinkVisited: "#c39bd3",
         _Role.ToolTipBase: "#353535", _Role.ToolTipText: "#e6e6e6", _Role.BrightText: "#ffffff"}
_HIGH_CONTRAST = {_Role.Window: "#000000", _Role.WindowText: "#ffffff", _Role.Base: "#000000",
                  _Role.AlternateBase: "#1c1c1c", _Role.Text: "#ffffff", _Role.Button: "#000000",
                  _Role.ButtonText: "#ffffff", _Role.Highlight: "#ffff00", _Role.HighlightedText: "#000000",
                  _Role.PlaceholderText: "#d0d0d0", _Role.Link: "#00ffff", _Role.LinkVisited: "#ff9cff",
                  _Role.ToolTipBase: "#000000", _Role.ToolTipText: "#ffffff", _Role.BrightText: "#ffff00",
                  # Fusion draws frames, edges and the focus ring from these: white, so every control shows.
                  _Role.Light: "#ffffff", _Role.Midlight: "#ffffff", _Role.Mid: "#ffffff",
                  _Role.Dark: "#ffffff", _Role.Shadow: "#ffffff"}
#: Disabled text in high contrast: still 9:1 against black, but plainly not the white of enabled text.
_HIGH_CONTRAST_DISABLED = "#a8a8a8"
#: Disabled text of each theme: plainly greyed, still 3:1 or more against the window, buttons and fields. (A
#: colour set without a group is every group's: a disabled button looked enabled in the light and dark themes.)
_DISABLED = {"light": "#7f7f7f", "dark": "#8c8c8c", "high-contrast": _HIGH_CONTRAST_DISABLED}
#: Fusion edges fields and draws radio and check boxes in a shade of the window colour: black on black in
#: high contrast. Text fields get a white edge (yellow and twice as thick when focused), the boxes a white
#: ring with a yellow centre when chosen. (Spin boxes and combo boxes keep Fusion's own drawing: a sheet would
#: take their arrows away; their arrows and text are white.)
_FIELDS = ("QLineEdit", "QTextEdit", "QPlainTextEdit")
HIGH_CONTRAST_QSS = (", ".join(_FIELDS) + " { border: 1px solid #ffffff; padding: 1px; } "
                     + ", ".join(f"{name}:focus" for name in _FIELDS)
                     + " { border: 2px solid #ffff00; padding: 0px; } "
                     "QRadioButton::indicator, QCheckBox::indicator { width: 0.8em; height: 0.8em;"
                     " border: 2px solid #ffffff; background: #000000; } "
                     "QRadioButton::indicator { border-radius: 0.4em; } "
                     "QRadioButton::indicator:checked, QCheckBox::indicator:checked { background: #ffff00; } "
                     "QRadioButton::indicator:disabled, QCheckBox::indicator:disabled { border-color: #a8a8a8; }")


def palette_for(theme: str) -> QPalette:
    """The palette of a theme (an empty one, which resolves to the platform's, for "system")."""
    colours = {"light": _LIGHT, "dark": _DARK, "high-contrast": _HIGH_CONTRAST}.get(theme)
    if colours is None:
        return QPalette()
    # From the button and window colours Qt derives the shades (Light, Mid, Dark, Shadow) edges are drawn in.
    palette = QPalette(QColor(colours[_Role.Button]), QColor(colours[_Role.Window]))
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED[theme]))
    return palette


def apply_theme(theme: str) -> None:
    """Give the whole app a theme's style and palette (Fusion draws its focus ring in the highlight colour:
    yellow on black in high contrast), and in high contrast white edges around text fields."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "a QApplication exists before a theme is applied"
    system_style = app.property(_SYSTEM_STYLE)
    if not isinstance(system_style, str):
        system_style = app.style().name()
        app.setProperty(_SYSTEM_STYLE, system_style)
    wanted = system_style if theme not in THEMES or theme == "system" else "fusion"
    if wanted == "fusion":
        from studyguide.ui.fusion_edges import EdgedFusion  # not on the way to the first frame (no QStyle)

        if not isinstance(app.style(), EdgedFusion):
            app.setStyle(EdgedFusion())
    elif app.style().name().lower() != wanted.lower():
        from PySide6.QtWidgets import QStyleFactory

        app.setStyle(QStyleFactory.create(wanted))
    old = app.palette()
    app.setPalette(palette_for(theme))
    from studyguide.ui.link_colours import follow_links  # returns at once unless the link colour changed

    follow_links(old, app.palette())
    app.setStyleSheet(HIGH_CONTRAST_QSS if theme == "high-contrast" else "")


def reset_theme() -> None:
    """Back to the system's theme, if a theme was ever applied (tests share one application)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.property(_SYSTEM_STYLE) is not None:
        apply_theme("system")


def is_high_contrast(palette: QPalette) -> bool:
    """True for the high-contrast palette (black window, white text, yellow selection)."""
    return (palette.color(_Role.Window) == QColor("#000000") and palette.color(_Role.Highlight) == QColor("#ffff00"))


class Theme(QObject):
    """View > Theme: one checkable action per theme; the choice is applied to the app and remembered.

    The saved theme is applied at once (before the window's first frame); the actions are made with
    the View menu (``add_to``).

    Args:
        window: Owner of the actions.
        load: Returns the saved theme name (or None).
        save: Keeps a new theme name.

    Signals:
        changed(str): Another theme was chosen (its name).
    """

    changed = Signal(str)

    def __init__(self, *, window: QWidget, load: Callable[[], str | None], save: Callable[[str], None]) -> None:
        super().__init__(window)
        self._save = save
        saved = load()
        self.name = saved if saved in THEMES else DEFAULT
        self._window = window
        self.actions: dict[str, QAction] = {}
        if self.name != DEFAULT:  # "system" is what the app starts with: nothing to change
            apply_theme(self.name)

    def add_to(self, menu: QMenu) -> None:
        """Make one checkable action per theme and put them in a Theme submenu of ``menu`` (View)."""
        from PySide6.QtGui import QAction, QActionGroup

        group = QActionGroup(self)
        for name, text in THEMES.items():
            action = QAction(text, self._window)
            action.setCheckable(True)
            action.setChecked(name == self.name)
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            group.addAction(action)
            self.actions[name] = action
        submenu = menu.addMenu("T&heme")
        for action in self.actions.values():
            submenu.addAction(action)

    def set_theme(self, name: str) -> None:
        """Use the theme ``name`` everywhere, and remember it."""
        if name not in THEMES or name == self.name:
            return
        self.name = name
        if name in self.actions:
            self.actions[name].setChecked(True)
        apply_theme(name)
        self._save(name)
        self.changed.emit(name)
