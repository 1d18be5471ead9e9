"""The window's collections (``collect_when_due``, on the main thread) wait while a task runner's job holds a
pause (an import reading or saving a package): one then walked every object the job had made so far, holding
the GIL while the job's thread stood still (``studyguide/collector.py``)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from studyguide.collector import collect_anywhere, collect_on_main_thread_only, collect_when_due, collector_paused


@pytest.fixture
def main_thread_only() -> Iterator[None]:
    collect_on_main_thread_only()
    yield
    collect_anywhere()


def test_no_collection_while_a_worker_holds_a_pause_and_one_when_it_ends(main_thread_only: None) -> None:
    inside, done = threading.Event(), threading.Event()
    made: list[object] = []

    def job() -> None:
        with collector_paused():
            made.extend((i, [i]) for i in range(5_000))  # past the young generation's threshold
            inside.set()
            done.wait(30)

    thread = threading.Thread(target=job, name="studyguide-task_0")
    thread.start()
    try:
        assert inside.wait(30)
        assert gc.get_count()[0] > gc.get_threshold()[0]
        assert collect_when_due() is None
    finally:
        done.set()
        thread.join(30)
    assert collect_when_due() is not None  # due all along: it runs once the job's pause is over


def test_a_worker_pause_that_fails_lets_collections_come_again(main_thread_only: None) -> None:
    def job() -> None:
        with pytest.raises(KeyError), collector_paused():
            raise KeyError("a damaged package")

    thread = threading.Thread(target=job)
    thread.start()
    thread.join(30)
    kept = [(i, [i]) for i in range(5_000)]  # alive, past the young generation's threshold

    assert collect_when_due() is not None and kept
