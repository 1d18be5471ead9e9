"""An Anki package's history replayed while the learner answers the window's import dialog.

Replaying the answers through FSRS writes nothing (``review.imported.replay_rows``), so the window
starts it as soon as the package is read (``Library.replay_ahead``), on a thread of its own, while
the learner reads the dialog ("with history?"); the save (``PendingHistory.replay``) then takes the
rows made meanwhile instead of replaying again (about 0.2 s of the wait after Import for 50,000
answers), or waits for them if the learner answered first. They are taken only for the same history
object, guide id and desired retention; otherwise (or never asked ahead, as on the command line)
the save replays as before. Nothing is kept once the history is gone (an import declined or saved
without history: its rows are dropped with it).
"""

from __future__ import annotations

import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor

from studyguide.collector import collector_paused
from studyguide.domain.imported_history import ImportedHistory
from studyguide.review.imported import replay_rows
from studyguide.store.progress_import import HistoryRows

#: The desired retention an import's answers are replayed with (``PendingHistory``'s; fsrs's default).
REPLAY_RETENTION = 0.9
_lock = threading.Lock()
#: By ``id(history)``: the history (weakly), the guide id and retention replayed for, and the rows to come.
_ahead: dict[int, tuple[weakref.ref[ImportedHistory], str, float, Future[HistoryRows]]] = {}


def replay_ahead(history: ImportedHistory, *, guide_id: str,
                 desired_retention: float = REPLAY_RETENTION) -> Future[HistoryRows]:
    """Start replaying ``history`` for ``guide_id`` on a thread of its own; ``taken`` hands the rows over."""
    key = id(history)

    def forget(gone: weakref.ref[ImportedHistory]) -> None:  # the history is gone: so are its rows
        with _lock:
            if key in _ahead and _ahead[key][0] is gone:
                del _ahead[key]

    def run() -> HistoryRows:
        with collector_paused():  # (as the save's own replay: nothing it makes is in a cycle)
            return replay_rows(history, guide_id=guide_id, desired_retention=desired_retention)

    # The executor puts the rows, or whatever the replay raised, in the future (``taken`` raises it).
    one = ThreadPoolExecutor(max_workers=1, thread_name_prefix="replay-ahead")
    future = one.submit(run)
    one.shutdown(wait=False)  # (not waited for: its one thread ends with the replay)
    with _lock:
        _ahead[key] = (weakref.ref(history, forget), guide_id, desired_retention, future)
    return future


def taken(history: ImportedHistory, *, guide_id: str, desired_retention: float) -> HistoryRows | None:
    """The rows ``replay_ahead`` made (waiting for them if need be) for this very history, guide id and
    retention, once; None if none were asked for. What the replay raised is raised here."""
    with _lock:
        entry = _ahead.pop(id(history), None)
    if entry is None or entry[0]() is not history or entry[1:3] != (guide_id, desired_retention):
        return None
    return entry[3].result()
