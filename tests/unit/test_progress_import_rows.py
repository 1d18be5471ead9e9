"""Imported log rows go in several to a statement (``progress_import._insert_log``): the same rows, ids
and totals as one statement a row, whatever their number against the statement's size."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.store import progress_import
from studyguide.store.progress import ProgressStore
from tests.conftest import history_stored

_ROW = st.tuples(st.sampled_from(["c1", "c2", "c3"]), st.integers(1, 4),
                 st.datetimes(datetime(2024, 1, 1), datetime(2026, 1, 1)),
                 st.one_of(st.none(), st.integers(0, 60_000)), st.booleans())


def _rows(drawn: list) -> progress_import.HistoryRows:
    log = [("g", card, rating, when.isoformat() + "+00:00", duration,
            '{"card_id": 1, "state": 2, "step": null}' if before else None, f'{{"state": {rating}}}')
           for card, rating, when, duration, before in drawn]
    states = [("g", card, '{"state": 2}', "2026-02-01T00:00:00+00:00", 2, 1.5)
              for card in sorted({row[1] for row in log})]
    return progress_import.HistoryRows(log, states)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(_ROW, max_size=12), drawn=st.lists(_ROW, max_size=40), chunk=st.integers(1, 9))
def test_rows_several_to_a_statement_are_the_rows_one_to_a_statement(monkeypatch: pytest.MonkeyPatch, before: list,
                                                                      drawn: list, chunk: int) -> None:
    found = []
    with tempfile.TemporaryDirectory() as folder:
        for name, size in (("chunked", chunk), ("plain", 10**9)):
            monkeypatch.setattr(progress_import, "LOG_CHUNK", size)
            path = Path(folder, name, "progress.sqlite")
            ProgressStore(path=path, backups=Path(folder, name, "backups")).close()
            # Another guide's answers first: this import's ids follow them.
            rows = _rows(before)
            progress_import.write_history(path, guide_id="other", cards=progress_import.HistoryRows(
                [("other", *row[1:]) for row in rows.log], [("other", *row[1:]) for row in rows.states]))
            written = progress_import.import_history(path, guide_id="g", cards=_rows(drawn), suspended=(),
                                                     now=datetime(2026, 1, 2, tzinfo=UTC))
            found.append((written, history_stored(path)))
    assert found[0] == found[1]
    assert found[0][0][0] == len(drawn)
