"""A read-only Markdown viewer that loads nothing but the shown guide's own images.

Qt renders the Markdown itself (``QTextDocument.setMarkdown``). Links are
not followed by the widget: they are emitted as ``link_activated`` for the
owner to route (internal ``section:``/``event:`` links). An image is shown only
when it is ``media/NAME`` in the media folder of the guide the owner named
(``set_media``), scaled to the view's width; every other image, remote or
local, is shown as its alt text, so a guide can never make the app fetch a URL
or open a file, a device or a named pipe (see ``media_images``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from studyguide.ui.widgets import media_images
from studyguide.ui.widgets.media_images import HIGHLIGHT, Resolver
from studyguide.ui.widgets.safe_text import refused_resource

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

__all__ = ["HIGHLIGHT", "PASSAGE", "MarkdownView", "escape_markdown"]


#: The tint of a passage the reader was opened at ("Re-read <section>"): quieter than a search match.
PASSAGE = QColor(255, 236, 160)


class MarkdownView(QTextBrowser):
    """Shows Markdown; routes link clicks; highlights given words.

    Signals:
        link_activated(QUrl): A link in the text was clicked.
    """

    link_activated = Signal("QUrl")  # type: ignore[arg-type]  # by name: naming QUrl builds its enums

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDocumentMargin(20)
        self.anchorClicked.connect(self.link_activated)
        self._media: Resolver | None = None
        #: The stored names of the images shown now.
        self.images: list[str] = []
        self._shown = False  # no text shown yet: nothing scrolled to bring back to the top

    def set_media(self, resolve: Resolver | None) -> None:
        """Show the images of one guide's media folder (``GuideMedia.path``); None shows none.

        Takes effect with the next ``show_markdown``.
        """
        self._media = resolve

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # The app's text size changed (View > Larger Text): QTextEdit makes the widget's font the
        # document's default font; the readable column follows the new character width.
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
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
        """The shown guide's own image (normally handed over already); refuse anything else: no
        network, no other file, no device, no pipe (see ``safe_text``)."""
        if kind == QTextDocument.ResourceType.ImageResource.value:
            found = media_images.resolve_image(url if isinstance(url, str) else url.toString(), self._media)
            if found is not None:
                return found[1]
        return refused_resource(kind)

    def show_markdown(self, text: str, *, highlight: Iterable[str] = ()) -> None:
        """Render ``text`` and mark every occurrence of the given words."""
        # HTML in a guide is shown as the text it is, never rendered (GitHub dialect otherwise).
        media_images.set_markdown(self.document(), text)
        # Only Markdown's image syntax makes images (its HTML is never rendered); without one, the
        # text-format classes are not needed (and not set up on the way to the first frame).
        self.images = media_images.place_images(self.document(), self._media,
                                                self.palette().color(QPalette.ColorRole.PlaceholderText)) \
            if "![" in text else []
        self.highlight_words(highlight)
        if self._shown:  # (a first text is at the top: the bar is not asked for, its class's enums not built)
            self.verticalScrollBar().setValue(0)
        self._shown = True

    def highlight_words(self, words: Iterable[str]) -> int:
        """Give each occurrence of each word (whole-word prefix) a highlight; return the count."""
        return media_images.highlight_words(self.document(), words)

    def mark_passage(self, passage: str) -> bool:
        """Tint the first occurrence of ``passage`` (rendered text) and scroll it into view, a little
        below the top; False (nothing changed) when the text does not hold it."""
        from PySide6.QtGui import QTextCharFormat, QTextCursor

        found = self.document().find(passage) if passage else QTextCursor()
        if found.isNull():
            return False
        tint = QTextCharFormat()
        tint.setBackground(PASSAGE)
        tint.setForeground(QColor("#1a1a1a"))  # readable on the tint in dark schemes too
        found.mergeCharFormat(tint)
        start = QTextCursor(self.document())
        start.setPosition(found.selectionStart())
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(start).top() - self.viewport().height() // 5)
        return True


def escape_markdown(text: str) -> str:
    """Escape characters Markdown would read as markup (``&amp;``: an entity), for titles in generated text."""
    return "".join("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|&" else ch for ch in text)
