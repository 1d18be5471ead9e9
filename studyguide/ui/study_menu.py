"""The Review menu's study entries: Custom Study… and Exam Date…, and the timeline's mastery source."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

from studyguide.ui.custom_study import CustomStudyActions
from studyguide.ui.exam import ExamActions

if TYPE_CHECKING:
    from studyguide.ui.exam_status import ExamStatus
    from studyguide.ui.flashcards import FlashcardsView
    from studyguide.ui.operations import OperationRunner
    from studyguide.ui.services import LibraryServices
    from studyguide.ui.timeline import TimelineView


def study_actions(*, library: LibraryServices, flashcards: FlashcardsView, timeline: TimelineView,
                  operations: OperationRunner, guide_id: Callable[[], str], window: QWidget,
                  menu: QMenu, exam_status: ExamStatus) -> tuple[CustomStudyActions, ExamActions]:
    """Put Custom Study… and Exam Date… in ``menu``, and give the timeline its exam's predicted recall."""
    custom = CustomStudyActions(library=library, view=flashcards, guide_id=guide_id)
    custom.add_to(menu)
    exam = ExamActions(library=library, guide_id=guide_id, operations=operations, parent=window, status=exam_status)
    exam.add_to(menu)
    timeline.mastery.follow(exam_status)
    return custom, exam
