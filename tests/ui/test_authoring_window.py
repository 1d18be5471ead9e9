"""Writing a guide in the window (issue 15): File > New Guide, Cards > Add Card, E in the reviewer.

Real keys and clicks: the dialogs are typed into with keyClicks and confirmed with their keys.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from studyguide.authoring import Authoring
from studyguide.ui.main_window import MainWindow


@pytest.fixture
def open_window(qtbot, make_library):
    """Opens a window (with the authoring service) on the same library folder, as a restart would."""
    made: list[Authoring] = []

    def open_() -> MainWindow:
        library = make_library()
        authoring = Authoring(library=library)
        made.append(authoring)
        window = MainWindow(library=library, authoring=authoring)
        qtbot.add_widget(window)
        window.resize(900, 600)
        window.show()
        activate(qtbot, window)
        return window

    yield open_
    for authoring in made:
        authoring.close()


def activate(qtbot, window) -> None:
    """Make ``window`` the active one (its shortcuts, Ctrl+Z, only fire there)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _in_modal(qtbot, act) -> None:
    """Run ``act(dialog)`` on the modal dialog once it is up (exec() blocks the test)."""
    def later() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        try:
            act(dialog)
        finally:
            if dialog.isVisible():  # a failed step must not leave exec() waiting forever
                dialog.reject()

    QTimer.singleShot(0, later)


def new_guide(qtbot, window: MainWindow, title: str, subject: str = "") -> str:
    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.title_box, title)
        qtbot.keyClicks(dialog.subject_box, subject)
        qtbot.keyClick(dialog.subject_box, Qt.Key.Key_Return)

    _in_modal(qtbot, fill)
    window.authoring_actions.new_guide_action.trigger()
    activate(qtbot, window)  # back from the dialog: the window's shortcuts fire again
    return window.guide_id


def test_new_guide_is_made_shown_empty_and_undone(qtbot, open_window):
    window = open_window()
    bundled = window.guide_id
    assert window.authoring_actions.copy_action.isEnabled()  # the bundled guide can be copied

    guide_id = new_guide(qtbot, window, "The Cold War", "History")

    assert guide_id == "the-cold-war"
    assert window.guide_picker.currentText() == "The Cold War"
    assert window.windowTitle().startswith("The Cold War")
    assert not window.authoring_actions.copy_action.isEnabled()  # already the user's
    assert "Add a section (Ctrl+Shift+N)" in window.sections.text.toPlainText()
    window.tabs.setCurrentWidget(window.flashcards)
    assert window.flashcards.front.text() == "No cards yet."
    assert "Ctrl+N" in window.flashcards.back.text()
    assert window.undo_action.text() == "&Undo New Guide"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert window.guide_picker.findData(guide_id) < 0
    assert window.guide_id == bundled


def test_a_new_guide_needs_a_title(qtbot, open_window):
    window = open_window()
    seen: list[str] = []

    def fill(dialog) -> None:
        qtbot.keyClick(dialog.title_box, Qt.Key.Key_Return)  # empty title: refused inline, stays open
        seen.append(dialog.error.text() if dialog.error.isVisible() else "")
        dialog.reject()

    _in_modal(qtbot, fill)
    assert window.authoring_actions.new_guide() == ""
    assert seen == ["The guide's title is empty."]


def add_section(window: MainWindow, guide_id: str, title: str) -> str:
    """A section through the service (the Sections view's editor is tested with it)."""
    section_id: str = window.authoring_actions.authoring.add_section(guide_id, title).ids[0]  # type: ignore[attr-defined]
    return section_id


def type_card(qtbot, dialog, kind: str, front: str, back: str = "", tags: str = "") -> None:
    """Choose the type, type Front, Back and Tags, and press Ctrl+Return."""
    activate(qtbot, dialog)
    dialog.type_box.setCurrentIndex(dialog.type_box.findData(kind))
    qtbot.keyClicks(dialog.front, front)
    qtbot.keyClicks(dialog.back, back)
    dialog.tags.clear()
    qtbot.keyClicks(dialog.tags, tags)
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_add_card_dialog_adds_each_type_stays_open_and_undo_removes(qtbot, open_window):
    window = open_window()
    guide_id = new_guide(qtbot, window, "The Cold War")
    add_section(window, guide_id, "Berlin")
    crisis = add_section(window, guide_id, "The Crisis")
    window.sections.refresh()
    window.sections.show_section(crisis)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.authoring_actions.dialog
    assert dialog.isVisible()
    assert dialog.guide_box.currentData() == guide_id
    assert dialog.section_box.currentData() == crisis  # the current section is chosen

    type_card(qtbot, dialog, "basic", "Who led the USSR?", "Khrushchev", "ussr leaders")
    type_card(qtbot, dialog, "reversed", "Castro", "Cuba's leader")
    type_card(qtbot, dialog, "typein", "Capital of Cuba?", "Havana")

    content = window._attached.content(guide_id)
    assert {c.front for c in content.cards()} == {"Who led the USSR?", "Castro", "Cuba's leader", "Capital of Cuba?"}
    assert dialog.isVisible() and dialog.front.toPlainText() == "" and dialog.back.toPlainText() == ""
    assert dialog.status.text() == "Added 1 card."

    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Capital of Cuba?" not in {c.front for c in content.cards()}  # Undo Add Card removed it


def test_cloze_button_numbers_deletions_and_a_cloze_without_one_is_refused_inline(qtbot, open_window):
    window = open_window()
    guide_id = new_guide(qtbot, window, "The Cold War")
    add_section(window, guide_id, "The Crisis")
    window.authoring_actions.add_card()
    dialog = window.authoring_actions.dialog
    activate(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # the Type label's mnemonic
    assert dialog.type_box.hasFocus()
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("cloze"))
    qtbot.keyClicks(dialog.front, "In 1962 the Soviets put missiles in Cuba")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.error.isVisible() and "{{c1::answer}}" in dialog.error.text()
    assert window._attached.content(guide_id).card_count() == 0

    dialog.front.selectAll()
    qtbot.keyClicks(dialog.front, "In ")
    qtbot.keyClick(dialog.front, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(dialog.front, "1962")
    qtbot.keyClick(dialog.front, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.front, " the Soviets put missiles in ")
    qtbot.keyClicks(dialog.front, "Cuba")
    for _ in "Cuba":
        qtbot.keyClick(dialog.front, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    dialog.cloze_button.click()
    assert dialog.front.toPlainText() == "In {{c1::1962}} the Soviets put missiles in {{c2::Cuba}}"

    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.error.isVisible()
    cards = window._attached.content(guide_id).cards()
    assert [c.front for c in cards] == ["In [...] the Soviets put missiles in Cuba",
                                        "In 1962 the Soviets put missiles in [...]"]


def search_ids(qtbot, window: MainWindow, text: str) -> set[str]:
    """Type ``text`` in Search and wait for its results: the ids of the hits."""
    window.tabs.setCurrentWidget(window.search)
    window.search.box.clear()
    with qtbot.wait_signal(window.search.results_shown, timeout=3000):
        qtbot.keyClicks(window.search.box, text)
    while window.search.pending:  # that was an earlier text's results: wait for this one's
        with qtbot.wait_signal(window.search.results_shown, timeout=3000):
            pass
    result = window.search.result
    assert result is not None
    return {hit.item_id for hit in result.hits}


def test_write_find_review_and_restart(qtbot, open_window):
    """A new guide's four kinds of cards: added, found by search at once, reviewed (type-in typed,
    cloze answer highlighted), and all there after a restart."""
    window = open_window()
    guide_id = new_guide(qtbot, window, "Caribbean Crisis")
    add_section(window, guide_id, "Missiles")
    window.authoring_actions.add_card()
    dialog = window.authoring_actions.dialog
    ids: dict[str, list[str]] = {}
    for kind, front, back, word in (("basic", "Who led the USSR in 1962?", "Khrushchev", "khrushchev"),
                                    ("reversed", "Castro", "Cuba's prime minister", "prime"),
                                    ("cloze", "The missiles were in {{c1::Cuba::island}}", "", "missiles"),
                                    ("typein", "Capital of Cuba?", "Havana", "havana")):
        with qtbot.wait_signal(dialog.added) as added:
            type_card(qtbot, dialog, kind, front, back)
        ids[kind] = list(added.args[0])
        assert set(ids[kind]) & search_ids(qtbot, window, word), kind  # found at once
    assert [len(v) for v in ids.values()] == [1, 2, 1, 1]
    dialog.close()

    activate(qtbot, window)
    window.tabs.setCurrentWidget(window.flashcards)
    view = window.flashcards
    seen: dict[str, str] = {}
    while view.session is not None and view.session.current is not None:
        card = view.session.current.card
        if card.id in seen:
            break
        if view.typed.isVisible():
            assert view.typed.hasFocus()
            qtbot.keyClicks(view.typed, "Havanna")
            qtbot.keyClick(view.typed, Qt.Key.Key_Return)
        else:
            assert "{{" not in view.front.text()
            qtbot.keyClick(view, Qt.Key.Key_Space)
        seen[card.id] = view.back.text()
        assert view.back.isVisible()
        with qtbot.wait_signal(view.answer_recorded):
            qtbot.keyClick(view, Qt.Key.Key_3)
    assert set(seen) == {i for v in ids.values() for i in v}
    cloze = seen[ids["cloze"][0]]
    assert "font-weight:bold'>Cuba</span>" in cloze  # the hidden word, highlighted
    typed = seen[ids["typein"][0]]
    assert "line-through'>n</span>" in typed and "Havana" in typed  # the extra n marked wrong

    window.close()
    again = open_window()
    assert again.guide_picker.findData(guide_id) >= 0
    for word in ("khrushchev", "prime", "missiles", "havana"):
        assert search_ids(qtbot, again, word) & {i for v in ids.values() for i in v}, word
    assert {c.id for c in again._attached.content(guide_id).cards()} == {i for v in ids.values() for i in v}


def test_e_in_the_reviewer_edits_a_guide_card_in_the_card_editor(qtbot, open_window):
    window = open_window()
    guide_id = new_guide(qtbot, window, "Cold War")
    section = add_section(window, guide_id, "Berlin")
    card_id = window.authoring_actions.authoring.add_card(guide_id, section, "Wall built?", "1961").ids[0]  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(window.flashcards)
    assert window.flashcards.front.text() == "Wall built?"

    def edit(dialog) -> None:
        assert dialog.windowTitle() == "Edit Card" and dialog.back.toPlainText() == "1961"
        activate(qtbot, dialog)
        dialog.back.selectAll()
        qtbot.keyClicks(dialog.back, "August 1961")
        qtbot.keyClick(dialog.back, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    _in_modal(qtbot, edit)
    qtbot.keyClick(window.flashcards, Qt.Key.Key_E)
    activate(qtbot, window)

    assert window._attached.card(guide_id, card_id).back == "August 1961"  # same id: schedule kept
    assert window.undo_action.text() == "&Undo Edit Card"


def test_make_an_editable_copy_keeps_the_progress(qtbot, open_window):
    window = open_window()
    bundled = window.guide_id
    library = window._attached
    assert not library.is_user_guide(bundled)
    window.tabs.setCurrentWidget(window.flashcards)
    view = window.flashcards
    answered = view.session.current.card.id
    qtbot.keyClick(view, Qt.Key.Key_Space)
    with qtbot.wait_signal(view.answer_recorded):
        qtbot.keyClick(view, Qt.Key.Key_4)  # Easy: not due again for days
    before = library.start_review(bundled).counts()

    window.authoring_actions.copy_action.trigger()

    assert library.is_user_guide(bundled) and window.guide_id == bundled
    assert not window.authoring_actions.copy_action.isEnabled()
    assert window.undo_action.text() == "&Undo Make an Editable Copy"
    assert library.content(bundled).card(answered) is not None  # the same card id
    assert library.start_review(bundled).counts() == before  # its schedule came along: not new again
    assert view.session is not None and view.session.current.card.id != answered
    window.authoring_actions.add_card()  # the copy takes cards
    assert window.authoring_actions.dialog.guide_box.currentData() == bundled
