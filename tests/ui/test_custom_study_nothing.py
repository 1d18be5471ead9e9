"""A custom study session that finds no card says why, not "All caught up … New cards arrive each day".

A student who crams the cards forgotten today (none yet), a tag no card has, or the least likely
recalled before answering any, was told "No cards are waiting. New cards arrive each day, up to your
daily limit.", which is about the daily schedule, not the choice made."""

from __future__ import annotations

import pytest

from studyguide.domain.custom_study import CustomKind, CustomStudy


@pytest.mark.parametrize(("study", "said"), [
    (CustomStudy(CustomKind.FORGOTTEN), "No card was answered Again today."),
    (CustomStudy(CustomKind.SCOPE, query="tag:cold-war", practice=True),
     "No card of this guide has the tag \u201ccold-war\u201d."),
    (CustomStudy(CustomKind.SCOPE, query="zzzz"), "No card of this guide matches \u201czzzz\u201d."),
    (CustomStudy(CustomKind.LOWEST, 20), "No card has been answered yet: the least likely recalled are chosen "
                                         "among the cards you have answered."),
    (CustomStudy(CustomKind.AHEAD, 1), "No studied card falls due in the next day."),
])
def test_an_empty_custom_session_says_why(qtbot, main_window, flashcards, study, said):
    main_window.custom_study.start("tiny", study)
    assert flashcards.front.text() == "Nothing to study here."
    back = "\u201cReview the whole guide\u201d goes back to your schedule."
    assert flashcards.back.text().splitlines() == [said, back]
    assert flashcards.whole_guide.isVisible()
    assert not flashcards.end_actions.isVisible()


def test_a_custom_session_with_cards_ends_as_before(qtbot, main_window, flashcards):
    main_window.custom_study.start("tiny", CustomStudy(CustomKind.SCOPE, section_id="first", practice=True))
    assert flashcards.session.current is not None
    assert flashcards.front.text() != "Nothing to study here."
