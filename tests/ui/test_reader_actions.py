"""Cards and events made from the reader's selection (issue 15)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studyguide.ui.reader_actions import cloze_text, find_date, sentence_around
from tests.ui import test_section_editing as writable

guide, window = writable.guide, writable.window



def test_the_cloze_hides_the_selection_in_its_sentence() -> None:
    text = "Kennedy spoke first. Then Khrushchev wrote a long letter. It ended."
    start = text.index("Khrushchev")
    assert cloze_text(text, start, start + len("Khrushchev")) == "Then {{c1::Khrushchev}} wrote a long letter."


@given(st.text(alphabet="ab .!?", max_size=40), st.data())
def test_the_sentence_holds_the_selection(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    sentence, a, b = sentence_around(text, start, end)
    assert sentence[a:b] == text[start:end]
    assert sentence in text and len(sentence.strip()) >= len(text[start:end].strip())


def test_a_date_is_found_in_a_selection() -> None:
    assert find_date("On October 22, 1962 Kennedy spoke") == "October 22, 1962"
    assert find_date("talks in fall 1961, quietly") == "fall 1961"
    assert find_date("Caesar died in 44 BC.") == "44 BC"
    assert find_date("no date here, 12 men") == ""


def _select_text(window, word: str) -> None:
    reader = window.sections.text
    cursor = reader.document().find(word)
    assert cursor.hasSelection()
    reader.setTextCursor(cursor)


def test_make_a_cloze_card_from_the_selection(qtbot, window, library, guide) -> None:
    window.writing.write(None, lambda a: a.edit_section(guide, "crisis", body="Kennedy chose a quarantine. It held."))
    window.sections.show_section("crisis")
    _select_text(window, "quarantine")
    menu = window.reader_actions.build_menu()
    labels = [a.text() for a in menu.actions()]
    assert "Make a Cloze Card from This" in labels and "Make an Event from This\u2026" in labels
    next(a for a in menu.actions() if a.text() == "Make a Cloze Card from This").trigger()
    [card] = library.content(guide).cards("crisis")
    assert "quarantine" not in card.front and card.front.startswith("Kennedy chose a ")
    assert "quarantine" in card.back
    [note] = window.writing.authoring.notes(guide, "crisis")
    assert note.front == "Kennedy chose a {{c1::quarantine}}."
    assert window.undo_action.text() == "&Undo Add Card"


def test_make_an_event_from_the_selection_prefills_the_date(qtbot, window, guide) -> None:
    window.writing.write(None, lambda a: a.edit_section(guide, "crisis",
                                                        body="The blockade began on October 24, 1962 at sea."))
    window.sections.show_section("crisis")
    reader = window.sections.text
    cursor = reader.document().find("The blockade began on October 24, 1962")
    reader.setTextCursor(cursor)
    dialog = window.reader_actions.make_event()
    assert dialog is not None
    assert dialog.when_box.text() == "October 24, 1962"
    assert dialog.when_note.text() == "October 24, 1962 \u00b7 a day"
    assert dialog.title_box.text() == "The blockade began on"
    assert dialog.section_box.currentData() == "crisis"
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_make_a_basic_card_opens_the_add_card_dialog_prefilled(qtbot, window, guide) -> None:
    window.writing.write(None, lambda a: a.edit_section(guide, "crisis", body="The hotline linked Washington."))
    window.sections.show_section("crisis")
    _select_text(window, "Washington")
    dialog = window.reader_actions.make_card()
    assert dialog is not None and dialog.isVisible()
    assert dialog.back.toPlainText() == "Washington"
    assert dialog.front.toPlainText() == "The hotline linked \u2026."
    dialog.reject()


def test_nothing_to_make_on_the_bundled_guide(qtbot, window, library) -> None:
    bundled = next(g.id for g in library.guides() if not library.is_user_guide(g.id))
    window.select_guide(bundled)
    window.sections.text.selectAll()
    labels = [a.text() for a in window.reader_actions.build_menu().actions()]
    assert not any(label.startswith("Make") for label in labels)
