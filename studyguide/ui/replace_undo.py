"""Edit > Undo Import after an import that replaced a guide: the guide as it was comes back.

A replace always kept the old guide in the library's trash folder (its database and media), and said
so, but nothing brought it back: Edit > Undo Import was missing after a Replace, where it removed
any other import. Undo now swaps the two: the imported guide goes to the trash and the old one
returns; Redo swaps them again. Progress is keyed by card id and was never touched by either, so
each card has its reviews in both directions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studyguide.operations import Done, Op
from studyguide.ui.services import GuideManagement


def swap_op(library: GuideManagement, guide_id: str, title: str, kept: Path, show: Callable[[str], None],
            *, undoing: bool = True) -> Op:
    """The step that puts ``kept`` (a copy in the trash) in the place of the guide ``guide_id``, whose
    Done carries the step back (``undoing``: this takes back the import; else it redoes it)."""
    def apply(result: tuple[object, Path]) -> Done:
        _changes, now_kept = result
        show(guide_id)
        return Done(library.reload_guides(), undo=swap_op(library, guide_id, title, now_kept, show,
                                                          undoing=not undoing),
                    message=f"{title}: the guide as it was before the import is back." if undoing
                    else f"{title}: the imported guide is back.")

    return Op("Import", apply, work=lambda _ctx: library.swap_kept(guide_id, kept),
              progress=f"Putting back {title}\u2026")
