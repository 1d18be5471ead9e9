"""Adding and editing events in the window (issue 15): the date field reads the app's date
language and says how it reads or why not; Save waits for a valid date; each save is undoable
and the timeline shows the event at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studyguide.ui.event_dialog import EventDialog
from tests.ui import test_section_editing as writable

# The window on a user's guide with two sections (Origins, Crisis).
guide, window = writable.guide, writable.window


def _open_add(qtbot, window, widget) -> EventDialog:
    widget.setFocus()
    qtbot.wait_until(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.event_editing.dialog
    assert dialog is not None
    qtbot.wait_exposed(dialog)
    return dialog


def test_an_invalid_date_disables_save_and_says_why(qtbot, window):
    dialog = _open_add(qtbot, window, window.sections.list)
    qtbot.keyClicks(dialog.title_box, "Talks")
    qtbot.keyClicks(dialog.when_box, "Febtember 3, 1962")
    assert not dialog.save_button.isEnabled()
    assert "is not a date" in dialog.when_note.text() and "d9534f" in dialog.when_note.styleSheet()
    assert dialog.when_note.text().startswith("'Febtember 3, 1962'")  # the reason, as written (not lowercased)
    assert "April 12, 1962" in dialog.when_note.text()
    dialog.when_box.clear()
    qtbot.keyClicks(dialog.when_box, "October 16-28, 1962")
    assert dialog.when_note.text() == "October 16\u201328, 1962 \u00b7 a period of 13 days"
    assert dialog.save_button.isEnabled()
    dialog.reject()


def test_fall_1961_is_added_to_the_section_shown_shown_on_the_timeline_and_undone(qtbot, window, library, guide):
    window.sections.show_section("crisis")
    dialog = _open_add(qtbot, window, window.sections.list)
    assert dialog.section_box.currentData() == "crisis"
    qtbot.keyClicks(dialog.title_box, "Vienna summit follow-up")
    qtbot.keyClicks(dialog.when_box, "fall 1961")
    assert dialog.when_note.text() == "fall 1961 \u00b7 a season"
    qtbot.keyClicks(dialog.lane_box.lineEdit(), "US")
    qtbot.keyClicks(dialog.description_box, "Quiet talks.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: not dialog.isVisible())
    [event] = library.content(guide).events()
    assert (event.title, event.when.label(), event.lane, event.section_id) == (
        "Vienna summit follow-up", "fall 1961", "US", "crisis")
    assert window.undo_action.text() == "&Undo Add Event"
    window.tabs.setCurrentWidget(window.timeline)
    assert [e.id for e in window.timeline.events] == [event.id]
    window.timeline.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.content(guide).events() == []
    assert window.timeline.events == []  # the timeline on screen follows the undo
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [e.id for e in window.timeline.events] == [event.id]


def test_an_event_is_edited_from_the_timeline(qtbot, window, library, guide, authoring):
    event_id = window.writing.write(None, lambda a: a.add_event(guide, "origins", "Bay of Pigs",
                                                                "April 17, 1961")).ids[0]
    window.tabs.setCurrentWidget(window.timeline)
    window.timeline.refresh()
    assert window.timeline.select_event(event_id)
    assert window.event_editing.edit_button.isEnabled()
    qtbot.mouseClick(window.event_editing.edit_button, Qt.MouseButton.LeftButton)
    dialog = window.event_editing.dialog
    assert dialog is not None and dialog.when_box.text() == "April 17, 1961"
    dialog.when_box.selectAll()
    qtbot.keyClicks(dialog.when_box, "April 17-20, 1961")
    assert dialog.when_note.text().endswith("a period of 4 days")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert library.content(guide).events()[0].when.label() == "April 17\u201320, 1961"
    assert "April 17\u201320, 1961" in window.timeline.details.toPlainText()
    assert window.undo_action.text() == "&Undo Edit Event"


def test_no_event_commands_on_the_bundled_guide(qtbot, window, library):
    bundled = next(g.id for g in library.guides() if not library.is_user_guide(g.id))
    window.select_guide(bundled)
    window.tabs.setCurrentWidget(window.timeline)
    assert not window.event_editing.add_button.isVisible()
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.event_editing.dialog is None
    assert QApplication.activeModalWidget() is None


def test_an_empty_timeline_says_how_to_add_an_event_and_the_keys_do_it(qtbot, window):
    window.tabs.setCurrentWidget(window.timeline)
    timeline = window.timeline
    qtbot.wait_until(timeline.empty_message.isVisible)
    assert "Ctrl+Shift+E" in timeline.empty_message.text()
    assert window.event_editing.add_button.isVisible()
    dialog = _open_add(qtbot, window, timeline)
    dialog.reject()


def test_the_date_preview_says_how_precise_a_single_date_is() -> None:
    from studyguide.ui.event_dialog import read_date

    assert [read_date(t)[1] for t in ("1959", "fall 1961", "c. 1962", "April 1962", "April 12, 1962", "44 BC")] == [
        "1959 \u00b7 a year", "fall 1961 \u00b7 a season", "c. 1962 \u00b7 about a year", "April 1962 \u00b7 a month",
        "April 12, 1962 \u00b7 a day", "44 BCE \u00b7 a year"]
