"""Python's cyclic garbage collector held off during a bulk import.

Reading and saving a large package makes hundreds of thousands of tuples, strings and dicts
that live until it ends, and none of them in cycles. Each time enough of them were made the
collector walked them all, more and more of them each time: 0.2 s of the benchmark deck's
1.8 s of user CPU (10,000 notes, 50,000 answers; docs/anki-import.md, Speed), for nothing
freed (the peak memory is 3 MB more without it). Reference counting still frees everything
as usual; only cycles wait until the import ends, when the collector runs again as before.

The collector is the process's, so this counts: it is held off while any import holds it
(two imports at once, or one called inside another), and turned back on only when the last
one ends, and only if it was on when the first began.
"""

from __future__ import annotations

import gc
import threading
from contextlib import ContextDecorator
from types import TracebackType

_lock = threading.Lock()
_holders = 0
_was_enabled = False


class gc_paused(ContextDecorator):  # noqa: N801 - used as a decorator and a ``with``, like contextlib's
    """Hold the cyclic collector off in a ``with`` block or a decorated function (see the module)."""

    def __enter__(self) -> gc_paused:
        global _holders, _was_enabled
        with _lock:
            if _holders == 0:
                _was_enabled = gc.isenabled()
                gc.disable()
            _holders += 1
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        global _holders
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
