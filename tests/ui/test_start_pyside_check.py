"""PySide's check of each module imported (does it use PySide6?) reads the file once, not into ``linecache``.

PySide asks it of every module imported once it is loaded (for ``from __feature__ import ...``), through
``inspect.getsource``; the app answers it from the file's bytes (``app_parts.read_each_module_once``).
"""

from __future__ import annotations

import linecache
import sys

import PySide6.QtCore  # noqa: F401 (PySide's import hook and its feature module)

from studyguide.app_parts import read_each_module_once


def test_modules_imported_after_it_get_pyside_s_answer_without_their_lines_kept(tmp_path, monkeypatch):
    read_each_module_once()
    read_each_module_once()  # (twice: the second finds it done)
    feature = sys.modules["shibokensupport.feature"]
    uses, plain = f"uses_qt_{tmp_path.name}", f"plain_{tmp_path.name}"
    (tmp_path / f"{uses}.py").write_text("from PySide6.QtCore import QObject\n\nVALUE = QObject\n")
    (tmp_path / f"{plain}.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        __import__(uses)  # through the import statement's hook, as a module's own imports
        __import__(plain)
        assert feature.pyside_feature_dict[uses] == 0  # uses PySide: features switch for it
        assert feature.pyside_feature_dict[plain] == -1  # ignored
        assert not [name for name in linecache.cache if str(tmp_path) in name]  # read once, not kept
    finally:
        for name in (uses, plain):
            sys.modules.pop(name, None)
            feature.pyside_feature_dict.pop(name, None)


def test_a_module_without_a_source_file_is_asked_pyside_s_way():
    read_each_module_once()
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside(sys) is False  # built in: no file
    assert feature._mod_uses_pyside(PySide6.QtCore) is False  # an extension module (as PySide answers)
