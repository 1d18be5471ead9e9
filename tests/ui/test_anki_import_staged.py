"""File > Import of an Anki package writes its media files while the package is read (as the command line's
``studyguide import`` does: ``Library.read_file(stage=True)``), and whatever way the import ends without a
guide (the dialog cancelled, Cancel pressed during the read, a damaged package, a full disk), nothing is left:
no staged media folder, no guide, no history. Undo Import takes the guide and its media away again."""

from __future__ import annotations

import errno
import os
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from studyguide.guides import apkg, importing
from studyguide.store import media_writer
from studyguide.store.media import StagedMedia
from studyguide.ui import guide_actions
from studyguide.ui.import_review import AnkiImportDialog
from tests.unit.test_full_disk import files_in

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"
PACKAGE = FIXTURES / "current.apkg"  # two media files, ten answers; its guide's id is "current"


def _staged(library) -> list[str]:
    return sorted(p.name for p in library.guides_folder.glob(".staged-*"))


def _answer_the_dialog(monkeypatch: pytest.MonkeyPatch, answer: QDialog.DialogCode,
                       seen: list[list[str]] | None = None, library=None) -> None:
    """The Anki dialog is answered as it opens (``seen``: the staged folders there at that moment)."""

    class Answered(AnkiImportDialog):
        def exec(self) -> int:
            if seen is not None:
                seen.append(_staged(library))
            return answer

    monkeypatch.setattr(guide_actions, "AnkiImportDialog", Answered)


def _idle(qtbot, actions) -> None:
    """Wait until the task runner has no job (a discard of staged media runs there)."""
    if actions.tasks.busy:
        with qtbot.wait_signal(actions.tasks.idle, timeout=20_000):
            pass


def test_the_media_are_written_while_the_package_is_read_and_become_the_guides(
        qtbot, main_window, library, actions, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    _answer_the_dialog(monkeypatch, QDialog.DialogCode.Accepted, seen, library)

    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(PACKAGE)

    assert len(seen) == 1 and len(seen[0]) == 1  # on their way while the learner answers the dialog
    assert main_window.guide_id == "current" and main_window.sections.model.rowCount() > 0
    assert len(list((library.guides_folder / "current.media").iterdir())) == 2
    assert _staged(library) == []
    assert library.progress.review_count("current") == 10


def test_cancelling_the_dialog_leaves_no_media_guide_or_history(
        qtbot, main_window, library, actions, monkeypatch: pytest.MonkeyPatch) -> None:
    _answer_the_dialog(monkeypatch, QDialog.DialogCode.Rejected)
    discarded_on: list[threading.Thread] = []
    discard = StagedMedia.discard

    def on_which_thread(self) -> None:
        discarded_on.append(threading.current_thread())
        discard(self)

    monkeypatch.setattr(StagedMedia, "discard", on_which_thread)

    with qtbot.wait_signal(actions.message, timeout=20_000) as said, \
            qtbot.assert_not_emitted(main_window.guide_imported):
        actions.import_file(PACKAGE)
    _idle(qtbot, actions)

    assert said.args == ["Import of current.apkg cancelled; nothing was saved."]
    # 2,000 files are removed off the UI thread (after waiting for their writer): the window stays live
    assert len(discarded_on) == 1 and discarded_on[0] is not threading.main_thread()
    assert files_in(library.guides_folder) == [] and _staged(library) == []
    assert "current" not in [info.id for info in library.guides()]
    assert library.progress.review_count("current") == 0


def test_skipping_a_guide_already_there_leaves_no_staged_media(
        qtbot, main_window, library, actions, monkeypatch: pytest.MonkeyPatch) -> None:
    _answer_the_dialog(monkeypatch, QDialog.DialogCode.Accepted)
    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(PACKAGE)
    before = files_in(library.guides_folder)
    monkeypatch.setattr(actions, "ask_duplicate", lambda _guide_id: "skip")

    with qtbot.wait_signal(actions.message, timeout=20_000) as said:
        actions.import_file(PACKAGE)
    _idle(qtbot, actions)

    assert said.args == ["Skipped current.apkg: that guide is already in your library."]
    assert files_in(library.guides_folder) == before and _staged(library) == []


def test_cancel_during_the_read_leaves_no_media_guide_or_history(
        qtbot, main_window, library, actions, monkeypatch: pytest.MonkeyPatch) -> None:
    reached, pause = threading.Event(), threading.Event()
    staged_then: list[list[str]] = []
    read_collection = apkg.read_anki_collection

    def until_cancelled(data, *, interrupted):
        # The media are on their way; the read goes on once the learner has pressed Cancel.
        staged_then.append(_staged(library))
        reached.set()
        for _ in range(4000):
            if interrupted():
                break
            pause.wait(0.005)
        return read_collection(data, interrupted=interrupted)

    monkeypatch.setattr(apkg, "read_anki_collection", until_cancelled)
    actions.import_file(PACKAGE)
    dialog = actions.tasks.progress_dialog
    qtbot.wait_until(lambda: reached.is_set() and dialog.isVisible(), timeout=10_000)
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")

    with qtbot.wait_signal(actions.tasks.idle, timeout=20_000), \
            qtbot.assert_not_emitted(main_window.guide_imported):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    assert len(staged_then[0]) == 1
    assert "cancelled" in main_window.statusBar().currentMessage()
    assert files_in(library.guides_folder) == [] and _staged(library) == []
    assert library.progress.review_count("current") == 0


def test_a_damaged_collection_after_the_media_shows_its_message_and_leaves_nothing(
        qtbot, main_window, library, actions, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.apkg"
    with zipfile.ZipFile(PACKAGE) as old, zipfile.ZipFile(damaged, "w") as new:
        for info in old.infolist():  # the media as they were; the collection (its older form) not a database
            if info.filename != "collection.anki21b":
                new.writestr(info.filename, b"not a database" * 100 if info.filename == "collection.anki2"
                             else old.read(info))

    with qtbot.wait_signal(actions.tasks.idle, timeout=20_000), \
            qtbot.assert_not_emitted(main_window.guide_imported):
        actions.import_file(damaged)

    assert len(actions.errors) == 1 and actions.errors[0].startswith("Could not import damaged.apkg: damaged.apkg")
    assert "damaged" in actions.errors[0].split(": ", 1)[1]
    assert files_in(library.guides_folder) == [] and _staged(library) == []


def test_a_full_disk_while_the_media_are_written_shows_one_message_and_leaves_nothing(
        qtbot, main_window, library, actions, boxes, monkeypatch: pytest.MonkeyPatch) -> None:
    _answer_the_dialog(monkeypatch, QDialog.DialogCode.Accepted)

    def full(folder: Path, files: dict[str, bytes]) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))

    monkeypatch.setattr(media_writer, "write_files", full)
    monkeypatch.setattr(media_writer, "write_in_process", full)
    with qtbot.wait_signal(actions.failed, timeout=20_000) as failed, \
            qtbot.assert_not_emitted(main_window.guide_imported):
        actions.import_file(PACKAGE)
    _idle(qtbot, actions)

    assert failed.args[0] == "Could not import current.apkg"  # as before the media were staged while read:
    assert failed.args[1].endswith(" is full. Free some space and try again; nothing saved was lost.")
    assert files_in(library.guides_folder) == [] and _staged(library) == []
    assert library.progress.review_count("current") == 0
    assert [main_window.guide_picker.itemData(i) for i in range(main_window.guide_picker.count())] == ["tiny"]


def test_undo_import_takes_the_guide_and_its_media_away(
        qtbot, main_window, library, actions, monkeypatch: pytest.MonkeyPatch) -> None:
    _answer_the_dialog(monkeypatch, QDialog.DialogCode.Accepted)
    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(PACKAGE)
    assert main_window.undo_action.text() == "&Undo Import"

    with qtbot.wait_signal(main_window.operations.did_execute, timeout=20_000):
        qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert [main_window.guide_picker.itemData(i) for i in range(main_window.guide_picker.count())] == ["tiny"]
    assert not (library.guides_folder / "current.media").exists() and _staged(library) == []
    assert not (library.guides_folder / "current.sqlite").exists()


def test_cancel_pressed_as_the_read_ends_still_saves_nothing(
        qtbot, main_window, library, actions, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel pressed after the read's last check (as the package's checksum is taken) but before the
    window has the result: the import stops there, nothing saved, nothing left."""
    reached, go = threading.Event(), threading.Event()
    digest = importing._digest

    def last_step(path: Path) -> str:
        reached.set()
        go.wait(30)
        return digest(path)

    monkeypatch.setattr(importing, "_digest", last_step)
    _answer_the_dialog(monkeypatch, QDialog.DialogCode.Accepted)
    actions.import_file(PACKAGE)
    dialog = actions.tasks.progress_dialog
    qtbot.wait_until(lambda: reached.is_set() and dialog.isVisible(), timeout=10_000)
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    with qtbot.wait_signal(actions.message, timeout=20_000) as said, \
            qtbot.assert_not_emitted(main_window.guide_imported):
        go.set()
    _idle(qtbot, actions)

    assert said.args == ["Import of current.apkg cancelled; nothing was saved."]
    assert files_in(library.guides_folder) == [] and _staged(library) == []
    assert library.progress.review_count("current") == 0
