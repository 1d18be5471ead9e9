"""Main window: title, tabs, shortcuts, and the start-up smoke test."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
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
    assert "smoke test: OK, usable (section list filled, first section rendered)" in result.stdout
    stamps = re.search(r"first paint at unix time ([0-9.]+), usable at ([0-9.]+)", result.stdout)
    assert stamps is not None and float(stamps[1]) < float(stamps[2])
    assert (tmp_path / "progress.sqlite").is_file()


def test_usable_waits_for_the_list_and_the_first_section(qtbot, library):
    """The smoke test's "usable" stamp is not the placeholder frame: the reader must be filled."""
    from PySide6.QtWidgets import QApplication

    from studyguide.app import _Startup
    from studyguide.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.add_widget(window)
    startup = _Startup(app=QApplication.instance(), window=window, open_library=lambda: library, smoke_test=True)
    window.show()
    assert not startup.is_usable()  # only the placeholder frame so far
    window.attach(library)
    qtbot.wait_until(startup.is_usable)
    assert window.sections.model.rowCount() == 3
    assert window.sections.text.toPlainText().startswith("First steps")


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


def _env_without_display(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return dict(env, STUDYGUIDE_HOME=str(tmp_path))


def test_no_display_is_said_plainly_with_the_fix(tmp_path):
    """Without a display Qt would abort with a misleading "xcb-cursor0 is needed"."""
    result = subprocess.run([sys.executable, "-m", "studyguide"], env=_env_without_display(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "no display" in result.stderr and "xvfb-run -a studyguide" in result.stderr
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr and "xcb-cursor0" not in result.stderr
    assert not (tmp_path / "progress.sqlite").exists()


def test_scripts_run_gives_the_same_advice_without_a_display(tmp_path):
    from pathlib import Path

    from studyguide.app import NO_DISPLAY

    script = Path(__file__).parents[2] / "scripts" / "run"
    result = subprocess.run(["bash", str(script)], env=_env_without_display(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == NO_DISPLAY


def test_a_display_or_platform_means_no_complaint():
    from studyguide.app import missing_display

    assert missing_display({}, "linux") is not None
    assert missing_display({"DISPLAY": ":0"}, "linux") is None
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert missing_display({}, "win32") is None and missing_display({}, "darwin") is None


def _point_sizes(window) -> list[float]:
    """The reader, a card's question, the guide picker and the timeline's list: all text in the app."""
    return [widget.font().pointSizeF() for widget in (window.sections.text, window.flashcards.front,
                                                       window.guide_picker, window.timeline.twin.list)]


def test_text_size_keys_scale_the_whole_app_and_survive_a_restart(qtbot, main_window, make_library):
    ctrl = Qt.KeyboardModifier.ControlModifier
    before = _point_sizes(main_window)
    qtbot.keyClick(main_window.sections.list, Qt.Key.Key_Plus, ctrl)
    qtbot.keyClick(main_window.sections.list, Qt.Key.Key_Equal, ctrl)  # Ctrl+= too: no Shift needed
    assert main_window.text_size.percent == 125
    # Qt posts the app's font change to every widget: wait for it to arrive.
    qtbot.wait_until(lambda: _point_sizes(main_window) == pytest.approx([size * 1.25 for size in before]))
    # The reader's text lays out larger: the same section needs a taller document.
    assert main_window.sections.text.document().defaultFont().pointSizeF() == pytest.approx(before[0] * 1.25)
    qtbot.keyClick(main_window.sections.list, Qt.Key.Key_Minus, ctrl)
    assert main_window.text_size.percent == 110
    main_window.close()

    from PySide6.QtWidgets import QApplication

    from studyguide.ui.main_window import MainWindow

    reopened = MainWindow(library=make_library())
    qtbot.add_widget(reopened)
    assert reopened.text_size.percent == 110
    qtbot.wait_until(lambda: _point_sizes(reopened) == pytest.approx([size * 1.1 for size in before]))
    reopened.show()  # window shortcuts fire only in the active window
    reopened.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is reopened)
    qtbot.keyClick(reopened.sections.list, Qt.Key.Key_0, ctrl)
    qtbot.wait_until(lambda: _point_sizes(reopened) == pytest.approx(before))
    texts = [action.text() for action in reopened._view_menu.actions()]
    assert {"&Larger Text", "S&maller Text", "&Actual Text Size"} <= set(texts)


def test_text_size_is_relative_to_the_systems_size(qapp):
    from studyguide.ui.text_size import apply_percent
    from studyguide.ui.widgets.relative_font import SYSTEM_SIZE, system_point_size

    system = system_point_size()
    try:
        qapp.setProperty(SYSTEM_SIZE, 14.0)  # a desktop set to larger text
        apply_percent(100)
        assert qapp.font().pointSizeF() == 14.0
        apply_percent(200)
        assert qapp.font().pointSizeF() == 28.0
    finally:
        qapp.setProperty(SYSTEM_SIZE, system)
        apply_percent(100)


def test_text_size_steps_stop_at_the_ends():
    from studyguide.ui.text_size import STEPS, step

    assert step(100, 1) == 110 and step(100, -1) == 90
    assert step(STEPS[-1], 1) == STEPS[-1] and step(STEPS[0], -1) == STEPS[0]
    assert step(105, 1) == 110 and step(105, -1) == 100  # a hand-edited size joins the steps


def test_a_window_painted_but_never_usable_fails_the_smoke_test(qapp, capsys):
    from types import SimpleNamespace

    from studyguide.app import _report_smoke_test

    startup = SimpleNamespace(error=None, painted_at=1.0, ready_at=None)
    assert _report_smoke_test(qapp, startup, 0.0) == 1
    assert "painted but not usable" in capsys.readouterr().err
