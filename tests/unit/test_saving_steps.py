"""Saving an imported guide tells each step as it starts (the Saving dialog's text): what is written, or
waited for. No step can tell how far it is, so the steps are all it says (the dialog stays busy)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from studyguide.guides.guide_files import build_with_media, listed
from studyguide.guides.importing import read_file
from studyguide.review.history_job import PendingHistory
from tests.unit.test_import_overlap import _guide

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"


def test_building_a_guide_says_what_it_writes(tmp_path: Path) -> None:
    said: list[str] = []

    build_with_media(_guide(3), tmp_path / "guides" / "pics.sqlite", kept=None, source_sha256="", what="not imported",
                     say=said.append)

    assert said == ["Writing 1 section\u2026", "Writing 3 media files\u2026"]


def test_a_guide_without_media_says_nothing_of_them(tmp_path: Path) -> None:
    said: list[str] = []

    build_with_media(_guide(0), tmp_path / "guides" / "plain.sqlite", kept=None, source_sha256="", what="not imported",
                     say=said.append)

    assert said == ["Writing 1 section\u2026"]


def test_the_history_says_when_it_is_replayed_and_when_it_is_waited_for(library) -> None:
    history = read_file(FIXTURES / "current.apkg").history
    said: list[str] = []
    now = datetime(2026, 3, 2, tzinfo=timezone.utc)

    PendingHistory(library.progress.path, guide_id="current", history=history, now=now, say=said.append).commit()
    early = PendingHistory(library.progress.path, guide_id="again", history=history, now=now, say=said.append)
    early.write_early()

    assert said == ["Saving 10 answers of review history\u2026", "Scheduling the cards from 10 answers\u2026"]
    early.commit()  # its write may be over by now (then nothing is waited for, nor said) or not
    assert said[2:] in ([], ["Saving 10 answers of review history\u2026"])


def test_a_whole_import_says_each_step_in_order(library) -> None:
    result = read_file(FIXTURES / "current.apkg", media_into=library.guides_folder)
    said: list[str] = []

    library.install_guide(result.guide, history=result.history, staged=result.staged, say=said.append)

    assert said[:3] == ["Scheduling the cards from 10 answers\u2026", "Writing 13 cards and 4 sections\u2026",
                        "Writing 2 media files\u2026"]
    assert said[3:] in ([], ["Saving 10 answers of review history\u2026"])


def test_the_kinds_written_are_listed_as_a_sentence() -> None:
    assert [listed(["3 cards", "2 sections", "1 event"][:n]) for n in range(4)] == [
        "", "3 cards", "3 cards and 2 sections", "3 cards, 2 sections and 1 event"]
