"""The rules deciding what the frozen app leaves out (packaging/slim.py), checked without building."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]


def _load_slim():
    spec = importlib.util.spec_from_file_location("slim", ROOT / "packaging" / "slim.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


slim = _load_slim()
PLUGINS = "PySide6/Qt/plugins"


@pytest.mark.parametrize("dest", [
    f"{PLUGINS}/platforms/libqxcb.so",
    f"{PLUGINS}/platforms/libqoffscreen.so",
    f"{PLUGINS}/platforms/libqwayland.so",
    f"{PLUGINS}/platforms/libqwayland-egl.so",
    f"{PLUGINS}/wayland-shell-integration/libxdg-shell.so",
    f"{PLUGINS}/platforminputcontexts/libibusplatforminputcontextplugin.so",
    f"{PLUGINS}/platformthemes/libqxdgdesktopportal.so",
    f"{PLUGINS}/iconengines/libqsvgicon.so",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
    f"{PLUGINS}/platforms/libqcocoa.dylib",
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6DBus.so.6",
    "PySide6/Qt/lib/libQt6Svg.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/lib/libicudata.so.73",
    "PySide6/Qt6Widgets.dll",
    "resources/guides/cuban-missile-crisis/guide.md",
    "db/default-guide.sqlite",
])
def test_what_the_app_needs_is_kept(dest: str) -> None:
    assert slim.keep(dest)


@pytest.mark.parametrize("dest", [
    f"{PLUGINS}/platforms/libqeglfs.so",
    f"{PLUGINS}/platforms/libqvnc.so",
    f"{PLUGINS}/platformthemes/libqgtk3.so",
    f"{PLUGINS}/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    f"{PLUGINS}/imageformats/libqjpeg.so",
    f"{PLUGINS}/sqldrivers/libqsqlite.so",
    f"{PLUGINS}/wayland-shell-integration/libivi-shell.so",
    f"{PLUGINS}/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6\\translations\\qtbase_fr.qm",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6QmlModels.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt6Network.dll",
    "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
])
def test_what_the_app_never_loads_is_dropped(dest: str) -> None:
    assert not slim.keep(dest)


def test_slim_filters_a_toc() -> None:
    toc = [(f"{PLUGINS}/platforms/libqxcb.so", "/src/a", "BINARY"),
           (f"{PLUGINS}/platforms/libqvnc.so", "/src/b", "BINARY")]
    assert slim.slim(toc) == toc[:1]


def test_prune_orphans_keeps_what_roots_need_and_drops_the_rest() -> None:
    needs = {
        "/src/libqxcb.so": [("libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6")],
        "/src/libQt6XcbQpa.so.6": [("libxcb-icccm.so.4", "/sys/libxcb-icccm.so.4"), ("libc.so.6", "/lib/libc.so.6")],
        "/src/QtCore.so": [("libQt6Core.so.6", "/src/libQt6Core.so.6")],
    }
    binaries = [
        (f"{PLUGINS}/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("PySide6/QtCore.abi3.so", "/src/QtCore.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("libxcb-icccm.so.4", "/sys/libxcb-icccm.so.4", "BINARY"),
        ("libcairo.so.2", "/sys/libcairo.so.2", "BINARY"),  # only the dropped GTK theme loads it
        ("libpython3.11.so.1.0", "/sys/libpython3.11.so.1.0", "BINARY"),
    ]
    datas = [("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
             ("libcairo.so", "libcairo.so.2", "SYMLINK"),
             ("db/default-guide.sqlite", "/src/db", "DATA")]

    kept, kept_datas, dropped = slim.prune_orphans(binaries, datas, lambda source: needs.get(source, []))

    assert dropped == ["libcairo.so.2"]
    assert [dest for dest, _s, _k in kept] == [dest for dest, _s, _k in binaries if dest != "libcairo.so.2"]
    assert kept_datas == [datas[0], datas[2]]
