"""A section being typed survives a SIGKILL (issue 15): the real main window and section editor
run in a subprocess, text is typed with real key presses, the process is killed with SIGKILL
after the one-second save, and the reopened library has the text (losing at most what was
typed in the last second)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from studyguide.authoring import Authoring
from studyguide.library import Library

# The real window (offscreen) on the user's guide: Edit (Ctrl+E), type, wait for the save a
# second after typing stops, say so; then type more and say so, and wait to be killed.
DRIVER = r"""
import sys
from datetime import datetime, timezone
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from studyguide.authoring import Authoring
from studyguide.library import Library
from studyguide.ui.main_window import MainWindow

app = QApplication([])
library = Library(home=Path(sys.argv[1]), bundled_guide=Path(sys.argv[2]), enable_fuzzing=False,
                  clock=lambda: datetime.now(timezone.utc))
window = MainWindow(library=library, authoring=Authoring(library=library))
window.show()
window.select_guide("kill-notes")
window.tabs.setCurrentWidget(window.sections)
window.sections.list.setFocus()
app.processEvents()
editing = window.section_editing
QTest.keyClick(window.sections.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
assert editing.stack.currentWidget() is editing.editor
body = editing.editor.body
saved = []
editing.editor.saved.connect(saved.append)
QTest.keyClick(body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
QTest.keyClicks(body, " Blockade words typed.")
while not saved:
    app.processEvents()
print("saved", flush=True)
QTest.keyClicks(body, " Lastsecond")
print("typed", flush=True)
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_typed_text_survives_sigkill_after_the_one_second_save(tmp_path: Path, content_db: Path, clock):
    home = tmp_path / "library"
    library = Library(home=home, bundled_guide=content_db, enable_fuzzing=False, clock=clock)
    authoring = Authoring(library=library)
    guide = authoring.new_guide("Kill Notes").ids[0]
    authoring.add_section(guide, "Crisis", "Thirteen days.")
    authoring.close()
    library.close()

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", DRIVER, str(home), str(content_db)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        lines = []
        for line in child.stdout:
            lines.append(line.strip())
            if line.strip() == "typed":
                break
        assert lines == ["saved", "typed"], child.stderr.read() if child.stderr else ""
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.communicate(timeout=10)  # reaps it and closes the pipes
    assert child.returncode == -signal.SIGKILL

    reopened = Library(home=home, bundled_guide=content_db, enable_fuzzing=False, clock=clock)
    try:
        section = reopened.content(guide).section("crisis")
        assert section is not None
        assert section.body == "Thirteen days. Blockade words typed."  # the last second's words are lost
        hits = reopened.search.search("blockade")
        assert [(h.kind, h.item_id) for h in hits.hits] == [("section", "crisis")]
    finally:
        reopened.close()
