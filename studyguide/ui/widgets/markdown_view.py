"""A read-only Markdown viewer that never loads anything, from the network or from disk.

Qt renders the Markdown itself (``QTextDocument.setMarkdown``). Links are
not followed by the widget: they are emitted as ``link_activated`` for the
owner to route (internal ``section:``/``event:`` links). Images are refused,
remote or local (guides have no media folder yet), and shown as their alt
text, so a guide can never make the app fetch a URL or open a file, a device
or a named pipe.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QWidget

from studyguide.ui.widgets.safe_text import refused_resource

HIGHLIGHT = QColor(255, 214, 10)


class MarkdownView(QTextBrowser):
    """Shows Markdown; routes link clicks; highlights given words.

    Signals:
        link_activated(QUrl): A link in the text was clicked.
    """

    link_activated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDocumentMargin(20)
        self.anchorClicked.connect(self.link_activated)
        self._base_point_size = self.font().pointSizeF()
        self.text_scale = 1.0

    def set_text_scale(self, scale: float) -> None:
        """Show the text at ``scale`` times the system's size (headings keep their proportions)."""
        self.text_scale = scale
        font = self.font()
        font.setPointSizeF(self._base_point_size * scale)
        self.setFont(font)  # QTextEdit makes the widget's font the document's default font
        self._fit_column()

    #: Widest text column, in average character widths, for comfortable reading.
    READABLE_CHARS = 110

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._fit_column()
        super().resizeEvent(event)

    def _fit_column(self) -> None:
        # Centre a readable column on wide windows instead of running lines edge to edge.
        # Margins follow the widget's width (viewport resizes arrive here too), and change only
        # when they differ, so a scroll bar appearing cannot start a resize loop.
        column = self.fontMetrics().averageCharWidth() * self.READABLE_CHARS
        side = max(int((self.width() - column) / 2), 0)
        side -= side % 8  # steps, so small resizes don't re-lay the text out
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt override)
        """Refuse every resource: no network, no file, no device, no pipe (see ``safe_text``)."""
        return refused_resource(kind)

    def show_markdown(self, text: str, *, highlight: Iterable[str] = ()) -> None:
        """Render ``text`` and mark every occurrence of the given words."""
        # HTML in a guide is shown as the text it is, never rendered (GitHub dialect otherwise).
        features = QTextDocument.MarkdownFeature
        self.document().setMarkdown(text, features.MarkdownDialectGitHub | features.MarkdownNoHTML)
        self._images_as_alt_text()
        self.highlight_words(highlight)
        self.verticalScrollBar().setValue(0)

    def highlight_words(self, words: Iterable[str]) -> int:
        """Give each occurrence of each word (whole-word prefix) a highlight; return the count."""
        document = self.document()
        marked = QTextCharFormat()
        marked.setBackground(HIGHLIGHT)
        marked.setForeground(QColor("#1a1a1a"))  # readable on the mark in dark schemes too
        count = 0
        for word in {w for w in words if len(w) >= 2}:
            cursor = QTextCursor(document)
            while True:
                cursor = document.find(word, cursor)
                if cursor.isNull():
                    break
                if not self._starts_word(cursor):
                    continue
                # Extend the match over the rest of the word (stems: "negotiat" -> "negotiation").
                cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(marked)
                count += 1
        return count

    def _images_as_alt_text(self) -> None:
        """Put each image's alt text, greyed and in brackets, where the image would be."""
        document, found = self.document(), []
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.charFormat().isImageFormat():
                    found.append((fragment.position(), fragment.length(), fragment.charFormat()))
                fragments += 1
            block = block.next()
        cursor = QTextCursor(document)
        for position, length, image in reversed(found):  # from the end: earlier positions stay valid
            alt = str(image.property(QTextFormat.Property.ImageAltText) or "").strip()
            shown = QTextCharFormat()
            if image.isAnchor():  # an image inside a link stays a link
                shown.setAnchor(True)
                shown.setAnchorHref(image.anchorHref())
            shown.setFontItalic(True)
            shown.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(f"[image: {alt}]" if alt else "[image]", shown)

    @staticmethod
    def _starts_word(cursor: QTextCursor) -> bool:
        probe = QTextCursor(cursor)
        probe.setPosition(cursor.selectionStart())
        if probe.atBlockStart():
            return True
        probe.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
        return not probe.selectedText().isalnum()


def escape_markdown(text: str) -> str:
    """Escape characters Markdown would read as markup, for titles in generated text."""
    return "".join("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|" else ch for ch in text)
