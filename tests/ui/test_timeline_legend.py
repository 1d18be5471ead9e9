"""The timeline's lane legend stays compact at 200% text: beside the zoom buttons in 900 px it wrapped
onto four rows (one lane a row) and crowded the events out of the view (900x600, High Contrast, looked at
last session). It now takes a row of its own under the buttons when it would wrap beside them, and stays in
the buttons' row when it fits there. Every lane's name is still shown whole and is the toggle's
accessible name."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolButton

from tests.conftest import timeline_at_200


def _rows(widgets) -> int:
    """How many rows the widgets are laid out in (by their top edges)."""
    return len({widget.mapTo(widget.window(), widget.rect().topLeft()).y() for widget in widgets})


def _settle(qtbot, timeline) -> None:
    """Wait until the legend's toggles hold still (layouts take a new text size over a few rounds)."""
    seen: list = []

    def still() -> bool:
        seen.append([button.geometry() for button in timeline.legend.buttons.values()] + [timeline.legend.geometry()])
        return len(seen) > 2 and seen[-1] == seen[-2] == seen[-3]

    qtbot.wait_until(still)


def _whole(button: QToolButton) -> bool:
    return button.isVisible() and button.width() >= button.sizeHint().width()


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_at_200_percent_text_the_legend_takes_one_row_and_the_toolbar_two(qtbot, crisis_900, theme):
    timeline = timeline_at_200(qtbot, crisis_900, theme)
    _settle(qtbot, timeline)
    toggles = list(timeline.legend.buttons.values())
    assert [button.accessibleName() or button.text() for button in toggles] == \
        ["Cuba", "Soviet Union", "US\u2013Soviet", "United States"]
    assert all(_whole(button) for button in toggles), "every lane's name shown whole"
    assert _rows(toggles) == 1, "the four lanes on one row"
    assert _rows([*timeline.buttons.values(), *toggles]) == 2, "the toolbar in two rows"
    legend = timeline.legend.geometry()
    assert legend.left() <= timeline.buttons["out"].geometry().left() + 1, "the legend's row starts at the left"


def test_at_100_percent_the_legend_stays_in_the_row_of_buttons(qtbot, crisis_900):
    timeline = crisis_900.timeline
    _settle(qtbot, timeline)
    toggles = list(timeline.legend.buttons.values())
    assert all(_whole(button) for button in toggles)
    assert _rows([*timeline.buttons.values(), *toggles]) == 1


@pytest.mark.parametrize("width", [620, 760, 1280])
def test_at_200_percent_in_any_width_no_toggle_is_cut_or_covers_a_button(qtbot, crisis_900, width):
    crisis_900.text_size.set_percent(200)
    crisis_900.resize(width, 600)
    timeline = crisis_900.timeline
    qtbot.wait_until(lambda: timeline.style_.unit > 1.8)
    _settle(qtbot, timeline)
    toggles = list(timeline.legend.buttons.values())
    assert all(_whole(button) for button in toggles)
    shown = [(w, w.rect().translated(w.mapTo(crisis_900, w.rect().topLeft()))) for w in
             [*timeline.buttons.values(), *toggles] if w.isVisible()]
    for (one, a), (other, b) in [(x, y) for i, x in enumerate(shown) for y in shown[i + 1:]]:
        assert not a.intersects(b), (one.text(), other.text())
    assert all(rect.right() <= crisis_900.width() for _widget, rect in shown), "nothing beyond the window's edge"


def test_in_a_guide_of_ones_own_at_200_percent_the_toolbar_keeps_to_900_px(qtbot, authoring, guide_window):
    # Add Event and Edit Event make the row of buttons alone wider than 900 px at 200%: the window grew to 923.
    guide = authoring.new_guide("The Cold War").ids[0]
    section = authoring.add_section(guide, "Crisis").ids[0]
    for lane, when in (("Berlin", "1948"), ("Korea", "1950"), ("Cuba", "1962"), ("Vietnam", "1965"),
                       ("Space race", "1957")):
        authoring.add_event(guide, section, f"In {lane}", when, "", lane)
    window = guide_window(guide)
    window.tabs.setCurrentWidget(window.timeline)
    window.text_size.set_percent(200)
    timeline = window.timeline
    qtbot.wait_until(lambda: timeline.style_.unit > 1.8)
    _settle(qtbot, timeline)
    qtbot.wait_until(lambda: window.width() == 900)
    editing = window.event_editing
    buttons = [*timeline.buttons.values(), editing.add_button, editing.edit_button, *timeline.legend.buttons.values()]
    assert all(button.isVisible() and button.width() >= button.sizeHint().width() for button in buttons
               if button.maximumWidth() > 100)  # - and + are kept narrow
    assert all(button.mapTo(window, button.rect().topRight()).x() < 900 for button in buttons)
    assert window.minimumSizeHint().width() <= 900
