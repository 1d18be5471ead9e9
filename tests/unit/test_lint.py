"""mypy and ruff, which scripts/test runs, really fail on what they are there to catch.

Each test writes a fault into a scratch copy of the package (with the project's own
pyproject.toml beside it), runs the tool there, and expects it to name the fault;
the same run without the fault passes, so the failure is the fault's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: A strict module (domain) and a module checked normally (guides); neither imports Qt.
STRICT_MODULE = "studyguide/domain/changes.py"
NORMAL_MODULE = "studyguide/guides/files.py"


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "studyguide", tmp_path / "studyguide",
                    ignore=shutil.ignore_patterns("__pycache__", "ui", "app.py"))
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _run(tool: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


def _mypy(scratch: Path, module: str) -> subprocess.CompletedProcess[str]:
    return _run("mypy", "--cache-dir", str(scratch / ".mypy_cache"), module, cwd=scratch)


def _append(path: Path, code: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + code + "\n", encoding="utf-8")


def test_mypy_fails_on_a_type_error_in_a_strict_module(scratch: Path) -> None:
    assert _mypy(scratch, STRICT_MODULE).returncode == 0

    _append(scratch / STRICT_MODULE, 'def broken() -> int:\n    """Not an int."""\n    return "one"')
    result = _mypy(scratch, STRICT_MODULE)

    assert result.returncode == 1, result.stdout
    assert "changes.py" in result.stdout and "[return-value]" in result.stdout


def test_strict_modules_refuse_untyped_code_and_others_do_not(scratch: Path) -> None:
    untyped = 'def untyped(value):\n    """No annotations."""\n    return value'
    for module in (STRICT_MODULE, NORMAL_MODULE):
        _append(scratch / module, untyped)

    strict, normal = _mypy(scratch, STRICT_MODULE), _mypy(scratch, NORMAL_MODULE)

    assert strict.returncode == 1 and "[no-untyped-def]" in strict.stdout, strict.stdout
    assert normal.returncode == 0, normal.stdout


def test_ruff_fails_on_an_unexplained_blind_except_and_an_unused_import(scratch: Path) -> None:
    target = scratch / STRICT_MODULE
    assert _run("ruff", "check", "--no-cache", STRICT_MODULE, cwd=scratch).returncode == 0

    _append(target, "import os\n\n\ndef swallow() -> None:\n"
                    '    """Hides every error."""\n    try:\n        print()\n    except Exception:\n        pass')
    result = _run("ruff", "check", "--no-cache", "--output-format", "concise", STRICT_MODULE, cwd=scratch)

    assert result.returncode == 1, result.stdout
    assert "BLE001" in result.stdout and "F401" in result.stdout


def test_ruff_accepts_a_blind_except_that_says_why(scratch: Path) -> None:
    _append(scratch / STRICT_MODULE, "def report() -> None:\n"
                                     '    """Reports every error."""\n    try:\n        print()\n'
                                     "    except Exception:  # noqa: BLE001 - the crash dialog shows it\n"
                                     "        raise")

    result = _run("ruff", "check", "--no-cache", STRICT_MODULE, cwd=scratch)

    assert result.returncode == 0, result.stdout


def test_scripts_test_runs_both_before_pytest_and_stops_on_failure() -> None:
    script = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    lines = [line.strip() for line in script.splitlines()]

    assert "set -euo pipefail" in lines
    ruff = lines.index(".venv/bin/ruff check studyguide tests benchmarks scripts")
    mypy = lines.index(".venv/bin/mypy studyguide")
    pytest_line = next(i for i, line in enumerate(lines) if line.startswith("exec .venv/bin/python -m pytest"))
    assert ruff < pytest_line and mypy < pytest_line
