"""The Add Card dialog's refusals, as a student meets them (tour10): a cloze's empty field is named as
the dialog names it ("Text"), a cloze with nothing hidden says how to hide words, the last card's
"Added 1 card." never stands beside a refusal, and a refusal goes once the card is being changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studyguide.ui.add_card import TYPE_NAMES

_CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_refusal_names_the_field_and_goes_when_the_card_changes(qtbot, guide_window, authoring) -> None:
    guide = authoring.new_guide("Cuba").ids[0]
    authoring.add_section(guide, "The Revolution", "")
    window = guide_window(guide, active=True)
    qtbot.keyClick(window, Qt.Key.Key_N, _CTRL)  # Cards > Add Card
    dialog = window.authoring_actions.dialog
    qtbot.wait_until(dialog.front.hasFocus)
    qtbot.keyClicks(dialog.front, "Who fled Cuba on 1 January 1959?")
    dialog.back.setFocus()
    qtbot.keyClicks(dialog.back, "Batista")
    with qtbot.wait_signal(dialog.added):
        qtbot.keyClick(dialog.back, Qt.Key.Key_Return, _CTRL)
    assert dialog.status.text() == "Added 1 card."

    dialog.type_box.setCurrentIndex(TYPE_NAMES.index("Cloze"))
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, _CTRL)  # nothing typed yet
    assert dialog.error.isVisible() and dialog.error.text() == "The text is empty."  # was "The front is empty."
    assert dialog.status.text() == ""  # "Added 1 card." stood beside it

    qtbot.keyClicks(dialog.front, "Castro entered Havana in 1959")
    assert not dialog.error.isVisible()  # stayed up, red, while the next card was typed
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, _CTRL)
    assert dialog.error.isVisible() and "Ctrl+Shift+C" in dialog.error.text()
    for _ in range(4):
        qtbot.keyClick(dialog.front, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(dialog.front, Qt.Key.Key_C, _CTRL | Qt.KeyboardModifier.ShiftModifier)  # as it says
    assert not dialog.error.isVisible()
    with qtbot.wait_signal(dialog.added):
        qtbot.keyClick(dialog.front, Qt.Key.Key_Return, _CTRL)
    assert dialog.status.text() == "Added 1 card."
    dialog.close()


def test_a_card_half_written_is_kept_when_the_dialog_closes(qtbot, guide_window, authoring) -> None:
    guide = authoring.new_guide("Cuba").ids[0]
    authoring.add_section(guide, "The Revolution", "")
    window = guide_window(guide, active=True)
    qtbot.keyClick(window, Qt.Key.Key_N, _CTRL)
    dialog = window.authoring_actions.dialog
    qtbot.wait_until(dialog.front.hasFocus)
    qtbot.keyClicks(dialog.front, "Who fled Cuba on 1 January 1959?")
    qtbot.keyClick(dialog.front, Qt.Key.Key_Escape)  # a slip of the finger, or Close
    assert not dialog.isVisible()
    assert "kept" in window.statusBar().currentMessage()
    window.activateWindow()  # the window manager's part, offscreen
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_N, _CTRL)
    reopened = window.authoring_actions.dialog
    assert reopened.isVisible()
    assert reopened.front.toPlainText() == "Who fled Cuba on 1 January 1959?"  # a new, empty dialog opened
    reopened.close()


def test_a_guide_without_a_section_is_said_when_the_dialog_opens(qtbot, guide_window, authoring) -> None:
    guide = authoring.new_guide("Cuba").ids[0]
    window = guide_window(guide, active=True)
    qtbot.keyClick(window, Qt.Key.Key_N, _CTRL)
    dialog = window.authoring_actions.dialog
    qtbot.wait_until(dialog.isVisible)
    # It said so only after a whole card was typed and Add pressed
    assert "no section yet" in dialog.status.text() and "Ctrl+Shift+N" in dialog.status.text()
    dialog.close()
    authoring.add_section(guide, "The Revolution", "")
    window.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_N, _CTRL)
    assert dialog.isVisible() and dialog.section_box.currentText() == "The Revolution"
    assert dialog.status.text() == ""
    dialog.close()
