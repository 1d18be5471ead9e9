"""A crash is a crash, not a lie: a bug opens the crash dialog and writes a log; an
environment error (a full disk) stays a plain message."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from studyguide.store.errors import DiskFull
from studyguide.store.progress import ProgressStore
from studyguide.ui.crash import CrashReporter
from studyguide.ui.crash_dialog import SENTENCE, TITLE


@pytest.fixture
def reporter(qtbot, library_home):
    """The app's crash reporter, installed as the app installs it (pytest-qt's hook comes back after)."""
    reporter = CrashReporter(home=library_home)
    reporter.install()
    yield reporter
    reporter.uninstall()
    if reporter.dialog is not None:
        reporter.dialog.close()


@pytest.fixture
def message_boxes(monkeypatch):
    """Every message box shown, as (title, text), instead of waiting for a click."""
    shown: list[tuple[str, str]] = []

    def record(box):
        shown.append((box.windowTitle(), box.text()))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


def test_a_sql_typo_while_answering_opens_the_crash_dialog(qtbot, monkeypatch, reporter, message_boxes,
                                                           flashcards, library, library_home):
    def typo(self, *args, **kwargs):
        self._db.execute("SELEC 1")  # a programming error inside the answer's transaction

    monkeypatch.setattr(ProgressStore, "_count_day", typo)
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    with qtbot.wait_signal(reporter.crashed, timeout=2000) as blocker:
        qtbot.keyClick(flashcards, Qt.Key.Key_3)
    dialog = reporter.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.windowTitle() == TITLE
    assert "syntax error" in dialog.details.toPlainText() and "Traceback" in dialog.details.toPlainText()
    assert not any("not saved" in title for title, _ in message_boxes), message_boxes
    log = blocker.args[1]
    assert log.parent == library_home / "logs" and log.name.startswith("crash-")
    assert "syntax error" in log.read_text() and str(log) in dialog.log_label.text()
    assert library.progress.review_count("tiny") == 0  # the transaction was rolled back


def test_a_full_disk_while_answering_is_a_plain_message(qtbot, monkeypatch, reporter, message_boxes, flashcards,
                                                        library_home):
    def full(self, *args, **kwargs):
        raise DiskFull("The disk holding progress.sqlite is full. Free some space and try again.")

    monkeypatch.setattr(ProgressStore, "_count_day", full)
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    with qtbot.assert_not_emitted(reporter.crashed):
        qtbot.keyClick(flashcards, Qt.Key.Key_3)
    assert message_boxes == [("Your answer was not saved",
                              "The disk holding progress.sqlite is full. Free some space and try again.")]
    assert reporter.dialog is None
    assert not (library_home / "logs").exists()


def test_a_bug_in_the_search_thread_reaches_the_crash_dialog(qtbot, monkeypatch, reporter, main_window):
    from studyguide.search.engine import SearchEngine

    def broken(self, text, **kwargs):
        raise RuntimeError("search engine bug")

    monkeypatch.setattr(SearchEngine, "search", broken)
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    with qtbot.wait_signal(reporter.crashed, timeout=3000) as blocker:
        qtbot.keyClicks(main_window.search.box, "treaty")
    assert "RuntimeError: search engine bug" in blocker.args[0]
    assert "in broken" in blocker.args[0]  # the search thread's own frames are kept
    assert "unavailable" not in main_window.search.status.text()


def test_a_bug_in_a_task_job_reaches_the_crash_dialog(qtbot, reporter):
    from studyguide.ui.tasks import TaskRunner

    runner = TaskRunner()

    def job(context):
        raise KeyError("task bug")

    try:
        with qtbot.wait_signal(reporter.crashed, timeout=3000) as blocker:
            runner.run(job, on_done=lambda result: None)
    finally:
        runner.shutdown()
    assert "KeyError: 'task bug'" in blocker.args[0] and "in job" in blocker.args[0]


def test_a_bug_on_a_thread_and_a_second_bug_share_one_dialog(qtbot, reporter):
    def worker():
        raise ValueError("thread bug")

    with qtbot.wait_signal(reporter.crashed, timeout=3000):
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    first = reporter.dialog
    with qtbot.wait_signal(reporter.crashed):
        try:
            raise ZeroDivisionError("second bug")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    assert reporter.dialog is first
    text = first.details.toPlainText()
    assert "ValueError: thread bug" in text and "ZeroDivisionError: second bug" in text
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == TITLE] == [first]
    assert len(first.logs) == 2


def test_copy_puts_the_traceback_and_versions_in_the_clipboard(qtbot, reporter):
    with qtbot.wait_signal(reporter.crashed):
        try:
            raise LookupError("copy me")
        except LookupError:
            sys.excepthook(*sys.exc_info())
    dialog = reporter.dialog
    assert SENTENCE in [label.text() for label in dialog.findChildren(type(dialog.log_label))]
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert "LookupError: copy me" in copied and "StudyGuide " in copied and "Qt " in copied
    dialog.close()
    assert reporter.dialog is None



def test_the_app_installs_the_reporter_for_the_main_and_other_threads(qtbot, library_home):
    from studyguide.app import install_crash_reporter

    before = (sys.excepthook, threading.excepthook)
    reporter = install_crash_reporter(library_home)
    try:
        assert sys.excepthook == reporter.excepthook
        assert threading.excepthook == reporter.threading_excepthook
    finally:
        reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


@pytest.fixture
def guide_errors(main_window, monkeypatch):
    actions = main_window.guide_actions
    shown: list[str] = []
    monkeypatch.setattr(actions, "show_error", lambda title, text: shown.append(f"{title}: {text}"))
    yield shown
    actions.tasks.shutdown()


def test_a_value_error_bug_during_an_import_is_a_crash_not_a_file_error(qtbot, monkeypatch, reporter, main_window,
                                                                         guide_errors, tmp_path):
    def buggy_reader(library, path, **kwargs):
        raise ValueError("an importer bug")

    monkeypatch.setattr("studyguide.library_tables.install_table", buggy_reader)  # what a CSV's import calls
    (tmp_path / "capitals.csv").write_text("France,Paris\n", encoding="utf-8")
    with qtbot.wait_signal(reporter.crashed, timeout=10_000) as blocker:
        main_window.guide_actions.import_file(tmp_path / "capitals.csv")
    assert "ValueError: an importer bug" in blocker.args[0] and "in buggy_reader" in blocker.args[0]
    assert guide_errors == []


def test_renaming_to_an_empty_title_is_a_plain_message(qtbot, reporter, main_window, guide_errors, tmp_path):
    (tmp_path / "capitals.csv").write_text("France,Paris\n", encoding="utf-8")
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        main_window.guide_actions.import_file(tmp_path / "capitals.csv")
    with qtbot.assert_not_emitted(reporter.crashed):
        main_window.guide_actions.rename_guide("   ")
    assert guide_errors == ["Rename Guide: A guide needs a title: type one, or press Cancel."]
