"""Issue 15's "Done means", as a new user does it in the real window, with real keys and clicks:
make a guide (File > New Guide), write two sections with an image each (pasted with Ctrl+V), add
a basic, a reversed, a cloze and a type-in card and an event dated "fall 1961", find everything
by search at once, review the new cards, then restart (a new window on the same library folder) and find it all there.

The dialogs that block (New Guide, the section title) are typed into while they are up
(``_in_modal``); nothing is set behind the app's back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from tests.ui.test_authoring_window import _in_modal, activate, open_window, search_ids, type_card  # noqa: F401

_CTRL = Qt.KeyboardModifier.ControlModifier
_CTRL_SHIFT = _CTRL | Qt.KeyboardModifier.ShiftModifier


def _new_guide_by_menu(qtbot, window, title: str, subject: str) -> None:
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    assert window.authoring_actions.new_guide_action in file_menu.actions()

    def fill(dialog) -> None:
        activate(qtbot, dialog)
        assert dialog.title_box.hasFocus()
        qtbot.keyClicks(dialog.title_box, title)
        qtbot.keyClick(dialog.title_box, Qt.Key.Key_Tab)
        assert dialog.subject_box.hasFocus()
        qtbot.keyClicks(dialog.subject_box, subject)
        qtbot.keyClick(dialog.subject_box, Qt.Key.Key_Return)

    _in_modal(qtbot, fill)
    qtbot.keyClick(window, Qt.Key.Key_G, _CTRL_SHIFT)  # File > New Guide's key
    activate(qtbot, window)


def _paste_image(qtbot, box, colour: str) -> None:
    """Put a picture on the clipboard (as a screenshot tool does) and press Ctrl+V in ``box``."""
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    QApplication.clipboard().setImage(image)
    qtbot.keyClick(box, Qt.Key.Key_V, _CTRL)


def _write_section(qtbot, window, title: str, body: str, tags: str, image: str = "") -> str:
    view, editing = window.sections, window.section_editing

    def name_it(dialog) -> None:
        assert isinstance(dialog, QInputDialog)
        activate(qtbot, dialog)
        box = dialog.findChild(QLineEdit)
        qtbot.keyClicks(box, title)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    view.list.setFocus()
    qtbot.wait_until(view.list.hasFocus)
    _in_modal(qtbot, name_it)
    qtbot.keyClick(view.list, Qt.Key.Key_N, _CTRL_SHIFT)  # Add Section…
    activate(qtbot, window)
    qtbot.wait_until(lambda: view.list.currentIndex().data() is not None
                     and view.list.currentIndex().data().endswith(title))
    editor = editing.editor  # a new section opens in the editor, its text box focused
    assert editing.stack.currentWidget() is editor and editor.body.hasFocus()
    qtbot.keyClicks(editor.body, body)
    if image:  # a picture pasted at the end of the text, then a word after it
        qtbot.keyClick(editor.body, Qt.Key.Key_Return)
        _paste_image(qtbot, editor.body, image)
        qtbot.keyClicks(editor.body, " Zulu map.")
    qtbot.mouseClick(editor.tags, Qt.MouseButton.LeftButton)  # clicking away saves at once
    qtbot.keyClicks(editor.tags, tags)
    with qtbot.wait_signal(editor.saved):
        qtbot.mouseClick(editor.body, Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor.body, Qt.Key.Key_E, _CTRL)  # back to the reader
    assert editing.stack.currentWidget() is view.text
    section_id: str = view.current_section_id()
    return section_id


def test_a_new_user_writes_a_guide_finds_it_reviews_it_and_finds_it_after_a_restart(  # noqa: F811
        qtbot, open_window):  # noqa: F811
    window = open_window()
    _new_guide_by_menu(qtbot, window, "Cold War Notes", "History")
    guide_id = window.guide_id
    assert guide_id == "cold-war-notes" and window.tabs.currentWidget() is window.sections

    berlin = _write_section(qtbot, window, "Berlin", "The Wall went up in **August 1961**. Zulu.", "berlin",
                            image="#2c3e50")
    cuba = _write_section(qtbot, window, "Cuba", "Missiles were found in *October 1962*. Zulu.", "cuba",
                          image="#c0392b")
    assert window.sections.current_section_id() == cuba
    assert "Missiles were found in October 1962" in window.sections.text.toPlainText()
    media = window._attached.media(guide_id)
    pictures = {section: next(n for n in media.names() if f"media/{n}" in window._attached.content(guide_id)
                              .section(section).body) for section in (berlin, cuba)}
    assert len(set(pictures.values())) == 2 and len(media.names()) == 2  # each stored once, in the guide's folder
    assert window.sections.text.images == [f"media/{pictures[cuba]}"]  # the reader shows it

    qtbot.keyClick(window, Qt.Key.Key_N, _CTRL)  # Cards > Add Card, on the section shown
    dialog = window.authoring_actions.dialog
    assert dialog.section_box.currentData() == cuba
    cards: dict[str, list[str]] = {}
    for kind, front, back in (("basic", "Zulu: who led the USSR?", "Khrushchev"),
                              ("reversed", "Zulu capital", "Havana"),
                              ("cloze", "Zulu: the quarantine began on {{c1::22 October::date}}", ""),
                              ("typein", "Zulu: year of the crisis?", "1962")):
        with qtbot.wait_signal(dialog.added) as added:
            type_card(qtbot, dialog, kind, front, back, tags="drill")
        cards[kind] = list(added.args[0])
    qtbot.keyClick(dialog.front, Qt.Key.Key_Escape)
    activate(qtbot, window)

    window.tabs.setCurrentWidget(window.sections)
    window.sections.show_section(berlin)
    window.sections.list.setFocus()
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, _CTRL_SHIFT)  # Add Event…, to the section shown
    events = window.event_editing.dialog
    activate(qtbot, events)
    qtbot.keyClicks(events.title_box, "Zulu summit")
    qtbot.keyClicks(events.when_box, "fall 1961")
    assert events.when_note.text() == "fall 1961 \u00b7 a season"  # how it reads, as it is typed
    qtbot.keyClick(events.when_box, Qt.Key.Key_Return)
    activate(qtbot, window)

    every_card = {c for ids in cards.values() for c in ids}
    assert len(every_card) == 5
    everything = every_card | {berlin, cuba, "zulu-summit"}
    assert search_ids(qtbot, window, "zulu") == everything  # one search finds it all, at once
    assert search_ids(qtbot, window, "tag:drill") == every_card
    assert search_ids(qtbot, window, "tag:berlin") == {berlin}
    assert window._attached.content(guide_id).events()[0].when.label() == "fall 1961"

    window.tabs.setCurrentWidget(window.flashcards)  # review the five new cards
    view = window.flashcards
    reviewed = []
    while view.session is not None and view.session.current is not None:
        if view.typed.isVisible():
            qtbot.keyClicks(view.typed, "1962")
            qtbot.keyClick(view.typed, Qt.Key.Key_Return)
        else:
            qtbot.keyClick(view, Qt.Key.Key_Space)
        reviewed.append(view.session.current.card.id)
        with qtbot.wait_signal(view.answer_recorded):
            qtbot.keyClick(view, Qt.Key.Key_4)  # Easy: none comes back today
    assert sorted(reviewed) == sorted(every_card)

    window.close()
    QApplication.processEvents()
    again = open_window()  # a restart on the same library folder
    again.select_guide(guide_id)
    assert again.guide_id == guide_id and again.guide_picker.currentText() == "Cold War Notes"
    assert search_ids(qtbot, again, "zulu") == everything
    assert search_ids(qtbot, again, "tag:cuba") == {cuba}
    assert again._attached.start_review(guide_id).counts().new == 0  # the answers were kept
    assert [t for _, t in again._attached.content(guide_id).section_titles()] == ["Berlin", "Cuba"]
    again.tabs.setCurrentWidget(again.sections)
    again.sections.show_section(berlin)
    assert again.sections.text.images == [f"media/{pictures[berlin]}"]  # the picture is still there
