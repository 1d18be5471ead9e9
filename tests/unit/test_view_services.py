"""Views get typed, narrow services: each view's ``library`` parameter is typed with its own Protocol
from ``ui/services.py`` (never the whole ``LibraryServices``, which only the main window holds), no
module of ``ui/`` imports the library, the stores or the concrete services, and no view dispatches
on ``Changes`` with ``getattr``."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from studyguide.ui import services

UI = Path(services.__file__).resolve().parent
MODULES = sorted(p for p in UI.rglob("*.py") if p.name != "__init__.py")
#: The narrow Protocols a view may be typed with (every Protocol of ui/services.py but the whole library).
NARROW = {name for name, value in vars(services).items()
          if inspect.isclass(value) and getattr(value, "_is_protocol", False) and name != "LibraryServices"}
#: Modules whose importing would hand a view the core's concrete classes (and their stores).
CONCRETE = ("studyguide.library", "studyguide.store", "studyguide.authoring", "studyguide.authoring_events",
            "studyguide.review.service", "studyguide.review.session", "studyguide.review.stats",
            "studyguide.search.engine", "studyguide.api", "studyguide.cli", "studyguide.app")


def _name(path: Path) -> str:
    return str(path.relative_to(UI.parent.parent))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _library_parameters(tree: ast.Module) -> list[tuple[str, ast.arg]]:
    """(class name, the ``library`` argument) of each class's ``__init__`` that takes one."""
    found = []
    for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
        for init in (n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"):
            for arg in init.args.args + init.args.kwonlyargs:
                if arg.arg == "library":
                    found.append((cls.name, arg))
    return found


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_each_view_is_typed_with_a_narrow_service(path: Path) -> None:
    for cls, arg in _library_parameters(_tree(path)):
        annotation = ast.unparse(arg.annotation) if arg.annotation is not None else None
        if path.name == "main_window.py":
            assert annotation == "LibraryServices | None", (cls, annotation)  # the one place holding it whole
            continue
        assert annotation is not None and annotation.split(".")[-1] in NARROW, (
            f"{cls}(library: {annotation}) in {_name(path)}: type it with a narrow Protocol of ui/services.py")


def test_the_check_finds_the_views_it_checks() -> None:
    views = {cls for path in MODULES for cls, _ in _library_parameters(_tree(path))}
    assert {"SectionsView", "FlashcardsView", "TimelineView", "SearchView", "StatsView", "GuideActions",
            "ReviewActions", "MainWindow"} <= views


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_ui_module_imports_the_library_or_the_stores(path: Path) -> None:
    imported = set()
    for node in ast.walk(_tree(path)):  # type-checking imports too
        if isinstance(node, ast.ImportFrom) and node.module:
            imported |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
    wrong = sorted(name for name in imported for banned in CONCRETE if name == banned or name.startswith(banned + "."))
    assert wrong == [], f"{_name(path)} imports {wrong}: take a service typed by ui/services.py instead"


def _getattr_on_changes(tree: ast.Module) -> list[int]:
    """Lines with ``getattr`` inside an ``on_changes``/``apply_changes``, or on a ``changes`` value."""
    lines = []
    for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        dispatching = func.name in ("on_changes", "apply_changes")
        for call in (n for n in ast.walk(func) if isinstance(n, ast.Call)):
            if isinstance(call.func, ast.Name) and call.func.id in ("getattr", "hasattr"):
                first = call.args[0] if call.args else None
                on_changes = isinstance(first, ast.Name) and first.id in ("changes", "change")
                if dispatching or on_changes:
                    lines.append(call.lineno)
    return lines


def test_the_getattr_check_catches_dispatch_on_changes() -> None:
    written = ("def on_changes(self, changes, initiator):\n    getattr(self, 'on_' + changes.kind)()\n"
               "def redraw(changes):\n    return getattr(changes, 'content')\n")
    assert _getattr_on_changes(ast.parse(written)) == [2, 4]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_view_dispatches_on_changes_with_getattr(path: Path) -> None:
    assert _getattr_on_changes(_tree(path)) == [], f"{_name(path)}: read the fields of Changes explicitly"
