"""The Browser's Add Tags and Remove Tags dialog: several tags at once, completed from the guide's own.

"Add tags to 3 cards:" above one box. Tags are separated by spaces or commas (the app's tag syntax,
``domain.tag_entry``); the tag being typed is completed from the guide's tags (removing: from the chosen cards'
tags), Down and Enter or a click taking one. Under the box the dialog says what the button will do ("Adds 2
tags: cold-war, places.") or, for a tag that is not valid, why ("… is 70 characters long: a tag has at most
64."); the button waits until there is something to do. It replaced a bare ``QInputDialog`` that said nothing
of the cards, offered no tag and let a wrong tag through to an error box after the click.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.tag_entry import change_summary, plural, read_tags, word_at


class TagDialog(QDialog):
    """Asks for tags to add to (or remove from) ``count`` cards.

    Args:
        add: Adding tags (else removing them).
        count: How many cards are chosen.
        known: The tags offered as the learner types (the guide's; removing: the chosen cards').
        on_cards: The tags the chosen cards have (removing: says which of those typed none has).
        parent: The window it belongs to.
    """

    def __init__(self, *, add: bool, count: int, known: Sequence[str], on_cards: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._add, self._count, self._on_cards = add, count, tuple(on_cards)
        verb = "Add" if add else "Remove"
        self.setWindowTitle(f"{verb} Tags")
        cards = plural(count, "card")
        self.prompt = QLabel(f"&{verb} tags {'to' if add else 'from'} {cards}:")
        self.entry = QLineEdit()
        self.entry.setAccessibleName(f"Tags to {verb.lower()} {'to' if add else 'from'} {cards}")
        self.entry.setPlaceholderText("tags, separated by spaces or commas")
        self.prompt.setBuddy(self.entry)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleDescription("What the button does")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(f"{verb} Tags")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        #: The tags offered for the word being typed (the whole box is not replaced: only that word).
        self._known = sorted(known, key=str.casefold)
        self._offered = QStringListModel(self._known, self)  # owned by the dialog: a model nobody owns is lost
        self.completer = QCompleter(self._offered, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(self.entry)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        popup = self.completer.popup()
        assert popup is not None
        self.popup = popup
        self.popup.setAccessibleName("Tags")
        self.completer.activated.connect(self._complete)
        self.entry.textEdited.connect(self._offer)
        self.entry.textChanged.connect(self._check)

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.entry)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._check()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        # Room for a few tags typed whole, and for what is said of them: 44 characters of the text size in use.
        self.entry.setMinimumWidth(min(44 * self.entry.fontMetrics().averageCharWidth(), 760))
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Grow as tall as the message under the box now needs (it wraps; a window does not follow it itself)."""
        layout = self.layout()
        if layout is not None and self.isVisible():
            needed = max(layout.totalHeightForWidth(self.width()), layout.totalMinimumSize().height())
            if needed > self.height():
                self.resize(self.width(), needed)

    def tags(self) -> tuple[str, ...]:
        """The valid tags typed, each once (removing: only those the chosen cards have)."""
        tags = read_tags(self.entry.text()).tags
        if self._add:
            return tags
        present = {tag.casefold() for tag in self._on_cards}
        return tuple(tag for tag in tags if tag.casefold() in present)

    def _check(self) -> None:
        entry = read_tags(self.entry.text())
        said, can = change_summary(entry, add=self._add, cards=self._count, on_cards=self._on_cards)
        self.message.setText(said.replace("-", "\u2011"))  # a tag is not broken at its hyphens ("cold-/war")
        self.entry.setAccessibleDescription(said)  # read with the box, as it changes
        self.ok.setEnabled(can)
        self._fit()

    def _offer(self, text: str) -> None:
        """Offer the tags that start with the word being typed (but those typed already)."""
        start, end = word_at(text, self.entry.cursorPosition())
        prefix = text[start:self.entry.cursorPosition()]
        if not prefix:
            self.popup.hide()
            return
        typed = {word.casefold() for word in read_tags(text[:start] + " " + text[end:]).tags}
        offered = [tag for tag in self._known if tag.casefold() not in typed]  # not a tag typed already
        if offered != self._offered.stringList():
            self._offered.setStringList(offered)
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0 or (
                self.completer.completionCount() == 1 and self.completer.currentCompletion().casefold()
                == text[start:end].casefold()):
            self.popup.hide()  # nothing to offer, or the one offered is typed whole
            return
        self.completer.complete(self.entry.cursorRect().adjusted(0, 0, self.entry.width() // 2, 0))

    def _complete(self, chosen: object) -> None:
        """Put the tag ``chosen`` in place of the word being typed, and a space after it for the next."""
        tag = chosen if isinstance(chosen, str) else str(chosen.data())  # type: ignore[attr-defined]
        text, cursor = self.entry.text(), self.entry.cursorPosition()
        start, end = word_at(text, cursor)
        rest = text[end:].lstrip(" ")
        self.entry.setText(f"{text[:start]}{tag} {rest}")
        self.entry.setCursorPosition(start + len(tag) + 1)
