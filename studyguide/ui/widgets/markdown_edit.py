"""A plain-text Markdown field that takes images: pasted, dropped, or chosen in a file dialog.

The image is stored in the guide's media folder (through ``store``, the authoring service's
``add_media``) and ``![](media/NAME)`` is typed at the cursor, so the edit that follows is an
ordinary, undoable text edit (the stored file stays when it is undone; see docs/storage.md).
A file that is no image StudyGuide shows (an SVG, a PDF...) is refused in a message naming it.
Enter in a list item starts the next one (``markdown_keys``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QFileDialog, QPlainTextEdit, QWidget

from studyguide.domain.card_types import AuthoringError
from studyguide.domain.errors import StoreUnavailable
from studyguide.domain.media import MediaError, extension, image_markdown
from studyguide.ui.widgets.markdown_keys import doubles_the_marker, list_continuation
from studyguide.ui.widgets.safe_text import warn

#: Stores an image (its bytes, or a file to copy) with a name hint; returns its stored name.
MediaStore = Callable[[bytes | Path, str], str]
#: What the file dialog offers.
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.webp);;All files (*)"
#: Clipboard formats kept as they are (the bytes the other program put there), best first.
_RAW_FORMATS = ("image/png", "image/jpeg", "image/gif", "image/webp")
_IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "jpe", "gif", "webp"}


def image_bytes(source: QMimeData) -> bytes | None:
    """The image on a clipboard or in a drop: the bytes as given when in a known format, else as PNG."""
    for fmt in _RAW_FORMATS:
        if source.hasFormat(fmt):
            data = bytes(source.data(fmt).data())
            if data:
                return data
    if not source.hasImage():
        return None
    image = source.imageData()
    if not isinstance(image, QImage) or image.isNull():
        return None
    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(device, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants a str
    return bytes(buffer.data())


def _local_images(source: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in source.urls()
            if url.isLocalFile() and extension(url.toLocalFile()) in _IMAGE_EXTENSIONS]


class MarkdownEdit(QPlainTextEdit):
    """A Markdown text box: Ctrl+V with an image, or a dropped image file, stores it and inserts
    ``![](media/NAME)``; ``insert_image_file`` does the same from a file dialog.

    Without a ``media_store`` (a read-only guide) it is a plain text box.

    Signals:
        image_inserted(str): An image was stored and its reference typed (its stored name).
    """

    image_inserted = Signal(str)

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        #: Where images go (``Authoring.add_media`` for the guide edited), or None.
        self.media_store: MediaStore | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Enter in a list item starts the next item; Enter on an empty item ends the list."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            cursor = self.textCursor()
            next_item = None if cursor.hasSelection() else list_continuation(cursor.block().text())
            if next_item:
                cursor.insertText("\n" + next_item)
                self.setTextCursor(cursor)
                return
            if next_item == "" and cursor.atBlockEnd():
                cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
                # The empty item's marker goes and a blank line ends the list (a line right under an item
                # would be read as more of that item).
                cursor.insertText("\n")
                self.setTextCursor(cursor)
                return
        if event.text() == " " and not self.textCursor().hasSelection():
            cursor = self.textCursor()
            line = cursor.block().text()
            if not line[cursor.positionInBlock():].strip() and doubles_the_marker(line[:cursor.positionInBlock()]):
                cursor.deletePreviousChar()  # "- -" and a space: the item already had its "- "
                self.setTextCursor(cursor)
                return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt override)
        if self.media_store is not None and (source.hasImage() or _local_images(source)):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        if self.media_store is not None:
            files = _local_images(source)
            if files:
                for path in files:
                    self._insert(path, path.name)
                return
            data = image_bytes(source) if source.hasImage() or any(map(source.hasFormat, _RAW_FORMATS)) else None
            if data is not None:
                self._insert(data, "pasted")
                return
        super().insertFromMimeData(source)

    def insert_image_file(self, path: Path | None = None) -> str | None:
        """Store an image file (asked for in a file dialog when ``path`` is None) and insert it.

        Returns:
            Its stored name, or None (cancelled, refused or no guide to store it in).
        """
        if self.media_store is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Insert Image", "", IMAGE_FILTER)
            if not chosen:
                return None
            path = Path(chosen)
        return self._insert(path, path.name)

    def _insert(self, data: bytes | Path, hint: str) -> str | None:
        assert self.media_store is not None
        try:
            name = self.media_store(data, hint)
        except (MediaError, AuthoringError, StoreUnavailable) as error:
            warn(self.window(), "Image not added", str(error))
            return None
        self.textCursor().insertText(image_markdown(name))  # replaces a selection, as a paste does
        self.setFocus()
        self.image_inserted.emit(name)
        return name
