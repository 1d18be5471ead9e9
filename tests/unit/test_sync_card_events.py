"""The card browser's Forget and Set Due Date travel through the sync journal, are replayed in time
order with the answers, and so do their undos (two libraries in one process)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from studyguide.domain.card_events import FORGET, SET_DUE, CardEvent, JournalCardEvent, card_event_from_json
from studyguide.domain.card_timeline import replay_timeline
from studyguide.domain.journal import EntryFormatError, LoggedAnswer, entry_from_json, segment_format
from studyguide.review.scheduler import Rating, Scheduler
from tests.unit.test_sync_service import Device, two_devices

EXACT = Scheduler(enable_fuzzing=False)  # what a merge schedules an answer again with (default settings)


@pytest.fixture
def pair(tmp_path: Path, content_db: Path):
    yield from two_devices(tmp_path, content_db)


def _state_rows(device: Device) -> dict[str, dict]:
    with sqlite3.connect(device.library.progress.path) as db:
        return {c: json.loads(s) for c, s in db.execute("SELECT card_id, state FROM card_state")}


def _answer(device: Device, card: str, rating: int) -> dict:
    """Answer one card now (as the review session does, fuzz on); returns its new state."""
    progress = device.library.progress
    stored = progress.card_state(device.guide, card)
    before = None if stored is None else stored.state
    now = device.clock()
    result = Scheduler().answer(guide_id=device.guide, card_id=card, state=before, rating=Rating(rating), now=now)
    progress.record_answer(guide_id=device.guide, card_id=card, rating=rating, reviewed_at=now,
                           new_state=result.state, due=result.due, previous_state=before)
    return result.state


def test_a_forget_and_a_set_due_date_travel_and_so_do_their_undos(pair, tmp_path: Path) -> None:
    laptop, desktop = pair
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop.study(3, 3, 4)
    laptop.sync.sync(folder)
    desktop.sync.sync(folder)
    studied = sorted(_state_rows(laptop))
    assert len(studied) >= 2 and _state_rows(desktop) == _state_rows(laptop)
    forgotten, redated = studied[0], studied[1]
    cards = laptop.library.cards
    laptop.clock.advance(minutes=5)
    _, forget_snapshot = cards.forget([(laptop.guide, forgotten)])
    laptop.clock.advance(minutes=1)
    _, due_snapshot = cards.set_due([(laptop.guide, redated)], 9)
    due = (laptop.clock() + timedelta(days=9)).isoformat()
    assert forgotten not in _state_rows(laptop) and _state_rows(laptop)[redated]["due"] == due
    laptop.sync.sync()
    report, changes = desktop.sync.sync()
    assert report.applied == 1 and changes.progress
    assert forgotten not in _state_rows(desktop)  # new again there too
    assert _state_rows(desktop)[redated]["due"] == due
    assert _state_rows(desktop) == _state_rows(laptop)
    for device in pair:  # nothing more to write or apply: nothing applied twice
        report, _ = device.sync.sync()
        assert (report.written, report.applied) == (0, 0)
    before_forget = {r[1]: json.loads(r[2]) for r in forget_snapshot.rows}
    cards.restore([(laptop.guide, forgotten)], forget_snapshot)  # Edit > Undo of both
    cards.restore([(laptop.guide, redated)], due_snapshot)
    laptop.sync.sync()
    report, _ = desktop.sync.sync()
    assert report.undos_applied == 2
    assert _state_rows(desktop)[forgotten] == before_forget[forgotten]
    assert _state_rows(desktop)[redated]["due"] != due
    assert _state_rows(desktop) == _state_rows(laptop)
    with sqlite3.connect(laptop.library.progress.path) as one, sqlite3.connect(desktop.library.progress.path) as two:
        entries = "SELECT device, segment, idx, undone FROM sync_entries ORDER BY 1, 2, 3"
        assert one.execute(entries).fetchall() == two.execute(entries).fetchall()


def test_a_forget_is_replayed_in_time_order_with_the_other_devices_answers(pair, tmp_path: Path) -> None:
    laptop, desktop = pair
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop.study(3, 3)
    laptop.sync.sync(folder)
    desktop.sync.sync(folder)
    card = sorted(_state_rows(laptop))[0]
    laptop.clock.advance(days=3)
    laptop.library.cards.forget([(laptop.guide, card)])
    desktop.clock.now = laptop.clock() + timedelta(minutes=1)  # after the forget
    _answer(desktop, card, 3)  # offline: the desktop does not know of the forget
    before = desktop.clock()
    laptop.sync.sync()
    desktop.sync.sync()
    laptop.sync.sync()
    expected = EXACT.answer(guide_id=laptop.guide, card_id=card, state=None, rating=Rating.GOOD, now=before).state
    assert _state_rows(desktop)[card] == expected  # the answer after the forget, from a new card
    assert _state_rows(laptop) == _state_rows(desktop)
    assert laptop.log() == desktop.log()  # the answers before the forget stay in the log


def test_an_answer_given_after_a_set_due_date_here_keeps_its_outcome(pair, tmp_path: Path) -> None:
    laptop, desktop = pair
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop.study(3, 3)
    card = sorted(_state_rows(laptop))[0]
    laptop.clock.advance(minutes=5)
    laptop.library.cards.set_due([(laptop.guide, card)], 0)
    laptop.clock.advance(minutes=1)
    recorded = _answer(laptop, card, 4)  # fuzzed: kept only if the replay reaches its previous state
    laptop.sync.sync(folder)
    desktop.sync.sync(folder)
    assert _state_rows(desktop)[card] == recorded == _state_rows(laptop)[card]


def test_events_parse_and_segments_that_carry_them_say_they_need_format_2() -> None:
    event = JournalCardEvent("g", "c", SET_DUE, "2026-03-02T09:00:00+00:00", "2026-03-09T09:00:00+00:00")
    assert entry_from_json(event.to_json()) == event
    forget = JournalCardEvent("g", "c", FORGET, "2026-03-02T09:00:00+00:00", None)
    assert card_event_from_json(forget.to_json()) == forget
    for bad in ({"k": "due", "g": "g", "c": "c", "t": "2026-03-02"}, {"k": "forget", "g": 1, "c": "c", "t": "x"},
                {"k": "due", "g": "g", "c": "c", "t": "2026-03-02", "due": "soon"}):
        with pytest.raises(EntryFormatError):
            entry_from_json(bad)
    answers_only = [{"k": "answer"}, {"k": "undo"}, {"k": "field", "f": "front"}]
    assert segment_format(answers_only) == 1  # an older StudyGuide still applies these
    assert segment_format([*answers_only, forget.to_json()]) == 2


def test_the_timeline_resets_on_a_forget_and_redates_on_a_set_due() -> None:
    def reschedule(guide, card, state, rating, at):
        return EXACT.answer(guide_id=guide, card_id=card, state=state, rating=Rating(rating), now=at).state

    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    first = json.dumps(reschedule("g", "c", None, 3, t0))
    answer = LoggedAnswer(1, "g", "c", 3, t0.isoformat(), ("a", 1, 0), None, first)
    due = (t0 + timedelta(days=40)).isoformat()
    redate = CardEvent("g", "c", SET_DUE, (t0 + timedelta(hours=1)).isoformat(), due, ("b", 1, 0))
    replayed, last = replay_timeline([answer], [redate], reschedule)
    assert [r.new_state for r in replayed] == [first] and json.loads(last or "")["due"] == due
    forget = CardEvent("g", "c", FORGET, (t0 + timedelta(hours=2)).isoformat(), None, ("b", 1, 1))
    assert replay_timeline([answer], [redate, forget], reschedule)[1] is None
    early = CardEvent("g", "c", FORGET, (t0 - timedelta(hours=1)).isoformat(), None, ("b", 1, 2))
    assert replay_timeline([answer], [early], reschedule)[1] == first  # a forget before the answer changes nothing
