"""Parts of the composition root (``app.py``) made after the window's first frame, or when first used:
the authoring service, the window's icon and the focus ring; and a lighter PySide check of each import."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from studyguide import paths

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from studyguide.library import Library


def read_each_module_once() -> None:
    """Answer PySide's question for each module imported from now on ("does it use PySide6?") from its file's bytes.

    PySide (``shibokensupport/feature.py``, for ``from __feature__ import ...``) asks it of every module
    imported once PySide is loaded, through ``inspect.getsource``: the file is decoded line by line into
    ``linecache``, kept there for the process's life (about 1.5% of the instructions to the usable window,
    most of a hundred modules read so). The same answer comes from one read of the file; a module without
    a ``.py`` file (or one that cannot be read) is still asked PySide's way.
    """
    feature = sys.modules.get("shibokensupport.feature")
    asked = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or asked is None or getattr(asked, "__module__", None) == __name__:
        return  # another PySide (nothing to lighten), or lightened already

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass  # asked PySide's way
        return bool(asked(module))

    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]  # (PySide's own module)


def install_focus_ring(app: QApplication) -> QObject:
    """A 2 px ring around the control with the keyboard focus, whatever the style or theme (``ui/focus_ring``)."""
    from studyguide.ui.focus_ring import FocusRing

    return FocusRing(app)


#: How often the app checks whether a cycle collection is due (on the main thread: ``collector.py``).
COLLECT_EVERY_MS = 1000
_COLLECTOR_TIMER = "studyguide-cycle-collector"


def collect_on_the_main_thread(app: QApplication) -> QObject:
    """Collect reference cycles on the main thread only, from now on (``cli.main`` turned collection off for
    the start): a collection on a task runner's thread could destroy a Qt object there (``collector.py``).
    One timer per application, however often this is called (the tests start the app many times)."""
    from PySide6.QtCore import QTimer

    from studyguide import collector

    collector.collect_on_main_thread_only()
    timer = app.findChild(QTimer, _COLLECTOR_TIMER)
    if timer is None:
        timer = QTimer(app)
        timer.setObjectName(_COLLECTOR_TIMER)
        timer.timeout.connect(collector.collect_when_due)
        timer.start(COLLECT_EVERY_MS)
    return timer


def set_window_icon(app: QApplication) -> None:
    """The app's icon, for every window (the title bar, the task bar)."""
    from PySide6.QtGui import QIcon

    if paths.icon_path().is_file():
        app.setWindowIcon(QIcon(str(paths.icon_path())))


class LazyAuthoring:
    """``authoring.Authoring``, made (and its modules imported: tantivy, the guide writer) when first used.

    The usable frame shows the Sections view's Edit button, which needs the service object but none
    of its work; its modules are about a fifth of the library's imports.
    """

    def __init__(self, library: Library) -> None:
        self.__dict__.update(_library=library, _made=None, runner=None)

    def _authoring(self) -> Any:
        if self._made is None:
            from studyguide.authoring import Authoring

            self.__dict__["_made"] = made = Authoring(library=self._library)
            made.runner = self.runner
        return self._made

    def close(self) -> None:
        """Close the service's writers, if it was ever made (else there is nothing to close)."""
        if self._made is not None:
            self._made.close()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._authoring(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        self.__dict__[name] = value
        if name == "runner" and self._made is not None:
            self._made.runner = value
