"""Python's cycle collector is held off while a sync reads and merges (``studyguide/collector.py``; an
import: test_gc_pause.py), and left as it was found, whatever happens, however pauses overlap."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from studyguide.collector import collect_anywhere, collect_on_main_thread_only, collect_when_due, collector_paused
from studyguide.library import Library
from studyguide.review.sync import SyncService
from studyguide.store.sync_state import SyncStateStore
from tests.conftest import Clock

T0 = datetime(2026, 1, 5, 8, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _collector_on(collector_on: None) -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_an_error_inside_still_turns_it_back_on() -> None:
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_a_nested_pause_that_fails_leaves_it_off_until_the_outer_one_ends() -> None:
    with collector_paused():
        with pytest.raises(ValueError), collector_paused():
            raise ValueError("an import failed")
        assert not gc.isenabled()  # the outer one still holds it
    assert gc.isenabled()


def test_a_decorated_function_runs_with_it_off() -> None:
    @collector_paused()
    def work() -> bool:
        return gc.isenabled()

    assert work() is False and work() is False
    assert gc.isenabled()


def test_a_sync_merges_with_the_collector_off(tmp_path: Path, content_db: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    apply = SyncStateStore.apply

    def watched(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return apply(self, *args, **kwargs)

    monkeypatch.setattr(SyncStateStore, "apply", watched)
    (tmp_path / "Sync").mkdir()
    library = Library(home=tmp_path / "home", bundled_guide=content_db, clock=Clock(T0))
    try:
        SyncService(progress=library.progress, settings=lambda: library.review.settings,
                    clock=library.clock).sync(tmp_path / "Sync")
    finally:
        library.close()

    assert seen == [False]
    assert gc.isenabled()


def test_a_worker_thread_leaves_the_collector_as_it_is() -> None:
    seen: list[bool] = []

    def work() -> None:
        with collector_paused():
            seen.append(gc.isenabled())

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert seen == [True] and gc.isenabled()


class _Cycle:
    """An object that refers to itself: only the cycle collector frees it."""

    def __init__(self, freed_on: list[str]) -> None:
        self.itself = self
        weakref.finalize(self, lambda: freed_on.append(threading.current_thread().name))


def _allocate_on_a_worker(count: int = 50_000) -> None:
    """What a task runner's job does: allocate far past the collector's thresholds."""
    thread = threading.Thread(target=lambda: [(i, [i]) for i in range(count)], name="worker")
    thread.start()
    thread.join(30)


def test_in_main_thread_only_mode_a_worker_never_collects_and_the_main_thread_does() -> None:
    freed_on: list[str] = []
    collect_on_main_thread_only()
    try:
        _Cycle(freed_on)
        _allocate_on_a_worker()
        assert freed_on == []  # Python would have collected it there, on the worker
        assert collect_when_due() is not None
        assert freed_on == ["MainThread"]
    finally:
        collect_anywhere()


def test_without_it_the_worker_collects_the_cycle() -> None:
    """The case the mode is for: with Python's own collections, the worker's allocations free the cycle there."""
    freed_on: list[str] = []
    _Cycle(freed_on)
    _allocate_on_a_worker()
    assert freed_on == ["worker"]


def test_collections_come_when_the_thresholds_say() -> None:
    """As Python's own: the young generation once 100 objects more are alive than at its last collection; the
    middle one in its place once more than 2 young collections have passed, the oldest once more than 2 middle
    ones have (thresholds 100, 2, 2 here; Python's are 700, 10, 10)."""
    collect_on_main_thread_only()
    thresholds = gc.get_threshold()
    kept: list[list[list[int]]] = []
    try:
        gc.collect()
        gc.set_threshold(100, 2, 2)
        assert collect_when_due() is None  # nothing new since
        seen = []
        for _ in range(16):
            kept.append([[i] for i in range(200)])
            seen.append(collect_when_due())
        assert seen == [0, 0, 0, 1] * 3 + [0, 0, 0, 2]
        assert collect_when_due() is None
    finally:
        gc.set_threshold(*thresholds)
        collect_anywhere()


def test_never_on_a_worker_nor_inside_a_pause_nor_in_pythons_own_mode() -> None:
    kept = [[i] for i in range(2_000)]
    assert collect_when_due() is None  # Python's own mode: it collects by itself
    collect_on_main_thread_only()
    try:
        kept += [[i] for i in range(2_000)]
        seen: list[int | None] = []
        thread = threading.Thread(target=lambda: seen.append(collect_when_due()))
        thread.start()
        thread.join(10)
        with collector_paused():
            seen.append(collect_when_due())
        assert seen == [None, None]
        assert collect_when_due() == 0
        assert not gc.isenabled()  # the pause ended with the collector still off
    finally:
        collect_anywhere()
    assert gc.isenabled()
