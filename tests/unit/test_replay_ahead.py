"""An Anki package's history replayed ahead, while the window's dialog is answered (``review.replay_ahead``):
the save takes exactly the rows a replay of its own would make, only for the same history, guide id and
retention, once; an error in the replay reaches the save; nothing is kept once the history is gone."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

import pytest

from studyguide.guides.importing import read_file
from studyguide.library import Library
from studyguide.review import history_job, replay_ahead
from studyguide.review.imported import replay_rows

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"


@pytest.mark.parametrize("package", ["current.apkg", "fsrs-params.apkg"])
def test_the_rows_replayed_ahead_are_the_saves_own(package: str) -> None:
    history = read_file(FIXTURES / package).history
    assert history is not None and history.reviews
    replay_ahead.replay_ahead(history, guide_id="g")

    ahead = replay_ahead.taken(history, guide_id="g", desired_retention=replay_ahead.REPLAY_RETENTION)
    assert ahead == replay_rows(history, guide_id="g", desired_retention=replay_ahead.REPLAY_RETENTION)
    assert replay_ahead.taken(history, guide_id="g", desired_retention=replay_ahead.REPLAY_RETENTION) is None  # once


@pytest.mark.parametrize("asked", [("other", replay_ahead.REPLAY_RETENTION), ("g", 0.8)])
def test_rows_replayed_for_another_guide_id_or_retention_are_not_taken(asked: tuple[str, float]) -> None:
    history = read_file(FIXTURES / "current.apkg").history
    assert history is not None
    replay_ahead.replay_ahead(history, guide_id="g")
    assert replay_ahead.taken(history, guide_id=asked[0], desired_retention=asked[1]) is None


def test_nothing_is_kept_once_the_history_is_gone() -> None:
    history = read_file(FIXTURES / "current.apkg").history
    assert history is not None
    replay_ahead.replay_ahead(history, guide_id="g").result(timeout=20)
    for thread in threading.enumerate():
        if thread.name.startswith("replay-ahead"):
            thread.join(timeout=20)  # (its function ends just after it hands the rows over)
    key, gone = id(history), weakref.ref(history)
    assert key in replay_ahead._ahead
    del history
    gc.collect()
    assert gone() is None and key not in replay_ahead._ahead


def test_an_error_in_the_replay_ahead_is_raised_in_the_save_that_takes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug in the replay")

    monkeypatch.setattr(replay_ahead, "replay_rows", broken)
    history = read_file(FIXTURES / "current.apkg").history
    assert history is not None
    replay_ahead.replay_ahead(history, guide_id="g")
    with pytest.raises(ZeroDivisionError, match="a bug in the replay"):
        replay_ahead.taken(history, guide_id="g", desired_retention=replay_ahead.REPLAY_RETENTION)


def test_the_save_takes_the_rows_replayed_ahead_rather_than_replaying(
        library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    result = read_file(FIXTURES / "current.apkg")
    assert result.history is not None
    guide_id = result.guide.info.id
    library.replay_ahead(guide_id, result.history)
    replays: list[str] = []
    replay = history_job.replay_rows

    def counted(*args, **kwargs):
        replays.append(kwargs["guide_id"])
        return replay(*args, **kwargs)

    monkeypatch.setattr(history_job, "replay_rows", counted)
    library.install_guide(result.guide, history=result.history)

    assert replays == []
    assert library.progress.review_count(guide_id) == len(result.history.reviews) == 10
