"""GUI: importing or exporting onto a full disk shows one plain message box and leaves nothing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from studyguide.guides import files
from tests.unit.test_full_disk import EXPORT_FULL, IMPORT_FULL, OTHER_GUIDE, files_in, fill_up_during_build


@pytest.fixture
def actions(main_window):
    acts = main_window.guide_actions
    yield acts
    acts.tasks.shutdown()


@pytest.mark.parametrize("how", ["sqlite-full", "hot-journal", "enospc"])
def test_import_on_a_full_disk_shows_a_message_box(how: str, qtbot, main_window, actions, boxes, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "other.md"
    source.write_text(OTHER_GUIDE, encoding="utf-8")
    fill_up_during_build(monkeypatch, how)

    with qtbot.wait_signal(actions.failed, timeout=10_000) as failed, \
            qtbot.assert_not_emitted(main_window.guide_imported):
        actions.import_file(source)

    assert failed.args == ["Could not import other.md", IMPORT_FULL]
    assert boxes == [("Could not import other.md", IMPORT_FULL)]
    assert files_in(main_window._library.guides_folder) == []
    assert [main_window.guide_picker.itemData(i) for i in range(main_window.guide_picker.count())] == ["tiny"]


def test_export_on_a_full_disk_shows_a_message_box(qtbot, main_window, actions, boxes, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:

    def replace(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    monkeypatch.setattr(files.os, "replace", replace)
    with qtbot.wait_signal(actions.failed, timeout=10_000) as failed:
        actions.export_guide(tmp_path / "out" / "tiny.md", "md")

    assert failed.args == ["Could not export", EXPORT_FULL]
    assert boxes == [("Could not export", EXPORT_FULL)]
    assert files_in(tmp_path / "out") == []
