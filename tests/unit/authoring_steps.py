"""A guide being written step by step, for the hypothesis tests that check the ranking index after any
edits (``test_authoring_index.py``: against a rebuild; ``test_ranking_overlay.py``: with edits pending)."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from studyguide.authoring import Authoring, AuthoringError
from studyguide.guides.build import build_from_source
from studyguide.library import Library

#: One step: (kind, argument, first text, second text), as the tests' strategies draw them.
Step = tuple[str, object, str, str]


@contextlib.contextmanager
def guide_being_written(title: str) -> Iterator[tuple[Library, Authoring, str, str]]:
    """A fresh library with a new guide of one section: (library, authoring, guide id, section id)."""
    with tempfile.TemporaryDirectory() as tmp:
        build_from_source(Path(__file__).parent.parent / "data" / "tiny-guide.md", Path(tmp) / "bundled.sqlite")
        library = Library(home=Path(tmp) / "lib", bundled_guide=Path(tmp) / "bundled.sqlite",
                          clock=lambda: datetime.now(timezone.utc))
        authoring = Authoring(library=library)
        try:
            guide = authoring.new_guide(title).ids[0]
            section = authoring.add_section(guide, "Start", "Cuba").ids[0]
            authoring.history.clear()  # the steps are undone, not the guide itself
            yield library, authoring, guide, section
        finally:
            authoring.close()
            library.close()


def take_step(library: Library, authoring: Authoring, guide: str, section: str, step: Step) -> None:
    """Add, edit or delete a card, rename the section, add an event, undo or redo."""
    kind, arg, first, second = step
    cards = [c.id for c in library.content(guide).cards()]
    if kind == "add":
        front = f"{{{{c1::{first}}}}} {second}" if arg == "cloze" else first
        authoring.add_card(guide, section, front, second, str(arg))
    elif kind in ("edit", "delete") and cards:
        card = cards[int(str(arg)) % len(cards)]
        if kind == "delete":
            authoring.delete_card(guide, card)
        else:
            with contextlib.suppress(AuthoringError):  # a cloze left without a deletion is refused
                authoring.edit_card(guide, card, front=first, back=second)
    elif kind == "rename":
        authoring.rename_section(guide, section, first)
    elif kind == "event":
        authoring.add_event(guide, section, first, second)
    elif kind == "undo":
        authoring.undo()
    elif kind == "redo":
        authoring.redo()
