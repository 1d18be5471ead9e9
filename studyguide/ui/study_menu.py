"""The Review menu's study entries: Custom Study… and Exam Date…, and the timeline's mastery source."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

from studyguide.ui.custom_study import CustomStudyActions
from studyguide.ui.exam import ExamActions
from studyguide.ui.reread import passage_of

if TYPE_CHECKING:
    from studyguide.ui.flashcards import FlashcardsView
    from studyguide.ui.operations import OperationRunner
    from studyguide.ui.sections import SectionsView
    from studyguide.ui.services import LibraryServices
    from studyguide.ui.timeline import TimelineView


def study_actions(*, library: LibraryServices, flashcards: FlashcardsView, timeline: TimelineView,
                  operations: OperationRunner, guide_id: Callable[[], str], window: QWidget,
                  menu: QMenu, sections: SectionsView) -> tuple[CustomStudyActions, ExamActions]:
    """Put Custom Study… and Exam Date… in ``menu``, give the timeline its exam's predicted recall,
    and open the reader at a card's passage for the reviewer's "Re-read <section>"."""
    custom = CustomStudyActions(library=library, view=flashcards, guide_id=guide_id)
    custom.add_to(menu)
    flashcards.end_actions.custom_requested.connect(custom.ask)  # the end screen's offer
    exam = ExamActions(library=library, guide_id=guide_id, operations=operations, parent=window, status=sections.exam)
    exam.add_to(menu)
    timeline.mastery.follow(sections.exam)
    flashcards.reread_requested.connect(lambda section_id, card_id: sections.expect_passage(
        section_id, passage_of(library, guide_id(), section_id, card_id)))
    return custom, exam
