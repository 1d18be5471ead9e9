"""When cards were added (store.card_added): the Added column, ``added:N``, sorting by it, and the
upgrade of a library and a user's guide that recorded no such times."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from studyguide.authoring import Authoring
from studyguide.review.scheduler import Rating
from studyguide.store import schema


def _added(library, guide_id: str, card_id: str) -> datetime | None:
    rows = library.cards.rows([(guide_id, card_id)])
    assert rows, card_id
    return rows[0].added


def _ids(library, text: str, **kw) -> list[str]:
    return [card for _, card in library.cards.find(text, **kw).keys]


@pytest.fixture
def notes(library, clock):
    """A user's guide: "old" added 10 days ago, "new" added now."""
    authoring = Authoring(library=library)
    guide = authoring.new_guide("My Notes").ids[0]
    section = authoring.add_section(guide, "Alpha").ids[0]
    old = authoring.add_card(guide, section, "Old question?", "Old answer.").ids[0]
    first = clock()
    clock.advance(days=10)
    new = authoring.add_card(guide, section, "New question?", "New answer.").ids[0]
    yield authoring, guide, section, old, new, first
    authoring.close()


def test_a_new_card_records_when_it_was_added(library, clock, notes) -> None:
    _authoring, guide, _section, old, new, first = notes
    assert _added(library, guide, old) == first
    assert _added(library, guide, new) == clock()


def test_added_n_finds_the_cards_added_in_the_last_n_days(library, clock, notes) -> None:
    _authoring, guide, _section, old, new, _first = notes
    assert _ids(library, "added:1", guide_id=guide) == [new]
    assert _ids(library, "added:11", guide_id=guide) == [old, new]
    assert _ids(library, "-added:1", guide_id=guide) == [old]
    assert not library.cards.find("added:1").problems


def test_sorting_by_added_both_ways(library, notes) -> None:
    _authoring, guide, _section, old, new, _first = notes
    assert _ids(library, "", guide_id=guide, sort="added", descending=True) == [new, old]
    assert _ids(library, "", guide_id=guide, sort="added") == [old, new]
    everything = _ids(library, "", sort="added")  # all guides: the bundled guide's cards first (older)
    assert everything[-2:] == [old, new] and len(everything) == 5


def test_an_edit_keeps_the_time_and_a_deleted_card_brought_back_keeps_it_too(library, clock, notes) -> None:
    authoring, guide, _section, old, _new, first = notes
    clock.advance(days=3)
    authoring.edit_card(guide, old, front="Old question, reworded?")
    assert _added(library, guide, old) == first
    authoring.delete_card(guide, old)
    clock.advance(days=1)
    authoring.undo()
    assert _added(library, guide, old) == first


def test_a_new_cloze_of_an_edited_note_is_added_when_it_appears(library, clock, notes) -> None:
    authoring, guide, section, _old, _new, _first = notes
    first_cloze = authoring.add_card(guide, section, "{{c1::Paris}} is in France.", "", type="cloze").ids
    clock.advance(days=2)
    both = authoring.edit_card(guide, first_cloze[0], front="{{c1::Paris}} is in {{c2::France}}.").ids
    added = {card: _added(library, guide, card) for card in both}
    assert added[first_cloze[0]] == clock() - timedelta(days=2)
    assert [t for c, t in added.items() if c != first_cloze[0]] == [clock()]


def test_the_bundled_guides_cards_were_added_when_the_library_first_saw_it(library, clock) -> None:
    times = {_added(library, "tiny", c) for c in ("where-signed", "begins-with", "who-wrote")}
    assert len(times) == 1
    (seen,) = times
    assert seen is not None and seen <= clock()
    clock.advance(days=40)
    library.reload_guides()  # seen again later: the first time stays
    assert _added(library, "tiny", "who-wrote") == seen
    assert _ids(library, "added:30", guide_id="tiny") == []


def _downgrade(library_home, guide_file) -> None:
    """Make the library and the guide as an app before card times wrote them."""
    conn = sqlite3.connect(library_home / "progress.sqlite")
    conn.execute(f"DROP TABLE [{schema.GUIDE_ADDED}]")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_guide_added'")
    conn.execute(f"PRAGMA user_version = {schema.progress_format() - 1}")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(guide_file)
    conn.execute("DROP TABLE card_added")
    conn.commit()
    conn.close()


def test_an_existing_library_and_guide_are_upgraded_safely(make_library, library_home, clock) -> None:
    library = make_library()
    authoring = Authoring(library=library)
    guide = authoring.new_guide("Old Notes").ids[0]
    section = authoring.add_section(guide, "Alpha").ids[0]
    card = authoring.add_card(guide, section, "Question?", "Answer.").ids[0]
    guide_file = library.content(guide).path
    clock.advance(days=1)
    session = library.start_review("tiny")
    session.reveal()
    session.answer(Rating.GOOD)
    answered = clock()
    authoring.close()
    library.close()
    _downgrade(library_home, guide_file)
    backups_before = set((library_home / "backups").glob("*")) if (library_home / "backups").exists() else set()

    clock.advance(days=30)
    upgraded = make_library()
    conn = sqlite3.connect(library_home / "progress.sqlite")
    assert conn.execute("SELECT count(*) FROM review_log").fetchone()[0] == 1  # the history is untouched
    seen = dict(conn.execute(f"SELECT guide_id, added_at FROM [{schema.GUIDE_ADDED}]").fetchall())
    conn.close()
    assert set((library_home / "backups").glob("*")) - backups_before  # a copy was made before migrating
    # The bundled guide: no later than its first answer; the old user's guide: the upgrade (no answers).
    assert datetime.fromisoformat(seen["tiny"]) <= answered
    assert datetime.fromisoformat(seen[guide]) == clock()
    assert _added(upgraded, guide, card) == clock()  # its card had no time of its own: the guide's
    assert _added(upgraded, "tiny", "who-wrote") == datetime.fromisoformat(seen["tiny"])
    writing = Authoring(library=upgraded)  # the old guide gets its card_added table on the first write
    clock.advance(days=2)
    later = writing.add_card(guide, section, "Later?", "Yes.").ids[0]
    assert _added(upgraded, guide, later) == clock()
    assert _added(upgraded, guide, card) == clock() - timedelta(days=2)
    assert _ids(upgraded, "added:1", guide_id=guide) == [later]
    writing.close()


def test_reading_a_guide_for_an_export_writes_nothing_to_it(content_db) -> None:
    from studyguide.store.authored import authored_guide

    before = content_db.read_bytes()
    assert authored_guide(content_db).cards
    assert content_db.read_bytes() == before
