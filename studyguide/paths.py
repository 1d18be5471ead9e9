"""Where things are: bundled resources and the user's library.

The only module that knows whether the app runs frozen by PyInstaller
(``sys._MEIPASS``), installed from a wheel (``studyguide/_data``) or from a
source checkout (the repository root).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "StudyGuide"
BUNDLED_GUIDE_ID = "cuban-missile-crisis"


def resource_root() -> Path:
    """The folder holding ``resources/`` and ``db/`` in this kind of install."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package = Path(__file__).resolve().parent
    installed = package / "_data"
    if installed.is_dir():
        return installed
    return package.parent


def bundled_guide_source() -> Path:
    """The human-editable source of the bundled guide."""
    return resource_root() / "resources" / "guides" / BUNDLED_GUIDE_ID / "guide.md"


def bundled_guide_database() -> Path:
    """The compiled bundled guide the app ships (read-only)."""
    return resource_root() / "db" / "default-guide.sqlite"


def icon_path() -> Path:
    """The application icon."""
    return resource_root() / "resources" / "icons" / "studyguide.svg"


def library_home(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's library folder: ``--library``, else ``STUDYGUIDE_HOME``, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("STUDYGUIDE_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only here: keeps it off the start-up path when a folder is given

    return platformdirs.user_data_path(APP_NAME, appauthor=False)
