"""A card's memory state in Anki's ``data`` JSON: the compact form Anki writes is read by one pattern
(``anki_history._MEMORY``), anything else by ``json``; the two must agree."""

from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from studyguide.guides import anki_history

_NUMBERS = st.one_of(st.integers(-5, 20), st.integers(), st.floats(allow_nan=False),
                     st.floats(0, 12), st.sampled_from([0.0, -0.0, 1, 10, 10.0000001, 1e400]))
_KEYS = st.one_of(st.sampled_from(["s", "d", "dr", "decay", "lrt", "pos", "S", "\x01", 'a"b', "a\\b", "é"]),
                  st.text(max_size=4))
_EXTRA = st.dictionaries(_KEYS, st.one_of(_NUMBERS, st.text(max_size=3), st.none(), st.booleans()), max_size=3)


@st.composite
def _data(draw: st.DrawFn) -> str:
    """Card data: Anki's compact form (its memory state first) or any other JSON, or text near it."""
    fields = {"s": draw(_NUMBERS), "d": draw(_NUMBERS)} if draw(st.booleans()) else {}
    fields.update(draw(_EXTRA))
    text = json.dumps(fields, separators=draw(st.sampled_from([(",", ":"), (", ", ": ")])),
                      ensure_ascii=draw(st.booleans()))
    pieces = [text, text.replace("1", "01", 1), text[:-1], text + " ", '{"s":' + text[5:], text.upper()]
    return draw(st.sampled_from(pieces))


@settings(max_examples=2000, deadline=None)
@given(st.one_of(_data(), st.text(max_size=30)))
@example('{"s":47.7263,"d":3.767}')
@example('{"s":3.2,"d":5.1,"dr":0.9,"decay":0.2}')
@example('{"s":3,"d":5,"s":0}')
@example('{"s":3,"d":5,"\\u0073":0}')
@example('{"s":3,"d":5,"a\x01":1}')
@example('{"s":1e999,"d":1}')
def test_the_memory_state_is_read_as_json_reads_it(data: str) -> None:
    assert anki_history._memory(data) == anki_history._memory_by_json(data)


def test_anki_s_own_form_takes_the_pattern() -> None:
    assert anki_history._MEMORY.fullmatch('{"s":47.7263,"d":3.767,"dr":0.9,"decay":0.1542}') is not None
