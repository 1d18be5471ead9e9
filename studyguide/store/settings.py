"""The learner's review settings, stored as key/value rows in the progress database."""

from __future__ import annotations

import sqlite_utils

from studyguide.domain.changes import Changes
from studyguide.domain.review import ReviewSettings
from studyguide.store import schema


class SettingsStore:
    """Loads and saves ``ReviewSettings``; unknown or damaged values fall back to defaults."""

    def __init__(self, *, db: sqlite_utils.Database) -> None:
        self._db = db

    def load(self) -> ReviewSettings:
        """The saved settings, or the defaults for anything missing or invalid."""
        values = {r["key"]: r["value"] for r in self._db[schema.SETTINGS].rows}
        default = ReviewSettings()
        try:
            return ReviewSettings(
                desired_retention=float(values.get("desired_retention", default.desired_retention)),
                new_per_day=int(values.get("new_per_day", default.new_per_day)),
            )
        except ValueError:
            return default

    def save(self, settings: ReviewSettings) -> Changes:
        """Save settings in one transaction."""
        with self._db.atomic():
            self._db[schema.SETTINGS].upsert_all(
                [{"key": "desired_retention", "value": str(settings.desired_retention)},
                 {"key": "new_per_day", "value": str(settings.new_per_day)}],
                pk="key",
            )
        return Changes(progress=True, due_counts=True)
