"""Python's cycle collector: run on the main thread only in the app, and held off while a sync merges or
an import reads and saves a package.

**The main thread only.** Python collects cycles in whichever thread happens to allocate when a threshold
is passed: a task runner's worker, say. A Qt object in a cycle (a window's timer, held by a Python object
that refers back to itself) is then destroyed on that thread, which cannot stop its timers ("QObject::
~QObject: Timers cannot be stopped from another thread"); the main thread's event loop later fires a timer
on the freed object, and the app crashes at a random later moment (``notifyInternal2`` from
``QTimerInfoList::activateTimers``: the segmentation faults the test suite hit in sessions 6 and 7).
``collect_on_main_thread_only`` turns automatic collection off, and ``collect_when_due``, called on the main
thread (a timer in the app, every test's end in the suite), runs the collections Python's own thresholds ask
for. Calibre's and qtools' ``GarbageCollector`` do the same, for the same reason.

**The pause.** A sync and an import make hundreds of thousands of tuples, strings and dicts that live
until they end, none of them in cycles. The collector runs every 700 new objects and each time walks more
of those piled up in its older generations: for a sync of 100,000 answers that was two thirds of the time
spent building them (0.34 s of 0.5 s in one loop); for an Anki package of 10,000 notes and 50,000
answers, 0.2 s of its 1.8 s of user CPU, for nothing freed (peak memory +3 MB without it). Reference
counting still frees everything as usual; only cycles wait until the block ends.

The collector is the process's, so the pause is counted: overlapping pauses (two threads, or one
inside another) turn it back on only when the last one ends, and only if it was on when the first
began. ``collector_paused()`` is a ``with`` block or, like any ``contextlib`` manager, a decorator.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_holders = 0
#: Pauses held on other threads (an import read or saved on the task runner): ``collect_when_due`` waits for them.
_workers = 0
_was_enabled = False
_main_thread_only = False


def collect_on_main_thread_only() -> None:
    """From now on, collect cycles only when ``collect_when_due`` is called on the main thread."""
    global _main_thread_only, _was_enabled
    with _lock:
        _main_thread_only = True
        _was_enabled = False  # a pause under way ends with the collector still off
        gc.disable()


def collect_anywhere() -> None:
    """Back to Python's own collections, in any thread (the test suite's end, the collector's own tests)."""
    global _main_thread_only
    with _lock:
        _main_thread_only = False
        if _holders == 0:
            gc.enable()


def main_thread_only() -> bool:
    """True once ``collect_on_main_thread_only`` was called (and not undone)."""
    return _main_thread_only


def collect_when_due() -> int | None:
    """Run the collection Python would have run by now, if any: the youngest generation once its count
    passes its threshold, an older one once enough younger collections have passed theirs.

    Only on the main thread, outside a pause (any thread's), and only in main-thread-only mode (else Python
    collects by itself). Returns the generation collected, or None."""
    if not _main_thread_only or _holders or _workers or threading.current_thread() is not threading.main_thread():
        return None
    thresholds, counts = gc.get_threshold(), gc.get_count()
    if thresholds[0] <= 0 or counts[0] <= thresholds[0]:
        return None
    generation = 0
    while generation < 2 and counts[generation + 1] > thresholds[generation + 1]:
        generation += 1
    gc.collect(generation)
    return generation


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off; it is back on after it (if it was on before).

    Only on the main thread: the objects allocated meanwhile count towards the next collection, which
    then runs in the first thread to allocate after the pause, and a collection on a worker thread may
    free Qt objects (a window's, in cycles) off the GUI thread. Elsewhere the block runs as it is, but
    ``collect_when_due`` (the window's timer) waits for it to end: a collection on the main thread while a
    task runner reads or saves a package walked every object it had made so far (the Anki package of
    10,000 notes: 70-140 ms, holding the GIL, the import's thread stopped meanwhile, once or twice an import)."""
    global _holders, _was_enabled, _workers
    if threading.current_thread() is not threading.main_thread():
        with _lock:
            _workers += 1
        try:
            yield
        finally:
            with _lock:
                _workers -= 1
        return
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
