"""Start-up builds only what the usable frame shows; the rest follows the painted frame.

The app's window (``attach(defer=True)``) builds the Sections view, paints the list and the
first section, and only then the other four views, the menus and section editing
(``ui/window_views.py``). The modules of those views, of importing and of exporting, the library's
services and sqlite-utils are not imported on the way to the usable frame.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studyguide.domain.changes import Changes

ROOT = Path(__file__).resolve().parents[2]

#: Modules the usable frame does not need (views built after it; import and export; their libraries).
NOT_BEFORE_USABLE = (
    "studyguide.ui.flashcards", "studyguide.ui.timeline", "studyguide.ui.search", "studyguide.ui.stats",
    "studyguide.ui.review_actions", "studyguide.ui.card_face", "studyguide.ui.quizlet_import",
    "studyguide.ui.authoring_actions", "studyguide.ui.event_editing",
    "studyguide.guides.export", "studyguide.guides.importing", "studyguide.guides.apkg", "studyguide.guides.quizlet",
    "genanki", "zstandard",
    # The library's services, built when first used (library_services.py), authoring (app_parts.LazyAuthoring),
    # and sqlite-utils with its dependencies: the stores read with plain sqlite3 (store/sqlite.py).
    "studyguide.review.service", "studyguide.review.stats", "studyguide.review.scheduler",
    "studyguide.search.engine", "studyguide.search.cards", "studyguide.store.ranking", "studyguide.authoring",
    "fsrs", "tantivy", "sqlite_utils", "click", "pluggy", "dateutil", "importlib.metadata",
    # Nor what only later work needs: the Anki import's tar writer (subprocess), the calendar, HTML escaping,
    # the task runner's thread pool, the exam's and the re-read passage's rules.
    "subprocess", "studyguide.store.media_writer", "calendar", "html", "concurrent.futures",
    "studyguide.domain.exam", "studyguide.domain.passage",
    # The window's operation runner (undo history) is made when first written through.
    "studyguide.operations", "studyguide.ui.operations",
    # The drills' rules (the stores need only their card ids, domain.drill_ids), the backup files, and what the
    # progress store hands back (its answers and states).
    "studyguide.domain.drills", "studyguide.store.backups", "studyguide.store.progress_rows",
)

#: Runs the app's smoke test and prints the modules loaded, and the enum classes and dataclasses made, when the
#: usable frame was stamped (PySide makes every enum class of a Qt class, or of the ``Qt`` namespace, when it is
#: first named; Python compiles each dataclass's methods as it is made).
_AT_USABLE = """
import dataclasses, enum, gc, json, sys
made, data = [], []
_new = enum.EnumType.__new__
def _record(metacls, name, *args, **kwargs):
    made.append(name)
    return _new(metacls, name, *args, **kwargs)
enum.EnumType.__new__ = _record
_process = dataclasses._process_class
def _data(cls, *args, **kwargs):
    data.append(cls.__name__)
    return _process(cls, *args, **kwargs)
dataclasses._process_class = _data
from studyguide import app
from studyguide.cli import main
seen = []
stamp = app._Startup.await_usable
def await_usable(self):
    stamp(self)
    if self.ready_at is not None and not seen:
        seen.append((sorted(sys.modules), list(made), gc.isenabled(), list(data)))
app._Startup.await_usable = await_usable
code = main(["--library", sys.argv[1], "--smoke-test"])
print(json.dumps({"code": code, "modules": seen[0][0] if seen else None, "enums": seen[0][1] if seen else None,
                  "collecting": [seen[0][2] if seen else None, gc.isenabled()],
                  "dataclasses": seen[0][3] if seen else None}))
"""

#: Enum classes of ``Qt`` (93 of them, about 30 ms), QStyle, QKeySequence, QMessageBox, QFileDialog, QUrl, QImage,
#: QFont (the text size at 100% and the section list's width need no font object), the scroll bar's (a first text
#: is not scrolled back) and QMetaMethod's (no one-shot timer with a context object): none is needed to draw the
#: usable frame.
NOT_BUILT_BEFORE_USABLE = ("AlignmentFlag", "ItemDataRole", "Key", "ItemFlag", "PixelMetric", "StandardPixmap",
                           "StandardKey", "StandardButton", "FileMode", "ParsingMode", "InvertMode", "StyleHint",
                           "SliderAction", "MethodType")


def _start_at_usable(library: Path) -> dict:
    """What was loaded and made when a start of the app (the second on ``library``) stamped its usable frame."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    for _start in ("the first: the library is made (its migrations use sqlite-utils)", "a start as every later one"):
        result = subprocess.run([sys.executable, "-c", _AT_USABLE, str(library)], env=env,
                                capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0 and report["modules"], result.stdout
    return report


def test_the_usable_frame_is_reached_without_the_other_views_or_import_and_export(tmp_path):
    loaded = set(_start_at_usable(tmp_path / "library")["modules"])
    assert "studyguide.ui.sections" in loaded  # the check sees the start's modules
    assert sorted(loaded.intersection(NOT_BEFORE_USABLE)) == []


def test_the_usable_frame_builds_no_enum_classes_it_does_not_draw(tmp_path):
    report = _start_at_usable(tmp_path / "library")
    assert report["collecting"] == [False, True]  # no cyclic collections on the way to it; back on after
    made = report["enums"]
    assert "SelectionMode" in made  # the check sees the list view's own
    assert sorted(set(made).intersection(NOT_BUILT_BEFORE_USABLE)) == []
    assert len(made) < 150  # 281 before; a bare window with a list and a text browser makes about 70


def test_the_usable_frame_makes_no_dataclass_it_does_not_show(tmp_path):
    """Each costs about 4 M instructions to make: the progress store's answers, backups, drills are for later."""
    made = _start_at_usable(tmp_path / "library")["dataclasses"]
    assert "Section" in made  # the check sees the start's own
    assert sorted(set(made).intersection(("CardProgress", "RecordedAnswer", "UndoneAnswer", "BackupInfo",
                                          "OrderDrill", "TaskContext"))) == []


def _deferred_window(qtbot, library):
    from studyguide.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.add_widget(window)
    window.show()
    window.activateWindow()
    qtbot.wait_active(window)
    window.attach(library, defer=True)
    return window


def test_the_other_views_and_menus_come_right_after_the_sections_frame(qtbot, library):
    window = _deferred_window(qtbot, library)
    assert window.tabs.count() == 1 and not hasattr(window, "flashcards")  # only what the first frame shows
    with qtbot.wait_signal(window.ready, timeout=5000):
        pass  # built once a frame with the list and the first section is painted
    assert window.sections.model.rowCount() > 0 and not window.sections.text.document().isEmpty()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "&Sections", "F&lashcards", "Ti&meline", "Search", "Stats"]
    assert [view.accessibleName() for view in window.views] == [
        "Sections", "Flashcards", "Timeline", "Search", "Stats"]
    assert window.flashcards._guide_id == window.guide_id  # a view built later reads the guide shown
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.flashcards
    assert [a.text() for a in window.menuBar().actions()][:3] == ["&File", "&Edit", "&View"]


def test_changes_before_the_other_views_are_built_reach_only_the_sections_view(qtbot, library):
    window = _deferred_window(qtbot, library)
    window.apply_changes(Changes(progress=True, due_counts=True), initiator=None)  # no view missing
    with qtbot.wait_signal(window.ready, timeout=5000):
        pass
    window.apply_changes(Changes(progress=True, due_counts=True), initiator=None)
    assert window.views[1] is window.flashcards


def test_a_menu_key_works_when_pressed_before_the_rest_of_the_window_is_built(qtbot, library):
    """The first key press works however soon it comes: it builds the rest of the window first, checking the
    progress file on the spot when its check on the task runner has not ended yet."""
    from studyguide.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.add_widget(window)
    waiting: list = []
    window.check_first = waiting.append  # the app's check on the task runner, still running
    window.check_now = lambda: waiting.pop()()  # ... ended here and now
    window.show()
    window.activateWindow()
    qtbot.wait_active(window)
    window.attach(library, defer=True)
    qtbot.wait_until(lambda: QApplication.activeWindow() is window)  # (its first frame may be painted by now)
    assert not hasattr(window, "flashcards")  # only the Sections view: the rest waits for the check
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.flashcards
    assert waiting == []
    qtbot.keyClick(window.flashcards, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # a later key, as ever
    assert window.tabs.currentWidget() is window.sections


def test_a_click_after_the_first_frame_builds_the_rest_before_the_check_has_ended(qtbot, library):
    """A click while the progress check still runs (here in the list, which takes it) builds the rest first."""
    from studyguide.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.add_widget(window)
    waiting: list = []
    window.check_first = waiting.append  # the app's check on the task runner, still running
    window.check_now = lambda: waiting.pop()()
    window.show()
    qtbot.wait_exposed(window)
    window.attach(library, defer=True)
    qtbot.wait_until(lambda: waiting != [])  # the usable frame is painted; the rest waits for the check
    assert not hasattr(window, "flashcards")
    list_view = window.sections.list
    qtbot.mouseClick(list_view.viewport(), Qt.MouseButton.LeftButton, pos=list_view.visualRect(
        list_view.model().index(1, 0)).center())
    assert hasattr(window, "flashcards") and waiting == []
    assert window.menuBar().actions()[0].menu().actions()  # File has its items
    assert window.sections.list.currentIndex().row() == 1  # and the click did what it does

