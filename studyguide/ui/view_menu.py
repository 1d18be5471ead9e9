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


def add_view_settings(window: Any, menu: QMenu, state: WindowState) -> tuple[TextSize, Theme]:
    """Add Timeline as List, the text sizes and the themes to ``menu``; return the text size and theme.

    Args:
        window: The ``MainWindow`` (its views and tabs; it imports this module).
        menu: The View menu.
        state: Where the choices are remembered (the library's ``window.ini``).
    """
    twin = window.timeline.twin
    menu.addSeparator()
    menu.addAction(twin.action)
    # From another view, the menu item also brings the Timeline forward (L works inside it).
    twin.action.triggered.connect(lambda _checked: window.tabs.setCurrentWidget(window.timeline))
    text_size = TextSize(window=window, load=state.text_size, save=state.save_text_size)
    text_size.add_to(menu)
    theme = Theme(window=window, load=state.theme, save=state.save_theme)
    theme.add_to(menu)
    return text_size, theme
