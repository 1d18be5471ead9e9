"""A user's guide with every note type, tags, two sections, an image and a sound, and some answers:
what the Anki export tests write out and read back (with our importer and with Anki itself)."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

from studyguide.review.scheduler import Rating
from tests.media_samples import png

#: A short silent MP3: an ID3v2 tag, then MPEG-1 Layer III frames (as scripts/make_anki_fixtures.py makes).
MP3 = b"ID3\x04\x00\x00" + bytes(4) + (b"\xff\xfb\x90\x64" + bytes(413)) * 4


def collection(package: Path, tmp_path: Path) -> sqlite3.Connection:
    """The package's collection, written out to ``tmp_path / "c.anki2"`` and opened."""
    with zipfile.ZipFile(package) as zipped:
        (tmp_path / "c.anki2").write_bytes(zipped.read("collection.anki2"))
    return sqlite3.connect(tmp_path / "c.anki2")


def make_guide(authoring) -> str:
    """The guide's id; its notes: basic (image, tags), reversed, cloze (two numbers, a hint), type-in, basic (sound)."""
    guide = authoring.new_guide("Crisis in Anki", "History").ids[0]
    cuba = authoring.add_media(guide, png(40, 30), "cuba.png")
    speech = authoring.add_media(guide, MP3, "speech.mp3")
    one = authoring.add_section(guide, "Missiles", "The island.").ids[0]
    two = authoring.add_section(guide, "After the crisis", "The hotline.").ids[0]
    authoring.add_card(guide, one, f"Which island? ![Cuba](media/{cuba})", "**Cuba** & its <neighbours>",
                       tags=["geo", "cold-war"])
    authoring.add_card(guide, one, "Spy plane", "U-2", type="reversed", tags=["usa"])
    authoring.add_card(guide, two, "{{c1::Khrushchev::a Soviet leader}} wrote to {{c2::Kennedy}}", "Two letters",
                       type="cloze", tags=["ussr"])
    authoring.add_card(guide, two, "Capital of Cuba?", "Havana", type="typein")
    authoring.add_card(guide, two, f"Who speaks? [sound:{speech}]", "Kennedy\non the radio")
    return guide


def answer_some(library, clock, guide_id: str) -> None:
    """Answer four cards over three days (a lapse among them) and suspend none."""
    for day, ratings in enumerate(([Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.EASY],
                                   [Rating.GOOD, Rating.HARD], [Rating.AGAIN])):
        session = library.start_review(guide_id)
        for rating in ratings:
            if session.current is None:
                break
            session.reveal()
            session.answer(rating)
            clock.advance(seconds=20)
        clock.advance(days=1 + day)
