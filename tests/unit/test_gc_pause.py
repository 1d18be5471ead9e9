"""The cyclic garbage collector is held off while a package is read and while it is saved (its
history replayed and written), and is back on afterwards (guides/gc_pause.py)."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from studyguide.guides import importing
from studyguide.guides.gc_pause import gc_paused
from studyguide.review import history_job

PACKAGE = Path(__file__).resolve().parent.parent / "data" / "anki" / "fsrs-params.apkg"


def test_reading_and_saving_a_package_hold_the_collector_off(library, monkeypatch) -> None:
    seen: dict[str, bool] = {}
    read, replay = importing._read, history_job.replay

    def reading(*args, **kwargs):
        seen["read"] = gc.isenabled()
        return read(*args, **kwargs)

    def replaying(*args, **kwargs):
        seen["replay"] = gc.isenabled()
        return replay(*args, **kwargs)

    monkeypatch.setattr(importing, "_read", reading)
    monkeypatch.setattr(history_job, "replay", replaying)
    assert gc.isenabled()

    result = library.read_file(PACKAGE)
    assert gc.isenabled()
    assert result.history is not None
    library.install_guide(result.guide, history=result.history)

    assert seen == {"read": False, "replay": False}
    assert gc.isenabled()


def test_the_collector_comes_back_when_the_last_holder_ends_even_after_an_error() -> None:
    assert gc.isenabled()
    with gc_paused():
        with pytest.raises(ValueError), gc_paused():
            raise ValueError("an import failed")
        assert not gc.isenabled()  # the outer import still holds it
    assert gc.isenabled()


def test_two_imports_on_two_threads_turn_it_back_on_only_when_both_have_ended() -> None:
    first_in, second_done = threading.Event(), threading.Event()
    during: list[bool] = []

    def first() -> None:
        with gc_paused():
            first_in.set()
            second_done.wait(10)
            during.append(gc.isenabled())

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with gc_paused():
        pass
    second_done.set()
    thread.join(10)
    assert during == [False]
    assert gc.isenabled()


def test_a_collector_the_program_had_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
