"""Every write the UI can ask of the core returns ``Changes`` (never a bare path or None).

The public methods of ``Library``, ``ReviewService`` and ``Authoring`` are listed from the classes
themselves: each is either a known read (listed below) or a write annotated ``-> Changes`` (an
authoring write returns ``Added``: its ``Changes`` and the ids it made). A new method must be one
or the other, so a write cannot slip out of the operation runner's change flow unnoticed.
"""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from studyguide.authoring import Authoring
from studyguide.authoring_events import Added
from studyguide.domain.changes import Changes
from studyguide.library import Library
from studyguide.review.service import ReviewService

#: Methods that only read (or open and close), by class.
READS = {
    Library: {"guides", "content", "start_review", "card", "due_counts", "due_today", "section_due_counts",
              "stats", "backups", "suspended_cards", "idle", "close", "guides_folder", "is_user_guide",
              "read_file", "export_guide", "card_edits", "load_guide", "media", "study_history",
              # the services, built when first used (properties), and the start-up's check of the progress file
              "review", "statistics", "ranking", "search", "cards", "check_progress", "progress_checked",
              "replay_ahead",  # (a package's history replayed, nothing written: install_guide takes it)
              "copy_id", "newest_kept"},  # (a free id for "Keep Both"; a replaced guide's copy: looked up)
    ReviewService: {"settings", "reload", "reload_settings", "suspended", "as_edited", "new_limit_today", "start",
                    "due_counts", "changed_elsewhere", "new_allowance", "studyable", "start_custom",
                    "start_when_drills", "start_order_drills", "sections_to_reread", "section_lapses", "exam_goal",
                    "exam_plan", "exam_recall", "exam_report", "parameters_for", "guide_parameters", "drill_counts",
                    "optimize", "begin", "first_screens", "read_new_ahead"},
    # run/undo/redo drive the history; add_media stores a file by its content and is no step of its own
    # (the edit that inserts its reference is: an undone edit leaves the file unreferenced).
    Authoring: {"close", "counts", "card_type_of", "notes", "note_as_read", "section_tags", "run", "undo", "redo",
                "add_media"},
}
#: What a write of each class returns: ``Changes``, or a value that carries them.
RETURNS = {Library: {"Changes", Changes, "StreamedImport", "tuple[Changes, Path]"},  # (swap_kept: and the way back)
           ReviewService: {"Changes", Changes},
           Authoring: {"Added", Added}}
#: The authoring writes of issue 14's list, each of which must be a write returning its Changes.
AUTHORING_WRITES = {"new_guide", "make_editable_copy", "add_section", "edit_section", "rename_section",
                    "delete_section", "move_section", "add_card", "edit_card", "delete_card", "add_event",
                    "edit_event", "delete_event", "edit_cards", "delete_cards"}


def _public_methods(cls: type) -> list[str]:
    return sorted(name for name, _ in inspect.getmembers(cls) if not name.startswith("_"))


def _returns(cls: type, name: str) -> object:
    member = inspect.getattr_static(cls, name)
    return inspect.signature(member.fget if isinstance(member, property) else getattr(cls, name)).return_annotation


@pytest.mark.parametrize("cls", list(READS), ids=lambda cls: cls.__name__)
def test_every_public_write_returns_changes(cls: type) -> None:
    writes = [name for name in _public_methods(cls) if name not in READS[cls]]
    assert writes, "no write methods found: the list of reads is wrong"
    wrong = {name: _returns(cls, name) for name in writes if _returns(cls, name) not in RETURNS[cls]}
    assert not wrong, f"these write methods of {cls.__name__} do not return Changes: {wrong}"


def test_the_reads_listed_exist() -> None:
    for cls, names in READS.items():
        assert names <= set(_public_methods(cls)), cls


def test_an_authoring_write_carries_its_changes() -> None:
    assert dataclasses.fields(Added)[0].name == "changes" and dataclasses.fields(Added)[0].type in ("Changes", Changes)
    writes = {name for name in _public_methods(Authoring) if name not in READS[Authoring]}
    assert writes == AUTHORING_WRITES
