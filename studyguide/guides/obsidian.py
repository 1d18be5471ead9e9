"""One Obsidian note: its front matter, tags, links, embeds and Spaced Repetition plugin cards.

Pure text in, text out (the vault walk lives in ``guides.vault``). The card syntax follows
the Obsidian Spaced Repetition plugin's parser (``src/parser.ts``, default settings):

- ``Q::A`` is a card, ``Q:::A`` a card each way (the longer separator is looked for first;
  a separator inside inline code does not count);
- a paragraph with a line ``?`` is a card (the lines above are the front, those below
  until a blank line the back); ``??`` makes a card each way;
- a paragraph holding ``==highlights==`` is a cloze, one card per highlight
  (``==1;;answer;;hint==`` numbers them and gives a hint);
- ``<!--SR:...-->`` scheduling comments, a leading ``#flashcards/...`` tag and a trailing
  ``^block-id`` are not part of the card; code blocks stay whole;
- and only in a note tagged ``#flashcards`` (or ``#flashcards/...``), the plugin's default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The plugin's default flashcard tag (a note needs it, or a sub-tag, for its cards to count).
FLASHCARD_TAG = "flashcards"
_INLINE_TAG = re.compile(r"(?<![\w/&#\[(])#(?P<tag>[\w/-]*[^\W\d][\w/-]*)", re.UNICODE)
_SR_COMMENT = re.compile(r"\s?<!--SR:.+?-->")
_LEADING_TAG = re.compile(r"^#[^\s#]+")
_BLOCK_ID = re.compile(r" (\^[a-zA-Z0-9-]+)$")
#: ``==answer==``, ``==2;;answer==``, ``==answer;;hint==`` on one line.
HIGHLIGHT = re.compile(r"==(?:(?P<seq>\d{1,3});;)?(?P<answer>[^\n]+?)(?:;;(?P<hint>[^\n]+?))?==")
#: ``[[target]]``, ``[[target|alias]]``, ``![[target]]``; the target may hold ``#heading`` or ``^block``.
WIKILINK = re.compile(r"(?P<embed>!?)\[\[(?P<target>[^\]|\n]+?)(?:\|(?P<alias>[^\]\n]*))?\]\]")
#: A Markdown image with a local path: ``![alt](path)`` (URLs with a scheme are left alone).
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\((?P<path>(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^)\s]+)\)")


@dataclass(frozen=True, slots=True)
class ParsedCard:
    """A card the plugin would make.

    Attributes:
        type: ``basic``, ``reversed`` or ``cloze`` (StudyGuide's note types).
        front: The front (for a cloze, the text with ``{{cN::answer::hint}}`` deletions).
        back: The back ("" for a cloze).
        line: The line (from 1, counting front matter) the card starts on.
    """

    type: str
    front: str
    back: str
    line: int


@dataclass(frozen=True, slots=True)
class ParsedNote:
    """A note split into its parts.

    Attributes:
        body: The text after the front matter.
        tags: Front matter and inline tags, without ``#``, in order, once each.
        cards: The cards found (whether or not the note is tagged for flashcards).
    """

    body: str
    tags: tuple[str, ...]
    cards: tuple[ParsedCard, ...]

    @property
    def for_flashcards(self) -> bool:
        """True when the note carries the plugin's flashcard tag (or a sub-tag of it)."""
        return any(t == FLASHCARD_TAG or t.startswith(FLASHCARD_TAG + "/") for t in self.tags)


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter without its ``---`` lines, the rest); the plugin's rule: the first line is
    ``---`` and a later line is ``---``, else there is none."""
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() == "---":
                return "\n".join(lines[1:index]), "\n".join(lines[index + 1:])
    return "", text


def front_matter_tags(front_matter: str) -> list[str]:
    """The ``tags:`` (or ``tag:``) of YAML front matter: ``[a, b]``, ``a, b``, ``a b`` or a ``- a`` list."""
    found: list[str] = []
    lines = front_matter.split("\n")
    for index, line in enumerate(lines):
        key, colon, value = line.partition(":")
        if not colon or key.strip().lower() not in ("tags", "tag") or line[:1].isspace():
            continue
        value = value.strip()
        if value:
            found += re.split(r"[,\s]+", value.strip("[]"))
            continue
        for item in lines[index + 1:]:
            stripped = item.strip()
            if not stripped.startswith("- ") and stripped != "-":
                if stripped and not item[:1].isspace():
                    break
                continue
            found.append(stripped[1:].strip())
    return [tag.strip().strip("'\"").lstrip("#") for tag in found if tag.strip().strip("'\"").lstrip("#")]


def inline_tags(body: str) -> list[str]:
    """``#tags`` in the text, outside code (a heading's ``# `` is no tag, nor a link's ``#anchor``)."""
    return [m["tag"].rstrip("/") for line in _outside_code(body) for m in _INLINE_TAG.finditer(line)]


def _outside_code(body: str) -> list[str]:
    """The lines of ``body`` outside fenced code blocks, with inline code blanked."""
    kept, fence = [], ""
    for line in body.split("\n"):
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        kept.append(re.sub(r"`[^`]*`", "", line))
    return kept


def parse_note(text: str) -> ParsedNote:
    """Split a note's text into its body, its tags and its cards."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    front_matter, body = split_front_matter(text)
    offset = text.count("\n", 0, len(text) - len(body)) if front_matter or body != text else 0
    tags = list(dict.fromkeys(front_matter_tags(front_matter) + inline_tags(body)))
    return ParsedNote(body=body, tags=tuple(tags), cards=tuple(parse_cards(body, first_line=offset + 1)))


def _marker_in_code(line: str, index: int, length: int) -> bool:
    """The plugin's test: an odd number of backticks on each side of the marker."""
    return line[:index].count("`") % 2 == 1 and line[index + length:].count("`") % 2 == 1


def _inline_type(line: str) -> str | None:
    for marker, kind in ((":::", "reversed"), ("::", "basic")):  # longest first, as the plugin sorts them
        at = line.find(marker)
        if at >= 0 and not _marker_in_code(line, at, len(marker)):
            return kind
    return None


def parse_cards(body: str, *, first_line: int = 1) -> list[ParsedCard]:
    """The cards the plugin's parser finds in ``body`` (see the module's docstring)."""
    lines = body.split("\n")
    cards: list[ParsedCard] = []
    kind: str | None = None
    multiline = False
    block: list[str] = []
    start = 0
    i = 0

    def finish() -> None:
        if kind is not None:
            card = _card(kind, multiline, "\n".join(block).rstrip(), first_line + start)
            if card is not None:
                cards.append(card)

    while i < len(lines):
        line, stripped = lines[i], lines[i].strip()
        if line.startswith("<!--") and not line.startswith("<!--SR:"):
            while i < len(lines) and "-->" not in lines[i]:  # a comment is no card
                i += 1
            i += 1
            continue
        if not stripped:
            finish()
            kind, multiline, block, start = None, False, [], i + 1
            i += 1
            continue
        if not block:
            start = i
        block.append(line.rstrip())
        single = _inline_type(line)
        if single is not None:
            text = line
            if i + 1 < len(lines) and lines[i + 1].startswith("<!--SR:"):
                i += 1
            card = _card(single, False, text, first_line + i)
            if card is not None:
                cards.append(card)
            kind, multiline, block, start = None, False, [], i + 1
        elif stripped in ("?", "??"):
            if len("\n".join(block[:-1])) > 0:
                kind, multiline = ("basic" if stripped == "?" else "reversed"), True
        elif line.startswith(("```", "~~~")):
            fence = re.match(r"`+|~+", line)
            close = fence.group(0) if fence else "```"
            while i + 1 < len(lines) and not lines[i + 1].startswith(close):
                i += 1
                block.append(lines[i])
            block.append(close)
            i += 1
        elif kind is None and HIGHLIGHT.search(line):
            kind, multiline = "cloze", False
        i += 1
    finish()
    return cards


def _question(text: str) -> str:
    """The card's own text: no scheduling comment, leading topic tag or trailing block id."""
    text = _SR_COMMENT.sub("", text).rstrip()
    lead = _LEADING_TAG.match(text.lstrip())
    if lead is not None:
        text = text.lstrip()[lead.end():].lstrip()
    return _BLOCK_ID.sub("", text).rstrip()


def _card(kind: str, multiline: bool, text: str, line: int) -> ParsedCard | None:
    text = _question(text)
    if kind == "cloze":
        front = to_cloze(text)
        return ParsedCard(type="cloze", front=front, back="", line=line) if front != text else None
    if multiline:
        lines = text.split("\n")
        marker = "?" if kind == "basic" else "??"
        at = next((n for n, value in enumerate(lines) if value.strip() == marker), len(lines))
        front, back = "\n".join(lines[:at]), "\n".join(lines[at + 1:])
    else:
        front, _sep, back = text.partition(":::" if kind == "reversed" else "::")
    front, back = front.strip(), back.strip()
    return ParsedCard(type=kind, front=front, back=back, line=line) if front and back else None


def to_cloze(text: str) -> str:
    """``==highlights==`` as StudyGuide's (Anki's) clozes: one number per highlight, or the
    numbers written (``==2;;answer;;hint==`` becomes ``{{c2::answer::hint}}``)."""
    numbered = any(m["seq"] for m in HIGHLIGHT.finditer(text))
    count = 0

    def cloze(match: re.Match[str]) -> str:
        nonlocal count
        if numbered and not match["seq"]:
            return match.group(0)  # the plugin's numbered clozes leave a plain highlight alone
        count += 1
        number = int(match["seq"]) if match["seq"] else count
        hint = f"::{match['hint']}" if match["hint"] else ""
        return f"{{{{c{number}::{match['answer']}{hint}}}}}"

    return HIGHLIGHT.sub(cloze, text)
