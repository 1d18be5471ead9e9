"""Enter does what a dialog's default button says, also after Tab has passed over its other buttons.

A student who Tabs around Custom Study to see the choices, picks a section and presses Enter wants it
studied; OK was made the default before its button box was in the dialog, so Qt kept the last button Tab
had passed (Cancel) as the default, and Enter closed the dialog without a word. The "Put these in order"
drill had the same fault with Check and Close."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMainWindow

from studyguide.domain.dates import parse_span
from studyguide.domain.guide import Event
from studyguide.ui.custom_study import CustomStudyDialog
from studyguide.ui.ordering import OrderingDialog
from tests.ui.keyboard import tab_cycle


def _shown(qtbot, dialog: QDialog) -> QDialog:
    dialog.show()
    dialog.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is dialog and dialog.focusWidget() is not None)
    return dialog


def _parent(qtbot) -> QMainWindow:
    window = QMainWindow()
    qtbot.add_widget(window)
    window.show()
    return window


def test_enter_in_custom_study_after_tabbing_round_starts_the_choice(qtbot):
    window = _parent(qtbot)
    dialog = _shown(qtbot, CustomStudyDialog(sections=[("a", "Cuba"), ("b", "The Bay of Pigs")], parent=window))
    passed = tab_cycle(qtbot)  # the choices, the field, OK, Cancel, and back
    assert dialog.box.button(QDialogButtonBox.StandardButton.Cancel) in passed
    dialog.buttons["section"].setChecked(True)
    dialog.section.setFocus()
    qtbot.wait_until(dialog.section.hasFocus)
    qtbot.keyClick(dialog.section, Qt.Key.Key_Down)
    with qtbot.wait_signal(dialog.finished) as finished:
        qtbot.keyClick(dialog.section, Qt.Key.Key_Return)
    assert finished.args == [QDialog.DialogCode.Accepted.value]
    study = dialog.study()
    assert study is not None and study.section_id == "b"


def test_enter_in_the_order_drill_after_tabbing_round_checks(qtbot):
    window = _parent(qtbot)
    dialog = OrderingDialog(rng=random.Random(4), parent=window)
    dialog.deal([Event(id=f"e{i}", section_id="s", title=f"Event {i}", when=parse_span(when), position=i)
                 for i, when in enumerate(("1959", "1961-04-17", "1962-04-12", "1962-10-16", "1963-08"))])
    _shown(qtbot, dialog)
    passed = tab_cycle(qtbot)  # the list, Check, Deal again, Close, and back
    assert any(getattr(w, "text", lambda: "")() == "Close" for w in passed)
    dialog.list.setFocus()
    qtbot.wait_until(dialog.list.hasFocus)
    with qtbot.wait_signal(dialog.answer_checked):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.score is not None
