"""Unit tests for studyguide.guides.build, and the check that db/ matches its source."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from studyguide import paths
from studyguide.domain.dates import parse_span
from studyguide.domain.guide import Guide
from studyguide.guides.build import build_from_source, build_guide
from studyguide.guides.markdown import GuideFormatError, read_guide
from studyguide.store.content import ContentStore

TINY = Path(__file__).parent.parent / "data" / "tiny-guide.md"
REBUILD = "run `studyguide build` (python -m studyguide build) and commit db/default-guide.sqlite"


@pytest.fixture(scope="module")
def bundled() -> Guide:
    return read_guide(paths.bundled_guide_source().read_text(encoding="utf-8"))


def test_build_writes_a_database_content_store_reads_back(tmp_path: Path) -> None:
    dest = tmp_path / "nested" / "tiny.sqlite"

    guide = build_from_source(TINY, dest)

    store = ContentStore(path=dest)
    try:
        assert store.guide() == guide
        assert store.info == guide.info
        assert len(store.source_sha256) == 64
    finally:
        store.close()


def test_build_replaces_an_existing_database(tmp_path: Path) -> None:
    dest = tmp_path / "guide.sqlite"
    build_from_source(TINY, dest)
    bundled = build_from_source(paths.bundled_guide_source(), dest)

    store = ContentStore(path=dest)
    try:
        assert store.info.id == bundled.info.id
    finally:
        store.close()
    assert [p.name for p in tmp_path.iterdir()] == ["guide.sqlite"]


def test_failing_build_leaves_no_file(tmp_path: Path) -> None:
    source = tmp_path / "bad.md"
    source.write_text("no front matter\n", encoding="utf-8")

    with pytest.raises(GuideFormatError):
        build_from_source(source, tmp_path / "out" / "bad.sqlite")

    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_failing_build_keeps_the_existing_destination(tmp_path: Path) -> None:
    dest = tmp_path / "guide.sqlite"
    build_from_source(TINY, dest)
    before = dest.read_bytes()
    source = tmp_path / "bad.md"
    source.write_bytes(b"---\nid: bad\ntitle: Bad\n---\n# S\n\n## Events\n\nEvent: 1962-13 | x\n")

    with pytest.raises(GuideFormatError):
        build_from_source(source, dest)

    assert dest.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.md", "guide.sqlite"]


def test_non_utf8_source_is_a_format_error(tmp_path: Path) -> None:
    source = tmp_path / "latin1.md"
    source.write_bytes("---\nid: x\ntitle: Caf\u00e9\n---\n# S\n".encode("latin-1"))

    with pytest.raises(GuideFormatError, match="UTF-8"):
        build_from_source(source, tmp_path / "x.sqlite")
    assert not (tmp_path / "x.sqlite").exists()


def test_failure_while_writing_removes_the_temporary_file(tmp_path: Path) -> None:
    guide = read_guide(TINY.read_text(encoding="utf-8"))
    duplicated = replace(guide, cards=guide.cards + guide.cards[:1])  # duplicate primary key
    dest = tmp_path / "guide.sqlite"
    build_from_source(TINY, dest)
    before = dest.read_bytes()

    with pytest.raises(sqlite3.IntegrityError):
        build_guide(duplicated, dest)

    assert dest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["guide.sqlite"]


# --- The committed database matches its source ----------------------------------------------

_QUERIES = {
    "meta": "SELECT * FROM meta ORDER BY key",
    "sections": "SELECT * FROM sections ORDER BY id",
    "cards": "SELECT * FROM cards ORDER BY id",
    "events": "SELECT * FROM events ORDER BY id",
    "tables": "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name",
}


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("rebuilt") / "default-guide.sqlite"
    build_from_source(paths.bundled_guide_source(), dest)
    return dest


@pytest.mark.parametrize("table", list(_QUERIES))
def test_committed_database_matches_its_source(rebuilt: Path, table: str) -> None:
    committed = paths.bundled_guide_database()
    assert committed.is_file(), f"{committed} is missing: {REBUILD}"

    expected, actual = _rows(rebuilt, _QUERIES[table]), _rows(committed, _QUERIES[table])

    assert actual == expected, (
        f"{committed} is out of date with {paths.bundled_guide_source()} "
        f"(table {table!r} differs): {REBUILD}"
    )


def test_committed_database_columns_match(rebuilt: Path) -> None:
    def columns(path: Path) -> list[tuple]:
        return [
            row
            for table in ("meta", "sections", "cards", "events")
            for row in _rows(
                path, f"SELECT '{table}', name, type FROM pragma_table_info('{table}')"
            )
        ]

    assert columns(paths.bundled_guide_database()) == columns(rebuilt), f"schema changed: {REBUILD}"


# --- The bundled guide's content ------------------------------------------------------------


def test_bundled_guide_is_big_enough(bundled: Guide) -> None:
    assert len(bundled.sections) >= 6
    assert len(bundled.cards) >= 40
    assert len(bundled.events) >= 10


def test_bundled_guide_links_name_existing_sections(bundled: Guide) -> None:
    section_ids = {s.id for s in bundled.sections}

    assert {c.section_id for c in bundled.cards} <= section_ids
    assert {e.section_id for e in bundled.events} <= section_ids
    assert section_ids == {c.section_id for c in bundled.cards}, "every section has cards"


def test_bundled_guide_sections_have_sources(bundled: Guide) -> None:
    assert [s.id for s in bundled.sections if not s.sources] == []


def test_bundled_guide_ids_are_unique(bundled: Guide) -> None:
    for items in (bundled.sections, bundled.cards, bundled.events):
        ids = [item.id for item in items]
        assert len(ids) == len(set(ids))


def test_bundled_guide_dates(bundled: Guide) -> None:
    by_id = {e.id: e for e in bundled.events}

    assert by_id["batista-overthrown"].when == parse_span("1959")
    assert any(e.when == parse_span("1961-fall") for e in bundled.events), "an event in fall 1961"
    assert any(e.when == parse_span("1962-10-16 .. 1962-10-28") for e in bundled.events), (
        "the thirteen days"
    )


def test_a_built_guide_keeps_each_items_text_once(rebuilt: Path) -> None:
    # Issue 18: no FTS5 table (content copy, index, vocabulary) beside the content tables; the
    # library's ranking index is built from them.
    for path in (rebuilt, paths.bundled_guide_database()):
        names = {name for (name,) in _rows(path, "SELECT name FROM sqlite_master")}
        assert not {n for n in names if n.startswith("search")}, path
        assert not _rows(path, "SELECT name FROM sqlite_master WHERE sql LIKE '%VIRTUAL%'"), path


def test_a_guide_of_long_sections_gets_larger_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from studyguide.domain.guide import GuideInfo, Section
    from studyguide.store import schema

    def page_size(path: Path) -> int:
        return _rows(path, "PRAGMA page_size")[0][0]

    monkeypatch.setattr(schema, "LONG_SECTIONS", 10_000)
    sections = tuple(Section(id=f"s{n}", title=f"S{n}", body="word " * 250, position=n) for n in range(10))
    long_guide = build_guide(Guide(info=GuideInfo(id="long", title="Long"), sections=sections), tmp_path / "l.sqlite")
    assert page_size(long_guide) == schema.CONTENT_PAGE_SIZE == 16384  # 4 KB pages left 17% of 1.3 KB rows unused
    assert page_size(paths.bundled_guide_database()) == 4096  # a small guide: a page per table at least
