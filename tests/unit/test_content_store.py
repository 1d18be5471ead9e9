"""Unit tests for studyguide.store.content: reading a built guide, refusing other files."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from studyguide import paths
from studyguide.store.content import ContentStore
from studyguide.store.errors import ForeignDatabase, StoreUnavailable


@pytest.fixture
def bundled_store() -> Iterator[ContentStore]:
    opened = ContentStore(path=paths.bundled_guide_database())
    yield opened
    opened.close()


@pytest.fixture
def store(content_db: Path) -> Iterator[ContentStore]:
    opened = ContentStore(path=content_db)
    yield opened
    opened.close()


def test_info_comes_from_meta(store: ContentStore) -> None:
    assert store.info.id == "tiny"
    assert store.info.title == "A Tiny Guide"
    assert store.info.subject == "Testing"


def test_sections_in_guide_order(store: ContentStore) -> None:
    sections = store.sections()

    assert [s.id for s in sections] == ["first", "second", "third"]
    assert sections[0].sources == ("The test suite",)
    assert sections[2].sources == ()
    assert "*patience*" in sections[0].body


def test_cards_all_and_by_section(store: ContentStore) -> None:
    assert [c.id for c in store.cards()] == ["where-signed", "begins-with", "who-wrote"]
    assert [c.id for c in store.cards("first")] == ["where-signed", "begins-with"]
    assert [c.id for c in store.cards("second")] == ["who-wrote"]
    assert store.cards("third") == []
    assert store.cards("no-such-section") == []


def test_events_in_chronological_order(store: ContentStore) -> None:
    events = store.events()

    assert [e.id for e in events] == ["year-event", "season-event", "day-event", "period-event"]
    keys = [e.when.sort_key() for e in events]
    assert keys == sorted(keys)
    assert events[3].when.label() == "October 16\u201328, 1962"
    assert events[1].when.label() == "fall 1961"
    assert [e.lane for e in events] == ["North", "South", "North", "South"]


def test_events_by_section(store: ContentStore) -> None:
    assert [e.id for e in store.events("second")] == ["day-event", "period-event"]
    assert store.events("third") == []


def test_bundled_events_are_chronological_not_source_ordered(bundled_store: ContentStore) -> None:
    events = bundled_store.events()
    keys = [e.when.sort_key() for e in events]

    assert keys == sorted(keys)
    assert [e.position for e in events] != sorted(e.position for e in events)


def test_store_does_not_write_to_the_file(content_db: Path) -> None:
    before = content_db.read_bytes()
    opened = ContentStore(path=content_db)
    opened.guide()
    opened.close()

    assert content_db.read_bytes() == before
    assert sorted(p.name for p in content_db.parent.iterdir()) == [content_db.name]


# --- Files that are not a built guide -------------------------------------------------------


def _foreign_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('cat.jpg')")
    conn.commit()
    conn.close()


def _empty_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=7")  # forces a valid header, no tables
    conn.close()


def test_missing_file_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="does not exist"):
        ContentStore(path=tmp_path / "missing.sqlite")
    assert not (tmp_path / "missing.sqlite").exists()


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        pytest.param(
            lambda p: p.write_text("Just some notes.\n" * 100),
            StoreUnavailable,
            "not a StudyGuide database",
            id="text-file",
        ),
        pytest.param(lambda p: p.write_bytes(b""), ForeignDatabase, "empty", id="zero-bytes"),
        pytest.param(_empty_sqlite, ForeignDatabase, "empty", id="sqlite-without-tables"),
        pytest.param(
            _foreign_db, ForeignDatabase, "not a StudyGuide guide database", id="other-app"
        ),
    ],
)
def test_files_that_are_not_guides_are_refused_untouched(
    tmp_path: Path, make, error: type, words: str
) -> None:
    path = tmp_path / "guide.sqlite"
    make(path)
    before = path.read_bytes()

    with pytest.raises(error, match=words):
        ContentStore(path=path)

    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["guide.sqlite"]


def test_progress_database_is_not_a_guide(tmp_path: Path) -> None:
    from studyguide.store.progress import ProgressStore

    path = tmp_path / "progress.sqlite"
    ProgressStore(path=path, backups=tmp_path / "backups").close()
    before = path.read_bytes()

    with pytest.raises(ForeignDatabase):
        ContentStore(path=path)
    assert path.read_bytes() == before


def test_guide_database_without_meta_is_unavailable(content_db: Path) -> None:
    conn = sqlite3.connect(content_db)
    conn.execute("DROP TABLE meta")
    conn.commit()
    conn.close()

    with pytest.raises(StoreUnavailable, match="not a complete"):
        ContentStore(path=content_db)


@pytest.mark.parametrize("indexed", [True, False])
def test_section_titles_are_read_a_page_at_a_time_in_guide_order(tmp_path, indexed) -> None:
    from studyguide.domain.guide import Guide, GuideInfo, Section
    from studyguide.guides.build import build_guide

    sections = tuple(Section(f"s{n:03d}", f"Section {n}", "Text.", position=(n * 37) % 250) for n in range(250))
    path = build_guide(Guide(info=GuideInfo(id="paged", title="Paged"), sections=sections), tmp_path / "paged.sqlite")
    if not indexed:  # a guide built before the sections' position index
        db = sqlite3.connect(path)
        db.execute("DROP INDEX sections_position")
        db.commit()
        db.close()
    store = ContentStore(path=path)
    try:
        read, after = [], None
        while page := store.section_titles_page(after, 40):
            assert len(page) <= 40
            read += [(section_id, title) for section_id, title, _key in page]
            after = page[-1][2]
        assert read == store.section_titles() == [(s.id, s.title) for s in sorted(sections, key=lambda s: s.position)]
    finally:
        store.close()
