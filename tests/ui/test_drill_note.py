"""The Flashcards view shows the guide's timeline drills waiting, with a link (and Ctrl+Shift+T) to review them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studyguide.ui.drill_note import OPEN_DRILLS


def test_the_flashcards_view_counts_the_drills_and_opens_them(qtbot, main_window, library, clock) -> None:
    flashcards = main_window.flashcards
    main_window.tabs.setCurrentWidget(flashcards)
    note = flashcards.drills
    qtbot.wait_until(note.isVisible)
    assert note.text().startswith("Timeline drills: 4 new \u00b7 <a")  # one "When did it happen?" per event
    assert "Ctrl+Shift+T" in note.text()
    assert library.due_counts("tiny").new == 3  # the guide's own cards: drills are not among them
    note.linkActivated.emit(OPEN_DRILLS)  # what a click on "Review them" sends
    dialog = main_window.review_actions.drills
    assert dialog is not None
    qtbot.add_widget(dialog)
    qtbot.wait_exposed(dialog)
    dialog.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is dialog)
    view = dialog.view
    assert view.title.text() == "A year-precise event"
    qtbot.keyClicks(view.entry, "1959")
    qtbot.keyClick(view.entry, Qt.Key.Key_Return)
    with qtbot.wait_signal(view.answer_recorded):
        qtbot.keyClick(view.entry, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: note.text().startswith("Timeline drills: 3 new \u00b7 <a"))  # redrawn with the answer
    clock.advance(minutes=11)  # the drill's learning step falls due
    flashcards.redraw()
    assert note.text().startswith("Timeline drills: 3 new \u00b7 1 due \u00b7 <a")


def test_no_note_without_drills_waiting(qtbot, main_window, library, clock, monkeypatch) -> None:
    from studyguide.domain.review import DueCounts

    monkeypatch.setattr(library.review, "drill_counts", lambda guide_id, guide: DueCounts())
    flashcards = main_window.flashcards
    main_window.tabs.setCurrentWidget(flashcards)
    flashcards.redraw()
    assert not flashcards.drills.isVisible()
