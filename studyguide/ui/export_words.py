"""What File > Export Guide… tells the learner: where the file went, and what that format leaves out.

Only a Markdown export holds a whole guide. A CSV file, Quizlet text and an Anki package hold the
cards (the package also names each card's section); the sections' reading text and the timeline's
events are not in them. It said only "Exported to …/guide.csv.", so a student who exported to CSV
to keep a copy of their notes learnt what was missing when they needed it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from studyguide.domain.guide import Event, Section
from studyguide.domain.stats import plural
from studyguide.ui.widgets.safe_text import message_box


def export_message(path: Path, fmt: str, *, media: bool, texts: int, events: int) -> str:
    """The status bar's message after an export.

    Args:
        path: The file written.
        fmt: ``md``, ``csv``, ``txt`` (Quizlet's text) or ``apkg``.
        media: A Markdown export wrote pictures or sounds into the ``media`` folder beside it.
        texts: How many sections have reading text.
        events: How many timeline events the guide has.
    """
    if fmt == "md":  # a Markdown guide's pictures go beside it: said, or they get left out
        return f"Exported to {path}" + ("; its pictures and sounds are in the media folder beside it: keep the "
                                        "two together." if media else ".")
    left = [what for what, count in (("the sections' text", texts), (plural(events, "timeline event"), events))
            if count]
    if not left:
        return f"Exported to {path}."
    # The file's name only: the folder was chosen a moment ago, and a long path cut the rest off at 900 px.
    return f"Exported the cards to {path.name}, without {' and '.join(left)} (a Markdown export keeps everything)."


class _Content(Protocol):
    def sections(self) -> list[Section]: ...
    def events(self) -> list[Event]: ...


def left_out(content: _Content) -> tuple[int, int]:
    """How many sections have reading text, and how many events the guide has (``export_message``'s)."""
    return sum(1 for section in content.sections() if section.body.strip()), len(content.events())


def ask_anki_history(parent: QWidget) -> bool | None:
    """Ask whether an Anki export includes the review history: True, False, or None (cancelled)."""
    box = message_box(parent, QMessageBox.Icon.Question, "Export to Anki",
                      "The guide's cards, tags, images and sounds go into the Anki package, a subdeck for each "
                      "section; the sections' text and the timeline's events do not (Anki has no place for them).",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.setObjectName("export-history")
    tick = QCheckBox("Include my review history and scheduling")
    tick.setToolTip("Every answer (Anki's review log) and each card's interval, due date and memory state")
    box.setCheckBox(tick)
    if box.exec() != QMessageBox.StandardButton.Ok:
        return None
    return tick.isChecked()
