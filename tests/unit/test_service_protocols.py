"""The views' typed interface holds: the core's classes satisfy the Protocols in ui/services.py.

Views are typed against ``LibraryServices`` and ``ReviewSessionLike`` (they import no store);
mypy checks that ``Library`` and ``ReviewSession`` fit them, so a changed signature in the
core fails here instead of in a view at run time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

MYPY = Path(sys.executable).with_name("mypy")

FITS = """
from studyguide.library import Library
from studyguide.review.session import ReviewSession
from studyguide.ui.services import LibraryServices, ReviewSessionLike


def library(value: Library) -> LibraryServices:
    return value


def session(value: ReviewSession) -> ReviewSessionLike:
    return value
"""

DOES_NOT_FIT = """
from studyguide.review.session import ReviewSession
from studyguide.ui.services import LibraryServices


def library(value: ReviewSession) -> LibraryServices:
    return value
"""


def _mypy(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    if not MYPY.exists():
        pytest.skip("mypy is not installed")
    module = tmp_path / "fits.py"
    module.write_text(text, encoding="utf-8")
    return subprocess.run([str(MYPY), "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir",
                           str(tmp_path / "cache"), str(module)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_library_and_its_sessions_fit_what_the_views_are_typed_against(tmp_path: Path) -> None:
    result = _mypy(tmp_path, FITS)
    assert result.returncode == 0, result.stdout


def test_a_class_that_does_not_fit_is_caught(tmp_path: Path) -> None:
    result = _mypy(tmp_path, DOES_NOT_FIT)
    assert result.returncode != 0 and "LibraryServices" in result.stdout


REACHES_PAST_ITS_SERVICE = """
from studyguide.ui.services import TimelineServices


def backups(library: TimelineServices) -> object:
    return library.review
"""


def test_a_view_cannot_reach_past_its_narrow_service(tmp_path: Path) -> None:
    result = _mypy(tmp_path, REACHES_PAST_ITS_SERVICE)
    assert result.returncode != 0 and '"TimelineServices" has no attribute "review"' in result.stdout
