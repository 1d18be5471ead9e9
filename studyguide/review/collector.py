"""Python's cycle collector held off while a sync reads and merges a year of answers.

A merge makes a few hundred thousand tuples and dicts that live until it ends (each answer's
entry, log row, entry key and replay record). The cycle collector runs every 700 new objects,
and each time more of them have piled up in the older generations it walks: for 100,000 answers
that was two thirds of the time spent building them (0.34 s of 0.5 s in one loop). None of those
objects form cycles, and the merge lets go of them when it ends (``SyncStateStore.apply``), so
the collector is paused for the sync and resumes after it, as it was. The pause is process-wide:
it is counted, so overlapping syncs on two threads resume it only when the last one ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off; it is back on after it (if it was on before)."""
    global _holders, _was_enabled
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
