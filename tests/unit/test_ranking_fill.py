"""A streamed import returns once the guide is written; its ranking index is filled on a thread of
its own, and a search (or closing the library) waits for it (issue 18). No sleeps: the fill is held
on an event until the test has seen what it wants to see."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from studyguide.library_tables import install_table
from studyguide.store.ranking import RankingIndex
from studyguide.store.ranking_feed import Feed

_GUARD = 30.0  # seconds: only so that a broken test fails instead of hanging


def _tsv(path: Path, rows: int) -> Path:
    lines = [f"Question {i} about topic {i % 7}?\tAnswer {i} with words" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch):
    """An event that every fill waits for before it indexes anything, or, after a streamed import whose cards
    were indexed as they were written, before the rest (set at teardown at the latest)."""
    go = threading.Event()
    real = RankingIndex.add_guide

    def add_guide(self: RankingIndex, guide_id: str, path: Path) -> None:
        if threading.current_thread().name.startswith("ranking-fill-"):
            assert go.wait(_GUARD)
        real(self, guide_id, path)

    monkeypatch.setattr(RankingIndex, "add_guide", add_guide)
    real_rest = Feed.index_rest

    def index_rest(self: Feed, *args: object) -> None:  # a streamed import's cards fed: the rest held
        assert go.wait(_GUARD)
        real_rest(self, *args)

    monkeypatch.setattr(Feed, "index_rest", index_rest)
    yield go
    go.set()


def _release_when(event: threading.Event, go: threading.Event) -> threading.Thread:
    def run() -> None:
        if event.wait(_GUARD):
            go.set()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_search_right_after_the_import_waits_for_the_guide_s_index(library, tmp_path: Path, held) -> None:
    fills = library.ranking._fills
    waited = threading.Event()
    real_wait = fills.wait

    def wait(guide_ids=None) -> None:
        wanted = None if guide_ids is None else list(guide_ids)
        if wanted and "streamed" in wanted and fills.pending("streamed"):
            waited.set()  # the search is about to wait for the fill: let the fill go
        real_wait(wanted)

    fills.wait = wait
    done = install_table(library, _tsv(tmp_path / "streamed.tsv", 700))
    assert done.cards == 700 and fills.pending("streamed")  # returned before its index was filled
    helper = _release_when(waited, held)
    library.reload_guides()
    found = library.search.search("question guide:streamed", limit=5)
    helper.join()
    assert waited.is_set()
    assert found.total == 700 and len(found.hits) == 5
    assert {hit.guide_id for hit in found.hits} == {"streamed"}


def _noted_close(library) -> threading.Event:
    """An event set when the library starts waiting for its guides' fills (as it closes)."""
    closing = threading.Event()
    real = library.ranking.wait_filled

    def wait_filled() -> None:
        closing.set()
        real()

    library.ranking.wait_filled = wait_filled
    return closing


def test_closing_the_library_waits_for_the_fill(library, tmp_path: Path, held) -> None:
    closing = _noted_close(library)
    install_table(library, _tsv(tmp_path / "closed.tsv", 300))
    helper = _release_when(closing, held)
    library.close()
    helper.join()
    assert not library.ranking._fills.pending("closed")
    reopened = RankingIndex(library.home / "search-index")
    _, searcher = reopened._ready()
    assert "closed" in reopened._guides() and searcher.num_docs >= 300  # indexed and stamped before closing


def test_a_fill_whose_file_went_away_leaves_it_to_the_next_search(library, tmp_path: Path, held) -> None:
    install_table(library, _tsv(tmp_path / "gone.tsv", 50))
    (library.guides_folder / "gone.sqlite").unlink()
    held.set()
    library.ranking.wait_filled()
    assert isinstance(library.ranking._fills.failed, sqlite3.Error)
    library.reload_guides()
    assert "gone" not in {g.id for g in library.guides()}
    assert library.search.search("question", limit=5).total >= 0  # searching still works


DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize(("source", "word", "cards"), [("anki/current.apkg", "Cuba", 1),
                                                       ("notes-with-headings.md", "Castro", 2)])
def test_an_anki_or_markdown_install_returns_before_its_index_and_a_search_waits(
        library, held, source: str, word: str, cards: int) -> None:
    from studyguide.guides.importing import read_file

    read = read_file(DATA / source)
    guide_id = read.guide.info.id
    fills = library.ranking._fills
    waited = threading.Event()
    real_wait = fills.wait

    def wait(guide_ids=None) -> None:
        wanted = None if guide_ids is None else list(guide_ids)
        if wanted and guide_id in wanted and fills.pending(guide_id):
            waited.set()  # the search is about to wait for the fill: let the fill go
        real_wait(wanted)

    fills.wait = wait
    library.install_guide(read.guide, source_sha256=read.source_sha256, history=read.history)
    assert fills.pending(guide_id)  # returned before its index was filled
    helper = _release_when(waited, held)
    library.reload_guides()
    found = library.search.search(f"{word} guide:{guide_id}", limit=5)
    helper.join()
    assert waited.is_set()
    assert [hit.kind for hit in found.hits].count("card") == cards
    assert {hit.guide_id for hit in found.hits} == {guide_id}


def test_closing_the_library_waits_for_an_installed_guide_s_fill(library, held) -> None:
    from studyguide.guides.importing import read_file

    closing = _noted_close(library)
    read = read_file(DATA / "anki" / "current.apkg")
    library.install_guide(read.guide)
    assert library.ranking._fills.pending("current")
    helper = _release_when(closing, held)
    library.close()
    helper.join()
    assert not library.ranking._fills.pending("current")
    reopened = RankingIndex(library.home / "search-index")
    _, searcher = reopened._ready()
    assert "current" in reopened._guides() and searcher.num_docs >= 13  # indexed and stamped before closing



def test_a_guide_replaced_while_its_first_fill_reads_it_is_searched_as_it_is_now(
        library, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two fills of one guide at once (imported twice in a row) neither wait for each other for
    ever nor leave the old file's rows indexed as the new file's."""
    from studyguide.domain.guide import Card, Guide, GuideInfo, Section

    def guide(word: str) -> Guide:
        cards = tuple(Card(id=f"c{n}", section_id="s", front=f"Question {n}?", back=f"a {word} card", position=n)
                      for n in range(3))
        return Guide(info=GuideInfo(id="twice", title="Twice"), sections=(Section(id="s", title="S", body=""),),
                     cards=cards)

    connected, second, go, first_done = (threading.Event() for _ in range(4))
    real_sync = RankingIndex.sync

    def sync(self: RankingIndex, guides, edits=None, *, prune: bool = True) -> None:
        if not threading.current_thread().name.startswith("ranking-fill-"):
            real_sync(self, guides, edits, prune=prune)
        elif not connected.is_set():
            connected.set()  # the first fill has the old file open: hold it there
            assert go.wait(_GUARD)
            real_sync(self, guides, edits, prune=prune)  # the old file's rows, the new file's stat
            first_done.set()
        else:
            second.set()  # the second fill (the new file) after the first
            assert first_done.wait(_GUARD)
            real_sync(self, guides, edits, prune=prune)

    monkeypatch.setattr(RankingIndex, "sync", sync)
    library.install_guide(guide("walrus"))
    assert connected.wait(_GUARD)
    library.install_guide(guide("narwhal"), replace=True)  # while the first fill reads the old file
    assert second.wait(_GUARD)
    go.set()
    library.reload_guides()
    assert library.search.search("walrus").total == 0
    assert library.search.search("narwhal guide:twice").total == 3
