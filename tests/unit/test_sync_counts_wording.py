"""Counts in sync messages agree with their nouns: "merged 1 segment", "merged 2 segments", never "1 segments"."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from studyguide.cli_sync import _print_report, _print_status
from studyguide.domain.journal import DeviceStatus, SyncReport, SyncStatus
from studyguide.ui.sync_dialog import describe

#: A count of one followed by a plural noun, or another count followed by a singular one.
_WRONG = re.compile(r"(?<![\d,])1 (segments|answers|changes|cards|Changes)\b"
                    r"|(?<![\d,])(?!1 )[\d,]+ (segment|answer|change|card|Change)\b")

counts = st.sampled_from([0, 1, 2]) | st.integers(min_value=0, max_value=2_000)  # one, and others


def test_one_compacted_segment_is_one_segment(capsys) -> None:
    _print_report(SyncReport(written=1, applied=1, answers_applied=1, fields_applied=1, card_events_applied=1,
                             compacted=1, conflicts=1, from_devices=("Desktop",)), as_json=False)
    captured = capsys.readouterr()
    assert "Wrote 1 segment; merged 1 segment from Desktop: 1 answer added" in captured.out
    assert "1 change to cards" in captured.out and "1 card forgotten" in captured.out
    assert "Compacted 1 segment of this device into one." in captured.out
    assert "1 change made on two devices waits for you" in captured.err


@given(written=counts, applied=counts, answers=counts, fields=counts, events=counts, compacted=counts, conflicts=counts)
def test_every_count_in_a_sync_report_agrees_with_its_noun(written, applied, answers, fields, events, compacted,
                                                           conflicts) -> None:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        _print_report(SyncReport(written=written, applied=applied, answers_applied=answers, fields_applied=fields,
                                 card_events_applied=events, compacted=compacted, conflicts=conflicts),
                      as_json=False)
    text = out.getvalue() + err.getvalue()
    assert not _WRONG.search(text), text


@given(segments=counts, waiting=counts)
def test_sync_status_counts_agree_with_their_nouns(segments, waiting) -> None:
    import contextlib
    import io

    status = SyncStatus(folder="/sync", device_id="a", device_name="Laptop", waiting=waiting, devices=(
        DeviceStatus(device_id="b", name="Desktop", segments=segments, last_merged_at=None, this_device=False),))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        _print_status(status, as_json=False)
    assert not _WRONG.search(out.getvalue() + describe(status)), out.getvalue()
    if waiting == 1:
        assert "1 segment of this device waits" in describe(status)
