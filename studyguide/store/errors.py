"""The store's error types; they live in ``studyguide.domain.errors`` so the UI may catch them too."""

from __future__ import annotations

from studyguide.domain.errors import (
    DamagedDatabase,
    DatabaseInUse,
    DiskFull,
    ForeignDatabase,
    NewerDatabase,
    ReadOnlyLocation,
    StoreError,
    StoreUnavailable,
)

__all__ = ["DamagedDatabase", "DatabaseInUse", "DiskFull", "ForeignDatabase", "NewerDatabase",
           "ReadOnlyLocation", "StoreError", "StoreUnavailable"]
