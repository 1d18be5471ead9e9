"""The daily totals' phase read (``schema.PHASE_IS_REVIEW``) gives what ``json_extract`` gives, for any text."""
from __future__ import annotations

import json
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.domain.review import CardPhase
from studyguide.review.fsrs_steps import state_json
from studyguide.store import schema

_PLAIN = f"json_extract(previous_state, '$.state') = {CardPhase.REVIEW:d}"


def _read(conn: sqlite3.Connection, expression: str, text: object) -> object:
    try:
        return conn.execute(f"SELECT {expression} FROM (SELECT ? AS previous_state)", [text]).fetchone()[0]
    except sqlite3.OperationalError as error:  # malformed JSON: no text fsrs writes but NaN and infinities
        assert "malformed JSON" in str(error)
        return "malformed"


def _both(text: object) -> tuple[object, object]:
    conn = sqlite3.connect(":memory:")
    try:
        return _read(conn, schema.PHASE_IS_REVIEW, text), _read(conn, _PLAIN, text)
    finally:
        conn.close()


_floats = st.none() | st.floats(allow_nan=True, allow_infinity=True)
_times = st.datetimes().map(lambda t: t.isoformat())


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-2**63, max_value=2**63 - 1), st.integers(min_value=0, max_value=12),
       st.none() | st.integers(min_value=0, max_value=20), _floats, _floats, _times, st.none() | _times)
def test_the_states_fsrs_writes(card_id, state, step, stability, difficulty, due, last) -> None:
    text = state_json(card_id, state, step, stability, difficulty, due, last)
    assert text == json.dumps({"card_id": card_id, "state": state, "step": step, "stability": stability,
                               "difficulty": difficulty, "due": due, "last_review": last})
    fast, plain = _both(text)
    # NaN and infinities (json.dumps writes them; SQLite 3.40 refuses them) are all json_extract refuses: the
    # fast read takes the phase from the start, where it can (an import's totals no longer fail on them).
    assert plain == fast == (state == CardPhase.REVIEW) or plain == "malformed" and (
        "NaN" in text or "Infinity" in text) and fast in ("malformed", state == CardPhase.REVIEW)


# Finite floats only: NaN and infinities (which json_extract refuses, and the fast read may read past) are
# test_the_states_fsrs_writes' own case, with the difference allowed there.
_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                       | st.text(max_size=5),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                           st.sampled_from(["card_id", "state", "a"]), inner, max_size=3), max_leaves=6)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(["card_id", "state", "step", "x"]), _values | st.integers(0, 9)),
       st.sampled_from([(", ", ": "), (",", ":"), (" , ", " : "), (",\n", ": ")]), st.booleans())
def test_json_objects_with_those_keys_in_any_order_and_spacing(obj, separators, duplicate) -> None:
    text = json.dumps(obj, separators=separators)
    if duplicate and len(obj) > 1:  # a repeated key: json_extract takes the first
        text = text[:-1] + separators[0] + '"state": 2}'
    fast, plain = _both(text)
    assert fast == plain


@pytest.mark.parametrize("text", [
    '{"card_id": 1, "state": 2, "x": 0}', '{"card_id": 1, "state": 3, "x": 0}', '{"card_id": 1 , "state": 2, "x": 0}',
    '{"card_id": {"a": {"b": 1}, "state": 2, "c": 0}, "state": 0}', '{"card_id": 12, "state": 2.5, "x": 0}',
    '{"card_id": 12, "state": 22, "x": 0}', '{"card_id": 12, "state": "2", "x": 0}',
    '{"CARD_ID": 1, "STATE": 2, "x": 0}',
    '{"card_id": 1, "x": 3, "state": 2, "y": 0}', '{"card_id": -1, "state": 2, "x": 0}', '{"card_id": 1, "state": 2}',
    '{"card_id": 1e3, "state": 2, "x": 0}', '{"card_id": 1, "state": 2, "state": 0}', "null", "2", "[]", "",
    ' {"card_id": 1, "state": 2, "x": 0}', '{"card_id": 1, "state": 2, "x": "ä"}', None, 2, 2.0,
])
def test_edge_texts(text) -> None:
    fast, plain = _both(text)
    assert fast == plain


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["", '{"card_id": ', '{"card_id": 1, "state": ', '{"card_id": 1, "state": 2, ']),
       st.text(max_size=30))
def test_junk_is_read_as_json_extract_reads_it(head, tail) -> None:
    """Text json_extract refuses is none fsrs writes; the rest reads the same."""
    fast, plain = _both(head + tail)
    assert plain == "malformed" or fast == plain
