"""The cyclic garbage collector is held off while a package is read and while it is saved (its
history replayed and written), and is back on afterwards (studyguide/collector.py)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from studyguide.guides import importing
from studyguide.review import history_job

pytestmark = pytest.mark.usefixtures("collector_on")  # as the command line runs

PACKAGE = Path(__file__).resolve().parent.parent / "data" / "anki" / "fsrs-params.apkg"


def test_reading_and_saving_a_package_hold_the_collector_off(library, monkeypatch) -> None:
    seen: dict[str, bool] = {}
    read, replay = importing._read, history_job.replay_rows

    def reading(*args, **kwargs):
        seen["read"] = gc.isenabled()
        return read(*args, **kwargs)

    def replaying(*args, **kwargs):
        seen["replay"] = gc.isenabled()
        return replay(*args, **kwargs)

    monkeypatch.setattr(importing, "_read", reading)
    monkeypatch.setattr(history_job, "replay_rows", replaying)
    assert gc.isenabled()

    result = library.read_file(PACKAGE)
    assert gc.isenabled()
    assert result.history is not None
    library.install_guide(result.guide, history=result.history)

    assert seen == {"read": False, "replay": False}
    assert gc.isenabled()
