"""The ranking index's disk work per edit (issue 15's "add a card and find it" figure).

A commit of the tantivy index on disk is the bulk of the time from an edit to a search that
finds it (about 14 fsyncs and 8 files created: ~50 ms on this machine; docs/authoring.md), so
it runs on a thread of its own (``store.ranking_commit``): these pin that an edit costs one
writer and one commit, off the searching thread; that the search finds the edit before that
commit ends; and that a search with nothing changed costs none.
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
import tantivy

from studyguide.authoring import Authoring
from studyguide.guides.build import build_from_source
from studyguide.library import Library
from studyguide.store import ranking
from studyguide.store.ranking import RankingIndex


class _Counted:
    """A tantivy writer whose commits are counted."""

    def __init__(self, writer: tantivy.IndexWriter, commits: list[str], held: threading.Event) -> None:
        self._writer, self._commits, self._held = writer, commits, held

    def commit(self) -> int:
        self._commits.append(threading.current_thread().name)
        assert self._held.wait(10)
        return int(self._writer.commit())

    def __getattr__(self, name: str) -> object:
        return getattr(self._writer, name)


def test_an_edit_costs_one_commit_off_the_search_and_a_search_without_changes_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writers: list[int] = []
    commits: list[str] = []
    held = threading.Event()
    held.set()
    opened = RankingIndex._writer

    def counted(index: tantivy.Index) -> object:
        writer = opened(index)
        writers.append(1)
        return None if writer is None else _Counted(writer, commits, held)

    monkeypatch.setattr(ranking.RankingIndex, "_writer", staticmethod(counted))
    build_from_source(Path(__file__).parent.parent / "data" / "tiny-guide.md", tmp_path / "bundled.sqlite")
    library = Library(home=tmp_path / "lib", bundled_guide=tmp_path / "bundled.sqlite",
                      clock=lambda: datetime.now(timezone.utc))
    authoring = Authoring(library=library)
    try:
        guide = authoring.new_guide("Commits").ids[0]
        section = authoring.add_section(guide, "Start", "Cuba").ids[0]
        library.search.search("cuba")
        writers.clear()
        commits.clear()
        library.ranking.flush()
        writers.clear()
        commits.clear()
        for word in ("zebraone", "zebratwo", "zebrathree"):
            held.clear()  # the commit waits: the search must not
            card = authoring.add_card(guide, section, f"Which {word}?", "That one").ids[0]
            assert [h.item_id for h in library.search.search(word).hits] == [card]
            held.set()
            library.ranking.flush()
        assert (len(writers), len(commits)) == (3, 3)
        assert threading.current_thread().name not in commits
        for _ in range(3):
            assert library.search.search("zebraone").hits
        assert (len(writers), len(commits)) == (3, 3)
        authoring.undo()
        assert not library.search.search("zebrathree").hits
        library.ranking.flush()
        assert (len(writers), len(commits)) == (4, 4)
    finally:
        authoring.close()
        library.close()
