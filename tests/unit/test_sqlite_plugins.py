"""No sqlite-utils database of the app looks for plugins: finding them reads every installed package's
entry points (``importlib.metadata``: about 10 ms of CPU, once a process, at the first database made
with them on, as every ``studyguide import`` did when it wrote its guide)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import studyguide

ROOT = Path(studyguide.__file__).parent


def _databases_made_with_plugins(source: str) -> list[int]:
    """Lines of ``source`` calling ``sqlite_utils.Database(...)`` without ``execute_plugins=False``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Database"
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "sqlite_utils"
                and not any(k.arg == "execute_plugins" and isinstance(k.value, ast.Constant) and k.value.value is False
                            for k in node.keywords)):
            found.append(node.lineno)
    return found


def test_the_scan_sees_a_database_made_with_plugins() -> None:
    assert _databases_made_with_plugins("import sqlite_utils\ndb = sqlite_utils.Database(path)\n") == [2]
    assert _databases_made_with_plugins("sqlite_utils.Database(p, execute_plugins=True)") == [1]
    assert _databases_made_with_plugins("sqlite_utils.Database(p, execute_plugins=False)") == []


def test_no_database_of_the_app_loads_plugins() -> None:
    found = {str(path.relative_to(ROOT)): lines for path in sorted(ROOT.rglob("*.py"))
             if (lines := _databases_made_with_plugins(path.read_text(encoding="utf-8")))}
    assert found == {}


def test_writing_a_guide_reads_no_entry_points(tmp_path: Path) -> None:
    """The writers an import goes through, in a fresh process: ``importlib.metadata`` is never loaded."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from studyguide.domain.guide import Guide, GuideInfo\n"
        "from studyguide.store.guide_meta import write_guide_database\n"
        "write_guide_database(Path(sys.argv[1]), Guide(info=GuideInfo(id='g', title='G')))\n"
        "assert 'importlib.metadata' not in sys.modules, 'entry points were read'\n"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "g.sqlite")], check=True, cwd=ROOT.parent)
