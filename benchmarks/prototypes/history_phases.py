"""The replay and the history's write of the benchmark package alone, CPU time, for one ``LEAN`` variant of
the parity prototype (docs/anki-import-parity.md): the package read once, then N times the replay
(``replay_rows``) and the write (``write_history``) into a fresh progress file in /dev/shm::

    LEAN=A PYTHONPATH=/tmp/proto .venv/bin/python benchmarks/prototypes/history_phases.py 7
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from studyguide.guides.importing import read_file
from studyguide.review.imported import replay_rows
from studyguide.store.progress import ProgressStore
from studyguide.store.progress_import import write_history


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    history = read_file(Path(tempfile.gettempdir()) / "studyguide-anki-bench" / "big.apkg").history
    assert history is not None
    replays, writes = [], []
    for _ in range(runs):
        with contextlib.suppress(ImportError):  # the prototype's hand-over between read and write
            from studyguide import lean_side  # type: ignore[attr-defined]

            lean_side.finals.clear()
            lean_side.mem.clear()
        begun = time.process_time()
        rows = replay_rows(history, guide_id="big")
        replays.append(time.process_time() - begun)
        folder = Path(tempfile.mkdtemp(dir="/dev/shm"))
        try:
            ProgressStore(path=folder / "progress.sqlite", backups=folder / "backups").close()
            begun = time.process_time()
            write_history(folder / "progress.sqlite", guide_id="big", cards=rows)
            writes.append(time.process_time() - begun)
        finally:
            shutil.rmtree(folder)
    print(f"LEAN={os.environ.get('LEAN', '')!r}: replay {1000 * statistics.median(replays):.0f} ms, write "
          f"{1000 * statistics.median(writes):.0f} ms CPU (median of {runs}); load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
