"""The ranking index, following a user's guide edit by edit, finds what the guide's text holds (issues 15, 18)."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.authoring import Authoring, AuthoringError
from studyguide.guides.build import build_from_source
from studyguide.library import Library
from studyguide.store import ranking_query as qb
from studyguide.store.search_docs import documents

_WORDS = st.lists(st.sampled_from("cuba havana missile blockade kennedy khrushchev treaty fall summit zebra".split()),
                  min_size=1, max_size=4).map(" ".join)
_STEP = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(["basic", "reversed", "cloze", "typein"]), _WORDS, _WORDS),
    st.tuples(st.just("edit"), st.integers(0, 9), _WORDS, _WORDS),
    st.tuples(st.just("delete"), st.integers(0, 9), st.just(""), st.just("")),
    st.tuples(st.just("rename"), st.just(""), _WORDS, st.just("")),
    st.tuples(st.just("event"), st.just(""), _WORDS, st.sampled_from(["1961", "fall 1962", "44 BC"])),
    st.tuples(st.just("undo"), st.just(""), st.just(""), st.just("")),
    st.tuples(st.just("redo"), st.just(""), st.just(""), st.just("")),
)


_VOCABULARY = "cuba havana missile blockade kennedy khrushchev treaty fall summit zebra start index".split()


def _consistent(library: Library, guide: str) -> None:
    """Every word finds, in the guide, exactly the items whose text (read from SQLite) has it."""
    db = sqlite_utils.Database(sqlite3.connect(library.content(guide).path))
    try:
        docs = [(kind, item, set(qb.stems(f"{title}\n{body}"))) for _, kind, title, body, item, *_ in documents(db)]
    finally:
        db.close()
    for word in _VOCABULARY:
        (stem,) = qb.stems(word)
        expected = {(kind, item) for kind, item, stems in docs if stem in stems}
        hits = library.search.search(f"{word} guide:{guide}", limit=10_000).hits
        assert {(h.kind, h.item_id) for h in hits if h.guide_id == guide} == expected, word


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_STEP, max_size=14))
def test_any_edits_leave_the_index_as_a_rebuild_would(steps: list[tuple[str, object, str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        build_from_source(Path(__file__).parent.parent / "data" / "tiny-guide.md", Path(tmp) / "bundled.sqlite")
        library = Library(home=Path(tmp) / "lib", bundled_guide=Path(tmp) / "bundled.sqlite",
                          clock=lambda: datetime.now(timezone.utc))
        authoring = Authoring(library=library)
        try:
            guide = authoring.new_guide("Index").ids[0]
            section = authoring.add_section(guide, "Start", "Cuba").ids[0]
            authoring.history.clear()  # the steps below are undone, not the guide itself
            for kind, arg, first, second in steps:
                cards = [c.id for c in library.content(guide).cards()]
                if kind == "add":
                    front = f"{{{{c1::{first}}}}} {second}" if arg == "cloze" else first
                    authoring.add_card(guide, section, front, second, str(arg))
                elif kind in ("edit", "delete") and cards:
                    card = cards[int(str(arg)) % len(cards)]
                    if kind == "delete":
                        authoring.delete_card(guide, card)
                    else:
                        with contextlib.suppress(AuthoringError):  # a cloze left without a deletion is refused
                            authoring.edit_card(guide, card, front=first, back=second)
                elif kind == "rename":
                    authoring.rename_section(guide, section, first)
                elif kind == "event":
                    authoring.add_event(guide, section, first, second)
                elif kind == "undo":
                    authoring.undo()
                elif kind == "redo":
                    authoring.redo()
                _consistent(library, guide)
        finally:
            authoring.close()
            library.close()
