"""The sync's settings in the progress database: this device's id and name, and the sync folder."""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path

import sqlite_utils

from studyguide.store import schema
from studyguide.store.connection import explain
from studyguide.store.transactions import immediate

DEVICE_ID, _NAME, _FOLDER = "sync_device_id", "sync_device_name", "sync_folder"


class SyncSettings:
    """This device's identity and the remembered sync folder (``SyncStateStore`` is one).

    Args:
        db: The progress database.
        path: Its file (for error messages).
    """

    def __init__(self, *, db: sqlite_utils.Database, path: Path) -> None:
        self._db = db
        self._path = path

    def _setting(self, key: str) -> str | None:
        row = self._db.execute(f"SELECT value FROM [{schema.SETTINGS}] WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def _set(self, key: str, value: str) -> None:
        with immediate(self._db):
            self._db.execute(f"INSERT OR REPLACE INTO [{schema.SETTINGS}] (key, value) VALUES (?, ?)", [key, value])

    def identity(self, default_name: str, *, create: bool = True) -> tuple[str, str]:
        """This library's device id (made once, 16 hex digits; "" before then when not ``create``)
        and readable name."""
        try:
            device = self._setting(DEVICE_ID)
            if device is None and not create:
                device = ""
            elif device is None:
                device = secrets.token_hex(8)
                self._set(DEVICE_ID, device)
            return device, self._setting(_NAME) or default_name
        except sqlite3.Error as error:
            raise explain(error, self._path) from error

    def set_device_name(self, name: str) -> None:
        """Name this device (shown to the others from its next segment)."""
        try:
            self._set(_NAME, name)
        except sqlite3.Error as error:
            raise explain(error, self._path) from error

    def folder(self) -> Path | None:
        """The remembered sync folder, if any."""
        value = self._setting(_FOLDER)
        return Path(value) if value else None

    def set_folder(self, folder: Path | None) -> None:
        """Remember the sync folder (None: sync is off)."""
        try:
            self._set(_FOLDER, "" if folder is None else str(folder))
        except sqlite3.Error as error:
            raise explain(error, self._path) from error
