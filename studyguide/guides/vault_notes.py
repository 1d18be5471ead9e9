"""Turn a vault's notes into sections, cards and media: Obsidian's links and embeds resolved.

A link's target is found as Obsidian finds it: a path (``[[Folder/Note]]``) from the vault's
root or the note's folder; a bare name in the note's own folder, then in the attachment
folder (for files), then the shortest path in the vault holding a file of that name
(case-insensitively). ``[[Note]]`` and ``[[Note|alias]]`` become ``section:`` links the
reader opens; ``![[image.png]]`` (and ``![alt](local/path.png)``) become ``media/NAME``
images; an embedded note becomes a link to its section.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from studyguide.domain.card_types import AuthoringError, clean_tags, expand
from studyguide.domain.guide import Card, Guide, GuideInfo, Note, Section
from studyguide.domain.media import MediaError, MediaFile, image_markdown, sound_markdown
from studyguide.guides.markdown import slugify
from studyguide.guides.notes import _safe_body as safe_body
from studyguide.guides.obsidian import HIGHLIGHT, MARKDOWN_IMAGE, WIKILINK, ParsedNote, parse_note
from studyguide.guides.tabular import SectionIds, clean_back

_HEADING = re.compile(r"^(#{1,5})(\s)")
_SR_COMMENT = re.compile(r"\s?<!--SR:.+?-->")
_BLOCK_ID = re.compile(r" \^[a-zA-Z0-9-]+$")
_SIZE = re.compile(r"^\d+(x\d+)?$")
#: Obsidian's comments, hidden when reading: ``%%text%%``, on one line or several.
_COMMENT = re.compile(r"%%.*?%%", re.DOTALL)
#: A Markdown link to a note of the vault: ``[text](Folder/Other%20Note.md#heading)``.
MARKDOWN_NOTE_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<path>(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^)\s#]+?\.md)"
                                r"(?:#[^)\s]*)?\)")
_SOUNDS = {"mp3", "ogg", "oga", "opus", "wav", "m4a", "aac"}


@dataclass(frozen=True, slots=True)
class VaultFile:
    """A regular file inside the vault: its path in the vault and the real path to open."""

    rel: PurePosixPath
    real: Path

    @property
    def key(self) -> str:
        """Its path in the vault, folded for Obsidian's case-insensitive lookup."""
        return str(self.rel).casefold()


class _Links:
    """Finds the note or file a link names, and the media kept (each file once)."""

    def __init__(self, files: list[VaultFile], attachment_folder: str, section_ids: dict[str, str],
                 media: Callable[[VaultFile], MediaFile]) -> None:
        self._attachment_folder = attachment_folder
        self._section_ids = section_ids  # note key -> section id
        self._read_media = media
        self.by_name: dict[str, list[VaultFile]] = defaultdict(list)
        self.by_path: dict[str, VaultFile] = {}
        for file in files:
            self.by_path[file.key] = file
            self.by_name[file.rel.name.casefold()].append(file)
        self.media: dict[str, MediaFile] = {}
        self.failed: dict[str, str] = {}
        self.unresolved = 0

    def find(self, target: str, source: VaultFile, *, note: bool) -> VaultFile | None:
        """The file ``target`` names, seen from ``source`` (a note is named without ``.md``)."""
        target = target.split("#", 1)[0].split("^", 1)[0].strip().replace("\\", "/").lstrip("/")
        if not target:
            return None
        names = [target + ".md", target] if note and not target.lower().endswith(".md") else [target]
        folder = source.rel.parent
        attachments: PurePosixPath | None = None
        if self._attachment_folder:
            attachments = PurePosixPath(self._attachment_folder)
            if self._attachment_folder.startswith("."):
                attachments = folder / attachments  # "./" or "./sub": beside the note
        for name in names:
            if "/" in name:
                for base in (PurePosixPath(), folder):
                    found = self.by_path.get(_fold(base / name))
                    if found is not None:
                        return found
                continue
            for place in (folder, attachments):
                found = self.by_path.get(_fold(place / name)) if place is not None else None
                if found is not None:
                    return found
            same = self.by_name.get(name.casefold())
            if same:
                return min(same, key=lambda f: (len(f.rel.parts), f.key))
        return None

    def section_of(self, file: VaultFile) -> str | None:
        return self._section_ids.get(file.key)

    def media_name(self, file: VaultFile) -> str | None:
        """The stored name of a media file (read once); None when it was skipped (with a warning)."""
        if file.key in self.failed:
            return None
        if file.key not in self.media:
            try:
                self.media[file.key] = self._read_media(file)
            except MediaError as error:
                self.failed[file.key] = f"{file.rel}: {error.reason}; skipped."
                return None
            except OSError as error:
                self.failed[file.key] = f"{file.rel} could not be read ({error.strerror or error}); skipped."
                return None
        return self.media[file.key].name


def _fold(path: PurePosixPath) -> str:
    return str(path).casefold()


def _label(text: str) -> str:
    """Text safe inside a Markdown link's brackets."""
    return re.sub(r"([\[\]\\])", r"\\\1", text.strip())


def _segments(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into (is code, lines) runs: fenced code blocks apart from the rest."""
    runs: list[tuple[bool, list[str]]] = []
    fence = ""
    for line in text.split("\n"):
        stripped = line.lstrip()
        opens = not fence and stripped.startswith(("```", "~~~"))
        code = bool(fence) or opens
        if opens:
            fence = stripped[:3]
        elif fence and stripped.startswith(fence):
            fence = ""
        if runs and runs[-1][0] == code:
            runs[-1][1].append(line)
        else:
            runs.append((code, [line]))
    return [(code, "\n".join(lines)) for code, lines in runs]


def convert(text: str, source: VaultFile, links: _Links, *, in_card: bool = False) -> str:
    """Obsidian's links, embeds and ``%%comments%%`` in ``text`` as StudyGuide Markdown (code left alone)."""
    out = []
    for code, run in _segments(text):
        if not code:
            run = _COMMENT.sub("", run)
            run = WIKILINK.sub(lambda m: _wikilink(m, source, links, in_card), run)
            run = MARKDOWN_IMAGE.sub(lambda m: _image(m, source, links), run)
            run = MARKDOWN_NOTE_LINK.sub(lambda m: _note_link(m, source, links, in_card), run)
        out.append(run)
    return "\n".join(out)


def _note_link(match: re.Match[str], source: VaultFile, links: _Links, in_card: bool) -> str:
    """``[text](Other%20Note.md)``: a link to that note's section, or its text when not there."""
    note = links.find(match["path"].replace("%20", " "), source, note=False)
    section = links.section_of(note) if note is not None else None
    return match["text"] if section is None or in_card else f"[{match['text']}](section:{section})"


def _wikilink(match: re.Match[str], source: VaultFile, links: _Links, in_card: bool) -> str:
    target, alias = match["target"].strip(), (match["alias"] or "").strip()
    shown = alias if alias and not _SIZE.match(alias) else PurePosixPath(target.split("#")[0]).name or target
    note = links.find(target, source, note=True)
    if note is not None and note.rel.suffix.lower() in (".md", ".markdown"):
        section = links.section_of(note)
        if section is not None and not in_card:
            return f"[{_label(alias or note.rel.stem)}](section:{section})"
        return alias or note.rel.stem
    if not match["embed"]:
        return shown
    file = links.find(target, source, note=False)
    if file is None:
        links.unresolved += 1
        return f"*{_label(shown)} (not found in the vault)*"
    name = links.media_name(file)
    if name is None:
        return f"*{_label(file.rel.name)} (not imported)*"
    if file.rel.suffix.lower().lstrip(".") in _SOUNDS:
        return sound_markdown(name)
    return image_markdown(name, alias if alias and not _SIZE.match(alias) else file.rel.stem)


def _image(match: re.Match[str], source: VaultFile, links: _Links) -> str:
    path = match["path"].replace("%20", " ")
    file = links.find(path, source, note=False)
    name = links.media_name(file) if file is not None else None
    return image_markdown(name, match["alt"]) if name is not None else match.group(0)


def section_body(body: str, name: str = "") -> str:
    """A note's body as a section's, read as Obsidian shows it.

    A first heading that only repeats the note's ``name`` goes (the section's title says it);
    other headings move one level down (the guide format's ``# `` starts a section); a line
    break inside a paragraph stays one (Obsidian's default); ``==highlights==`` are bold;
    scheduling comments and block ids go; reserved lines are escaped. Code is left alone.
    """
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and re.fullmatch(r"#\s+(.+?)\s*#*", lines[first].strip()) and \
            lines[first].strip().lstrip("#").strip().casefold() == name.casefold():
        del lines[first]
    out: list[str] = []
    code: list[bool] = []
    fence = ""
    for line in lines:
        stripped = line.lstrip()
        if fence or stripped.startswith(("```", "~~~")):
            fence = "" if fence and stripped.startswith(fence) else (fence or stripped[:3])
            out.append(line)
            code.append(True)
            continue
        line = _BLOCK_ID.sub("", _SR_COMMENT.sub("", line))  # Obsidian shows neither when reading
        if not line.strip() and stripped.startswith("<!--SR:"):
            continue
        parts = line.split("`")  # inline code (odd parts) keeps its == signs
        line = "`".join(p if i % 2 else HIGHLIGHT.sub(lambda m: f"**{m['answer']}**", p) for i, p in enumerate(parts))
        out.append(_HEADING.sub(r"#\1\2", line))
        code.append(False)
    for i in range(len(out) - 1):
        if not code[i] and not code[i + 1] and out[i].strip() and out[i + 1].strip() and \
                not out[i].lstrip().startswith(("#", "|")):
            out[i] = out[i].rstrip() + "  "  # a hard line break, as Obsidian shows a single new line
    if fence:  # a code block left open runs to the note's end in Obsidian: end it there
        out.append(fence)
    return safe_body("\n".join(out).strip("\n").rstrip())


def _side(text: str) -> str:
    """A card side the guide format keeps: no blank or reserved lines, a bare ``#`` escaped (the
    card's ``{#id}`` written after it would read as a section)."""
    return "\n".join("\\" + line if re.fullmatch(r"#+", line) else line for line in clean_back(text).split("\n"))


def build_guide(info: GuideInfo, texts: list[tuple[VaultFile, str]], *, files: list[VaultFile],
                attachment_folder: str, warnings: list[str], media: Callable[[VaultFile], MediaFile]) -> Guide:
    """The guide made of the vault's notes (see the module's docstring).

    Args:
        info: The guide's id and title.
        texts: Each note read, with its text, in order.
        files: The vault's other files (images, sounds...).
        attachment_folder: Obsidian's attachment folder ("" when not set).
        warnings: Where to say what was skipped.
        media: Reads a file as media (raising ``MediaError`` or ``OSError``).
    """
    ids, section_ids = SectionIds(), dict[str, str]()
    parsed: list[tuple[VaultFile, ParsedNote, str]] = []
    for file, text in texts:
        title = base = " / ".join([*file.rel.parent.parts, file.rel.stem])
        n = 2
        while title in ids.by_title:  # "Note.md" beside "Note.markdown"
            title, n = f"{base} ({n})", n + 1
        section_ids[file.key] = ids.get(title, slugify(str(file.rel.with_suffix(""))))
        parsed.append((file, parse_note(text), title))
    links = _Links([file for file, _text in texts] + files, attachment_folder, section_ids, media)
    sections, notes, cards = list[Section](), list[Note](), list[Card]()
    taken: set[str] = set()
    untagged = 0
    for position, (file, note, title) in enumerate(parsed):
        section_id = section_ids[file.key]
        try:
            tags = clean_tags([t for t in note.tags if len(t) <= 64])
        except AuthoringError:
            tags = ()
        body = section_body(convert(note.body, file, links), file.rel.stem)
        sections.append(Section(id=section_id, title=title, body=body, position=position, tags=tags))
        if note.cards and not note.for_flashcards:
            untagged += 1
            continue
        for card in note.cards if note.for_flashcards else ():
            # A front's lines are kept without indentation (as the guide format reads them back).
            front = _side("\n".join(line.strip() for line in convert(card.front, file, links,
                                                                      in_card=True).split("\n")))
            back = _side(convert(card.back, file, links, in_card=True))
            digest = hashlib.sha1(f"{file.rel}\0{card.type}\0{front}".encode()).hexdigest()[:12]
            ident, n = f"o-{digest}", 2
            while ident in taken:
                ident, n = f"o-{digest}-{n}", n + 1
            taken.add(ident)
            made = Note(id=ident, section_id=section_id, type=card.type, front=front, back=back,
                        position=len(notes))
            try:
                made_cards = expand(made, position=len(cards))
            except AuthoringError as error:
                warnings.append(f"{file.rel}, line {card.line}: {error}; that card was skipped.")
                continue
            notes.append(made)
            cards += made_cards
    warnings += list(links.failed.values())
    if links.unresolved:
        warnings.append(f"{links.unresolved} embedded file{'s were' if links.unresolved != 1 else ' was'} "
                              "not found in the vault; the notes say so where they were.")
    if untagged:
        warnings.append(f"{untagged} note{'s have' if untagged != 1 else ' has'} flashcard syntax but no "
                              "#flashcards tag (the Spaced Repetition plugin's default), so no cards were made "
                              "from them.")
    return Guide(info=info, sections=tuple(sections), notes=tuple(notes),
                 cards=tuple(replace(c, position=i) for i, c in enumerate(cards)),
                 media=tuple(links.media.values()))
