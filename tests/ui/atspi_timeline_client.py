"""Listens, as Orca does, to what the timeline's canvas says while the app steps through its events.

Not a test module: run by the system python (Debian's ``python3-pyatspi``) for
``test_screen_reader_timeline.py``. It registers for accessible-name changes, creates the file READY
(the app then steps three times), and writes the canvas's names it heard as JSON.
Usage: atspi_timeline_client.py OUT.json READY
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pyatspi  # type: ignore[import-not-found]  # the system python's, not the venv's
from gi.repository import GLib  # type: ignore[import-not-found]

APP_NAME = "studyguide-timeline"  # atspi_timeline_app.py's application name
heard: list[str] = []


def shown(name: str, context) -> bool:
    """Whether the application ``name`` has a window on the bus (pending events handled first)."""
    while context.pending():
        context.iteration(False)
    desktop = pyatspi.Registry.getDesktop(0)
    apps = (desktop.getChildAtIndex(i) for i in range(desktop.childCount))
    found = any(app is not None and (app.name or "") == name and app.childCount > 0 for app in apps)
    if not found:
        time.sleep(0.05)  # a poll interval of this GLib loop (no Qt here: no qtbot), bounded by the timeout
    return found


def on_name(event) -> None:
    source = event.source
    if source is not None and (source.description or "").startswith("Timeline."):
        heard.append(source.name)


def main() -> int:
    out, ready = Path(sys.argv[1]), Path(sys.argv[2])
    pyatspi.Registry.registerEventListener(on_name, "object:property-change:accessible-name")
    context = GLib.MainContext.default()
    end = time.monotonic() + 60
    while not shown(APP_NAME, context):  # the app's window is on the bus before it is told to step
        if time.monotonic() > end:
            raise SystemExit(f"timed out waiting for {APP_NAME} on the accessibility bus")
    ready.touch()
    end = time.monotonic() + 30
    while time.monotonic() < end and len(heard) < 3:
        while context.pending():
            context.iteration(False)
        time.sleep(0.05)
    out.write_text(json.dumps({"heard": heard}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
