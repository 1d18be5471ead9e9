"""The reviewer's quiet "Re-read <section>" link and the Sections list's marker."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.ui.reread import MARKER
from studyguide.ui.sections import SectionListModel
from tests.unit.test_forgetting import lapse_first_section_three_times


def _show_card(qtbot, window, card_id: str):
    view = window.flashcards
    window.tabs.setCurrentWidget(view)
    view.refresh()
    assert view.session.bring_to_front(card_id)
    view.redraw()
    return view


def test_reviewer_offers_to_reread_the_section_whose_cards_keep_lapsing(qtbot, main_window, library, clock):
    lapse_first_section_three_times(library, clock)
    view = _show_card(qtbot, main_window, "begins-with")
    assert "reread:first" in view.source.text() and "Re-read <i>First steps</i>" in view.source.text()
    assert "3 times in the last 7 days" in view.source.toolTip()
    view.source.linkActivated.emit("reread:first")  # what a click on the link sends
    assert main_window.tabs.currentWidget() is main_window.sections
    assert main_window.sections.current_section_id() == "first"
    other = _show_card(qtbot, main_window, "who-wrote")  # "second" lapsed once: nothing offered
    assert "reread:" not in other.source.text() and other.source.toolTip() == ""


def test_no_link_before_cards_lapse(qtbot, main_window):
    view = _show_card(qtbot, main_window, "where-signed")
    assert view.source.text().startswith("From ") and "Re-read" not in view.source.text()


def test_sections_list_marks_the_section_with_a_tooltip(qtbot, main_window, library, clock):
    lapse_first_section_three_times(library, clock)
    sections = main_window.sections
    with qtbot.wait_signal(sections.counts_updated):
        main_window.tabs.setCurrentWidget(sections)
        sections.refresh()
    model = sections.model
    first, second = model.index(model.row_of("first")), model.index(model.row_of("second"))
    assert first.data(SectionListModel.RereadRole) == 3 and second.data(SectionListModel.RereadRole) == 0
    assert first.data(SectionListModel.CountsRole).startswith(MARKER)
    assert MARKER not in (second.data(SectionListModel.CountsRole) or "")
    assert "re-reading the section may help" in first.data(Qt.ItemDataRole.ToolTipRole)
