"""The current guide has one owner, the toolbar's picker: the window reads it there, and every
view receives it when it changes, whichever way it changed."""

from __future__ import annotations

from pathlib import Path

import pytest


def _views_agree(window) -> None:
    current = window.guide_picker.currentData()
    assert window.guide_id == current
    for view in (window.sections, window.flashcards, window.timeline, window.stats):
        assert view._guide_id == current, view
    assert window._library.content(current).info.title in window.windowTitle()


def test_every_view_follows_the_picker(qtbot, main_window, tmp_path: Path) -> None:
    path = tmp_path / "capitals.csv"
    path.write_text("France,Paris\nItaly,Rome\n", encoding="utf-8")
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        main_window.guide_actions.import_file(path)
    _views_agree(main_window)
    assert main_window.guide_id == "capitals"

    main_window.guide_picker.setCurrentIndex(main_window.guide_picker.findData("tiny"))  # picked by hand
    _views_agree(main_window)
    main_window.select_guide("capitals")  # search hit, undo of another guide's answer
    _views_agree(main_window)
    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000):
        main_window.guide_actions.delete_guide(confirmed=True)
    _views_agree(main_window)
    assert main_window.guide_id == "tiny"
    main_window.guide_actions.tasks.shutdown()


def test_the_window_keeps_no_copy_of_its_own(main_window) -> None:
    with pytest.raises(AttributeError):
        main_window.guide_id = "tiny"  # read from the picker, never assigned
