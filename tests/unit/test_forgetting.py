"""Re-read what you keep forgetting: lapses counted per section over the last week."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.forgetting import LAPSES_TO_REREAD, reread_note, sections_to_reread
from studyguide.review.scheduler import Rating


def answer(session, card_id: str, rating: Rating) -> None:
    """Answer one given card now (brought to the front of the queue)."""
    assert session.bring_to_front(card_id)
    session.reveal()
    session.answer(rating)


def lapse_first_section_three_times(library, clock) -> None:
    """where-signed lapses twice and begins-with once (section "first"); who-wrote once ("second")."""
    session = library.start_review("tiny")
    for card_id in ("where-signed", "begins-with", "who-wrote"):
        answer(session, card_id, Rating.EASY)  # straight into review
    clock.advance(days=20)
    answer(session, "where-signed", Rating.AGAIN)
    answer(session, "where-signed", Rating.GOOD)  # relearned: in review again
    clock.advance(days=5)
    answer(session, "where-signed", Rating.AGAIN)
    answer(session, "begins-with", Rating.AGAIN)
    answer(session, "who-wrote", Rating.AGAIN)


def test_a_section_whose_cards_lapse_three_times_in_a_week_is_offered(library, clock):
    lapse_first_section_three_times(library, clock)
    assert library.review.sections_to_reread("tiny", library.content("tiny")) == {"first": 3}
    clock.advance(days=6)  # the first lapse is now more than a week old
    assert library.review.sections_to_reread("tiny", library.content("tiny")) == {}


def test_again_on_a_card_being_learned_is_no_lapse(library):
    session = library.start_review("tiny")
    for _ in range(4):
        answer(session, "where-signed", Rating.AGAIN)
    assert library.progress.lapses_since("tiny", library.clock().replace(year=2000)) == {}
    assert library.review.sections_to_reread("tiny", library.content("tiny")) == {}


@given(st.dictionaries(st.sampled_from(["a1", "a2", "b1", "gone"]), st.integers(1, 5)))
def test_lapses_add_up_per_section_from_the_threshold(lapses):
    section = {"a1": "a", "a2": "a", "b1": "b"}
    found = sections_to_reread(lapses, section.get)
    for section_id in ("a", "b"):
        total = sum(n for card_id, n in lapses.items() if section.get(card_id) == section_id)
        assert found.get(section_id, 0) == (total if total >= LAPSES_TO_REREAD else 0)


def test_the_note_says_how_often_and_over_what_time():
    assert reread_note(4) == "You forgot its cards 4 times in the last 7 days: re-reading the section may help."
