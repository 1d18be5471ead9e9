"""Review Settings > Optimize: fitted on the task runner, both sets' metrics shown, Use them (undoable)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from simulated_learner import TRUE_PARAMETERS, simulate

from studyguide.domain.optimization import Metrics, Optimization
from studyguide.domain.review import ReviewSettings
from studyguide.review.scheduler import Rating


def _log_history(library, cards: int) -> None:
    """The simulated learner's answers, logged in the tiny guide (cards the guide need not have)."""
    state = {"card_id": 1, "state": 2, "step": None, "stability": 3.0, "difficulty": 5.0}
    for card, when, rating in simulate(TRUE_PARAMETERS, cards=cards, seed=5, reviews_per_card=8):
        library.progress.record_answer(guide_id="tiny", card_id=card, rating=rating, reviewed_at=when,
                                       new_state=dict(state, due=when.isoformat()), due=when,
                                       previous_state=None)


@pytest.fixture
def settings_dialog(qtbot, main_window):
    dialog = main_window.review_actions.settings_dialog()
    qtbot.add_widget(dialog)
    dialog.show()
    return dialog


def test_optimize_fits_in_the_background_and_use_saves_undoably(qtbot, main_window, library, settings_dialog,
                                                                monkeypatch):
    _log_history(library, cards=150)
    panel = settings_dialog.optimizer
    threads = []
    real = library.review.optimize

    def optimize(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(library.review, "optimize", optimize)
    assert panel.scope.currentData() == "tiny"
    assert panel.in_use.text() == "In use for this guide: FSRS's default parameters."
    with qtbot.wait_signal(panel.result_shown, timeout=60_000) as shown:
        qtbot.mouseClick(panel.optimize, Qt.MouseButton.LeftButton)
    result = shown.args[0]
    assert isinstance(result, Optimization) and threads[0].startswith("studyguide-task")
    assert result.better and len(result.parameters) == 21
    text = panel.report.text()
    assert f"{result.fitted.log_loss:.4f}" in text and f"{result.current.log_loss:.4f}" in text
    assert f"{result.fitted.rmse:.4f}" in text and f"{result.optimal_retention:.2f}" in text
    assert panel.use.isEnabled() and panel.use.text() == "Use for this guide"
    qtbot.mouseClick(panel.use_retention, Qt.MouseButton.LeftButton)
    assert settings_dialog.retention.value() == pytest.approx(result.optimal_retention)
    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000):
        qtbot.mouseClick(panel.use, Qt.MouseButton.LeftButton)
    # Fitted to this guide's reviews: this guide's own; the others keep the shared (default) set.
    assert library.review.guide_parameters("tiny") == result.parameters
    assert library.review.settings.parameters == () and settings_dialog.settings().parameters == ()
    assert panel.in_use.text() == "In use for this guide: its own fitted parameters." and not panel.use.isEnabled()
    panel.scope.setCurrentIndex(panel.scope.findData(None))
    assert panel.in_use.text() == "In use for all guides: FSRS's default parameters."
    # The scheduler uses them: a new card's first stability after Good is their w2.
    session = library.start_review("tiny")
    card_id = session.current.card.id
    session.reveal()
    session.answer(Rating.GOOD)
    assert library.progress.card_state("tiny", card_id).state["stability"] == pytest.approx(result.parameters[2])
    assert main_window.undo_action.text() == "&Undo Guide Parameters"
    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000):
        main_window.undo_action.trigger()
    assert library.review.guide_parameters("tiny") is None


def test_parameters_fitted_to_all_guides_are_used_for_every_guide_without_its_own(
        qtbot, main_window, library, settings_dialog, monkeypatch):
    fitted = Optimization(reviews=900, parameters=tuple(TRUE_PARAMETERS), fitted=Metrics(0.3, 0.02),
                          current=Metrics(0.4, 0.05), train=720, held_out=180, optimal_retention=0.85)
    monkeypatch.setattr(library.review, "optimize", lambda guide_id, **_kw: fitted)
    panel = settings_dialog.optimizer
    panel.scope.setCurrentIndex(panel.scope.findData(None))
    with qtbot.wait_signal(panel.result_shown, timeout=60_000):
        qtbot.mouseClick(panel.optimize, Qt.MouseButton.LeftButton)
    assert panel.use.text() == "Use for all guides"
    report = panel.report  # the dialog grew with the report: its last line is not cut off
    assert "Suggested desired retention" in report.text() and report.height() >= report.heightForWidth(report.width())
    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000):
        qtbot.mouseClick(panel.use, Qt.MouseButton.LeftButton)
    assert library.review.settings.parameters == TRUE_PARAMETERS and library.review.guide_parameters("tiny") is None
    assert settings_dialog.settings().parameters == TRUE_PARAMETERS  # OK keeps them
    assert panel.in_use.text() == "In use for all guides: your own fitted parameters."
    assert main_window.undo_action.text() == "&Undo Review Settings"
    with qtbot.wait_signal(main_window.operations.did_execute, timeout=10_000):
        main_window.undo_action.trigger()
    assert library.review.settings.parameters == ()


def test_too_little_history_is_refused_in_the_window(qtbot, library, settings_dialog):
    _log_history(library, cards=20)
    panel = settings_dialog.optimizer
    with qtbot.wait_signal(panel.result_shown, timeout=60_000) as shown:
        qtbot.mouseClick(panel.optimize, Qt.MouseButton.LeftButton)
    assert shown.args[0].refused and panel.report.text() == shown.args[0].refused
    assert "at least 400" in panel.report.text() and not panel.use.isEnabled()


def test_ok_keeps_the_learners_parameters(qtbot, monkeypatch, main_window, library):
    from studyguide.ui.review_dialogs import ReviewSettingsDialog
    library.review.save_settings(ReviewSettings(parameters=TRUE_PARAMETERS))

    def accept(dialog):
        dialog.new_per_day.setValue(3)
        return ReviewSettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(ReviewSettingsDialog, "exec", accept)
    main_window.review_actions.edit_settings()
    assert library.review.settings == ReviewSettings(new_per_day=3, parameters=TRUE_PARAMETERS)
