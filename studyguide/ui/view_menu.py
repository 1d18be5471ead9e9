"""The View menu's settings beyond the views themselves: text size, theme, and the timeline as a list.

Kept out of ``main_window`` (which is near its size limit); each part lives in its own module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studyguide.ui.text_size import TextSize
from studyguide.ui.theme import Theme

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from studyguide.ui.window_state import WindowState


def view_settings(window: Any, state: WindowState) -> tuple[TextSize, Theme]:
    """The text size and theme, applied now (before the first frame; their menu items come later).

    Args:
        window: The ``MainWindow`` (their keys are its actions).
        state: Where the choices are remembered (the library's ``window.ini``).
    """
    text_size = TextSize(window=window, load=state.text_size, save=state.save_text_size)
    theme = Theme(window=window, load=state.theme, save=state.save_theme)
    return text_size, theme


def add_view_settings(window: Any, menu: QMenu) -> None:
    """Add Timeline as List, and the window's text sizes and themes (``view_settings``), to ``menu``.

    Args:
        window: The ``MainWindow`` (its views, tabs, ``text_size`` and ``theme``; it imports this module).
        menu: The View menu.
    """
    twin = window.timeline.twin
    menu.addSeparator()
    menu.addAction(twin.action)
    # From another view, the menu item also brings the Timeline forward (L works inside it).
    twin.action.triggered.connect(lambda _checked: window.tabs.setCurrentWidget(window.timeline))
    window.text_size.add_to(menu)
    window.theme.add_to(menu)
