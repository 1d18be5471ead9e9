"""A card's sounds (``[sound:NAME]``): a play button each, and R (as in Anki) to play them again.

Sounds are played by handing the file to the system's player (``QDesktopServices.openUrl``
on the local file): in-app playback (QtMultimedia with its FFmpeg plugin, and the QtQuick,
QML, Network and OpenGL libraries the plugin links) would add about 40 MiB to the frozen
app and 12 MiB to the .deb (see README). Only a file of the card's own guide's media folder
is ever played (``GuideMedia.path``: plain stored names, no links, no other folder);
a reference to anything else shows no button and plays nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from studyguide.domain.media import SOUND_REFERENCE

#: Finds a sound's path in the guide's media folder (None for anything not there).
Finder = Callable[[str], "Path | None"]
_SPACES = re.compile(r"[ \t]{2,}")


def sound_names(text: str) -> list[str]:
    """The sounds ``text`` refers to, in order, once each."""
    return list(dict.fromkeys(m["name"] for m in SOUND_REFERENCE.finditer(text)))


def without_sounds(text: str) -> str:
    """``text`` without its ``[sound:NAME]`` references (the play buttons stand for them)."""
    return _SPACES.sub(" ", SOUND_REFERENCE.sub("", text)).strip()


def play_with_system(path: Path) -> None:
    """Open a local sound file in the system's player."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SoundButtons(QWidget):
    """A row of play buttons for the sounds of one face of a card."""

    def __init__(self, play: Callable[[Path], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._play = play
        self.paths: list[Path] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 4, 0, 4)
        self.hide()

    def show_paths(self, paths: list[Path]) -> None:
        """Offer these sound files (none: the row hides)."""
        if paths != self.paths:
            while (item := self._row.takeAt(0)) is not None:
                widget = item.widget()
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
            self._row.addStretch(1)
            for number, path in enumerate(paths, 1):
                button = QPushButton("\u25b6  Play sound" + (f" {number}" if len(paths) > 1 else "") + "  (R)")
                button.setAccessibleName(button.text().strip("\u25b6 "))
                button.setToolTip(f"Play {path.name} in your system's player (R plays the card's sounds again)")
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and Enter stay the reviewer's
                button.clicked.connect(lambda _=False, p=path: self._play(p))
                self._row.addWidget(button)
            self._row.addStretch(1)
            self.paths = paths
        self.setVisible(bool(paths))


class CardSounds:
    """The sounds of the card on screen: a row of buttons under the question and under the answer.

    Attributes:
        player: Plays one local file (the seam tests replace); the system's player by default.
        front, back: The rows, placed by the reviewer under each face.
    """

    def __init__(self) -> None:
        self.player: Callable[[Path], None] = play_with_system
        self.front = SoundButtons(lambda path: self.player(path))
        self.back = SoundButtons(lambda path: self.player(path))

    def show(self, front: str, back: str | None, find: Finder | None) -> None:
        """Offer the sounds of ``front`` and (when the answer shows) ``back`` that ``find`` locates in
        the guide's media folder; ``find`` None: none."""
        for row, text in ((self.front, front), (self.back, back or "")):
            found = [find(name) for name in sound_names(text)] if find is not None else []
            row.show_paths([path for path in found if path is not None])

    def replay(self) -> bool:
        """Play the sounds on screen, the question's then the answer's (R, as Anki does); False if none."""
        paths = self.front.paths + self.back.paths
        for path in paths:
            self.player(path)
        return bool(paths)
