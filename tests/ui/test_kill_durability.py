"""Answers survive a SIGKILL: the app's reviewer runs in a subprocess that is killed mid-session."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from studyguide import paths
from studyguide.library import Library

# Runs the real main window offscreen and answers cards with real key presses,
# printing a line after each answer has been handled.
DRIVER = r"""
import sys
from datetime import datetime, timezone
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from studyguide import paths
from studyguide.library import Library
from studyguide.ui.main_window import MainWindow

app = QApplication([])
library = Library(home=Path(sys.argv[1]), bundled_guide=paths.bundled_guide_database(),
                  clock=lambda: datetime.now(timezone.utc))
window = MainWindow(library=library)
window.show()
window.tabs.setCurrentWidget(window.flashcards)
view = window.flashcards
answered = []
view.answer_recorded.connect(answered.append)
while view.session.current is not None and len(answered) < 200:
    before = len(answered)
    QTest.keyClick(view, Qt.Key.Key_Space)
    QTest.keyClick(view, Qt.Key.Key_3)
    if len(answered) > before:
        print(f"answered {len(answered)}", flush=True)
    app.processEvents()
print("done", flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_every_acknowledged_answer_survives_sigkill(tmp_path: Path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", DRIVER, str(tmp_path)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    acknowledged = 0
    try:
        for line in child.stdout:
            if line.startswith("answered "):
                acknowledged = int(line.split()[1])
                if acknowledged == 7:
                    child.send_signal(signal.SIGKILL)
                    break
        child.wait(timeout=60)
        # The child answers on while the 7th line is read: what it acknowledged before it died is still in
        # the pipe (a busy machine let it get to 11).
        for line in child.stdout:
            if line.startswith("answered "):
                acknowledged = int(line.split()[1])
    finally:
        child.wait(timeout=60)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert acknowledged >= 7
    library = Library(home=tmp_path, bundled_guide=paths.bundled_guide_database(),
                      clock=lambda: datetime.now(timezone.utc))
    try:
        saved = library.progress.review_count("cuban-missile-crisis")
        # Every answer the app acknowledged is on disk; at most the one in flight beyond it.
        assert acknowledged <= saved <= acknowledged + 1
        assert len(library.progress.card_states("cuban-missile-crisis")) >= acknowledged
        assert library.progress.rebuild_card_state() >= acknowledged
    finally:
        library.close()
