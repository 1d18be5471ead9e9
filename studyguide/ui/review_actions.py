"""The main window's review menu and due-count status: settings, card edits, backups.

Kept out of ``main_window`` so the window stays a thin shell: this object
builds the menu entries, runs their dialogs and reports what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu, QWidget

from studyguide.domain.changes import Changes
from studyguide.domain.errors import StoreUnavailable
from studyguide.domain.optimization import OptimizationCancelled
from studyguide.domain.review import ReviewSettings
from studyguide.domain.stats import due_summary_forms
from studyguide.operations import Done, Op
from studyguide.review.scheduler import Rating
from studyguide.ui.optimize_panel import OptimizePanel
from studyguide.ui.review_dialogs import ReviewSettingsDialog, SuspendedCardsDialog, choose_backup
from studyguide.ui.widgets.fitting_label import FittingLabel
from studyguide.ui.widgets.safe_text import inform

if TYPE_CHECKING:
    from studyguide.ui.drills import DrillDialog
    from studyguide.ui.operations import OperationRunner
    from studyguide.ui.services import ReviewMenuServices


class ReviewActions(QObject):
    """Review settings, unsuspending, backup and restore, and the due-count label.

    Args:
        library: The open ``Library``.
        window: Parent for dialogs.
        guide_id: Returns the guide on screen.
        operations: The window's ``OperationRunner``; every write goes through it.
    """

    def __init__(self, *, library: ReviewMenuServices, window: QWidget, guide_id: Callable[[], str],
                 operations: OperationRunner) -> None:
        super().__init__(window)
        self._library = library
        self._window = window
        self._guide_id = guide_id
        self._operations = operations
        # One line always: in shorter words where the whole line does not fit (900 px at 200% text, where it
        # wrapped onto a second line), the whole of it read aloud and in its tooltip.
        self.due_label = FittingLabel()
        self.due_label.setContentsMargins(0, 0, 6, 0)  # clear of the size grip
        self.due_label.setAccessibleDescription("Cards due")  # read as its counts
        self.drills: DrillDialog | None = None  # the timeline drills' window, once opened

    def add_to(self, review_menu: QMenu, file_menu: QMenu, flashcards) -> None:
        """Put the review entries in the menus (keys shown are handled by the Flashcards view)."""
        review_menu.addAction("Show Answer\tSpace", flashcards.reveal)
        for rating in Rating:  # the keys said where a keyboard learner looks (only the buttons' tooltips had them)
            review_menu.addAction(f"Answer {rating.label}\t{int(rating)}", partial(flashcards.answer, rating))
        review_menu.addAction("Edit Card\u2026\tE", flashcards.edit_card)
        review_menu.addAction("Suspend Card\tS", flashcards.suspend_card)
        review_menu.addAction("Replay Sound\tR", flashcards.sounds.replay)
        review_menu.addAction("Read the Card's Section\tG", flashcards.open_section)
        review_menu.addAction("Suspended &Cards\u2026", self.show_suspended)
        review_menu.addAction("Review &Timeline Drills\u2026", self.open_drills).setShortcut("Ctrl+Shift+T")
        flashcards.drills.linkActivated.connect(lambda _link: self.open_drills())  # the view's note of them
        review_menu.addSeparator()
        review_menu.addAction("Review &Settings\u2026", self.edit_settings)
        file_menu.addAction("&Back Up Progress Now", self.backup_now)
        file_menu.addAction("&Restore Progress from Backup\u2026", self.restore)

    def open_drills(self) -> DrillDialog | None:
        """Review the guide's "When did it happen?" drills, in a window of their own."""
        from studyguide.ui.drills import DrillDialog

        guide_id = self._guide_id()
        if not guide_id:
            return None
        dialog = DrillDialog(library=self._library, operations=self._operations, guide_id=guide_id,
                             parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.drills = dialog
        dialog.show()
        return dialog

    def refresh_due(self) -> None:
        """Show the guide's due counts in the status bar."""
        guide_id = self._guide_id()
        if not guide_id:
            self.due_label.set_forms(())
            return
        # The same words as the Stats view: "by the end of today" is its forecast's first bar.
        self.due_label.set_forms(due_summary_forms(self._library.due_counts(guide_id),
                                                   self._library.due_today(guide_id)))

    def _run(self, op: Op, failure: str) -> None:
        self._operations.run(op, initiator=self, failure=failure)

    # Settings ------------------------------------------------------------------------

    def edit_settings(self) -> None:
        """Ask for new review settings and save them (Edit > Undo Review Settings puts the old back)."""
        dialog = self.settings_dialog()
        if dialog.exec() != ReviewSettingsDialog.DialogCode.Accepted:
            return
        self.save_settings(dialog.settings())

    def settings_dialog(self) -> ReviewSettingsDialog:
        """The Review Settings dialog (not shown), its Optimize box wired to the task runner."""
        current = self._guide_id()
        guides = sorted(((g.id, g.title) for g in self._library.guides()), key=lambda g: g[0] != current)
        dialog = ReviewSettingsDialog(settings=self._library.review.settings, guides=guides, in_use=self._in_use,
                                      parent=self._window)
        panel = dialog.optimizer
        if panel is not None:
            panel.optimize_requested.connect(lambda guide_id: self._optimize(panel, guide_id))
            panel.use_requested.connect(lambda guide_id, parameters: self._use_parameters(
                dialog, guide_id, tuple(parameters)))
        return dialog

    def _in_use(self, guide_id: str | None) -> str:
        """Which parameters a guide (None: every guide without its own) is scheduled with."""
        review = self._library.review
        if guide_id is not None and review.guide_parameters(guide_id):
            return "In use for this guide: its own fitted parameters."
        shared = "your own fitted parameters" if review.settings.parameters else "FSRS's default parameters"
        return f"In use for {'this guide' if guide_id is not None else 'all guides'}: {shared}."

    def _optimize(self, panel: OptimizePanel, guide_id: str | None) -> None:
        """Fit the parameters on the task runner, with a progress dialog; the panel shows the outcome."""
        review = self._library.review
        panel.show_running()

        def failed(error: BaseException) -> None:
            if isinstance(error, OptimizationCancelled):
                panel.show_message("Optimizing was cancelled; nothing changed.")
            elif isinstance(error, StoreUnavailable):
                panel.show_message(str(error))
            else:
                raise error  # a bug: the crash dialog

        self._operations.tasks.run(
            lambda ctx: review.optimize(guide_id, progress=ctx.progress, cancelled=ctx.cancelled),
            on_done=panel.show_result, on_error=failed, label="Optimizing your memory model\u2026",
            parent=panel.window())

    def _use_parameters(self, dialog: ReviewSettingsDialog, guide_id: str | None,
                        parameters: tuple[float, ...]) -> None:
        """Save the fitted parameters, a guide's own or (None) for all guides, as an operation (Edit >
        Undo Guide Parameters or Undo Review Settings puts the old back)."""
        if guide_id is not None:
            self.set_guide_parameters(guide_id, parameters, on_done=lambda: dialog.parameters_saved(None))
            return
        settings = replace(self._library.review.settings, parameters=parameters)
        self._operations.run(self._settings_op(settings), initiator=self, failure="Parameters not saved",
                             on_done=lambda _done: dialog.parameters_saved(parameters))

    def set_guide_parameters(self, guide_id: str, parameters: tuple[float, ...] | None,
                             on_done: Callable[[], None] = lambda: None) -> None:
        """Schedule a guide's cards with its own fitted parameters (None: the shared set), undoably."""
        self._operations.run(self._guide_parameters_op(guide_id, parameters), initiator=self,
                             failure="Parameters not saved", on_done=lambda _done: on_done())

    def _guide_parameters_op(self, guide_id: str, parameters: tuple[float, ...] | None) -> Op:
        review = self._library.review

        def apply(_result: object) -> Done:
            old = review.guide_parameters(guide_id)
            return Done(review.set_guide_parameters(guide_id, parameters),
                        undo=self._guide_parameters_op(guide_id, old))

        return Op("Guide Parameters", apply)

    def save_settings(self, settings: ReviewSettings) -> None:
        """Save review settings as an operation."""
        self._run(self._settings_op(settings), "Settings not saved")

    def _settings_op(self, settings: ReviewSettings) -> Op:
        review = self._library.review

        def apply(_result: object) -> Done:
            old = review.settings
            return Done(review.save_settings(settings), undo=self._settings_op(old))

        return Op("Review Settings", apply)

    # Suspended cards -------------------------------------------------------------------

    def show_suspended(self) -> SuspendedCardsDialog:
        """List the suspended cards of every guide, with an Unsuspend button."""
        titles = {info.id: info.title for info in self._library.guides()}
        dialog = SuspendedCardsDialog(
            load=lambda: [(titles.get(gid, gid), gid, card) for gid, card in self._library.suspended_cards()],
            unsuspend=lambda keys: self._run(self._suspension_op(keys, suspend=False), "Not unsuspended"),
            parent=self._window)
        dialog.open()
        return dialog

    def _suspension_op(self, keys: list[tuple[str, str]], *, suspend: bool) -> Op:
        review = self._library.review

        def apply(_result: object) -> Done:
            changes = Changes()
            for guide_id, card_id in keys:
                changes |= (review.suspend if suspend else review.unsuspend)(guide_id, card_id)
            return Done(changes, undo=self._suspension_op(keys, suspend=not suspend))

        return Op("Suspend" if suspend else "Unsuspend", apply)

    # Backup and restore ----------------------------------------------------------------

    def backup_now(self) -> None:
        """Copy the progress database now (on the task runner)."""
        library = self._library

        def apply(_result: object) -> Done:
            newest = library.backups()[0].path
            inform(self._window, "Backed up", f"Your progress was copied to:\n{newest}")
            return Done(Changes())

        self._run(Op("Back Up Progress", apply, work=lambda _ctx: library.backup_now(kind="manual"),
                     progress="Backing up your progress\u2026"), "Backup failed")

    def restore(self) -> None:
        """Pick a backup and restore progress from it (older steps can no longer be undone)."""
        backups = self._library.backups()
        if not backups:
            inform(self._window, "Restore Progress", "There are no backups yet.")
            return
        index = choose_backup(self._window, [b.label() for b in backups])
        if index is not None:
            library, path = self._library, backups[index].path
            # The copy runs on the task runner (a big history takes a while); the reload here.
            self._run(Op("Restore Progress",
                         lambda _r: Done(library.finish_restore(), clears_history=True,
                                         message="Progress restored from the backup."),
                         work=lambda _ctx: library.copy_backup_in(path),
                         progress="Restoring your progress\u2026"),
                      "Restore failed")
