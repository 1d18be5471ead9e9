"""Shared fixtures: a tiny built guide, real progress files, a steppable clock.

Sets ``QT_QPA_PLATFORM=offscreen`` before any QApplication exists, and marks
every test that uses ``qtbot`` or ``qapp`` as ``gui`` (so ``-m "not gui"`` is
the fast Qt-free suite).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI replays the same examples on every run, so a rare case found by chance never turns a
# landing red; locally each run draws new ones (and keeps any failure in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"qtbot", "qapp", "main_window"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session", autouse=True)
def _cycles_collected_on_the_main_thread():
    """As in the app (``app_parts.collect_on_the_main_thread``): cycles are collected on the main thread
    only, at each test's end (``_collect_when_due``), never on a task runner's thread, where a Qt object
    of an earlier test's window would be destroyed and its timer later fire on freed memory (the crashes
    of the fresh-clone runs in sessions 6 and 7; ``studyguide/collector.py``)."""
    from studyguide import collector

    collector.collect_on_main_thread_only()
    yield
    collector.collect_anywhere()


@pytest.fixture(autouse=True)
def _collect_when_due():
    yield
    from studyguide.collector import collect_when_due

    collect_when_due()


@pytest.fixture
def collector_on():
    """Python's own collections, in any thread, for one test (as the command line runs). The cycles earlier
    tests left are collected first, here on the main thread, so no Qt object of theirs dies on a worker."""
    import gc

    from studyguide import collector

    gc.collect()
    collector.collect_anywhere()
    yield
    collector.collect_on_main_thread_only()


def answers_logged(progress: Path, guide_id: str) -> int:
    """How many answers of ``guide_id`` the progress file's review log holds (its own connection)."""
    import sqlite3

    conn = sqlite3.connect(progress)
    try:
        return conn.execute("SELECT count(*) FROM review_log WHERE guide_id = ?", [guide_id]).fetchone()[0]
    finally:
        conn.close()


def history_stored(progress: Path) -> list[list[tuple]]:
    """The rows an import's history writes: the review log, card states and daily totals, in key order."""
    import sqlite3

    conn = sqlite3.connect(progress)
    try:
        return [conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()
                for table in ("review_log", "card_state", "review_daily")]
    finally:
        conn.close()


def lock_is_free(progress: Path) -> bool:
    """True if another connection (an answer in the window) gets the progress file's write lock at once."""
    import sqlite3

    other = sqlite3.connect(progress, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


class Clock:
    """A fixed UTC time that tests move forward by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(autouse=True)
def _genanki_writes_into_the_tests_folder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """genanki (the packages some tests make) writes each package's collection to ``tempfile.mkstemp()``
    and never removes it: in a test, that file goes into the test's own folder, which pytest removes."""
    package = sys.modules.get("genanki.package")
    if package is not None:
        folder = request.getfixturevalue("tmp_path")
        monkeypatch.setattr(package, "tempfile", SimpleNamespace(mkstemp=lambda: tempfile.mkstemp(dir=folder)))


@pytest.fixture(autouse=True)
def _app_text_size_restored():
    """A test that made the app's text larger (View > Larger Text) or chose a theme leaves the app as it was."""
    yield
    if "studyguide.ui.text_size" in sys.modules:
        from PySide6.QtWidgets import QApplication

        from studyguide.ui.text_size import apply_percent
        from studyguide.ui.widgets.relative_font import SYSTEM_SIZE

        app = QApplication.instance()
        if app is not None and app.property(SYSTEM_SIZE) is not None:
            apply_percent(100)
    if "studyguide.ui.theme" in sys.modules:
        from studyguide.ui.theme import reset_theme

        reset_theme()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))


@pytest.fixture(scope="session")
def content_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from studyguide.guides.build import build_from_source

    dest = tmp_path_factory.mktemp("template") / "tiny.sqlite"
    build_from_source(DATA / "tiny-guide.md", dest)
    return dest


@pytest.fixture
def content_db(tmp_path: Path, content_db_template: Path) -> Path:
    dest = tmp_path / "tiny.sqlite"
    shutil.copyfile(content_db_template, dest)
    return dest


@pytest.fixture
def library_home(tmp_path: Path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def make_library(library_home: Path, content_db: Path, clock: Clock):
    """Opens (and later closes) Libraries on the same folder, as restarts would."""
    from studyguide.library import Library

    opened = []

    def make(*, bundled: Path | None = None):
        library = Library(home=library_home, bundled_guide=bundled or content_db, clock=clock,
                          enable_fuzzing=False)
        opened.append(library)
        return library

    yield make
    for library in opened:
        library.close()


@pytest.fixture
def library(make_library):
    return make_library()


@pytest.fixture
def main_window(qtbot, library):
    """The main window on the tiny guide, shown and active (window shortcuts fire only then)."""
    from studyguide.ui.main_window import MainWindow
    from tests.ui.keyboard import shown_active

    return shown_active(qtbot, MainWindow(library=library))


def crisis_window(qtbot, make_library, width: int, height: int):
    """The main window on the bundled guide (the Cuban Missile Crisis), ``width`` x ``height``, shown."""
    from studyguide import paths
    from studyguide.ui.main_window import MainWindow

    window = MainWindow(library=make_library(bundled=paths.bundled_guide_database()))
    qtbot.add_widget(window)
    window.resize(width, height)
    window.show()
    qtbot.wait_exposed(window)
    return window


def timeline_at_200(qtbot, window, theme: str):
    """``window``'s theme set and its text at 200%, once its timeline follows: the timeline."""
    window.theme.set_theme(theme)
    window.text_size.set_percent(200)
    timeline = window.timeline
    qtbot.wait_until(lambda: timeline.style_.unit > 1.8)
    return timeline


def sections_of(qtbot, window):
    """``window``'s Sections view shown, its list holding the keys."""
    window.tabs.setCurrentWidget(window.sections)
    window.sections.list.setFocus()
    qtbot.wait_until(window.sections.list.hasFocus)
    return window


@pytest.fixture
def crisis_900(qtbot, make_library):
    """The main window on the bundled guide (the Cuban Missile Crisis: four lanes) at 900x600, its Timeline shown."""
    window = crisis_window(qtbot, make_library, 900, 600)
    window.tabs.setCurrentWidget(window.timeline)
    qtbot.wait_until(lambda: window.width() == 900)
    return window


@pytest.fixture
def flashcards(main_window):
    """The main window's Flashcards view, shown and focused (its keys reach it)."""
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    main_window.flashcards.setFocus()
    return main_window.flashcards


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 2 MB tmpfs for full-disk tests (root on Linux only; skipped elsewhere)."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


@pytest.fixture
def authoring(library):
    """The library's authoring service (writes to the user's own guides), closed after the test."""
    from studyguide.authoring import Authoring

    service = Authoring(library=library)
    yield service
    service.close()


@pytest.fixture
def guide_window(qtbot, library, authoring):
    """Opens the main window (900x600) on the authoring service and selects a guide in it;
    with ``active=True`` it also waits until the window is active (window shortcuts fire only then)."""
    from PySide6.QtWidgets import QApplication

    from studyguide.ui.main_window import MainWindow

    def open_window(guide: str, *, active: bool = False):
        window = MainWindow(library=library, authoring=authoring)
        qtbot.add_widget(window)
        window.resize(900, 600)
        window.show()
        if active:
            window.activateWindow()
            qtbot.wait_active(window)
            qtbot.wait_until(lambda: QApplication.activeWindow() is window)
        window.select_guide(guide)
        return window

    return open_window


@pytest.fixture
def boxes(qtbot):
    """Answers every message box as it opens, keeping (title, text); polls on the event loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[tuple[str, str]] = []
    timer = QTimer()
    timer.setInterval(20)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.windowTitle(), box.text()))
            box.accept()

    timer.timeout.connect(answer)
    timer.start()
    yield seen
    timer.stop()


@pytest.fixture
def actions(main_window, monkeypatch: pytest.MonkeyPatch):
    """The main window's guide actions (import/export), their error boxes kept in ``errors`` instead of shown."""
    acts = main_window.guide_actions
    acts.errors = []
    monkeypatch.setattr(acts, "show_error", lambda title, text: acts.errors.append(f"{title}: {text}"))
    yield acts
    acts.tasks.shutdown()
