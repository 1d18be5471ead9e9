"""Images in rendered Markdown: a guide's own ``media/NAME`` files are shown, everything else is its alt text.

A text view hands each image of a rendered document to ``place_images`` with the guide's
resolver (``GuideMedia.path``: a stored name to a regular file in that guide's media
folder, or None). An image is kept only when its URL is ``media/NAME`` with a plain stored
name (``domain.media.media_name``) that the resolver finds and Qt can decode; it is then
given to the document as a resource (nothing is left for Qt to open by name) and scaled to
at most the text's width. Every other image (``http:``, ``file:``, ``data:``, an absolute
path, ``..``, another guide's folder, a pipe) becomes ``[image: alt]``, never opened.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QColor, QTextDocument

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QImage, QTextCharFormat, QTextCursor, QTextFragment, QTextImageFormat

# The text-format, cursor, font, image-reader and URL classes are imported where used: naming a PySide class
# makes PySide build its enum classes, and a section without images or highlights needs none of them
# (this module is on the way to the window's first frame).

from studyguide.domain.media import SOUND_REFERENCE, media_name
from studyguide.ui.widgets import rich_tags

#: A stored name to its file in the shown guide's media folder, or None (``GuideMedia.path``).
Resolver = Callable[[str], "Path | None"]
#: Colour of the words a search or a cloze highlights.
HIGHLIGHT = QColor(255, 214, 10)
#: Markdown features for every user text: GitHub's dialect, HTML shown as written (never rendered).
FEATURES = QTextDocument.MarkdownFeature.MarkdownDialectGitHub | QTextDocument.MarkdownFeature.MarkdownNoHTML
#: Something in a card's text that only Markdown renders (plain text is shown as it is).
_MARKDOWN = re.compile(
    r"!\[[^\]]*\]\(|\[[^\]\n]+\]\([^)\n]+\)|(?<![\w*])\*(?=\S)[^*\n]+(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)[^_\n]+(?<=\S)_"
    r"(?!\w)|\[sound:[^\]\s]+\]|^\s{0,3}#{1,6}\s|^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+\S|`[^`\n]+`|^\s{0,3}>\s",
    re.MULTILINE)


class _Library(Protocol):
    def media(self, guide_id: str) -> Any: ...  # a ui.services.MediaFolder


def guide_resolver(library: _Library, guide_id: str) -> Resolver:
    """The resolver of one guide's media, looked up at each call (the guide's file may move: an
    editable copy); a guide no longer in the library has no images."""
    def resolve(name: str) -> Path | None:
        try:
            folder = library.media(guide_id)
        except KeyError:
            return None
        found: Path | None = folder.path(name)
        return found

    return resolve


_EMPTY_ALT = re.compile(r"!\[\]\(")
_HASH_SUFFIX = re.compile(r"-[0-9a-f]{16}$")


def _sound(match: re.Match[str]) -> str:
    stem = _HASH_SUFFIX.sub("", match["name"].rsplit(".", 1)[0])
    return f"*\\[sound: {stem}\\]*"  # sounds are not played here: said like an image's alt text


def set_markdown(document: QTextDocument, text: str, *, readable_on: tuple[QColor, QColor] | None = None) -> None:
    """``document.setMarkdown(text)`` with ``FEATURES``, keeping images that have no alt text
    (``![](media/NAME)``, as pasted): Qt's importer drops those, so they get a blank one. A
    sound (``[sound:NAME]``) shows as ``[sound: name]`` in italics. The few allowed inline tags
    (colours, underline, sub- and superscript, ``<br>``: ``rich_tags``) are drawn, a colour readable on
    ``readable_on`` (the background and text colours it is drawn in)."""
    text, tags = rich_tags.encode(text)
    document.setMarkdown(SOUND_REFERENCE.sub(_sound, _EMPTY_ALT.sub("![ ](", text)), FEATURES)
    rich_tags.apply(document, tags, readable_on)


def looks_like_markdown(text: str) -> bool:
    """True when ``text`` holds an image, a link, emphasis, a heading, a list, code, a quote or an allowed tag."""
    return _MARKDOWN.search(text) is not None or rich_tags.has_tags(text)


def resolve_image(url: str, resolve: Resolver | None) -> tuple[Path, QImage] | None:
    """The file and decoded picture of an image URL the guide's media folder holds, else None."""
    name = media_name(url)
    path = resolve(name) if name is not None and resolve is not None else None
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    image = _decoded(str(path), info.st_mtime_ns, info.st_size)
    return None if image.isNull() else (path, image)


#: Widest picture kept in memory: wider ones are decoded scaled down (a view is never wider).
MAX_DECODED_WIDTH = 2400


@functools.lru_cache(maxsize=32)
def _decoded(path: str, _mtime_ns: int, _size: int) -> QImage:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImageReader

    """A file's picture, decoded once (stored names never change meaning; the key also holds the file's
    time and size), at most ``MAX_DECODED_WIDTH`` wide; a null image when Qt cannot decode it (or it
    would take more than Qt's allocation limit)."""
    reader = QImageReader(path)  # a regular file inside the guide's folder (checked by the resolver)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > MAX_DECODED_WIDTH:
        reader.setScaledSize(size.scaled(MAX_DECODED_WIDTH, size.height(), Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def _image_fragments(document: QTextDocument) -> list[tuple[int, int, QTextImageFormat]]:
    found: list[tuple[int, int, QTextImageFormat]] = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isImageFormat():
                found.append((fragment.position(), fragment.length(), fragment.charFormat().toImageFormat()))
            fragments += 1
        block = block.next()
    return found


def place_images(document: QTextDocument, resolve: Resolver | None, placeholder: QColor, *,
                 file_urls: bool = False, max_height: int | None = None) -> list[str]:
    """Keep the guide's own images (scaled to the text's width), put alt text for the rest.

    Args:
        document: A rendered document (``setMarkdown`` done).
        resolve: The shown guide's resolver; None shows every image as its alt text.
        placeholder: The colour of alt text.
        file_urls: Point kept images at their checked file (for a QLabel, which loads them
            itself) instead of adding them to ``document`` as resources.
        max_height: Draw no image taller than this many pixels (its width scaled to match).

    Returns:
        The stored names of the images kept.
    """
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat, QTextLength

    kept: list[str] = []
    cursor = QTextCursor(document)
    for position, length, image in reversed(_image_fragments(document)):  # from the end: positions stay valid
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        found = resolve_image(image.name(), resolve)
        if found is not None:
            path, picture = found
            if file_urls:
                image.setName(QUrl.fromLocalFile(str(path)).toString())
            else:
                document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(image.name()), picture)
            image.setMaximumWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
            if max_height is not None and picture.height() > max_height:
                image.setWidth(picture.width() * max_height / picture.height())
            cursor.setCharFormat(image)
            kept.append(image.name())
            continue
        alt = str(image.property(QTextFormat.Property.ImageAltText) or "").strip()
        shown = QTextCharFormat()
        if image.isAnchor():  # an image inside a link stays a link
            shown.setAnchor(True)
            shown.setAnchorHref(image.anchorHref())
        shown.setFontItalic(True)
        shown.setForeground(placeholder)
        cursor.insertText(f"[image: {alt}]" if alt else "[image]", shown)
    return kept[::-1]


def _starts_word(cursor: QTextCursor) -> bool:
    from PySide6.QtGui import QTextCursor

    probe = QTextCursor(cursor)
    probe.setPosition(cursor.selectionStart())
    if probe.atBlockStart():
        return True
    probe.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
    return not probe.selectedText().isalnum()


def highlight_words(document: QTextDocument, words: Iterable[str]) -> int:
    """Give each occurrence of each word (whole-word prefix) a highlight; return the count."""
    wanted = {w for w in words if len(w) >= 2}
    if not wanted:
        return 0
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    marked = QTextCharFormat()
    marked.setBackground(HIGHLIGHT)
    marked.setForeground(QColor("#1a1a1a"))  # readable on the mark in dark schemes too
    count = 0
    for word in wanted:
        cursor = QTextCursor(document)
        while True:
            cursor = document.find(word, cursor)
            if cursor.isNull():
                break
            if not _starts_word(cursor):
                continue
            # Extend the match over the rest of the word (stems: "negotiat" -> "negotiation").
            cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(marked)
            count += 1
    return count


def markdown_html(text: str, *, resolve: Resolver | None, placeholder: QColor, words: Iterable[str] = (),
                  bold: QColor | None = None, max_height: int | None = None, font: QFont | None = None,
                  readable_on: tuple[QColor, QColor] | None = None) -> str:
    """``text`` (Markdown, line breaks kept) as HTML for a QLabel: the guide's images as checked file
    URLs scaled to the label's width, other images as alt text, ``words`` highlighted, bold text in
    ``bold`` (a cloze's hidden words), in ``font`` (the label's: the HTML names it), an author's colours
    readable on ``readable_on`` (the card's background and text colours)."""
    document = QTextDocument()
    if font is not None:
        document.setDefaultFont(font)
    # A card's line breaks are kept (as the guide format keeps them): each becomes a hard break.
    set_markdown(document, re.sub(r"(?<=\S)\n(?=[^\n])", "  \n", text), readable_on=readable_on)
    place_images(document, resolve, placeholder, file_urls=True, max_height=max_height)
    if bold is not None:
        _colour_bold(document, bold)
    highlight_words(document, words)
    _unbake_links(document)
    return document.toHtml()


def _colour_bold(document: QTextDocument, colour: QColor) -> None:
    from PySide6.QtGui import QTextCharFormat

    coloured = QTextCharFormat()
    coloured.setForeground(colour)
    merge_format(document, [(fragment.position(), fragment.length()) for fragment in text_fragments(document)
                            if fragment.charFormat().fontWeight() >= 600
                            and not fragment.charFormat().isImageFormat()], coloured)


def text_fragments(document: QTextDocument) -> Iterator[QTextFragment]:
    """Every fragment of ``document`` (a run of text in one format), in order."""
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            yield fragments.fragment()
            fragments += 1
        block = block.next()


def anchor_fragments(document: QTextDocument) -> Iterator[QTextFragment]:
    """Every fragment of ``document`` that is (part of) a link, in order."""
    return (fragment for fragment in text_fragments(document) if fragment.charFormat().isAnchor())


def merge_format(document: QTextDocument, spans: Iterable[tuple[int, int]], form: QTextCharFormat) -> None:
    """Merge ``form`` into each span (position, length) of ``document``'s text."""
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(document)
    for position, length in spans:
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(form)


def _unbake_links(document: QTextDocument) -> None:
    """Take the link colour the parser gave each link out of the document, so the HTML made from it names
    none and the label showing it gives its links the link colour of the theme of the moment."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    spans = []
    for fragment in anchor_fragments(document):
        form = fragment.charFormat()
        if form.hasProperty(QTextFormat.Property.ForegroundBrush):
            form.clearForeground()
            spans.append((fragment.position(), fragment.length(), form))
    cursor = QTextCursor(document)
    for position, length, form in spans:
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(form)
