"""The status bar's note after a sync says briefly what arrived (a narrow window leaves it little room)."""

from __future__ import annotations

import pytest

from studyguide.domain.journal import SyncReport
from studyguide.ui.sync_actions import summary


@pytest.mark.parametrize(("report", "note"), [
    (SyncReport(answers_applied=4, from_devices=("Laptop",)), "Merged 4 answers from Laptop."),
    (SyncReport(answers_applied=1, fields_applied=1, from_devices=("Desktop",)),
     "Merged 1 answer and 1 change from Desktop."),
    (SyncReport(fields_applied=1, card_events_applied=1, from_devices=("Desktop",)), "Merged 2 changes from Desktop."),
    (SyncReport(answers_applied=3, undos_applied=1, fields_applied=2, from_devices=("A", "B")),
     "Merged 3 answers, 1 undo and 2 changes from A, B."),
    (SyncReport(skipped=("x",)), "Nothing new from other devices. 1 file waits."),
    (SyncReport(answers_applied=2, from_devices=("Laptop",), skipped=("x", "y")),
     "Merged 2 answers from Laptop. 2 files wait."),
])
def test_the_note_after_a_sync_says_what_arrived(report: SyncReport, note: str) -> None:
    assert summary(report) == note
