"""Architecture rules checked on the source: file size, docstrings, no Qt below the UI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent.parent / "studyguide"
MAX_LINES = 400
SOURCES = sorted(PACKAGE.rglob("*.py"))
#: Packages and modules that must run without Qt (cli may start the GUI only through app).
QT_FREE = ["domain", "store", "review", "search", "guides", "library.py", "cli.py", "paths.py"]
QT_MODULES = {"PySide6", "shiboken6"}


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def _qt_free_sources() -> list[Path]:
    found = []
    for entry in QT_FREE:
        target = PACKAGE / entry
        found += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    return found


def _imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
            names |= {
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            }
    return names


def test_the_package_has_sources() -> None:
    assert len(SOURCES) > 20
    assert all(path.is_file() for path in _qt_free_sources())


@pytest.mark.parametrize("path", SOURCES, ids=_name)
def test_file_is_at_most_400_lines(path: Path) -> None:
    count = len(path.read_text(encoding="utf-8").splitlines())

    assert count <= MAX_LINES, f"{_name(path)} has {count} lines; split it (limit {MAX_LINES})"


@pytest.mark.parametrize("path", SOURCES, ids=_name)
def test_module_has_a_docstring(path: Path) -> None:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))

    assert docstring and docstring.strip(), f"{_name(path)} needs a one-line module docstring"


@pytest.mark.parametrize("path", _qt_free_sources(), ids=_name)
def test_module_does_not_import_qt(path: Path) -> None:
    imported = _imported_modules(ast.parse(path.read_text(encoding="utf-8")))

    offending = sorted(name for name in imported if name.split(".")[0] in QT_MODULES)
    assert not offending, (
        f"{_name(path)} imports {offending}; only studyguide.ui and app may use Qt"
    )


def test_qt_free_modules_do_not_import_the_ui() -> None:
    offending = {
        _name(path): sorted(
            name
            for name in _imported_modules(ast.parse(path.read_text(encoding="utf-8")))
            if name == "studyguide.ui" or name.startswith("studyguide.ui.")
        )
        for path in _qt_free_sources()
    }

    assert {name: found for name, found in offending.items() if found} == {}


def test_import_scan_sees_qt_imports() -> None:
    # Guard against a scan that silently finds nothing.
    tree = ast.parse(
        "import PySide6\nfrom PySide6.QtWidgets import QWidget\ndef f():\n    import shiboken6\n"
    )

    assert _imported_modules(tree) == {"PySide6", "PySide6.QtWidgets", "shiboken6"}
