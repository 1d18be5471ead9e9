"""Bugs written down: a crash report per bug in the library's ``logs`` folder, and a rotating log.

An error the app expects (a full disk, a locked or damaged file: ``StoreUnavailable``)
is told to the user in a plain sentence. Anything else is a bug: its traceback and
the versions in use go to ``<library>/logs/crash-<time>.log`` (the newest ``KEEP``
are kept) and to the rotating ``studyguide.log`` through the ``logging`` module, so
a user can send it. Qt-free: the window's crash dialog and the command line share it.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from studyguide import __version__

#: Crash reports kept in the logs folder (the oldest go first).
KEEP = 20
#: The rotating log: its size before it rolls over, and how many old ones stay.
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
#: Exit code of the command line after a bug (BSD's EX_SOFTWARE, "internal software error").
EXIT_BUG = 70

logger = logging.getLogger("studyguide")


def logs_folder(home: Path) -> Path:
    """Where a library's logs go."""
    return home / "logs"


def debug_wanted(environ: Mapping[str, str] = os.environ) -> bool:
    """True when tracebacks should also be printed on stderr (``STUDYGUIDE_DEBUG=1``)."""
    return environ.get("STUDYGUIDE_DEBUG", "") not in ("", "0")


def versions(extra: str = "") -> str:
    """The versions a bug report needs: StudyGuide, Python, the system (and ``extra``, e.g. Qt's)."""
    import platform

    words = [f"StudyGuide {__version__}", f"Python {platform.python_version()}",
             f"{platform.system()} {platform.release()} ({platform.machine()})"]
    return ", ".join(words + ([extra] if extra else []))


def format_bug(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """The traceback of a bug, as Python prints it."""
    return "".join(traceback.format_exception(kind, value, tb))


def write_crash_report(home: Path, text: str, *, now: datetime | None = None) -> Path | None:
    """Write one crash report and log it; returns its file, or None when the folder cannot be written.

    Only the newest ``KEEP`` reports are kept.
    """
    now = now or datetime.now(timezone.utc)
    folder = logs_folder(home)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # the caller shows the traceback itself
    logger.error("StudyGuide hit a bug:\n%s", text)
    try:
        path = folder / f"crash-{now.strftime('%Y%m%d-%H%M%S-%f')}.log"
        path.write_text(f"{now.isoformat()}\n{text}", encoding="utf-8")
    except OSError:
        return None
    for old in sorted(folder.glob("crash-*.log"))[:-KEEP]:
        old.unlink(missing_ok=True)
    return path


class _RotatingLog(logging.Handler):
    """A ``RotatingFileHandler`` made at the first message: ``logging.handlers`` (with socket, pickle
    and queue) costs about 10 ms of the window's start, and most runs log nothing."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            self._file = logging.handlers.RotatingFileHandler(self.path, maxBytes=LOG_BYTES,
                                                              backupCount=LOG_BACKUPS, encoding="utf-8", delay=True)
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def start_log(home: Path) -> logging.Handler:
    """Send the ``studyguide`` logger to ``<library>/logs/studyguide.log`` (rotating).

    The file (and the folder) is made at the first message. Returns the handler, for ``stop_log``.
    """
    handler = _RotatingLog(logs_folder(home) / "studyguide.log")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    # A bug is written to the log and its report; stderr gets it only when asked (debug_wanted).
    logger.propagate = False
    return handler


def stop_log(handler: logging.Handler | None) -> None:
    """Detach and close a handler from ``start_log``."""
    if handler is not None:
        logger.removeHandler(handler)
        handler.close()
        if not logger.handlers:
            logger.propagate = True


def report_on_command_line(home: Path, error: BaseException, *, debug: bool) -> int:
    """A bug on the command line: one line and the report's path on stderr; returns ``EXIT_BUG``."""
    text = format_bug(type(error), error, error.__traceback__)
    handler = start_log(home)
    try:
        path = write_crash_report(home, f"{versions()}\n{text}")
    finally:
        stop_log(handler)
    where = f"details are in {path}" if path is not None else "its report could not be written"
    print(f"studyguide: StudyGuide hit a bug ({type(error).__name__}); {where}. "
          "Please report it.", file=sys.stderr)
    if debug or path is None:
        print(text, file=sys.stderr, end="")
    return EXIT_BUG
