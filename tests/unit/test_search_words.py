"""Search finds every word of a guide, complete words stay complete, and ranking tiers hold.

Run over the bundled guide plus an imported guide of words whose Porter stem is a
strict prefix of them ("Milchkaffee" is stored as "milchkaffe"), the case that
once lost words.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide import paths
from studyguide.domain.guide import Card, Guide, GuideInfo, Section
from studyguide.search.engine import strip_marks
from studyguide.store import ranking_query as qb
from studyguide.store.search_docs import documents

TRICKY = ("Milchkaffee", "coffee", "employee", "agreed", "blockaded", "missionary", "negotiations", "block",
          "happily", "generalization", "relational", "Blockhouse", "misses")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):
    from studyguide.library import Library

    home = tmp_path_factory.mktemp("words")
    library = Library(home=home, bundled_guide=paths.bundled_guide_database(),
                      clock=lambda: datetime(2026, 3, 2, tzinfo=timezone.utc), enable_fuzzing=False)
    sections = (Section(id="s", title="Words", body=" ".join(TRICKY[6:])),)
    cards = tuple(Card(id=f"c{n}", section_id="s", front=f"Card {n}?", back=word)
                  for n, word in enumerate(TRICKY[:6]))
    library.install_guide(Guide(info=GuideInfo(id="words", title="Words"), sections=sections, cards=cards))
    library.reload_guides()
    yield library
    library.close()


def _indexed_words(library) -> list[tuple[str, str, str, str]]:
    """(word, guide id, kind, item id) for every word of every item, as written."""
    found = []
    for info in library.guides():
        db = sqlite_utils.Database(sqlite3.connect(library.content(info.id).path))
        for _, kind, title, body, item_id, *_ in documents(db):
            found += [(word, info.id, kind, item_id) for word in re.findall(r"[^\W_]+", f"{title} {body}")]
        db.close()
    return sorted(set(found))


WORDS: list[tuple[str, str, str, str]] = []


def _words(library) -> list[tuple[str, str, str, str]]:
    if not WORDS:
        WORDS.extend(_indexed_words(library))
    return WORDS


@settings(max_examples=400, deadline=None)
@given(data=st.data(), as_you_type=st.booleans(), trailing=st.sampled_from(["", " "]))
def test_every_indexed_word_typed_in_full_finds_its_item(library, data, as_you_type, trailing) -> None:
    word, guide_id, kind, item_id = data.draw(st.sampled_from(_words(library)))
    hits = library.search.search(word + trailing, limit=10_000, as_you_type=as_you_type).hits

    assert (guide_id, kind, item_id) in {(h.guide_id, h.kind, h.item_id) for h in hits}


@pytest.mark.parametrize("text", ["invasion", "Bay of Pigs invasion", "Milchkaffee", "Milchkaffee "])
def test_words_once_missed_are_found(library, text: str) -> None:
    assert library.search.search(text, as_you_type=True).hits
    assert library.search.search(text).hits


def _items_with_stem(library, stem: str, stemmer: _RankingStems) -> set[tuple[str, str, str]]:
    return {(guide_id, kind, item_id) for word, guide_id, kind, item_id in _words(library)
            if stemmer.stems([word.casefold()])[0] == stem}


class _RankingStems:
    """Stems as the ranking index makes them (it decides which items match)."""

    @staticmethod
    def stems(words: list[str]) -> list[str]:
        return [(qb.stems(w) or [w])[0] for w in words]


@pytest.fixture(scope="module")
def stemmer():
    return _RankingStems()


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_complete_word_matches_its_own_forms_only(library, stemmer, data) -> None:
    # "blockade" finds "blockades" but not "block"; "mission" not "miss".
    word = data.draw(st.sampled_from(_words(library)))[0]
    (stem,) = stemmer.stems([word.casefold()])
    hits = library.search.search(word, limit=10_000).hits

    assert {(h.guide_id, h.kind, h.item_id) for h in hits} == _items_with_stem(library, stem, stemmer)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_completions_never_outrank_the_word_itself(library, data) -> None:
    word = data.draw(st.sampled_from(_words(library)))[0]
    exact = {(h.guide_id, h.item_id, h.kind) for h in library.search.search(word, limit=10_000).hits}
    typed = library.search.search(word, limit=10_000, as_you_type=True).hits

    assert {(h.guide_id, h.item_id, h.kind) for h in typed[:len(exact)]} == exact


def test_the_last_word_is_not_read_as_a_shorter_stem(library) -> None:
    # "blockaded" is stored as "blockad", and "block" (in the section) is a stem it starts with.
    for as_you_type in (False, True):
        hits = library.search.search("blockaded", as_you_type=as_you_type).hits
        assert {h.item_id for h in hits if h.guide_id == "words"} == {"c4"}, as_you_type


def test_a_section_named_by_the_query_comes_first(library) -> None:
    hits = library.search.search("khrushchev letter").hits

    assert strip_marks(hits[0].title) == "Khrushchev's letters"
    assert hits[0].kind == "section"


def test_a_starred_word_matches_what_it_starts_exact_matches_first(library) -> None:
    # The section says "misses" (stem "miss"), card c5 "missionary" (a completion).
    hits = library.search.search("guide:words miss*").hits

    assert [h.item_id for h in hits] == ["s", "c5"]
    assert [h.item_id for h in library.search.search("guide:words miss").hits] == ["s"]


def test_a_lone_surrogate_is_searched_as_a_non_word(library) -> None:
    for text in ("Krushchev \udcff", "\ud800", "invasion\udfff", "kind:card \ud83d"):
        result = library.search.search(text, as_you_type=True, correct=True)
        for part in (result.suggestion or "", *(h.title + h.snippet for h in result.hits)):
            part.encode("utf-8")
    assert library.search.search("invasion\ud800").hits


def test_the_command_line_prints_a_suggestion_for_a_lone_surrogate(tmp_path: Path, capsys) -> None:
    from studyguide.cli import main

    # A shell passes bytes that are not UTF-8 to Python as lone surrogates.
    assert main(["--library", str(tmp_path), "search", "Krushchev \udcff"]) == 0
    assert "Did you mean: Khrushchev" in capsys.readouterr().err
