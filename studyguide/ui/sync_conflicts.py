"""The sync's conflict picker: a change two devices made to the same card offline, every version shown,
the learner picks one (docs/sync.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studyguide.domain.journal import FieldConflict
from studyguide.domain.journal_content import CONTENT_FIELDS, describe, said

#: What each learner field is called in the picker.
FIELD_NAMES = {"front": "its question", "back": "its answer", "suspended": "whether it is suspended",
               "desired_retention": "desired retention", "new_per_day": "new cards per day",
               "fsrs_parameters": "FSRS parameters"}


def version_text(field: str, device: str, value: str | int | None, at: str) -> str:
    """One version as its radio button says it: where, when, what."""
    when = at[:16].replace("T", " ")
    if field in CONTENT_FIELDS:
        assert value is None or isinstance(value, str)
        shown = describe(field, value)
    elif field == "suspended":
        shown = "suspended" if value else "not suspended"
    elif value is None:
        shown = "the guide's own wording" if field in ("front", "back") else "the default"
    else:
        text = " ".join(str(value).split())
        shown = f"\u201c{text[:70]}{'…' if len(text) > 70 else ''}\u201d"  # the whole text is its tooltip
    return f"{device}, {when}:\n{shown}"


#: A guide's title (card id ""), or a card's front, by ids; None when this library has no such thing.
Names = Callable[[str, str], "str | None"]


def _quoted(text: str, most: int = 50) -> str:
    text = " ".join(text.split())
    return f"\u201c{text[:most]}{'…' if len(text) > most else ''}\u201d"


def _item_name(value: str | int | None) -> str:
    """What a version of a section, card or event is called (its title, or its front)."""
    content = said(value) if isinstance(value, str) else None
    return str(content.get("title") or content.get("front") or "") if isinstance(content, dict) else ""


def title(conflict: FieldConflict, names: Names | None = None) -> str:
    """What a conflict is about, as its box says it: the guide and the item by their titles (ids, which a
    learner never sees, only where this library cannot name them)."""
    guide = names(conflict.guide_id, "") if names is not None else None
    guide_name = _quoted(guide) if guide else conflict.guide_id
    if conflict.field in CONTENT_FIELDS:
        kind = {"guide": "The title", "order": "The order of the sections"}.get(conflict.field)
        if kind is not None:
            return f"{kind} of your guide {guide_name}"
        item = next((name for _device, value, _at in conflict.versions if (name := _item_name(value))), "")
        noun = "Card" if conflict.field == "note" else conflict.field.capitalize()
        return f"{noun} {_quoted(item) if item else conflict.card_id} of your guide {guide_name}"
    if not conflict.card_id:
        return f"Review settings: {FIELD_NAMES[conflict.field]}"
    front = names(conflict.guide_id, conflict.card_id) if names is not None else None
    return f"Card {_quoted(front) if front else conflict.card_id} ({guide_name}): {FIELD_NAMES[conflict.field]}"


class ConflictDialog(QDialog):
    """Every conflict, each with its versions as radio buttons (the first preselected); ``picks()``
    gives the choices once accepted. ``names``: the titles of guides and the fronts of cards, by id."""

    def __init__(self, *, conflicts: Sequence[FieldConflict], names: Names | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changes Made on Two Devices")
        self._conflicts = list(conflicts)
        intro = QLabel("These were changed on two devices before they synced. Both versions are kept "
                       "until you pick one; your pick goes to your other devices with the next sync.")
        intro.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        self._groups: list[QButtonGroup] = []
        for conflict in self._conflicts:
            box = QGroupBox(title(conflict, names))
            inner = QVBoxLayout(box)
            group = QButtonGroup(box)
            for index, (device, value, at) in enumerate(conflict.versions):
                button = QRadioButton(version_text(conflict.field, device, value, at))
                button.setToolTip("" if value is None else str(value) if conflict.field not in CONTENT_FIELDS
                                  else json.dumps(said(str(value)), ensure_ascii=False, indent=1))
                button.setChecked(index == 0)
                group.addButton(button, index)
                inner.addWidget(button)
            self._groups.append(group)
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Use These")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def choose(self, conflict: int, version: int) -> None:
        """Select ``version`` of ``conflict`` (as a click on its radio button does)."""
        button = self._groups[conflict].button(version)
        button.setChecked(True)

    def picks(self) -> list[tuple[FieldConflict, int]]:
        """Each conflict with the version chosen."""
        return [(c, g.checkedId()) for c, g in zip(self._conflicts, self._groups, strict=True)]
