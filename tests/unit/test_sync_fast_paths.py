"""The merge's fast paths (issue 19 scale) read and count exactly what the plain ones did."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.journal import EntryFormatError, JournalAnswer, JournalUndo, entry_from_json
from studyguide.store.day_totals import DayTotals
from studyguide.store.journal_files import SegmentUnreadable, decode_segment, encode_segment

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

_answers = st.builds(
    JournalAnswer, st.text(), st.text(), st.sampled_from((1, 2, 3, 4)),
    st.integers(0, 10**6).map(lambda m: (T0 + timedelta(minutes=m)).isoformat()),
    st.none() | st.integers(0, 10**6), st.none() | st.text(), st.text())
_undos = st.builds(lambda d, s, i: JournalUndo((d, s, i)), st.text(), st.integers(0, 99), st.integers(0, 99))


def _segment(entries: list) -> bytes:
    return encode_segment(device_id="dev", device_name="Laptop", number=1, entries=[e.to_json() for e in entries],
                          written_at=T0.isoformat())


@given(st.lists(_answers | _undos, max_size=20))
def test_any_entries_read_back_as_written(entries) -> None:
    """Lines are joined into one JSON array by replacing their newlines: text with newlines,
    carriage returns and any Unicode in it still reads back as written."""
    assert decode_segment(_segment(entries), device_id="dev", number=1).entries == tuple(entries)


def _raw(body: bytes, entries: int, newline: bytes = b"\n") -> bytes:
    header = {"format": "studyguide-journal", "version": 1, "device": "dev", "name": "x", "segment": 1,
              "entries": entries, "sha256": hashlib.sha256(body).hexdigest(), "written_at": T0.isoformat()}
    return zstandard.ZstdCompressor(write_content_size=True).compress(json.dumps(header).encode() + newline + body)


@pytest.mark.parametrize(("body", "newline", "entries"), [
    (b"", b"\n", 0), (b"", b"", 0), (b'{"k":"undo","of":["d",1,2]}', b"\n", 1),
    (b'{"k":"undo","of":["d",1,2]}\n{"k":"undo","of":["d",1,3]}', b"\n", 2)])
def test_an_empty_body_or_a_last_line_without_its_newline_reads_as_before(body, newline, entries) -> None:
    assert len(decode_segment(_raw(body, entries, newline), device_id="dev", number=1).entries) == entries


@pytest.mark.parametrize("body", [b"\n", b'{"k":"undo","of":["d",1,2]}\n\n{"k":"undo","of":["d",1,3]}\n',
                                  b'\n{"k":"undo","of":["d",1,2]}\n', b'{"k":"undo","of":["d",1,2]}\n\n'])
def test_a_blank_line_in_a_checksummed_body_is_refused(body: bytes) -> None:
    with pytest.raises(SegmentUnreadable):
        decode_segment(_raw(body, 1), device_id="dev", number=1)


_GOOD = {"k": "answer", "g": "g", "c": "c", "r": 3, "t": T0.isoformat(), "d": 1200, "p": None, "n": "{}"}


@pytest.mark.parametrize(("field", "value"), [
    ("r", 0), ("r", 5), ("r", "3"), ("n", None), ("n", {}), ("g", 1), ("c", None), ("p", {}), ("d", "1"),
    ("d", 1.5), ("t", "yesterday"), ("t", None)])
def test_a_damaged_answer_is_refused(field: str, value: object) -> None:
    assert entry_from_json(_GOOD) == JournalAnswer("g", "c", 3, T0.isoformat(), 1200, None, "{}")
    with pytest.raises(EntryFormatError):
        entry_from_json({**_GOOD, field: value})
    with pytest.raises(EntryFormatError):
        entry_from_json({k: v for k, v in _GOOD.items() if k != field})


_zones = st.sampled_from((timezone.utc, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))))
_counted = st.tuples(st.sampled_from(("g1", "g2")),
                     st.builds(lambda m, zone: (T0 + timedelta(minutes=m)).astimezone(zone).isoformat(),
                               st.integers(0, 60 * 24 * 30), _zones),
                     st.sampled_from((1, 2, 3, 4)),
                     st.sampled_from((None, '{"state": 1}', '{"state": 2}', '{"state":2,"due":"x"}', '{"state": 3}')))


@given(st.lists(_counted, max_size=40))
def test_adding_a_year_of_answers_at_once_counts_as_one_by_one(answers) -> None:
    one_by_one, at_once = DayTotals(), DayTotals()
    for guide, at, rating, previous in answers:
        one_by_one.count(guide, at, rating, previous, 1)
    at_once.add(iter(answers))
    assert at_once._changes == one_by_one._changes
