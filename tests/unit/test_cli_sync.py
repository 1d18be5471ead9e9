"""``studyguide sync``: remember a folder and sync, sync with the remembered one, print the status."""

from __future__ import annotations

import json
from pathlib import Path

from studyguide.cli import main


def test_sync_remembers_its_folder_and_status_names_the_devices_merged(tmp_path: Path, capsys) -> None:
    laptop, desktop, folder = str(tmp_path / "laptop"), str(tmp_path / "desktop"), tmp_path / "Sync"
    assert main(["--library", laptop, "sync"]) == 2
    assert "No sync folder is set" in capsys.readouterr().err
    folder.mkdir()
    assert main(["--library", laptop, "sync", "--folder", str(folder), "--name", "Laptop"]) == 0
    assert main(["--library", desktop, "sync", "--folder", str(folder), "--name", "Desktop"]) == 0
    capsys.readouterr()
    assert main(["--library", laptop, "sync"]) == 0  # the remembered folder
    assert "merged 0 segments" in capsys.readouterr().out  # the desktop had nothing to write
    assert main(["--library", laptop, "sync", "--status"]) == 0
    out = capsys.readouterr().out
    assert f"Folder: {folder.resolve()}" in out and "This device: Laptop" in out
    assert main(["--library", laptop, "sync", "--status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["folder"] == str(folder.resolve()) and status["name"] == "Laptop" and status["waiting"] == 0


def test_sync_with_a_missing_folder_is_an_error_with_a_sentence(tmp_path: Path, capsys) -> None:
    assert main(["--library", str(tmp_path / "lib"), "sync", "--folder", str(tmp_path / "usb")]) == 2
    assert "is missing" in capsys.readouterr().err
