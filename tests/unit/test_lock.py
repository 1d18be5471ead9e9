"""requirements.lock, which scripts/bootstrap.sh installs from, matches pyproject.toml.

A dependency added to pyproject.toml but not to the lock would be missing from
every venv (the app itself is installed with --no-deps): re-lock with the
command in the README.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if match := PIN.match(line):
            pins[canonicalize_name(match[1])] = Version(match[2])
    return pins


def _pyproject_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(text) for text in [*project["dependencies"], *project["optional-dependencies"]["test"]]]


def test_every_dependency_is_pinned_in_the_lock_within_its_range() -> None:
    pins = _pins()
    for requirement in _pyproject_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements.lock: re-lock (see README)"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside {requirement}: re-lock (see README)")


def test_every_pin_has_a_hash() -> None:
    text = (ROOT / "requirements.lock").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    pinned = [block for block in blocks if PIN.match(block)]

    assert pinned and all("--hash=sha256:" in block for block in pinned)


def test_pyside6_stays_below_6_12() -> None:
    """6.12.0 leaks a reference to None on every void Qt call; the app aborts after ~10k calls."""
    assert _pins()["pyside6-essentials"] < Version("6.12")
