"""The event dialog's date field takes what a student types (tour10): a period with a hyphen, and for
what is almost a date ("early 1959", "the 1960s") it says what to write instead."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_the_date_field_reads_a_hyphened_period_and_says_what_to_write(qtbot, guide_window, authoring) -> None:
    guide = authoring.new_guide("Cuba").ids[0]
    authoring.add_section(guide, "The Revolution", "")
    window = guide_window(guide, active=True)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.event_editing.dialog
    qtbot.wait_until(dialog.title_box.hasFocus)
    qtbot.keyClicks(dialog.title_box, "The revolution")
    qtbot.keyClick(dialog.title_box, Qt.Key.Key_Tab)
    assert dialog.when_box.hasFocus()
    qtbot.keyClicks(dialog.when_box, "1953-1959")
    assert dialog.when_note.text() == "1953 \u2013 1959 \u00b7 a period of 7 years"  # was refused
    assert dialog.save_button.isEnabled()
    dialog.when_box.clear()
    qtbot.keyClicks(dialog.when_box, "early 1959")
    assert not dialog.save_button.isEnabled()
    assert "spring 1962, c. 1962" in dialog.when_note.text()  # what to write instead
    dialog.when_box.clear()
    qtbot.keyClicks(dialog.when_box, "c. 1500 BC")
    assert dialog.when_note.text() == "c. 1500 BCE \u00b7 about a year"
    with qtbot.wait_signal(window.operations.did_execute):
        qtbot.keyClick(dialog.when_box, Qt.Key.Key_Return)
    assert [e.title for e in window.authoring_actions.library.content(guide).events()] == ["The revolution"]


def test_add_event_is_in_the_cards_menu_and_its_key_works_from_every_view(qtbot, guide_window, authoring) -> None:
    guide = authoring.new_guide("Cuba").ids[0]
    authoring.add_section(guide, "The Revolution", "")
    window = guide_window(guide, active=True)
    cards_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Cards")
    assert window.event_editing.add_action in cards_menu.actions()  # it was in no menu
    for view in (window.flashcards, window.search, window.stats, window.sections, window.timeline):
        window.tabs.setCurrentWidget(view)
        view.setFocus()
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        dialog = window.event_editing.dialog
        assert dialog is not None and dialog.isVisible(), view  # only the Timeline and Sections took the key
        assert dialog.section_box.currentData() == "the-revolution"
        dialog.reject()
        window.event_editing.dialog = None
        window.activateWindow()
        qtbot.wait_active(window)
    bundled = next(g.id for g in window.authoring_actions.library.guides() if g.id != guide)
    window.select_guide(bundled)
    assert not window.event_editing.add_action.isEnabled()  # the bundled guide is read-only


def test_an_event_half_written_is_kept_when_the_dialog_closes(qtbot, guide_window, authoring) -> None:
    from PySide6.QtWidgets import QApplication

    guide = authoring.new_guide("Cuba").ids[0]
    authoring.add_section(guide, "The Revolution", "")
    window = guide_window(guide, active=True)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_E, keys)
    dialog = window.event_editing.dialog
    qtbot.wait_until(dialog.title_box.hasFocus)
    qtbot.keyClicks(dialog.title_box, "Castro's rebels take Havana")
    qtbot.keyClick(dialog.title_box, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.when_box, "January 1959")
    with qtbot.wait_signal(dialog.rejected):
        qtbot.keyClick(dialog.when_box, Qt.Key.Key_Escape)
    assert "kept" in window.statusBar().currentMessage()
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_E, keys)
    again = window.event_editing.dialog
    assert again is not dialog and again.isVisible()
    # it opened empty: what was typed was lost
    assert (again.title_box.text(), again.when_box.text()) == ("Castro's rebels take Havana", "January 1959")
    with qtbot.wait_signal(window.operations.did_execute):
        qtbot.keyClick(again.when_box, Qt.Key.Key_Return)
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_E, keys)
    assert window.event_editing.dialog.title_box.text() == ""  # saved: the next one starts empty
    window.event_editing.dialog.reject()
