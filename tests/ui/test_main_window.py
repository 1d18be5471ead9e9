"""Main window: title, tabs, shortcuts, and the start-up smoke test."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt


def test_title_names_the_guide(main_window):
    assert main_window.windowTitle() == "A Tiny Guide \u2014 StudyGuide"
    assert main_window.guide_picker.currentText() == "A Tiny Guide"


def test_ctrl_number_switches_views(qtbot, main_window):
    for number, view in zip((2, 3, 4, 1), (main_window.flashcards, main_window.timeline, main_window.search,
                                           main_window.sections), strict=True):
        qtbot.keyClick(main_window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert main_window.tabs.currentWidget() is view


def test_slash_focuses_search(qtbot, main_window):
    qtbot.keyClick(main_window.sections.list, Qt.Key.Key_Slash)
    assert main_window.tabs.currentWidget() is main_window.search
    assert main_window.search.box.hasFocus()


def test_smoke_test_paints_the_bundled_guide(tmp_path):
    env = dict(os.environ, STUDYGUIDE_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "studyguide", "--smoke-test"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "smoke test: OK, first paint" in result.stdout
    assert (tmp_path / "progress.sqlite").is_file()


def test_the_window_reopens_where_it_was_left(qtbot, main_window, make_library):
    from studyguide.ui.main_window import MainWindow

    main_window.resize(760, 560)  # within the offscreen screen (800x800), which restoreGeometry respects
    main_window.tabs.setCurrentWidget(main_window.timeline)
    main_window.close()
    reopened = MainWindow(library=make_library())
    qtbot.add_widget(reopened)
    assert reopened.tabs.currentWidget() is reopened.timeline
    assert (reopened.width(), reopened.height()) == (760, 560)
    assert reopened.guide_id == "tiny"


def test_a_damaged_window_state_file_is_ignored(qtbot, library_home, make_library):
    from studyguide.ui.main_window import MainWindow

    library = make_library()
    (library_home / "window.ini").write_bytes(b"\x00\xff[General]\ntab=banana\ngeometry=@ByteArray(zz)\n")
    window = MainWindow(library=library)
    qtbot.add_widget(window)
    assert window.tabs.currentIndex() == 0 and window.guide_id == "tiny"
