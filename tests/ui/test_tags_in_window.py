"""Tags in the window (issue 15): sections tagged in the section editor, cards in the Add Card
dialog and in the reviewer's edit (E) dialog; ``tag:NAME`` finds each at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_authoring_window import _in_modal, activate, add_section, new_guide, open_window  # noqa: F401

_CTRL = Qt.KeyboardModifier.ControlModifier


def tagged(window, tag: str) -> list[tuple[str, str]]:
    return sorted((h.kind, h.item_id) for h in window._attached.search.search(f"tag:{tag}").hits)


def test_e_in_the_reviewer_tags_a_card_found_by_tag_at_once(qtbot, open_window):  # noqa: F811
    window = open_window()
    guide_id = new_guide(qtbot, window, "Cold War")
    section = add_section(window, guide_id, "Berlin")
    card_id = window.authoring_actions.authoring.add_card(guide_id, section, "Wall built?", "1961",
                                                          tags=["berlin"]).ids[0]
    window.tabs.setCurrentWidget(window.flashcards)
    assert tagged(window, "berlin") == [("card", card_id)]

    def edit(dialog) -> None:
        activate(qtbot, dialog)
        assert dialog.tags.text() == "berlin"
        dialog.tags.setFocus()
        qtbot.keyClick(dialog.tags, Qt.Key.Key_End)
        qtbot.keyClicks(dialog.tags, " wall")
        qtbot.keyClick(dialog.tags, Qt.Key.Key_Return, _CTRL)

    _in_modal(qtbot, edit)
    qtbot.keyClick(window.flashcards, Qt.Key.Key_E)
    activate(qtbot, window)

    assert tagged(window, "wall") == [("card", card_id)] and tagged(window, "berlin") == [("card", card_id)]
    window.undo_action.trigger()
    assert tagged(window, "wall") == []


def test_a_section_is_tagged_in_the_section_editor(qtbot, open_window):  # noqa: F811
    window = open_window()
    guide_id = new_guide(qtbot, window, "Cold War")
    section = add_section(window, guide_id, "Berlin")
    window.sections.refresh()
    window.sections.show_section(section)
    window.sections.list.setFocus()
    qtbot.wait_until(window.sections.list.hasFocus)
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, _CTRL)
    editor = window.section_editing.editor
    assert editor.body.hasFocus()
    qtbot.keyClick(editor.body, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # the Tags box
    assert editor.tags.hasFocus()
    qtbot.keyClicks(editor.tags, "cold-war, wall")
    editor.body.setFocus()  # leaving the box saves at once
    qtbot.wait_until(lambda: tagged(window, "wall") == [("section", section)])
    assert tagged(window, "cold-war") == [("section", section)]
    assert window.authoring_actions.authoring.section_tags(guide_id, section) == ("cold-war", "wall")
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, _CTRL)  # closed and opened again: the tags are shown
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, _CTRL)
    assert editor.tags.text() == "cold-war wall"


def test_the_add_card_dialog_tags_every_card_of_a_note(qtbot, open_window):  # noqa: F811
    from tests.ui.test_authoring_window import type_card

    window = open_window()
    guide_id = new_guide(qtbot, window, "Cold War")
    add_section(window, guide_id, "Berlin")
    qtbot.keyClick(window, Qt.Key.Key_N, _CTRL)
    dialog = window.authoring_actions.dialog
    type_card(qtbot, dialog, "reversed", "Capital of the GDR", "East Berlin", tags="capitals germany")

    assert tagged(window, "germany") == [("card", "capital-of-the-gdr"), ("card", "capital-of-the-gdr-reversed")]
    dialog.close()


def test_a_card_worded_in_the_reviewer_then_copied_is_edited_tagged_and_found(qtbot, open_window,  # noqa: F811
                                                                             monkeypatch):
    from studyguide.ui.review_dialogs import CardEditDialog

    window = open_window()
    bundled, library = window.guide_id, window._attached
    window.tabs.setCurrentWidget(window.flashcards)
    card_id = window.flashcards.session.current.card.id

    def reword(dialog) -> int:  # E on the bundled guide: the learner's own wording
        dialog.back.setPlainText("Vienna, in my words")
        return CardEditDialog.DialogCode.Accepted

    monkeypatch.setattr(CardEditDialog, "exec", reword)
    qtbot.keyClick(window.flashcards, Qt.Key.Key_E)
    assert library.card_edits(bundled)[card_id].back == "Vienna, in my words"
    window.authoring_actions.copy_action.trigger()  # the guide becomes the user's, the card keeps its id
    window.tabs.setCurrentWidget(window.flashcards)
    assert window.flashcards.session.current.card.id == card_id

    def edit(dialog) -> None:  # E again: now the card editor, showing the learner's wording
        activate(qtbot, dialog)
        assert dialog.back.toPlainText() == "Vienna, in my words"
        dialog.back.selectAll()
        qtbot.keyClicks(dialog.back, "Vienna, June 1961")
        dialog.tags.setFocus()
        qtbot.keyClicks(dialog.tags, "summit")
        qtbot.keyClick(dialog.tags, Qt.Key.Key_Return, _CTRL)

    _in_modal(qtbot, edit)
    qtbot.keyClick(window.flashcards, Qt.Key.Key_E)
    activate(qtbot, window)

    assert tagged(window, "summit") == [("card", card_id)]
    assert [h.item_id for h in library.search.search("june").hits] == [card_id]
    assert not library.search.search("words").hits
    assert library.start_review(bundled).current.card.back == "Vienna, June 1961"
    window.undo_action.trigger()  # the learner's wording is back, the tag gone
    assert library.card_edits(bundled)[card_id].back == "Vienna, in my words" and tagged(window, "summit") == []
