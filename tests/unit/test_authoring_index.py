"""The search index of a user's guide, patched by each edit, stays what a rebuild would give (issue 15)."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.authoring import Authoring, AuthoringError
from studyguide.guides.build import build_from_source
from studyguide.library import Library

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


def _consistent(path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, search_index, 'row')")
        rebuilt = dict(db.execute("SELECT term, doc FROM temp.v").fetchall())
        patched = dict(db.execute("SELECT term, docs FROM search_terms").fetchall())
        assert patched == rebuilt
        rows = set(db.execute("SELECT kind, item_id, rowid FROM search_index").fetchall())
        assert rows == set(db.execute("SELECT kind, item_id, row FROM search_rows").fetchall())
        items = {("card", i) for (i,) in db.execute("SELECT id FROM cards")}
        items |= {("section", i) for (i,) in db.execute("SELECT id FROM sections")}
        items |= {("event", i) for (i,) in db.execute("SELECT id FROM events")}
        assert {(k, i) for k, i, _ in rows} == items
    finally:
        db.close()


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
                _consistent(library.content(guide).path)
        finally:
            authoring.close()
            library.close()
