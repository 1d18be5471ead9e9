"""The import contracts catch what they claim: each one fails when a scratch copy of the tree breaks it.

A contract that never fails proves nothing (a typo in a module name makes it vacuous),
so each test writes one violation into a copy of ``studyguide/`` and runs ``lint-imports``
there, and the untouched copy must pass.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture(scope="module")
def lint(tmp_path_factory: pytest.TempPathFactory):
    """Runs lint-imports on a copy of the tree with extra modules written into it."""
    if not LINT_IMPORTS.exists():
        pytest.skip("import-linter is not installed")

    def run(files: dict[str, str]) -> subprocess.CompletedProcess[str]:
        tree = tmp_path_factory.mktemp("tree")
        shutil.copytree(ROOT / "studyguide", tree / "studyguide",
                        ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
        for name, text in files.items():
            (tree / name).write_text(text, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(tree)}  # the copy, not the checkout, is analysed
        return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(tree / "pyproject.toml")],
                              cwd=tree, env=env, capture_output=True, text=True, timeout=120)

    return run


def broken(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout
    return result.stdout.split("Broken contracts", 1)[1]


def test_the_tree_as_it_is_keeps_every_contract(lint) -> None:
    result = lint({})
    assert result.returncode == 0, result.stdout


def test_a_view_importing_the_store_breaks_the_ui_contract(lint) -> None:
    report = broken(lint({"studyguide/ui/violation.py": "import studyguide.store.progress\n"}))
    assert "The UI never imports the store" in report


def test_a_view_reaching_the_store_through_a_service_breaks_it_too(lint) -> None:
    report = broken(lint({
        "studyguide/review/bridge.py": "import studyguide.store.progress\n",
        "studyguide/ui/violation.py": "import studyguide.review.bridge\n",
    }))
    assert "The UI never imports the store" in report
    assert "studyguide.review.bridge -> studyguide.store.progress" in report


def test_sqlite_outside_the_store_breaks_the_sqlite_contract(lint) -> None:
    report = broken(lint({"studyguide/guides/violation.py": "import sqlite3\n"}))
    assert "Only the store imports SQLite" in report
    report = broken(lint({"studyguide/review/violation.py": "import sqlite_utils\n"}))
    assert "Only the store imports SQLite" in report


def test_sqlite_in_search_breaks_the_sqlite_contract(lint) -> None:
    # search/ reads its index through studyguide.store.search_index, and may not run SQL itself.
    report = broken(lint({"studyguide/search/violation.py": "import sqlite3\n"}))
    assert "Only the store imports SQLite" in report
    assert "studyguide.search.violation -> sqlite3" in report
    report = broken(lint({"studyguide/search/violation.py": "from sqlite_utils import Database\n"}))
    assert "studyguide.search.violation -> sqlite_utils" in report


def test_the_domain_importing_the_app_breaks_the_domain_contract(lint) -> None:
    report = broken(lint({"studyguide/domain/violation.py": "import studyguide.review.scheduler\n"}))
    assert "The domain imports nothing else of the app" in report
    # Indirectly too: through a module outside any layer.
    report = broken(lint({"studyguide/domain/violation.py": "import studyguide.paths\n"}))
    assert "The domain imports nothing else of the app" in report
