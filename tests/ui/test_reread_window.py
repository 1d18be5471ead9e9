"""The reviewer's quiet "Re-read <section>" link and the Sections list's marker."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.ui.reread import MARKER
from studyguide.ui.sections import SectionListModel
from studyguide.ui.widgets.markdown_view import PASSAGE, MarkdownView
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
    assert "reread:first?card=begins-with" in view.source.text() and "Re-read <i>First steps</i>" in view.source.text()
    assert "3 times in the last 7 days" in view.source.toolTip()
    view.source.linkActivated.emit("reread:first?card=begins-with")  # what a click on the link sends
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


def _tinted(text_view, passage: str) -> bool:
    found = text_view.document().find(passage)
    return not found.isNull() and found.charFormat().background().color() == PASSAGE


def test_reread_opens_the_reader_at_the_cards_passage_tinted(qtbot, main_window, library, clock):
    lapse_first_section_three_times(library, clock)
    view = _show_card(qtbot, main_window, "begins-with")
    view.source.linkActivated.emit("reread:first?card=begins-with")
    sections = main_window.sections
    assert main_window.tabs.currentWidget() is sections and sections.current_section_id() == "first"
    assert _tinted(sections.text, "Negotiation begins with patience.")
    assert not _tinted(sections.text, "The treaty was signed in Paris.")
    sections.show_section("first")  # opened again from the list: no tint any more
    assert not _tinted(sections.text, "Negotiation begins with patience.")
    view = _show_card(qtbot, main_window, "where-signed")
    view.source.linkActivated.emit("reread:first?card=where-signed")
    assert _tinted(sections.text, "The treaty was signed in Paris.")
    assert not _tinted(sections.text, "Negotiation begins with patience.")


def test_the_passage_is_scrolled_into_view(qtbot):
    text = MarkdownView()
    qtbot.add_widget(text)
    text.resize(500, 300)
    text.show()
    filler = "\n\n".join(f"Paragraph {i} of words that fill the reader well past its height." for i in range(60))
    text.show_markdown(filler + "\n\nThe missiles were removed in November. More follows.\n\n" + filler)
    assert text.verticalScrollBar().value() == 0
    assert text.mark_passage("The missiles were removed in November.")
    found = text.document().find("The missiles were removed in November.")
    top = text.cursorRect(found).top()
    assert text.verticalScrollBar().value() > 0 and 0 <= top < text.viewport().height() // 2
    assert not text.mark_passage("Words the text does not hold.")
