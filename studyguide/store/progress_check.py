"""The progress file's integrity check as the library runs it: its errors explained (``store/integrity.py``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from studyguide.store.connection import explain
from studyguide.store.integrity import check_progress


def check_progress_file(path: Path) -> None:
    """``integrity.check_progress``, any other error of the file or the machine said as ``StoreUnavailable``.

    Raises:
        DamagedDatabase: The file is damaged.
        StoreUnavailable: It cannot be read (busy, a disk error...).
    """
    try:
        check_progress(path)
    except sqlite3.Error as error:
        raise explain(error, path) from error
