"""A layout asks a WrappingLabel for its size several times a pass: its rich text is laid out once for each
text and font, not for every question (the reviewer's header and card labels, redrawn with every answer)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextDocument

from studyguide.ui.widgets import line_width
from studyguide.ui.widgets.wrapping_label import WrappingLabel


def test_a_rich_text_is_measured_once_for_each_text_and_font(qtbot, monkeypatch):
    made: list[None] = []

    class Counted(QTextDocument):
        def __init__(self) -> None:
            made.append(None)
            super().__init__()

    monkeypatch.setattr(line_width, "QTextDocument", Counted)  # the measuring WrappingLabel uses
    label = WrappingLabel()
    qtbot.add_widget(label)
    label.setText("Reviewing <b>the whole guide</b>")
    first = label.sizeHint()
    for _ in range(3):
        assert label.sizeHint() == first
        label.minimumSizeHint()
        label.expected_width()
    assert len(made) == 1
    label.setText("Reviewing <b>one section</b>, a longer title")  # another text: measured again, and wider
    assert label.sizeHint().width() > first.width() and len(made) == 2
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)  # another text size: measured again
    assert label.sizeHint().width() > first.width() * 1.5 and len(made) == 3
