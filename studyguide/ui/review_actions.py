"""The main window's review menu and due-count status: settings, card edits, backups.

Kept out of ``main_window`` so the window stays a thin shell: this object
builds the menu entries, runs their dialogs and reports what changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from studyguide.domain.changes import Changes
from studyguide.domain.stats import due_summary
from studyguide.store.errors import StoreUnavailable
from studyguide.ui.review_dialogs import ReviewSettingsDialog, SuspendedCardsDialog, choose_backup
from studyguide.ui.widgets.safe_text import inform, warn


class ReviewActions(QObject):
    """Review settings, backup and restore, and the due-count label.

    Args:
        library: The open ``Library``.
        window: Parent for dialogs.
        guide_id: Returns the guide on screen.

    Signals:
        changes_made(object): Settings or a restore changed progress (a ``Changes``).
    """

    changes_made = Signal(object)

    def __init__(self, *, library, window: QWidget, guide_id: Callable[[], str]) -> None:
        super().__init__(window)
        self._library = library
        self._window = window
        self._guide_id = guide_id
        self.due_label = QLabel()
        self.due_label.setAccessibleName("Cards due")

    def add_to(self, review_menu: QMenu, file_menu: QMenu, flashcards) -> None:
        """Put the review entries in the menus (keys shown are handled by the Flashcards view)."""
        review_menu.addAction("Show Answer\tSpace", flashcards.reveal)
        review_menu.addAction("Edit Card\u2026\tE", flashcards.edit_card)
        review_menu.addAction("Suspend Card\tS", flashcards.suspend_card)
        review_menu.addAction("Suspended &Cards\u2026", self.show_suspended)
        review_menu.addSeparator()
        review_menu.addAction("Review &Settings\u2026", self.edit_settings)
        file_menu.addAction("&Back Up Progress Now", self.backup_now)
        file_menu.addAction("&Restore Progress from Backup\u2026", self.restore)

    def refresh_due(self) -> None:
        """Show the guide's due counts in the status bar."""
        guide_id = self._guide_id()
        if not guide_id:
            self.due_label.setText("")
            return
        # The same words as the Stats view: "by the end of today" is its forecast's first bar.
        self.due_label.setText(due_summary(self._library.due_counts(guide_id), self._library.due_today(guide_id))
                               + " ")

    def edit_settings(self) -> None:
        """Ask for new review settings and save them."""
        dialog = ReviewSettingsDialog(settings=self._library.review.settings, parent=self._window)
        if dialog.exec() != ReviewSettingsDialog.DialogCode.Accepted:
            return
        self._emit(lambda: self._library.review.save_settings(dialog.settings()), "Settings not saved")

    def show_suspended(self) -> SuspendedCardsDialog:
        """List the suspended cards of every guide, with an Unsuspend button."""
        titles = {info.id: info.title for info in self._library.guides()}
        dialog = SuspendedCardsDialog(
            load=lambda: [(titles.get(gid, gid), gid, card) for gid, card in self._library.suspended_cards()],
            unsuspend=self._unsuspend, parent=self._window)
        dialog.changes_made.connect(self.changes_made)
        dialog.open()
        return dialog

    def _unsuspend(self, guide_id: str, card_id: str) -> Changes:
        try:
            return self._library.review.unsuspend(guide_id, card_id)
        except StoreUnavailable as error:
            warn(self._window, "The card was not unsuspended", str(error))
            return Changes()

    def backup_now(self) -> None:
        """Copy the progress database now."""
        try:
            path = self._library.progress.backup(kind="manual", now=self._library.clock())
        except StoreUnavailable as error:
            warn(self._window, "Backup failed", str(error))
            return
        inform(self._window, "Backed up", f"Your progress was copied to:\n{path}")

    def restore(self) -> None:
        """Pick a backup and restore progress from it."""
        backups = self._library.backups()
        if not backups:
            inform(self._window, "Restore Progress", "There are no backups yet.")
            return
        index = choose_backup(self._window, [b.label() for b in backups])
        if index is not None:
            self._emit(lambda: self._library.restore_backup(backups[index].path), "Restore failed")

    def _emit(self, action: Callable[[], Changes], failure_title: str) -> None:
        try:
            changes = action()
        except StoreUnavailable as error:
            warn(self._window, failure_title, str(error))
            return
        self.changes_made.emit(changes)
