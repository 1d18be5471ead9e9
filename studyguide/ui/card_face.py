"""How a card's question and answer are drawn in the reviewer: cloze highlights and typed answers.

A cloze card's answer side holds its hidden words as ``**words**`` (``domain.card_types``):
they are drawn bold in the accent colour. A "type the answer" card's answer side shows what
was typed, compared with the answer as Anki does: right characters green, wrong ones red,
missing ones underlined on grey; then the answer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from studyguide.domain.typein import Run, compare
from studyguide.ui.card_sound import without_sounds
from studyguide.ui.search import highlighted_html
from studyguide.ui.widgets.media_images import Resolver, looks_like_markdown, markdown_html

if TYPE_CHECKING:
    from studyguide.domain.guide import Card

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
#: The hidden words of a cloze, on its answer side.
ACCENT = "#2a7de1"
CLOZE_STYLE = f"color:{ACCENT}; font-weight:bold"
_STYLES = {"ok": "color:#3c9a5f", "wrong": "color:#d9534f; text-decoration:line-through",
           "missing": "color:#808080; text-decoration:underline"}


def has_markup(text: str) -> bool:
    """Whether ``text`` needs rich text (it holds ``**bold**``, as a cloze's answer does)."""
    return _BOLD.search(text) is not None


def face_html(text: str) -> str:
    """``text`` escaped, line breaks kept, ``**words**`` highlighted."""
    escaped = html.escape(text)
    return _BOLD.sub(lambda m: f"<span style='{CLOZE_STYLE}'>{m.group(1)}</span>", escaped).replace("\n", "<br>")


def _runs_html(runs: tuple[Run, ...]) -> str:
    return "".join(f"<span style='{_STYLES[r.kind]}'>{html.escape(r.text)}</span>" for r in runs)


def typed_answer_html(typed: str, answer: str) -> str:
    """The typed answer compared with ``answer``, then the answer, as rich text."""
    result = compare(typed, answer)
    if not typed.strip():
        return f"<span style='color:#808080'>(nothing typed)</span><br>{face_html(answer)}"
    line = _runs_html(result.typed)
    if result.correct:
        return f"{line} <span style='{_STYLES['ok']}'>\u2714</span>"
    return f"{line}<br>\u2193<br>{_runs_html(result.expected)}"


def draw_faces(front: QLabel, back: QLabel, card: Card, *, words: Sequence[str] = (), typed: str | None = None,
               media: Resolver | None = None) -> None:
    """Draw a card's question and answer: plain text, unless it has highlights (search ``words``,
    a cloze's hidden words) or ``typed`` (a type-in card's typed answer, compared on the answer side).
    A face with Markdown (an image, emphasis, a list...) is rendered as Markdown, showing the images
    ``media`` (the card's guide's folder) resolves and the alt text of any other; an image takes at
    most the card's width and a fifth of the window's height, so both faces fit."""
    _Redraw.keep(front, lambda: draw_faces(front, back, card, words=words, typed=typed, media=media))
    for label, text in ((front, without_sounds(card.front)), (back, without_sounds(card.back))):
        if looks_like_markdown(text):
            palette = label.palette()
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(markdown_html(text, resolve=media, words=words,
                                        placeholder=palette.color(QPalette.ColorRole.PlaceholderText),
                                        bold=QColor(ACCENT) if has_markup(text) else None,
                                        max_height=max(80, label.window().height() // 5), font=label.font(),
                                        readable_on=(palette.color(QPalette.ColorRole.Base),
                                                     palette.color(QPalette.ColorRole.Text))))
            continue
        rich = bool(words) or has_markup(text)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setText(highlighted_html(text, words) if words else face_html(text) if rich else text)
    if typed is not None:
        back.setTextFormat(Qt.TextFormat.RichText)
        back.setText(typed_answer_html(typed, without_sounds(card.back)))


class _Redraw(QObject):
    """The faces drawn again, as they were, when the theme changes (a palette change reaches the question's
    label): a Markdown face's colours are worked out for the card's palette (an author's colour made
    readable on it), so a theme switched while a card was shown left them as they were for the old one.
    Only the faces: no sound is played and nothing is announced again."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self.draw: Callable[[], None] | None = None
        self._due = False
        label.installEventFilter(self)

    @classmethod
    def keep(cls, label: QLabel, draw: Callable[[], None]) -> None:
        """Remember how ``label``'s card was last drawn."""
        found = label.findChild(cls)
        (found or cls(label)).draw = draw

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange and self.draw is not None and not self._due:
            self._due = True  # once every label has the new palette (the answer's may come after this one)
            QTimer.singleShot(0, self, self._redraw)
        return False

    def _redraw(self) -> None:
        self._due = False
        if self.draw is not None:
            self.draw()


class TypedAnswerBox(QLineEdit):
    """Where a "type the answer" card's answer is typed (Enter shows the answer)."""

    def __init__(self, view: QWidget) -> None:
        super().__init__()
        self._view = view
        self._card = ""
        self.setAccessibleName("Your answer")
        self.setPlaceholderText("Type the answer, then press Enter")
        self.hide()

    def ask(self, card_id: str, asking: bool) -> None:
        """Show the box, empty and focused, for a new question; keep what was typed for its answer side."""
        if asking and self._card != card_id:
            self.clear()
        self._card = card_id if asking or self.isVisible() else ""
        self.setVisible(asking)
        if asking:
            self.setFocus()
        elif self.hasFocus():
            self._view.setFocus()  # 1-4 rate again
