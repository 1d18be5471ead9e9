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


def test_conflicts_are_listed_with_each_version_and_one_is_picked(tmp_path: Path, capsys) -> None:
    from studyguide import api

    folder = tmp_path / "Sync"
    folder.mkdir()
    for name, wording in (("laptop", "From the laptop"), ("desktop", "From the desktop")):
        with api.open_library(tmp_path / name) as library:
            library.name_device(name.capitalize())
            guide = library.guides()[0].id
        main(["--library", str(tmp_path / name), "sync", "--folder", str(folder)])
        from studyguide.cli import _open_library

        core = _open_library(str(tmp_path / name))
        card = next(iter(core.load_guide(guide).cards)).id
        core.review.set_card_text(guide, card, front=wording, back=None)
        core.close()
    laptop = str(tmp_path / "laptop")
    for home in (laptop, str(tmp_path / "desktop"), laptop):
        main(["--library", home, "sync"])
    capsys.readouterr()
    assert main(["--library", laptop, "sync", "--conflicts"]) == 0
    out = capsys.readouterr().out
    assert f"1. {guide}/{card} front:" in out and "'From the laptop'" in out and "'From the desktop'" in out
    assert main(["--library", laptop, "sync", "--pick", "1", "9"]) == 2
    desktop_version = 1 + ["Desktop" in line for line in out.splitlines()[1:]].index(True)
    assert main(["--library", laptop, "sync", "--pick", "1", str(desktop_version)]) == 0
    main(["--library", laptop, "sync"])
    capsys.readouterr()
    assert main(["--library", laptop, "sync", "--conflicts"]) == 0
    assert "No conflicts." in capsys.readouterr().out


def test_compact_rewrites_this_devices_older_segments_as_one_and_says_so(tmp_path: Path, capsys) -> None:
    from studyguide.cli import _open_library
    from studyguide.review.scheduler import Rating

    folder, home = tmp_path / "Sync", str(tmp_path / "laptop")
    folder.mkdir()
    for _ in range(3):  # three syncs, each with an answer: segments 1-3
        core = _open_library(home)
        session = core.start_review(core.guides()[0].id)
        session.reveal()
        session.answer(Rating.GOOD)
        core.close()
        assert main(["--library", home, "sync", "--folder", str(folder)]) == 0
    capsys.readouterr()
    assert main(["--library", home, "sync", "--compact"]) == 0
    assert "Compacted 2 segments of this device into one." in capsys.readouterr().out  # 1-2 into 4; 3 stays
    assert main(["--library", home, "sync", "--compact", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["compacted"] == 0  # 3 and 4: all but the newest is one
    names = sorted(p.name[:16] for p in folder.rglob("segment-*"))
    assert names == ["segment-00000003", "segment-00000004"]


def test_a_guide_written_through_the_api_travels_and_its_conflicts_are_said_in_words(tmp_path: Path,
                                                                                      capsys) -> None:
    from studyguide import api

    folder = tmp_path / "Sync"
    folder.mkdir()
    with api.open_library(tmp_path / "laptop") as library:
        library.name_device("Laptop")
        guide = library.new_guide("Notes")
        section = library.add_section(guide, "Intro", "The first text")
        library.sync(folder)
    with api.open_library(tmp_path / "desktop") as library:
        library.name_device("Desktop")
        library.sync(folder)
        assert guide in [g.id for g in library.guides()]  # reopened after the sync brought it
        library.add_section(guide, "Later", "Written on the desktop")
        library._authoring.edit_section(guide, section, body="The desktop's text")
        library.sync()
    with api.open_library(tmp_path / "laptop") as library:
        library._authoring.edit_section(guide, section, body="The laptop's text")
        library.sync()
    capsys.readouterr()
    assert main(["--library", str(tmp_path / "laptop"), "sync", "--conflicts"]) == 0
    out = capsys.readouterr().out
    assert f"1. {guide}/{section} section:" in out
    assert "\u201cIntro \u2014 The laptop's text\u201d" in out and "\u201cIntro \u2014 The desktop's text\u201d" in out
