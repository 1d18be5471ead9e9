"""A streamed import indexes its cards as it writes them (issue 18): what it indexes is exactly what
the finished file's documents are, and an import that fails or is cancelled leaves the index as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyguide.domain.errors import GuideFormatError, ImportCancelledError
from studyguide.library_tables import install_table
from studyguide.store import ranking_query as qb
from studyguide.store.ranking import RankingIndex
from studyguide.store.ranking_feed import Feed


def _tsv(path: Path, rows: int, *, sections: int = 3, bad_line: int | None = None) -> Path:
    lines = ["front\tback\tsection"]
    lines += [f"Question {i % 13} about *topic* {i % 7}?\tAnswer {i % 17} with [a link](x.html) words {i}"
              f"\tPart {i % sections}" for i in range(rows)]
    if bad_line is not None:
        lines.insert(bad_line, "only a front")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _everything(index: RankingIndex) -> dict[tuple[str, str], tuple[int, ...]]:
    """Each indexed word's documents, per field (the keys of every document that has it; for a word
    in one document, an item's tag or a card's number, the number of them)."""
    _, searcher = index._ready()
    found: dict[tuple[str, str], object] = {}
    for field in (*qb.WORD_FIELDS, "tag"):
        for term, count in searcher.terms_with_prefix(field, ""):
            if count > 1:
                keys = index.keys(qb.term(field, str(term)))
                found[field, str(term)] = tuple(sorted(k for ks in keys.values() for k in ks))
            else:
                found[field, "one document"] = int(found.get((field, "one document"), 0)) + 1  # type: ignore[call-overload]
    return found


def test_the_cards_fed_as_written_are_the_documents_read_back_from_the_file(library, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    fed = []
    real = Feed.add
    monkeypatch.setattr(Feed, "add", lambda self, cards: (fed.append(len(cards)), real(self, cards))[-1])
    done = install_table(library, _tsv(tmp_path / "fed.tsv", 12_000))
    library.ranking.wait_filled()
    assert sum(fed) == done.cards == 12_000 and len(fed) > 1  # fed batch by batch, not filled afterwards

    again = RankingIndex(tmp_path / "from-the-file")
    again.add_guide("fed", library.guides_folder / "fed.sqlite")
    assert _everything(library.ranking) == _everything(again)
    library.reload_guides()
    assert library.search.search("question guide:fed", limit=5).total == 12_000
    assert library.search.search('section:"part 1" topic', limit=5).total == 4_000
    assert library.search.search("html", limit=5).total == 0  # made plain: the link's text, not its address


@pytest.mark.parametrize("how", ["cancelled", "bad row"])
def test_an_import_that_fails_leaves_the_index_as_it_was(library, tmp_path: Path, how: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    install_table(library, _tsv(tmp_path / "kept.tsv", 300))
    library.reload_guides()
    assert library.search.search("question guide:kept", limit=5).total == 300
    fed = []
    real = Feed.add
    monkeypatch.setattr(Feed, "add", lambda self, cards: (fed.append(len(cards)), real(self, cards))[-1])
    error = ImportCancelledError if how == "cancelled" else GuideFormatError
    with pytest.raises(error):  # cancelled, or a bad row, after some cards were fed
        install_table(library, _tsv(tmp_path / "kept.tsv", 20_000, bad_line=15_000 if how == "bad row" else None),
                      replace=True, cancelled=(lambda: bool(fed)) if how == "cancelled" else None)
    assert fed
    library.ranking.wait_filled()
    library.reload_guides()
    assert library.search.search("question guide:kept", limit=5).total == 300  # the old guide, as indexed
    install_table(library, _tsv(tmp_path / "other.tsv", 10))  # no writer was left behind
    library.reload_guides()
    assert library.search.search("question guide:other", limit=5).total == 10


def test_an_index_that_fails_while_fed_fails_only_the_index_not_the_import(library, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from studyguide.store import ranking

    real = ranking._add_rows
    calls = []

    def failing(writer, guide_id, number, docs, *, edit):  # type: ignore[no-untyped-def]
        calls.append(guide_id)
        if len(calls) == 2:
            raise ValueError("An index writer was killed")  # as tantivy says it
        real(writer, guide_id, number, docs, edit=edit)

    monkeypatch.setattr(ranking, "_add_rows", failing)
    done = install_table(library, _tsv(tmp_path / "broken.tsv", 12_000))
    assert done.cards == 12_000 and len(calls) >= 2
    monkeypatch.setattr(ranking, "_add_rows", real)
    library.reload_guides()
    assert library.search.search("question guide:broken", limit=5).total == 12_000  # indexed from its file
