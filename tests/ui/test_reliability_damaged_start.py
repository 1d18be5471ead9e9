"""Starting on a damaged progress file: the newest good backup is offered; the damaged file is kept.

The question is a real modal message box; the test clicks its buttons the way a learner
would (a timer finds the box once its event loop runs), and a guard timer answers Quit
after 10 s so a missing box fails the test instead of hanging it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studyguide.app import _Startup, recover_damaged_progress
from studyguide.library import Library
from studyguide.store.errors import DamagedDatabase
from studyguide.ui.damaged_progress import Choice, damaged_progress_box
from studyguide.ui.main_window import MainWindow

GARBAGE = bytes(range(256)) * 16


@pytest.fixture
def damaged_home(make_library, library_home: Path, clock) -> Path:
    """A library with 40 answers, backed up, whose progress file then turned to garbage."""
    library = make_library()
    for i in range(40):
        library.progress.record_answer(guide_id="tiny", card_id=f"c{i}", rating=3, reviewed_at=clock.now,
                                       new_state={"state": 1}, due=clock.now, previous_state=None)
    library.progress.backup(kind="manual", now=clock.now)
    library.close()
    clock.advance(days=1)
    (library_home / "progress.sqlite").write_bytes(GARBAGE)
    for side in ("-wal", "-shm"):
        (library_home / f"progress.sqlite{side}").unlink(missing_ok=True)
    return library_home


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch):
    """Libraries the start-up opened, closed after the windows (request it before qtbot).

    The start-up's ``app.exit(2)`` is recorded instead: called outside a running event
    loop it would make the next test's modal box return at once.
    """
    opened = Opened()
    monkeypatch.setattr(QApplication.instance(), "exit", opened.exits.append)
    yield opened
    for library in opened:
        library.close()


class Opened(list):
    """Libraries opened by a start-up, and the exit codes it asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.exits: list[int] = []


def _start(qtbot, opened: list[Library], home: Path, content_db: Path, clock, answer: Choice,
           seen: list) -> _Startup:
    window = MainWindow()
    qtbot.add_widget(window)

    def open_library() -> Library:
        opened.append(Library(home=home, bundled_guide=content_db, clock=clock, enable_fuzzing=False))
        return opened[-1]

    startup = _Startup(app=QApplication.instance(), window=window, open_library=open_library, smoke_test=False,
                       recover=lambda error: recover_damaged_progress(window, home, error))

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append((box.windowTitle(), box.text(), box.informativeText(),
                     [b.text() for b in box.buttons()]))
        (button,) = [b for b in box.buttons() if b.property("choice") == answer.value]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def guard() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            box.reject()

    QTimer.singleShot(0, click)
    QTimer.singleShot(10_000, guard)
    window.show()
    startup.finish()
    return startup


def test_a_damaged_progress_file_is_replaced_by_the_newest_good_backup(
        opened, qtbot, damaged_home: Path, content_db: Path, clock) -> None:
    seen: list = []
    startup = _start(qtbot, opened, damaged_home, content_db, clock, Choice.RESTORE, seen)

    ((title, text, info, buttons),) = seen
    assert title == "Your progress file is damaged" and "damaged" in text
    assert "(40 answers)" in info and buttons[-1] == "Quit" and buttons[0].startswith("Restore from Backup of ")
    assert startup.error is None and startup.library is not None
    assert startup.library.progress.review_count("tiny") == 40
    (kept,) = damaged_home.glob("progress.damaged-*.sqlite")
    assert kept.read_bytes() == GARBAGE


def test_quit_leaves_the_damaged_file_where_it_is(opened, qtbot, damaged_home: Path, content_db: Path, clock) -> None:
    seen: list = []
    startup = _start(qtbot, opened, damaged_home, content_db, clock, Choice.QUIT, seen)

    assert len(seen) == 1
    assert isinstance(startup.error, DamagedDatabase) and startup.library is None
    assert opened.exits == [2]
    assert (damaged_home / "progress.sqlite").read_bytes() == GARBAGE
    assert not list(damaged_home.glob("progress.damaged-*"))


def test_with_no_backup_the_learner_may_start_afresh(opened, qtbot, damaged_home: Path, content_db: Path,
                                                     clock) -> None:
    for backup in (damaged_home / "backups").iterdir():
        backup.write_bytes(b"also broken")
    seen: list = []
    startup = _start(qtbot, opened, damaged_home, content_db, clock, Choice.START_AFRESH, seen)

    assert seen[0][3] == ["Start with Empty Progress", "Quit"]
    assert startup.library is not None and startup.library.progress.review_count("tiny") == 0
    (kept,) = damaged_home.glob("progress.damaged-*.sqlite")
    assert kept.read_bytes() == GARBAGE


def test_the_question_shows_paths_as_plain_text(qtbot, tmp_path: Path, clock) -> None:
    damaged = tmp_path / "<b>odd</b>" / "progress.sqlite"
    box = damaged_progress_box(None, damaged=damaged, backup_created=clock.now, backup_answers=1)
    qtbot.add_widget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert str(damaged) in box.informativeText() and "(1 answer)" in box.informativeText()


def test_damage_found_by_the_check_after_the_start_offers_the_backup_and_writes_nothing(
        opened, qtbot, library_home: Path, content_db: Path, clock) -> None:
    """The pages' check runs on the task runner once the window is usable (store/integrity.py)."""
    from tests.unit.test_integrity_later import _answered, _damage

    _answered(library_home, content_db, clock, 3_000)
    library = Library(home=library_home, bundled_guide=content_db, clock=clock)
    library.progress.backup(kind="manual", now=clock.now)
    library.close()
    _damage(library_home / "progress.sqlite")
    damaged = (library_home / "progress.sqlite").read_bytes()
    window = MainWindow()
    qtbot.add_widget(window)

    def open_library() -> Library:
        opened.append(Library(home=library_home, bundled_guide=content_db, clock=clock, check_later=True))
        return opened[-1]

    startup = _Startup(app=QApplication.instance(), window=window, open_library=open_library, smoke_test=False,
                       recover=lambda error: recover_damaged_progress(window, library_home, error))
    seen: list[str] = []

    def answer() -> None:  # Restore from Backup, then OK on "StudyGuide closes now"
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            chosen = [b for b in box.buttons() if b.property("choice") == Choice.RESTORE.value] or box.buttons()
            qtbot.mouseClick(chosen[0], Qt.MouseButton.LeftButton)
        if len(seen) < 2:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)
    window.show()
    startup.finish()
    assert startup.library is not None  # the window opened the file without reading every page
    qtbot.wait_until(lambda: opened.exits != [], timeout=15_000)
    assert opened.exits == [0] and startup.library is None
    assert "damaged" in seen[0] and "start it again" in seen[1]
    (kept,) = library_home.glob("progress.damaged-*.sqlite")
    assert kept.read_bytes() == damaged  # moved aside, never written
    restored = Library(home=library_home, bundled_guide=content_db, clock=clock)
    try:
        assert restored.progress.review_count("tiny") == 3_000
    finally:
        restored.close()
