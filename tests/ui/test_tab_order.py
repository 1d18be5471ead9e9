"""Tab goes through each view in screen order and comes back round: picker, view tabs, the view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.keyboard import accessible_name, focused, tab_cycle

CTRL = Qt.KeyboardModifier.ControlModifier


def cycle(qtbot, window, view_key: Qt.Key) -> list:
    qtbot.keyClick(focused(), view_key, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # start at the guide picker
    assert focused() is window.guide_picker
    return tab_cycle(qtbot)


@pytest.mark.parametrize(("key", "expected"), [
    (Qt.Key.Key_1, ["Sections", "Section text"]),
    (Qt.Key.Key_2, ["Flashcards", "Show answer  (Space)"]),
    (Qt.Key.Key_3, ["Zoom out", "Zoom in", "Fit all", "North", "South", "Put these in order\u2026", "Export",
                    "Timeline", "Event details"]),
    (Qt.Key.Key_4, ["Search", "Search results"]),
    (Qt.Key.Key_5, ["Statistics", "Reviews per day, last 12 months", "Mastery by section"]),
], ids=["sections", "flashcards", "timeline", "search", "stats"])
def test_tab_goes_round_each_view_in_screen_order(qtbot, main_window, key, expected):
    if key == Qt.Key.Key_5:  # the charts shown are those with figures: wait for them
        with qtbot.wait_signal(main_window.stats.updated):
            qtbot.keyClick(focused(), key, CTRL)
    if key == Qt.Key.Key_3:  # the lane toggles are shown by the event loop (the layout's queued show)
        qtbot.keyClick(focused(), key, CTRL)
        buttons = main_window.timeline.legend.buttons.values()
        qtbot.wait_until(lambda: bool(buttons) and all(button.isVisible() for button in buttons))
    widgets = cycle(qtbot, main_window, key)
    assert widgets[:2] == [main_window.guide_picker, main_window.tabs.tabBar()]
    names = [accessible_name(widget) for widget in widgets]
    # The view's own controls, in order; a text with links is passed through once per link.
    seen = [name for index, name in enumerate(names[2:]) if index == 0 or name != names[2:][index - 1]]
    assert seen == expected, " | ".join(names)
