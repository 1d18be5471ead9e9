"""Where resources and the library are found: source checkout, wheel install, PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from studyguide import paths

ROOT = Path(__file__).resolve().parents[2]


def test_a_source_checkout_uses_the_repository_root() -> None:
    assert paths.resource_root() == ROOT
    assert paths.bundled_guide_database() == ROOT / "db" / "default-guide.sqlite"
    assert paths.bundled_guide_database().is_file()
    assert paths.icon_path().is_file()


def test_a_frozen_app_uses_the_bundle_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert paths.resource_root() == tmp_path
    assert paths.bundled_guide_database() == tmp_path / "db" / "default-guide.sqlite"
    assert paths.icon_path() == tmp_path / "resources" / "icons" / "studyguide.svg"


def test_a_wheel_install_uses_the_data_folder_beside_the_package(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "studyguide"
    (package / "_data").mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(package / "paths.py"))

    assert paths.resource_root() == package / "_data"


def test_the_library_is_in_the_user_data_folder_by_default(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    monkeypatch.delenv("STUDYGUIDE_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    if not sys.platform.startswith("linux"):
        pytest.skip("the XDG layout is Linux's")

    assert paths.library_home() == tmp_path / ".local" / "share" / "StudyGuide"


def test_the_environment_and_the_option_move_the_library(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STUDYGUIDE_HOME", str(tmp_path / "from-env"))

    assert paths.library_home() == tmp_path / "from-env"
    assert paths.library_home(tmp_path / "from-option") == tmp_path / "from-option"
    assert paths.library_home("~/studies") == Path.home() / "studies"
