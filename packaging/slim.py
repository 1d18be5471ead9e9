"""What a frozen StudyGuide leaves out: one rule set shared by build.spec and the bare-window spec.

PyInstaller's Qt hooks collect every plugin, translation and library a Qt
module might load. The app needs few of them; this module says which to keep,
so the app and the bare window it is measured against are slimmed alike.
Plain Python (no PyInstaller import), so the rules are unit-tested quickly.
"""

from __future__ import annotations

import re

#: Python and Qt modules the app never imports.
EXCLUDED_MODULES = [
    "PySide6.QtNetwork", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtQml",
    "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtConcurrent", "PySide6.QtDBus", "PySide6.QtDesigner",
    "PySide6.QtHelp", "PySide6.QtPrintSupport", "PySide6.QtUiTools", "PySide6.QtXml",
    "PySide6.QtSvgWidgets", "PySide6.QtMultimedia", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
    "PySide6.QtWebEngineCore", "PySide6.QtNetworkAuth", "PySide6.QtStateMachine",
    "PySide6.QtCharts", "PySide6.QtDataVisualization", "PySide6.Qt3DCore",
    "tkinter", "unittest", "pydoc", "doctest", "pytest", "hypothesis", "PIL", "numpy",
]

#: Qt plugins kept, by folder: file-name stems (without ``lib`` and suffix), or "*" for all.
KEPT_PLUGINS: dict[str, tuple[str, ...]] = {
    # X11, Wayland, Windows, macOS, and offscreen for the smoke test and CI.
    "platforms": ("qxcb", "qwayland", "qwindows", "qcocoa", "qoffscreen"),
    # Wayland needs its shell integration and window decorations to open a window at all.
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": ("*",),
    # Compose keys and IBus input methods (the virtual keyboard pulls QtQuick: left out).
    "platforminputcontexts": ("composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"),
    # Light/dark scheme and native file dialogs through the desktop portal.
    "platformthemes": ("qxdgdesktopportal",),
    # The native look on Windows (qmodernwindowsstyle) and macOS (qmacstyle).
    "styles": ("*",),
    # The window icon is an SVG: QIcon loads it through the SVG icon engine (QT_DEBUG_PLUGINS=1
    # shows it is the only image plugin the app loads; imageformats/ is left out).
    "iconengines": ("qsvgicon",),
}

#: Qt libraries only the dropped plugins and modules load.
DROPPED_QT_LIBRARIES = (
    "Qt6Network", "Qt6Pdf", "Qt6Qml", "Qt6Quick", "Qt6VirtualKeyboard", "Qt6OpenGL",
    "Qt6EglFSDeviceIntegration", "Qt6EglFsKmsSupport", "Qt6EglFsKmsGbmSupport",
    "Qt6WaylandCompositor", "Qt6WaylandEglClientHwIntegration", "Qt6WaylandEglCompositorHwIntegration",
    "Qt6Xml", "Qt6Sql", "Qt6PrintSupport", "Qt6Concurrent", "Qt6Test", "Qt6Designer",
    "Qt6Labs", "Qt6Lottie", "Qt6Help", "Qt6UiTools", "Qt6SvgWidgets",
)

_PLUGIN = re.compile(r"(?:^|/)PySide6/(?:Qt/)?plugins/([^/]+)/([^/]+)$")
_TRANSLATION = re.compile(r"(?:^|/)PySide6/(?:Qt/)?translations/")
_QT_LIBRARY = re.compile(r"(?:^|/)(?:lib)?(Qt6[A-Za-z0-9]+)(?:\.so[.0-9]*|\.dll|\.dylib)?$")
_QT_FRAMEWORK = re.compile(r"(?:^|/)Qt(?:Network|Pdf|Qml\w*|Quick\w*|VirtualKeyboard|OpenGL)\.framework/")


def _stem(filename: str) -> str:
    name = filename.split(".", 1)[0]
    return name[3:] if name.startswith("lib") else name


def keep(dest: str) -> bool:
    """Whether the file PyInstaller would put at ``dest`` (relative to the bundle) is needed."""
    dest = dest.replace("\\", "/")
    if _TRANSLATION.search(dest):
        return False
    plugin = _PLUGIN.search(dest)
    if plugin:
        folder, filename = plugin.groups()
        kept = KEPT_PLUGINS.get(folder, ())
        stem = _stem(filename)
        return "*" in kept or any(stem == name or stem.startswith(name + "-") for name in kept)
    library = _QT_LIBRARY.search(dest)
    if library and library.group(1).startswith(DROPPED_QT_LIBRARIES):
        return False
    return not _QT_FRAMEWORK.search(dest)


def slim(toc: list[tuple]) -> list[tuple]:
    """The entries of a PyInstaller TOC (``(dest, source, kind)`` tuples) worth shipping."""
    return [entry for entry in toc if keep(entry[0])]


def _name(dest: str) -> str:
    return dest.replace("\\", "/").rsplit("/", 1)[-1]


def _is_root(entry: tuple) -> bool:
    dest, _source, kind = entry
    return kind != "BINARY" or bool(_PLUGIN.search(dest.replace("\\", "/"))) or _name(dest).startswith("libpython")


def prune_orphans(binaries: list[tuple], datas: list[tuple], imports_of) -> tuple[list, list, list[str]]:
    """Drops shared libraries that no kept binary loads (they came in for dropped plugins).

    Args:
        binaries: a slimmed PyInstaller TOC of binaries.
        datas: the slimmed TOC of data files (it holds symlinks to libraries).
        imports_of: ``source path -> iterable of (library name, path)`` it links against
            (PyInstaller's ``bindepend.get_imports``).

    Returns:
        The kept binaries, the kept datas (less symlinks to dropped libraries) and the names
        dropped. Roots are Python extension modules, Qt plugins and libpython; a plain
        library stays only if a root needs it, directly or not.
    """
    libraries = {_name(e[0]): e for e in binaries if e[2] == "BINARY" and not _is_root(e)}
    reached: set[str] = set()
    todo = [entry for entry in binaries if _is_root(entry)]
    while todo:
        _dest, source, kind = todo.pop()
        if kind == "SYMLINK":
            continue
        for name, _path in imports_of(source):
            if name in libraries and name not in reached:
                reached.add(name)
                todo.append(libraries[name])
    dropped = sorted(set(libraries) - reached)

    def wanted(entry: tuple) -> bool:
        if entry[2] == "SYMLINK":  # a link to a dropped library would dangle
            return _name(entry[1]) not in dropped
        return entry[2] != "BINARY" or _is_root(entry) or _name(entry[0]) in reached

    return [e for e in binaries if wanted(e)], [e for e in datas if wanted(e)], dropped
