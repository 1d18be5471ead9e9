"""The reviewer says its drills note again with every answer: the same wordings are not measured again
(three rich texts laid out each time: about a tenth of an answer's time in the window at 100,000 cards)."""

from __future__ import annotations

from PySide6.QtGui import QFont

from studyguide.ui.widgets.fitting_label import FittingLabel

FORMS = ("Timeline drills: 3 new · <a href='x'>Review them</a>", "Drills: <a href='x'>3 new</a>")


def test_the_same_wordings_are_not_measured_again(qtbot, monkeypatch):
    label = FittingLabel()
    qtbot.add_widget(label)
    label.set_forms(FORMS, note="why")
    measured: list[None] = []
    real = label._measure
    monkeypatch.setattr(label, "_measure", lambda: (measured.append(None), real())[1])
    label.set_forms(FORMS, note="why")
    assert measured == []
    label.set_forms(FORMS[1:], note="why")  # another wording is measured
    assert len(measured) == 1 and label.form_widths() and len(label.form_widths()) == 1
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)  # a new text size is measured too
    assert len(measured) == 2
