"""An Anki package's images and sounds: found in the fields, checked, named for the guide's media folder.

Fields refer to media by the package's file names (``<img src="map.png">``,
``[sound:speech.mp3]``). While the notes are converted, each reference becomes a
placeholder; ``finish`` then reads each referenced file once, checks it is what its name
says and not over 100 MB (else it is skipped with a warning naming it), gives it its
stored name and puts ``![](media/NAME)`` or ``[sound:NAME]`` in place of the placeholder.
A reference to anything that is not a file of the package (a URL, a path) is dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from studyguide.domain.card_types import AuthoringError, card_ids, expand
from studyguide.domain.guide import Card, Guide, Note
from studyguide.domain.media import MediaError, MediaFile, check_size, image_markdown, sound_markdown, stored_name
from studyguide.guides.anki_html import html_to_markdown
from studyguide.guides.anki_package import PackageMedia
from studyguide.guides.markdown import GuideFormatError
from studyguide.guides.tabular import Cancelled, check_cancelled

_SOUND = re.compile(r"\[sound:([^\]]+)\]")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
#: An image as StudyGuide's own export writes it.
_OWN_IMAGE = re.compile(r'<img src="(?P<name>[^"<>]*)" alt="(?P<alt>[^"<>]*)">')
#: An image placeholder inside Markdown's image syntax (filled with the stored name only).
_IMAGE_PLACEHOLDER = re.compile("!\\[(?P<alt>[^\\]]*)\\]\\(\ue000(?P<n>\\d+)\ue001\\)")


class Gatherer:
    """Turns fields into rich text with media placeholders, then resolves them (see the module)."""

    def __init__(self, media: list[PackageMedia]) -> None:
        self._files = {m.name: m for m in media}
        self._wanted: dict[str, int] = {}  # package name -> placeholder number
        self._sound: set[str] = set()
        self.dropped = 0
        #: Files read before the notes (``read_all``): package name -> (stored name, bytes) or why not.
        self._read: dict[str, tuple[str, bytes] | MediaError | GuideFormatError] = {}

    def read_all(self, *, cancelled: Cancelled | None = None) -> dict[str, bytes]:
        """Read and check every file of the package now, before the notes say which they use (so that
        they can be written meanwhile: ``Library.install_guide``'s ``staged``); ``finish`` takes them from
        here, and what a file's reading raised is raised there only if a note uses it.

        Returns:
            The files that are what their names say, by stored name (a package's media are the ones its
            notes use, as Anki exports them; any other is removed before the guide is published).
        """
        files: dict[str, bytes] = {}
        for name, media in self._files.items():
            check_cancelled(cancelled)
            try:
                found = self._checked(media)
            except (MediaError, GuideFormatError) as error:
                self._read[name] = error
                continue
            self._read[name] = found
            files.setdefault(*found)
        return files

    @staticmethod
    def _checked(media: PackageMedia) -> tuple[str, bytes]:
        check_size(media.size, media.name)  # before reading it
        data = media.read()
        return stored_name(data, media.name), data

    def _placeholder(self, name: str) -> str:
        number = self._wanted.setdefault(name, len(self._wanted))
        return f"\ue000{number}\ue001"

    def _image(self, src: str) -> str | None:
        if src in self._files:
            return self._placeholder(src)
        return None

    def _sound_reference(self, match: re.Match[str]) -> str:
        """A `[sound:NAME]` reference as its placeholder, or dropped if NAME is not in the package."""
        name = match.group(1).strip()
        if name not in self._files:
            self.dropped += 1
            return ""
        self._sound.add(name)
        return self._placeholder(name)

    def convert(self, field: str) -> str:
        """A field as rich text, its media references as placeholders."""
        if "[sound:" in field:
            field = _SOUND.sub(self._sound_reference, field)
        text, dropped = html_to_markdown(field, image=self._image)
        self.dropped += dropped
        return text

    def own(self, field: str) -> str:
        """A field of StudyGuide's own export back exactly: its text was escaped with ``<br>`` for
        line breaks, its images written ``<img src="NAME" alt="ALT">`` and its sounds ``[sound:NAME]``."""
        def image(match: re.Match[str]) -> str:
            name = html.unescape(match["name"])
            if name not in self._files:
                self.dropped += 1
                return ""
            return f"![{html.unescape(match['alt'])}]({self._placeholder(name)})"

        text = _OWN_IMAGE.sub(image, field.replace("<br>", "\n"))
        return html.unescape(_SOUND.sub(self._sound_reference, text))

    def finish(self, guide: Guide, *, cancelled: Cancelled | None = None,
               ) -> tuple[Guide, list[str]]:
        """Read and check each referenced file; the guide with its references resolved.

        Returns:
            The guide (its ``media`` the files kept), and warnings naming each file skipped.
        """
        by_number = {number: name for name, number in self._wanted.items()}
        resolved: dict[int, str] = {}
        kept: dict[str, bytes] = {}
        warnings = []
        for number, name in by_number.items():
            check_cancelled(cancelled)
            try:
                found = self._read.get(name) or self._checked(self._files[name])
                if isinstance(found, Exception):
                    raise found
                stored, data = found
            except MediaError as error:
                warnings.append(f"Skipped {error}")
                resolved[number] = ""
                continue
            kept[stored] = data
            resolved[number] = sound_markdown(stored) if name in self._sound else image_markdown(stored)
        if self.dropped:
            one = self.dropped == 1
            warnings.append(f"{self.dropped} image{'' if one else 's'} or sound{'' if one else 's'} not in the "
                            f"package (a remote address, a missing file) {'was' if one else 'were'} dropped; "
                            "nothing is ever fetched.")
        if not by_number:
            return guide, warnings

        def fill(text: str) -> str:
            text = _IMAGE_PLACEHOLDER.sub(lambda m: _with_alt(resolved.get(int(m["n"]), ""), m["alt"]), text)
            return _PLACEHOLDER.sub(lambda m: resolved.get(int(m.group(1)), ""), text)

        built = {card.id: card for card in guide.cards}
        notes, cards = [], list[Card]()
        for note in guide.notes:
            if "\ue000" not in note.front and "\ue000" not in note.back:  # no media: its cards stay as made
                notes.append(note)
                if note.type == "basic" or note.type == "typein":  # card_ids' one card, without the call
                    cards.append(built[note.id])
                else:
                    cards += [built[i] for i in card_ids(note)]
                continue
            # (positional: a Note's fields in order, test_apkg.py's tripwire; dataclasses.replace takes twice as long)
            note = Note(note.id, note.section_id, note.type, fill(note.front).strip(), fill(note.back).strip(),
                        note.tags, note.position)
            try:
                cards += expand(note, position=len(cards))
            except AuthoringError:  # only a skipped picture was on one side
                warnings.append(f"A note whose only {'front' if not note.front else 'back'} was a skipped file "
                                "was left out.")
                continue
            notes.append(note)
        # Positioned as they come; only cards after a note left out move (most keep the one they have).
        cards_out = tuple(c if c.position == i else Card(id=c.id, section_id=c.section_id, front=c.front, back=c.back,
                                                         position=i) for i, c in enumerate(cards))
        files = tuple(MediaFile(name=name, data=data) for name, data in kept.items())
        return replace(guide, notes=tuple(notes), cards=cards_out, media=files), warnings


def _with_alt(markdown: str, alt: str) -> str:
    """An image's Markdown (``![](media/NAME)``) given its ``alt`` text; "" stays ""."""
    return markdown.replace("![]", f"![{alt}]", 1) if markdown.startswith("![](") else markdown
