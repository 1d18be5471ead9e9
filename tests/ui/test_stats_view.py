"""Stats view and the review menu's dialogs (settings, restore)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.domain.review import ReviewSettings
from studyguide.review.scheduler import Rating


def _review_all(library) -> None:
    session = library.start_review("tiny")
    while session.current is not None:
        session.reveal()
        session.answer(Rating.EASY)


def test_stats_view_with_no_history(qtbot, main_window):
    qtbot.keyClick(main_window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    view = main_window.stats
    assert main_window.tabs.currentWidget() is view
    assert "<b>0</b> answers" in view.summary.text()
    assert len(view.heatmap.days) == 365 and len(view.forecast.values) == 30
    assert [row.cards for row in view.mastery.rows] == [2, 1, 0]
    assert not view.grab().isNull()


def test_stats_view_updates_after_answers(qtbot, main_window, library):
    main_window.tabs.setCurrentWidget(main_window.stats)
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    flashcards = main_window.flashcards
    for _ in range(3):
        qtbot.keyClick(flashcards, Qt.Key.Key_Space)
        qtbot.keyClick(flashcards, Qt.Key.Key_4)
    main_window.tabs.setCurrentWidget(main_window.stats)
    assert "<b>3</b> answers" in main_window.stats.summary.text()
    assert main_window.stats.heatmap.days[-1].count == 3
    # The forecast counts exactly the cards falling due within the next 30 days.
    due_soon = [s for s in library.progress.card_states("tiny").values()
                if (s.due - library.clock()).days < 30]
    assert sum(main_window.stats.forecast.values) == len(due_soon)


def test_settings_dialog_saves_settings(qtbot, monkeypatch, main_window, library):
    from studyguide.ui.review_dialogs import ReviewSettingsDialog

    def accept(dialog):
        dialog.retention.setValue(0.85)
        dialog.new_per_day.setValue(1)
        return ReviewSettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(ReviewSettingsDialog, "exec", accept)
    main_window.review_actions.edit_settings()
    assert library.review.settings == ReviewSettings(desired_retention=0.85, new_per_day=1)
    assert main_window.review_actions.due_label.text().startswith("Due now: 1 new")


def test_restore_from_the_menu_brings_back_a_backup(qtbot, monkeypatch, main_window, library, clock):
    library.progress.backup(kind="manual", now=clock.now)
    _review_all(library)
    assert library.progress.review_count("tiny") == 3
    monkeypatch.setattr("studyguide.ui.review_actions.choose_backup",
                        lambda parent, labels: next(i for i, label in enumerate(labels) if "manual" in label))
    main_window.review_actions.restore()
    assert library.progress.review_count("tiny") == 0
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    assert main_window.flashcards.front.text() == "Where was the treaty signed?"
