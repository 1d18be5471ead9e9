"""The timeline's canvas, as a screen reader hears it: each event it steps to, said as a sentence.

Like ``test_screen_reader.py`` (whose tools it needs): Xvfb, a D-Bus session, the AT-SPI bus, the app on
xcb, and a client run by the system python with ``python3-pyatspi`` that listens for the canvas's
accessible-name changes, which Orca reads aloud for the focused object.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studyguide import paths
from studyguide.domain.event_text import event_sentence
from studyguide.store.content import ContentStore
from tests.ui.test_screen_reader import LAUNCHER, SYSTEM_PYTHON, missing_tools

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
SESSION = """
set -u
"$LAUNCHER" --launch-immediately &
launcher=$!
QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 "$APP_PYTHON" "$APP" "$LIBRARY" "$READY" &
app=$!
"$SYSTEM_PYTHON" "$CLIENT" "$OUT" "$READY"
status=$?
kill "$app" "$launcher" 2>/dev/null
wait "$app"
exit "$status"
"""


def test_stepping_on_the_canvas_says_each_event_as_a_sentence(tmp_path):
    if missing := missing_tools():
        message = "a screen reader's test needs " + ", ".join(missing) + " (scripts/bootstrap.sh package)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out, script = tmp_path / "heard.json", tmp_path / "session.sh"
    script.write_text(SESSION)
    env = {**os.environ, "LAUNCHER": str(LAUNCHER), "APP_PYTHON": sys.executable,
           "APP": str(HERE / "atspi_timeline_app.py"), "LIBRARY": str(tmp_path / "library"),
           "READY": str(tmp_path / "ready"), "SYSTEM_PYTHON": str(SYSTEM_PYTHON),
           "CLIENT": str(HERE / "atspi_timeline_client.py"), "OUT": str(out), "PYTHONPATH": str(HERE.parent.parent)}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--",
                           "bash", str(script)], env=env, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0 and out.exists(), f"exit {done.returncode}\n{done.stderr[-3000:]}"

    content = ContentStore(path=paths.bundled_guide_database())
    titles = {section.id: section.title for section in content.sections()}
    events = sorted(content.events(), key=lambda e: (e.when.sort_key(), e.position))
    content.close()
    expected = [event_sentence(e, section_title=titles[e.section_id]) for e in events[:3]]
    assert json.loads(out.read_text())["heard"] == expected
    assert expected[0].startswith("1959, Castro's rebels overthrow Batista, Cuba lane, part of ")
