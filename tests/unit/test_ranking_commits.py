"""The ranking index's disk work per edit (issue 15's "add a card and find it" figure).

A commit of the tantivy index on disk is the bulk of the time from an edit to a search that
finds it (about 14 fsyncs and 8 files created: ~50 ms on this machine; docs/authoring.md):
these pin that an edit and its search cost one writer and one commit, and a search with
nothing changed costs none.
"""

from __future__ import annotations

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

    def __init__(self, writer: tantivy.IndexWriter, commits: list[int]) -> None:
        self._writer, self._commits = writer, commits

    def commit(self) -> int:
        self._commits.append(1)
        return int(self._writer.commit())

    def __getattr__(self, name: str) -> object:
        return getattr(self._writer, name)


def test_an_edit_and_its_search_cost_one_commit_and_a_search_without_changes_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writers: list[int] = []
    commits: list[int] = []
    opened = RankingIndex._writer

    def counted(index: tantivy.Index) -> object:
        writer = opened(index)
        writers.append(1)
        return None if writer is None else _Counted(writer, commits)

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
        for word in ("zebraone", "zebratwo", "zebrathree"):
            card = authoring.add_card(guide, section, f"Which {word}?", "That one").ids[0]
            assert [h.item_id for h in library.search.search(word).hits] == [card]
        assert (len(writers), len(commits)) == (3, 3)
        for _ in range(3):
            assert library.search.search("zebraone").hits
        assert (len(writers), len(commits)) == (3, 3)
        authoring.undo()
        assert not library.search.search("zebrathree").hits
        assert (len(writers), len(commits)) == (4, 4)
    finally:
        authoring.close()
        library.close()
