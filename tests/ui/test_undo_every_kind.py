"""Every kind of operation of the window is undone by Ctrl+Z and redone by Ctrl+Shift+Z, named in the
Edit menu: the review's, the guides', and every authoring write (issue 14, "Done means").

The kinds are listed from the source (every label given to an ``Op``), so a new kind of operation
without a case here fails ``test_every_kind_of_operation_has_a_case``.
"""

from __future__ import annotations

import ast
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from studyguide.authoring import Authoring
from studyguide.domain.exam import ExamGoal
from studyguide.domain.review import ReviewSettings
from studyguide.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
PACKAGE = Path(__file__).resolve().parents[2] / "studyguide"
NOTES = "notes"  # a guide of the user's, made by authoring before each case


@dataclass
class Case:
    """One kind of operation: how to do it in the window, and what it changes (compared before, after
    it, after Ctrl+Z and after Ctrl+Shift+Z)."""

    label: str
    act: Callable[[Ctx], None]
    state: Callable[[Ctx], object]
    guide: str = NOTES
    prepare: Callable[[Ctx], None] | None = None  # what must be so first (not an operation of the window)


@dataclass
class Ctx:
    qtbot: object
    window: MainWindow
    authoring: Authoring
    tmp_path: Path
    ids: dict[str, str]

    @property
    def library(self):
        return self.window._attached

    def write(self, call) -> object:
        """An authoring write, run as the window's operation (as its dialogs and views run them)."""
        return self.window.writing.write(self.window, call)

    def settled(self, act: Callable[[], None]) -> None:
        """Run ``act`` and wait until its operation is recorded (some finish on the task runner)."""
        with self.qtbot.wait_signal(self.window.operations.history_changed, timeout=10_000):
            act()

    def key(self, widget, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(widget, key, modifiers)


def _titles(c: Ctx) -> list[str]:
    return [title for _, title in c.library.content(NOTES).section_titles()]


def _fronts(c: Ctx) -> list[str]:
    return [card.front for card in c.library.content(NOTES).cards()]


def _events(c: Ctx) -> list[str]:
    return [event.title for event in c.library.content(NOTES).events()]


def _guides(c: Ctx) -> list[str]:
    return [g.id for g in c.library.guides()]


def _review(c: Ctx) -> None:
    c.window.select_guide("tiny")
    c.window.tabs.setCurrentWidget(c.window.flashcards)
    c.window.flashcards.setFocus()  # its keys (S) are shortcuts of the view


def _answer(c: Ctx) -> None:
    _review(c)
    c.key(c.window.flashcards, Qt.Key.Key_Space)
    c.key(c.window.flashcards, Qt.Key.Key_3)


def _suspend(c: Ctx) -> None:
    _review(c)
    c.key(c.window.flashcards, Qt.Key.Key_S)


def _unsuspend(c: Ctx) -> None:
    dialog = c.window.review_actions.show_suspended()
    c.qtbot.mouseClick(dialog.unsuspend_button, Qt.MouseButton.LeftButton)
    dialog.close()


def _reviewer_edit(c: Ctx) -> None:
    _review(c)
    flashcards = c.window.flashcards
    c.window.operations.run(flashcards.ops.edit("Where was it signed, in my words?", "In Paris."),
                            initiator=flashcards)


def _study_more(c: Ctx) -> None:
    _review(c)
    c.window.flashcards.refresh()
    c.window.flashcards.study_more(2)


def _import(c: Ctx) -> None:
    path = c.tmp_path / "capitals.csv"
    path.write_text("France,Paris\nItaly,Rome\n", encoding="utf-8")
    with c.qtbot.wait_signal(c.window.guide_imported, timeout=10_000):
        c.window.guide_actions.import_file(path)


def _in_browser(c: Ctx, guide: str, act: Callable[[object], None]) -> None:
    """Tools > Browse on ``guide``, every card selected, ``act(browser)``; then back to the main window."""
    c.window.browse()
    browser = c.window.browser
    c.qtbot.wait_until(lambda: not browser.finding.pending)
    browser.guides.setCurrentIndex(browser.guides.findData(guide))
    c.qtbot.wait_until(lambda: not browser.finding.pending)  # the guide's cards are listed
    browser.select_rows(list(range(browser.model.rowCount())))
    act(browser)
    c.window.activateWindow()
    c.qtbot.wait_until(c.window.isActiveWindow)


def _studied(c: Ctx) -> list[tuple]:
    return c.library.progress.database.execute("SELECT card_id, state, due FROM card_state ORDER BY card_id").fetchall()


def _answered(c: Ctx) -> None:
    session = c.library.start_review("tiny")
    session.reveal()
    session.answer(3)


def _card_sections(c: Ctx) -> list[str]:
    return [card.section_id for card in c.library.content(NOTES).cards()]


def _card_tags(c: Ctx) -> list[tuple[str, ...]]:
    return [row.tags for row in c.library.cards.rows(c.library.cards.find("", guide_id=NOTES).keys)]


CASES = [
    Case("Answer", _answer, lambda c: c.library.progress.review_count("tiny"), guide="tiny"),
    Case("Suspend", _suspend, lambda c: c.library.review.suspended("tiny"), guide="tiny"),
    Case("Unsuspend", _unsuspend, lambda c: c.library.review.suspended("tiny"), guide="tiny",
         prepare=lambda c: c.library.review.suspend("tiny", "where-signed")),
    Case("Edit Card", _reviewer_edit, lambda c: c.library.card("tiny", "where-signed").front, guide="tiny"),
    Case("Study More Today", _study_more, lambda c: c.library.review.new_limit_today("tiny"), guide="tiny",
         prepare=lambda c: c.library.review.save_settings(ReviewSettings(new_per_day=1))),
    Case("Exam Date", lambda c: c.window.exam.set_goal("tiny", ExamGoal(date(2026, 4, 1), 0.85, 40)),
         lambda c: c.library.review.exam_goal("tiny"), guide="tiny"),
    Case("Review Settings", lambda c: c.window.review_actions.save_settings(ReviewSettings(new_per_day=7)),
         lambda c: c.library.review.settings, guide="tiny"),
    Case("Guide Parameters", lambda c: c.window.review_actions.set_guide_parameters("tiny", tuple([0.5] * 21)),
         lambda c: c.library.review.guide_parameters("tiny"), guide="tiny"),
    Case("Import", _import, _guides),
    Case("Rename Guide", lambda c: c.settled(lambda: c.window.guide_actions.rename_guide("My Notes")),
         lambda c: c.library.content(NOTES).info.title),
    Case("Delete Guide", lambda c: c.settled(lambda: c.window.guide_actions.delete_guide(confirmed=True)), _guides),
    Case("New Guide", lambda c: c.write(lambda a: a.new_guide("More Notes")), _guides),
    Case("Make an Editable Copy", lambda c: c.write(lambda a: a.make_editable_copy("tiny")),
         lambda c: c.library.is_user_guide("tiny")),
    Case("Add Section", lambda c: c.write(lambda a: a.add_section(NOTES, "After the Crisis")), _titles),
    Case("Rename Section", lambda c: c.write(lambda a: a.rename_section(NOTES, c.ids["section"], "Origins")),
         _titles),
    Case("Edit Section", lambda c: c.write(lambda a: a.edit_section(NOTES, c.ids["section"], body="Rewritten.")),
         lambda c: c.library.content(NOTES).section(c.ids["section"]).body),
    Case("Delete Section", lambda c: c.write(lambda a: a.delete_section(NOTES, c.ids["second"])), _titles),
    Case("Move Section", lambda c: c.write(lambda a: a.move_section(NOTES, c.ids["second"], 0)), _titles),
    Case("Add Card", lambda c: c.write(lambda a: a.add_card(NOTES, c.ids["section"], "When?", "1962.")), _fronts),
    Case("Edit Card", lambda c: c.write(lambda a: a.edit_card(NOTES, c.ids["card"], front="Who, exactly?")),
         _fronts),
    Case("Delete Card", lambda c: c.write(lambda a: a.delete_card(NOTES, c.ids["card"])), _fronts),
    Case("Add Event", lambda c: c.write(lambda a: a.add_event(NOTES, c.ids["section"], "Blockade", "October 1962")),
         _events),
    Case("Edit Event", lambda c: c.write(lambda a: a.edit_event(NOTES, c.ids["event"], title="The quarantine")),
         _events),
    Case("Delete Event", lambda c: c.write(lambda a: a.delete_event(NOTES, c.ids["event"])), _events),
    # Tools > Browse, on every card of a guide
    Case("Suspend Cards", lambda c: _in_browser(c, "tiny", lambda b: b.toggle_suspend()),
         lambda c: c.library.review.suspended("tiny"), guide="tiny"),
    Case("Unsuspend Cards", lambda c: _in_browser(c, "tiny", lambda b: b.toggle_suspend()),
         lambda c: c.library.review.suspended("tiny"), guide="tiny",
         prepare=lambda c: c.library.review.set_suspended_cards(
             [("tiny", card.id) for card in c.library.content("tiny").cards()], suspended=True)),
    Case("Forget Cards", lambda c: _in_browser(c, "tiny", lambda b: b.forget()), _studied, guide="tiny",
         prepare=_answered),
    Case("Set Due Date", lambda c: _in_browser(c, "tiny", lambda b: b.set_due(9)), _studied, guide="tiny",
         prepare=_answered),
    Case("Move Cards", lambda c: _in_browser(c, NOTES, lambda b: b.editing.move_to(c.ids["second"])),
         _card_sections),
    Case("Change Tags", lambda c: _in_browser(c, NOTES, lambda b: b.editing.change_tags(add=["exam"])), _card_tags),
    Case("Delete Cards", lambda c: _in_browser(c, NOTES, lambda b: b.editing.delete()), _fronts),
]

#: Operations that are not steps of the history, and what they do to it instead (tested below).
NOT_STEPS = {"Back Up Progress": "leaves the history as it was", "Restore Progress": "clears the history",
             # docs/sync.md: a sync only adds what another device did (the next sync would bring it
             # back); the folder is changed back in its dialog; a pick is taken back by picking the other
             "Sync": "adds what other devices did", "Set Sync Folder": "a setting of its dialog",
             "Pick a Version": "the other version stays to pick"}


def _op_labels() -> set[str]:
    """Every label given to an operation in the source: ``Op("…")``, ``…_op("…")``, ``…_op(x, "…")``."""
    labels = set()
    for path in PACKAGE.rglob("*.py"):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call):
                continue
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", "")
            if name == "Op" or name.endswith("_op"):
                for arg in call.args[:2]:  # a label, or a choice of two ("Suspend" if … else "Unsuspend")
                    choices = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
                    labels |= {node.value for node in choices
                               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    return labels


def test_every_kind_of_operation_has_a_case() -> None:
    assert _op_labels() == {case.label for case in CASES} | set(NOT_STEPS)


@pytest.fixture(autouse=True)
def _no_message_box(monkeypatch) -> None:
    """A refused step fails the test (its message box would wait for a click forever)."""
    from studyguide.ui import operations

    def refused(_parent, title: str, text: str) -> None:
        raise AssertionError(f"{title}: {text}")

    monkeypatch.setattr(operations, "warn", refused)


@pytest.fixture
def ctx(qtbot, library, tmp_path: Path):
    authoring = Authoring(library=library)
    window = MainWindow(library=library, authoring=authoring)
    qtbot.add_widget(window)
    window.resize(900, 600)
    window.show()
    window.activateWindow()
    qtbot.wait_until(window.isActiveWindow)
    c = Ctx(qtbot, window, authoring, tmp_path, {})
    c.write(lambda a: a.new_guide("Notes", id=NOTES))
    c.ids["section"] = c.write(lambda a: a.add_section(NOTES, "Beginnings", "How it began.")).ids[0]
    c.ids["second"] = c.write(lambda a: a.add_section(NOTES, "Thirteen Days")).ids[0]
    c.ids["card"] = c.write(lambda a: a.add_card(NOTES, c.ids["section"], "Who?", "Kennedy.")).ids[0]
    c.ids["event"] = c.write(lambda a: a.add_event(NOTES, c.ids["section"], "Bay of Pigs", "April 1961")).ids[0]
    yield c
    window.guide_actions.tasks.shutdown()
    window.close()
    authoring.close()


def _undo(c: Ctx) -> None:
    c.settled(lambda: c.key(c.window, Qt.Key.Key_Z, CTRL))


def _redo(c: Ctx) -> None:
    c.settled(lambda: c.key(c.window, Qt.Key.Key_Z, CTRL | SHIFT))


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.label} ({case.guide})")
def test_ctrl_z_undoes_and_ctrl_shift_z_redoes(ctx: Ctx, case: Case) -> None:
    if case.prepare is not None:
        case.prepare(ctx)
    ctx.window.select_guide(case.guide)
    before = case.state(ctx)
    case.act(ctx)
    after = case.state(ctx)
    assert after != before, "the operation changed nothing"
    assert ctx.window.undo_action.text() == f"&Undo {case.label}"

    _undo(ctx)
    assert case.state(ctx) == before
    assert ctx.window.redo_action.text() == f"&Redo {case.label}"
    _redo(ctx)
    assert case.state(ctx) == after
    assert ctx.window.undo_action.text() == f"&Undo {case.label}"
    _undo(ctx)  # and once more: redo left an undoable step
    assert case.state(ctx) == before


def test_keys_undo_and_redo_after_a_step_showed_its_progress_dialog(ctx: Ctx, monkeypatch) -> None:
    """``Import (notes)`` under load: the import's result came after the progress delay, so its
    window-modal dialog showed and took the activation, and offscreen has no window manager to hand
    it back: Ctrl+Z, a window shortcut, then fired nothing. Here the import's work, on the worker,
    lasts until its dialog has shown (the delay shortened). Red without the task runner making the
    window active again (``tasks.TaskRunner._on_finished``)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from studyguide.ui import tasks

    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 50)
    library, shown = ctx.library, threading.Event()

    class ProgressShown(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Show and isinstance(watched, QProgressDialog):
                shown.set()
            return False

    def after_its_dialog(work: Callable[..., object]) -> Callable[..., object]:
        def slow(*args, **kwargs) -> object:  # on the task runner's worker: its result comes once the dialog shows
            if not shown.wait(20):
                raise TimeoutError("the step's progress dialog never showed")
            shown.clear()
            return work(*args, **kwargs)

        return slow

    monkeypatch.setattr(library, "install_table", after_its_dialog(library.install_table))
    watcher = ProgressShown()
    QApplication.instance().installEventFilter(watcher)
    try:
        test_ctrl_z_undoes_and_ctrl_shift_z_redoes(ctx, next(case for case in CASES if case.label == "Import"))
    finally:
        QApplication.instance().removeEventFilter(watcher)


def test_back_up_progress_leaves_the_history_and_restore_clears_it(ctx: Ctx, monkeypatch) -> None:
    from studyguide.ui import review_actions

    monkeypatch.setattr(review_actions, "inform", lambda *_args: None)
    monkeypatch.setattr(review_actions, "choose_backup", lambda _parent, _labels: 0)
    ctx.settled(ctx.window.review_actions.backup_now)
    assert ctx.window.undo_action.text() == "&Undo Add Event"  # the backup is no step
    _undo(ctx)
    assert _events(ctx) == []

    ctx.settled(ctx.window.review_actions.restore)
    assert (ctx.window.undo_action.text(), ctx.window.redo_action.text()) == ("&Undo", "&Redo")
    assert not ctx.window.redo_action.isEnabled()
