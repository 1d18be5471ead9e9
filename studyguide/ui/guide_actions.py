"""The File menu's guide actions: import, export, rename, delete (with undo).

Kept out of ``main_window`` so the window stays a thin shell. Reading a file and building a guide database
run on the ``TaskRunner`` worker, with a progress dialog that can cancel; the library is reloaded on the UI
thread only once the new guide's database is complete, so a failure changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QWidget

from studyguide.domain.errors import (
    FILE_FILTER,
    DuplicateGuideError,
    ImportCancelledError,
)
from studyguide.domain.messages import user_message
from studyguide.domain.stats import plural
from studyguide.guides.guide_copy import as_copy, copy_title
from studyguide.operations import Done, Op
from studyguide.ui.duplicate_guide import Choice, ask_duplicate
from studyguide.ui.expected_errors import EXPECTED_ERRORS
from studyguide.ui.export_words import ask_anki_history, export_message, left_out
from studyguide.ui.import_notes import notes_text, show_notes
from studyguide.ui.import_review import AnkiImportDialog, ImportReviewDialog
from studyguide.ui.replace_undo import swap_op
from studyguide.ui.tasks import TaskContext, TaskRunner
from studyguide.ui.widgets import text_prompt
from studyguide.ui.widgets.safe_text import ask, warn

if TYPE_CHECKING:
    from studyguide.ui.operations import OperationRunner
    from studyguide.ui.services import GuideManagement

#: CSV/TSV files are streamed into the library (``Library.install_table``), never read whole.
_TABLE_SUFFIXES = {".csv", ".tsv", ".tab"}
_EXPORT_FILTERS = {"Markdown guide (*.md)": "md", "CSV cards (*.csv)": "csv", "Anki package (*.apkg)": "apkg",
                   "Quizlet text, tab and new line (*.txt)": "txt"}


def export_target(name: str, chosen_filter: str) -> tuple[Path, str]:
    """The file and format to export to: the extension typed wins when it is a known one
    (``guide.apkg`` under the Markdown filter is an Anki package), else the filter's is added."""
    dest = Path(name)
    typed = dest.suffix.lower().lstrip(".")
    if typed in _EXPORT_FILTERS.values():
        return dest, typed
    fmt = _EXPORT_FILTERS.get(chosen_filter, "md")
    return dest.with_name(f"{dest.name}.{fmt}"), fmt


class _Window(Protocol):
    """What the actions use of the main window, besides parenting their dialogs."""

    guide_id: str

    def show_next(self, guide_id: str) -> None: ...


class GuideActions(QObject):
    """Menu actions that add, export, rename and remove guides.

    Args:
        library: The open ``Library``.
        window: The main window (parent of dialogs; has ``guide_id`` and ``refresh_guides``).
        tasks: The task runner; one of its own is made when not given.

    Signals:
        guide_imported(str): A guide was imported and is now shown (its id).
        message(str): A status-bar message.
        failed(str, str): An import or export failed and the user was told (title, message).
    """

    guide_imported = Signal(str)
    message = Signal(str)
    failed = Signal(str, str)

    def __init__(self, *, library: GuideManagement, window: QWidget, operations: OperationRunner,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(window)
        self._library = library
        self._window = window
        self._host = cast(_Window, window)
        self._operations = operations
        self.tasks = tasks or TaskRunner(self)

    def add_to(self, menu: QMenu) -> None:
        """Put the actions in ``menu`` (the File menu)."""
        for text, shortcut, slot in (("&Import\u2026", QKeySequence("Ctrl+I"), self.import_file),
                                     ("Import a &Quizlet Export\u2026", None, self.import_quizlet),
                                     ("Import a F&older (Obsidian Vault)\u2026", None, self.import_folder),
                                     ("&Export Guide\u2026", QKeySequence("Ctrl+Shift+S"), self.export_guide),
                                     ("&Rename Guide\u2026", None, self.rename_guide),
                                     ("&Delete Guide\u2026", None, self.delete_guide)):
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(lambda _=False, s=slot: s())
            menu.addAction(action)
            self._window.addAction(action)

    # Dialogs, as methods so tests can answer them without a modal loop. ----------------

    def ask_open_path(self, filters: str = FILE_FILTER) -> Path | None:
        """Ask for a file to import."""
        name, _ = QFileDialog.getOpenFileName(self._window, "Import", str(Path.home()), filters)
        return Path(name) if name else None

    def ask_folder(self) -> Path | None:
        """Ask for a folder to import (an Obsidian vault)."""
        name = QFileDialog.getExistingDirectory(self._window, "Import a Folder (Obsidian Vault)", str(Path.home()))
        return Path(name) if name else None

    def ask_duplicate(self, guide_id: str) -> Choice:
        """Ask what to do with a file of a guide id already here: "replace", "copy" (keep both) or "skip"."""
        title = self._library.content(guide_id).info.title  # named as the picker names it: ids were news to users
        return ask_duplicate(self._window, title=title, guide_id=guide_id, bundled=not self._library.is_user_guide(
            guide_id), copy_title=copy_title(title, self._library.copy_id(guide_id)))

    def review_notes(self, proposal):
        """Let the user pick proposed events and cards; None when cancelled."""
        dialog = ImportReviewDialog(proposal=proposal, parent=self._window)
        return dialog.chosen_guide() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def review_anki(self, result) -> bool | None:
        """Ask whether to bring in an Anki deck's review history: True, False, or None when cancelled."""
        dialog = AnkiImportDialog(result=result, parent=self._window)
        return dialog.history.isChecked() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def review_quizlet(self, found):
        """Let the user check (and change) how a Quizlet export splits; the guide, or None when cancelled."""
        from studyguide.ui.quizlet_import import QuizletImportDialog  # off the start-up path (guides.quizlet)

        dialog = QuizletImportDialog(found=found, parent=self._window)
        return dialog.chosen_guide() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def show_error(self, title: str, text: str) -> None:
        """Tell the user what went wrong (as plain text: titles and file names are shown as written)."""
        warn(self._window, title, text)

    # Import ------------------------------------------------------------------------

    def import_file(self, path: Path | None = None) -> None:
        """Import a file (asking for one when not given), off the UI thread."""
        path = path or self.ask_open_path()
        if path is None:
            return
        if path.suffix.lower() in _TABLE_SUFFIXES and path.is_file():
            self._import_table(path)
            return
        library, read = self._library, list[TaskContext]()
        # As the command line's: an Anki package's media files are written while the rest is read (and
        # while the learner answers its dialog); ``_on_read`` hands them to the install, or discards them.
        read.append(self.tasks.run(lambda ctx: library.read_file(path, progress=ctx.progress, cancelled=ctx.cancelled,
                                                                 stage=True),
                                   on_done=lambda result: self._on_read(path, result, read[0].cancelled()),
                                   on_error=lambda error: self._on_error(f"Could not import {path.name}", error),
                                   label=f"Importing {path.name}\u2026", parent=self._window))

    def import_folder(self, path: Path | None = None) -> None:
        """Import a folder of Markdown notes, an Obsidian vault (asking for one when not given)."""
        path = path or self.ask_folder()
        if path is not None:
            self.import_file(path)

    def import_quizlet(self, path: Path | None = None) -> None:
        """Import a Quizlet export (asking for one when not given): the window previews the split."""
        path = path or self.ask_open_path("Quizlet export (*.txt *.csv *.tsv);;All files (*)")
        if path is None:
            return
        library = self._library
        self.tasks.run(lambda ctx: library.read_file(path, cancelled=ctx.cancelled, quizlet=True),
                       on_done=lambda result: self._on_read(path, result),
                       on_error=lambda error: self._on_error(f"Could not import {path.name}", error),
                       label=f"Reading {path.name}\u2026", parent=self._window)

    def _on_read(self, path: Path, result, cancelled: bool = False) -> None:
        """``cancelled``: Cancel was pressed after the read's last check (its result is dropped)."""
        staged = result.staged  # media written as the file was read (an Anki package's)
        if cancelled:
            self.message.emit(f"Import of {path.name} cancelled; nothing was saved.")
        chosen = None if cancelled else self._choose(path, result)
        if chosen is None:
            if staged is not None:  # removed on the worker: 2,000 files are not deleted on the UI thread
                self.tasks.run(lambda _ctx: staged.discard(), on_done=lambda _none: None)
            return
        guide, history, replace = chosen
        self._install(path, result, guide, history, replace, staged)

    def _choose(self, path: Path, result) -> tuple[Any, Any, bool] | None:
        """The guide, history and whether to replace, as the learner answers; None when nothing is to be saved."""
        guide = result.guide
        if result.proposal is not None or result.quizlet is not None:
            guide = (self.review_notes(result.proposal) if result.proposal is not None
                     else self.review_quizlet(result.quizlet))
            if guide is None:
                self.message.emit(f"Import of {path.name} cancelled; nothing was saved.")
                return None
        history = result.history
        if history is not None:
            # Replayed meanwhile (it writes nothing): the save after Import takes the rows (review/replay_ahead.py).
            self._library.replay_ahead(guide.info.id, history)
            wanted = self.review_anki(result)
            if wanted is None:
                self.message.emit(f"Import of {path.name} cancelled; nothing was saved.")
                return None
            history = history if wanted else None
        choice: Choice | None = None
        if guide.info.id in {info.id for info in self._library.guides()}:
            choice = self.ask_duplicate(guide.info.id)
            if choice == "skip":
                self.message.emit(f"Skipped {path.name}: that guide is already in your library.")
                return None
            if choice == "copy":  # a new guide id, item ids kept: no review moves (guides/guide_copy.py)
                guide = as_copy(guide, self._library.copy_id(guide.info.id))
        return guide, history, choice == "replace"

    def _install(self, path: Path, result, guide, history, replace: bool, staged) -> None:
        library, digest = self._library, result.source_sha256
        notes = " ".join(result.warnings)
        # Short: the due counts share the status bar (at 900 px "... answers of review history" was cut off).
        answers = "" if history is None else f", {plural(len(history.reviews), 'answer')}"

        summary = (f"Imported {guide.info.title}: {plural(len(guide.sections), 'section')}, "
                   f"{plural(len(guide.cards), 'card')}, {plural(len(guide.events), 'event')}{answers}.")

        def installed(_result: object) -> Done:
            self._host.show_next(guide.info.id)
            no_undo = replace and history is not None  # swapping the old guide back would keep the answers
            return Done(library.reload_guides(), undo=None if no_undo else self._undo_import(guide.info.id, replace),
                        clears_history=no_undo, message=f"{summary} {notes}".strip())
        # The Anki dialog (shown with a history) listed the notes already.
        said = () if result.history is not None else result.warnings

        # Building the database is one atomic step (on the task runner): it finishes or leaves nothing. No step
        # can tell how far it is, so the dialog stays busy and tells what is being saved, step by step.
        saving = f"Saving {guide.info.title}\u2026"
        self._operations.run(
            Op("Import", installed, work=lambda ctx: library.install_guide(
                guide, replace=replace, source_sha256=digest, history=history, staged=staged,
                say=lambda step: ctx.say(f"{saving}\n{step}")), progress=saving),
            initiator=self, on_failure=self._on_error, failure=f"Could not import {path.name}",
            on_done=lambda _done: self._imported(guide.info.id, summary, said))

    def _import_table(self, path: Path, replace: bool = False, copy_id: str | None = None) -> None:
        """Stream a CSV/TSV into the library (a batch of rows at a time, cancellable), then offer Undo."""
        library = self._library

        def failed(error: BaseException) -> None:
            if isinstance(error, DuplicateGuideError) and not replace and copy_id is None:
                if (choice := self.ask_duplicate(error.guide_id)) == "skip":
                    self.message.emit(f"Skipped {path.name}: that guide is already in your library.")
                else:
                    self._import_table(path, replace=choice == "replace",
                                       copy_id=library.copy_id(error.guide_id) if choice == "copy" else None)
                return
            self._on_error(f"Could not import {path.name}", error)

        def installed(found: Any, summary: str) -> Done:
            self._host.show_next(found.info.id)
            return Done(library.reload_guides(), undo=self._undo_import(found.info.id, replace),
                        message=f"{summary} {' '.join(found.warnings)}".strip())

        def saved(found: Any) -> None:
            summary = (f"Imported {found.info.title}: {plural(found.sections, 'section')}, "
                       f"{plural(found.cards, 'card')}, 0 events.")
            self._operations.run(Op("Import", lambda _none: installed(found, summary)), initiator=self,
                                 on_done=lambda _done: self._imported(found.info.id, summary, found.warnings))

        self.tasks.run(lambda ctx: library.install_table(path, replace=replace, progress=ctx.progress,
                                                         cancelled=ctx.cancelled, copy_id=copy_id),
                       on_done=saved, on_error=failed, label=f"Importing {path.name}\u2026", parent=self._window)

    def _undo_import(self, guide_id: str, replaced: bool) -> Op | None:
        """Undo Import: a new guide is deleted; a replaced one is swapped with the copy kept in the trash."""
        kept = self._library.newest_kept(guide_id) if replaced else None
        return self._delete_op(guide_id) if not replaced else None if kept is None else swap_op(
            self._library, guide_id, self._library.content(guide_id).info.title, kept, self._host.show_next)

    def _imported(self, guide_id: str, summary: str, warnings: Sequence[str]) -> None:
        self.guide_imported.emit(guide_id)
        if warnings:  # said where it can be read, not only in the status bar for 8 s (ui/import_notes.py)
            show_notes(self._window, "Imported, with notes", notes_text(summary, warnings))

    def _on_error(self, title: str, error: BaseException) -> None:
        if isinstance(error, ImportCancelledError):
            self.message.emit(str(error))
        elif isinstance(error, EXPECTED_ERRORS):
            self.show_error(title, user_message(error))
            self.failed.emit(title, user_message(error))
        else:
            raise error

    # Export, rename, delete ----------------------------------------------------------------

    def export_guide(self, dest: Path | None = None, fmt: str | None = None, *,
                     with_history: bool | None = None) -> None:
        """Export the guide on screen to Markdown, CSV or an Anki package (chosen in a file dialog when
        ``dest`` is None; an Anki package then asks whether to include the review history)."""
        guide_id = self._host.guide_id
        if dest is None:
            name, chosen = QFileDialog.getSaveFileName(self._window, "Export Guide",
                                                       str(Path.home() / f"{guide_id}.md"),
                                                       ";;".join(_EXPORT_FILTERS))
            if not name:
                return
            dest, fmt = export_target(name, chosen)
            if fmt == "apkg" and with_history is None:
                with_history = self.ask_history()
                if with_history is None:
                    return
        fmt = fmt or dest.suffix.lower().lstrip(".")
        library, edits = self._library, self._library.card_edits(guide_id)  # edits: read on the UI thread
        history = bool(with_history)

        texts, events = left_out(library.content(guide_id))  # (UI thread) what a CSV, Quizlet or Anki export lacks

        def export(_ctx: TaskContext) -> str:
            path = library.export_guide(guide_id, fmt, dest, edits=edits, with_history=history)
            return export_message(path, fmt, media=fmt == "md" and bool(library.media(guide_id).names()), texts=texts,
                                  events=events, reworded=library.quizlet_reworded(guide_id, edits, fmt))

        self.tasks.run(export, on_done=self.message.emit,
                       on_error=lambda error: self._on_error("Could not export", error),
                       label=f"Exporting to {dest.name}\u2026", parent=self._window)

    def ask_history(self) -> bool | None:
        """Ask whether an Anki export includes the review history: True, False, or None (cancelled)."""
        return ask_anki_history(self._window)

    def rename_guide(self, title: str | None = None) -> None:
        """Give the user's guide on screen a new title (the bundled guide cannot be renamed)."""
        guide_id = self._host.guide_id
        if not self._library.is_user_guide(guide_id):
            self.show_error("Rename Guide", "The bundled guide cannot be renamed. File > Make an Editable Copy "
                            "makes it yours (your progress is kept), or File > New Guide starts one of your own.")
            return
        if title is None:
            current = self._library.content(guide_id).info.title
            title, ok = text_prompt.ask_text(self._window, "Rename Guide", "New title:", current)
            if not ok:
                return
        if not title.strip():
            self.show_error("Rename Guide", "A guide needs a title: type one, or press Cancel.")
            return
        self._operations.run(self._rename_op(guide_id, title), initiator=self, on_failure=self._on_error,
                             failure="Rename Guide")

    def _rename_op(self, guide_id: str, title: str) -> Op:
        library = self._library
        old = library.content(guide_id).info.title

        # The UPDATE runs on the task runner; the guide is reopened on the UI thread.
        return Op("Rename Guide", lambda _changes: Done(library.reopen_guide(guide_id),
                                                         undo=self._rename_op(guide_id, old)),
                  work=lambda _ctx: library.write_title(guide_id, title), progress=f"Renaming {old}\u2026")

    def delete_guide(self, confirmed: bool = False) -> None:
        """Remove the imported guide on screen, after confirmation; Undo puts it back."""
        guide_id = self._host.guide_id
        if not self._library.is_user_guide(guide_id):
            self.show_error("Delete Guide", "The bundled guide cannot be deleted.")
            return
        title = self._library.content(guide_id).info.title
        if not confirmed and not ask(self._window, "Delete Guide",
                                     f"Delete \u201c{title}\u201d from your library? Your review history is "
                                     "kept, and Edit > Undo Delete Guide puts it back.", "Delete"):
            return
        self._operations.run(self._delete_op(guide_id, title), initiator=self, on_failure=self._on_error,
                             failure="Delete Guide")

    def _delete_op(self, guide_id: str, title: str = "") -> Op:
        library = self._library
        name = title or library.content(guide_id).info.title

        def apply(_changes: object) -> Done:
            return Done(library.reload_guides(), undo=self._restore_op(guide_id, name),
                        message=f"Deleted {name}. Edit > Undo Delete Guide puts it back.")

        # Moving the file runs on the task runner; the guides are reopened on the UI thread.
        return Op("Delete Guide", apply, work=lambda _ctx: library.trash_guide(guide_id),
                  progress=f"Deleting {name}\u2026")

    def _restore_op(self, guide_id: str, title: str) -> Op:
        library = self._library

        def apply(_changes: object) -> Done:
            self._host.show_next(guide_id)
            return Done(library.reload_guides(), undo=self._delete_op(guide_id, title),
                        message=f"{title} is back.")

        return Op("Delete Guide", apply, work=lambda _ctx: library.untrash_guide(guide_id),
                  progress=f"Restoring {title}\u2026")

