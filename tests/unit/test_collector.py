"""Python's cycle collector is held off while a sync reads and merges (``studyguide/collector.py``; an
import: test_gc_pause.py), and left as it was found, whatever happens, however pauses overlap."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from studyguide.collector import collector_paused
from studyguide.library import Library
from studyguide.review.sync import SyncService
from studyguide.store.sync_state import SyncStateStore
from tests.conftest import Clock

T0 = datetime(2026, 1, 5, 8, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
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
