"""Edit > Undo and Redo: one history for every operation of the window, named in the menu.

Each test drives the window with key presses (Ctrl+Z, Ctrl+Shift+Z) as a user would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from studyguide.domain.review import ReviewSettings
from studyguide.ui.review_dialogs import CardEditDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def flashcards(main_window):
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    return main_window.flashcards


@pytest.fixture
def capitals(qtbot, main_window, tmp_path: Path):
    """A second, imported guide (the window shows it)."""
    path = tmp_path / "capitals.csv"
    path.write_text("France,Paris\nItaly,Rome\n", encoding="utf-8")
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        main_window.guide_actions.import_file(path)
    yield "capitals"
    main_window.guide_actions.tasks.shutdown()


def undo(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)


def redo(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)


def answer(qtbot, flashcards, key=Qt.Key.Key_3) -> None:
    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    qtbot.keyClick(flashcards, key)


def texts(window) -> tuple[str, str]:
    return window.undo_action.text(), window.redo_action.text()


def test_redo_is_ctrl_shift_z_on_linux(main_window) -> None:
    assert main_window.redo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)
    assert QKeySequence("Ctrl+Shift+Z") in main_window.redo_action.shortcuts()


def test_answer_undo_redo_by_keys(qtbot, main_window, flashcards, library) -> None:
    assert texts(main_window) == ("&Undo", "&Redo") and not main_window.redo_action.isEnabled()
    answer(qtbot, flashcards)
    assert texts(main_window) == ("&Undo Answer", "&Redo")
    assert flashcards.front.text() == "What does negotiation begin with?"

    undo(qtbot, main_window)
    assert library.progress.review_count("tiny") == 0
    assert flashcards.front.text() == "Where was the treaty signed?"
    assert "New 3" in flashcards.counts.text()  # the session's counts are put back too
    assert texts(main_window) == ("&Undo", "&Redo Answer")
    assert "Undone: Answer: Good" in main_window.statusBar().currentMessage()

    redo(qtbot, main_window)
    assert library.progress.review_count("tiny", "where-signed") == 1
    assert flashcards.front.text() == "What does negotiation begin with?"
    assert texts(main_window) == ("&Undo Answer", "&Redo")
    undo(qtbot, main_window)
    assert library.progress.review_count("tiny") == 0


def test_suspend_and_edit_card_are_named_and_undone(qtbot, monkeypatch, main_window, flashcards, library) -> None:
    qtbot.keyClick(flashcards, Qt.Key.Key_S)
    assert texts(main_window)[0] == "&Undo Suspend"

    def accept(dialog):
        dialog.front.setPlainText("Where did negotiation begin?")
        return CardEditDialog.DialogCode.Accepted

    monkeypatch.setattr(CardEditDialog, "exec", accept)
    qtbot.keyClick(flashcards, Qt.Key.Key_E)
    assert texts(main_window)[0] == "&Undo Edit Card"
    assert flashcards.front.text() == "Where did negotiation begin?"

    undo(qtbot, main_window)
    assert flashcards.front.text() == "What does negotiation begin with?"
    assert texts(main_window) == ("&Undo Suspend", "&Redo Edit Card")
    undo(qtbot, main_window)
    assert flashcards.front.text() == "Where was the treaty signed?"
    assert library.start_review("tiny").counts().new == 3
    redo(qtbot, main_window)
    assert library.start_review("tiny").counts().new == 2
    redo(qtbot, main_window)
    assert flashcards.front.text() == "Where did negotiation begin?"


def test_review_settings_are_undone_and_redone(qtbot, main_window, library) -> None:
    before = library.review.settings
    main_window.review_actions.save_settings(ReviewSettings(new_per_day=7))
    assert texts(main_window)[0] == "&Undo Review Settings"
    undo(qtbot, main_window)
    assert library.review.settings == before
    redo(qtbot, main_window)
    assert library.review.settings.new_per_day == 7


def done(qtbot, window, action) -> None:
    """Run ``action`` and wait for its operation (rename and delete finish on the task runner)."""
    with qtbot.wait_signal(window.operations.did_execute, timeout=10_000):
        action()


def test_rename_and_delete_guide_are_undone(qtbot, main_window, capitals, library) -> None:
    actions = main_window.guide_actions
    assert texts(main_window)[0] == "&Undo Import"
    done(qtbot, main_window, lambda: actions.rename_guide("Capitals of Europe"))
    assert texts(main_window)[0] == "&Undo Rename Guide"
    done(qtbot, main_window, lambda: undo(qtbot, main_window))
    assert library.content("capitals").info.title == "capitals"
    assert main_window.guide_picker.currentText() == "capitals"
    done(qtbot, main_window, lambda: redo(qtbot, main_window))
    assert main_window.guide_picker.currentText() == "Capitals of Europe"

    done(qtbot, main_window, lambda: actions.delete_guide(confirmed=True))
    assert texts(main_window)[0] == "&Undo Delete Guide"
    assert main_window.guide_picker.count() == 1
    done(qtbot, main_window, lambda: undo(qtbot, main_window))
    assert main_window.guide_id == "capitals" and main_window.guide_picker.currentText() == "Capitals of Europe"
    done(qtbot, main_window, lambda: redo(qtbot, main_window))
    assert [g.id for g in library.guides()] == ["tiny"]
    done(qtbot, main_window, lambda: undo(qtbot, main_window))
    assert [g.id for g in library.guides()] == ["tiny", "capitals"]


def test_thirty_five_steps_are_kept(qtbot, main_window, flashcards, library) -> None:
    for _ in range(35):
        answer(qtbot, flashcards, Qt.Key.Key_1)  # Again: the card comes back within the session
    assert library.progress.review_count("tiny") == 35
    for _ in range(35):
        undo(qtbot, main_window)
    assert library.progress.review_count("tiny") == 0
    assert "New 3" in flashcards.counts.text()


def test_steps_survive_switching_views_and_guides(qtbot, main_window, flashcards, capitals, library) -> None:
    main_window.select_guide("tiny")
    main_window.tabs.setCurrentWidget(flashcards)
    answer(qtbot, flashcards)
    main_window.review_actions.save_settings(ReviewSettings(new_per_day=9))
    main_window.select_guide("capitals")
    main_window.tabs.setCurrentWidget(main_window.timeline)

    undo(qtbot, main_window)
    assert library.review.settings.new_per_day != 9
    undo(qtbot, main_window)
    assert library.progress.review_count("tiny") == 0
    # The answer's guide and the reviewer are shown, with its card back in front.
    assert main_window.guide_id == "tiny" and main_window.tabs.currentWidget() is flashcards
    assert flashcards.front.text() == "Where was the treaty signed?"
    done(qtbot, main_window, lambda: undo(qtbot, main_window))  # the import
    assert [g.id for g in library.guides()] == ["tiny"]


def test_views_hear_of_changes_only_through_apply_changes(qtbot, monkeypatch, main_window, flashcards,
                                                          capitals) -> None:
    calls: list[tuple[str, bool]] = []
    inside = [False]
    original = main_window.apply_changes

    def apply_changes(changes, *, initiator):
        inside[0] = True
        try:
            original(changes, initiator=initiator)
        finally:
            inside[0] = False

    monkeypatch.setattr(main_window, "apply_changes", apply_changes)
    for view in (main_window.sections, flashcards, main_window.timeline, main_window.search, main_window.stats):
        def spy(changes, initiator, view=view, real=view.on_changes):
            calls.append((type(view).__name__, inside[0]))
            real(changes, initiator)

        monkeypatch.setattr(view, "on_changes", spy)
    # The runner was connected to the real method: reconnect it to the wrapper.
    main_window.operations.did_execute.disconnect()
    main_window.operations.did_execute.connect(lambda c, i: main_window.apply_changes(c, initiator=i))

    main_window.tabs.setCurrentWidget(flashcards)
    answer(qtbot, flashcards)
    qtbot.keyClick(flashcards, Qt.Key.Key_S)
    main_window.review_actions.save_settings(ReviewSettings(new_per_day=4))
    done(qtbot, main_window, lambda: main_window.guide_actions.rename_guide("Renamed"))
    done(qtbot, main_window, lambda: undo(qtbot, main_window))
    done(qtbot, main_window, lambda: redo(qtbot, main_window))
    assert len(calls) == 6 * 5
    assert all(inside_apply for _name, inside_apply in calls)


def test_study_more_today_is_undone_and_redone(qtbot, main_window, flashcards, library) -> None:
    library.review.save_settings(ReviewSettings(new_per_day=1))
    main_window.study_section("first")
    answer(qtbot, flashcards, Qt.Key.Key_4)  # Easy: the one new card allowed is done for today
    button = flashcards.end_actions.study_more_button
    assert button.isVisible() and button.text() == "Study 1 more new card today"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert flashcards.front.text() == "What does negotiation begin with?"
    assert texts(main_window)[0] == "&Undo Study More Today"

    undo(qtbot, main_window)
    assert library.review.new_limit_today("tiny") == 1
    assert button.isVisible() and "Today's limit of 1 new card is reached" in flashcards.back.text()
    qtbot.wait_until(lambda: "0 new" in main_window.review_actions.due_label.text())
    assert texts(main_window)[1] == "&Redo Study More Today"

    redo(qtbot, main_window)
    assert library.review.new_limit_today("tiny") == 2
    assert flashcards.front.text() == "What does negotiation begin with?"
    qtbot.wait_until(lambda: "1 new" in main_window.review_actions.due_label.text())
