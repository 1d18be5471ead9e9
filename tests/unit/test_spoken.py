"""What a screen reader says: intervals in words, rating names and results, charts and hits as sentences."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.spoken import (
    forecast_summary,
    heatmap_summary,
    hit_sentence,
    mastery_count,
    mastery_summary,
    rating_name,
    rating_result,
    retention_summary,
    spoken_interval,
)
from studyguide.domain.stats import DayCount, SectionMastery, WeekRetention

SPOKEN = re.compile(r"less than a minute|1 (minute|hour|day|month|year)|[\d.,]+ (minute|hour|day|month|year)s")


def test_intervals_are_said_in_words_as_the_buttons_round_them():
    assert spoken_interval(timedelta(seconds=30)) == "less than a minute"
    assert spoken_interval(timedelta(minutes=1)) == "1 minute"
    assert spoken_interval(timedelta(minutes=10)) == "10 minutes"
    assert spoken_interval(timedelta(hours=3)) == "3 hours"
    assert spoken_interval(timedelta(days=3)) == "3 days"
    assert spoken_interval(timedelta(days=60)) == "2 months"
    assert spoken_interval(timedelta(days=365)) == "1 year"
    assert spoken_interval(timedelta(days=548)) == "1.5 years"


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=36500)))
def test_every_interval_reads_as_words(delta):
    assert SPOKEN.fullmatch(spoken_interval(delta))


def test_a_rating_button_reads_good_3_days_and_its_result_next_in_3_days():
    assert rating_name("Good", timedelta(days=3)) == "Good, 3 days"
    assert rating_name("Good", None) == "Good"
    assert rating_result("Good", timedelta(days=3)) == "Good \u2014 next in 3 days"


def test_the_heatmap_is_summed_up_with_its_busiest_day():
    days = [DayCount(date(2026, 3, 1), 0), DayCount(date(2026, 3, 2), 4), DayCount(date(2026, 3, 3), 9)]
    assert heatmap_summary(days) == ("13 answers on 2 days of the last 3; the busiest was March 3, 2026, "
                                     "with 9 answers.")
    assert heatmap_summary(days[:1]) == "No answers in the last 1 day."
    assert heatmap_summary([]) == "No figures yet."


def test_the_forecast_says_today_and_its_busiest_day():
    days = [DayCount(date(2026, 3, 2), 3), DayCount(date(2026, 3, 3), 7), DayCount(date(2026, 3, 4), 1)]
    assert forecast_summary(days) == "11 cards due in the next 3 days, 3 of them today; the most, 7, on March 3."
    assert forecast_summary([DayCount(date(2026, 3, 2), 5)]).endswith("the most, 5, today.")
    assert forecast_summary([DayCount(date(2026, 3, 2), 0)]) == "Nothing falls due in the next 1 day."


def test_retention_and_mastery_read_as_sentences():
    weeks = [WeekRetention("2026-09", 8, 10), WeekRetention("2026-10", 9, 10)]
    assert retention_summary(weeks) == ("Over 2 weeks, 85% of 20 answers to cards in review were remembered; "
                                        "in the latest week, 90% of 10.")
    assert retention_summary([]) == "No reviewed cards have come due yet."
    rows = [SectionMastery("a", "Cuba", 10, 4, 1), SectionMastery("b", "Berlin", 1, 0, 0)]
    assert mastery_summary(rows) == "Cuba: 1 of 10 cards mastered, 4 seen; Berlin: 0 of 1 card mastered, 0 seen."


def test_a_section_without_cards_says_so_rather_than_0_of_0():
    rows = [SectionMastery("a", "Cuba", 10, 4, 1), SectionMastery("b", "Sources", 0, 0, 0)]
    assert mastery_summary(rows) == "Cuba: 1 of 10 cards mastered, 4 seen; Sources: no cards."
    assert [mastery_count(row) for row in rows] == ["1/10 mastered", "no cards"]


def test_a_hit_reads_as_its_kind_then_its_words():
    assert hit_sentence("card", "Where was the treaty signed?", "In Paris.", "A Tiny Guide") == (
        "Card: Where was the treaty signed? Answer: In Paris. In A Tiny Guide.")
    assert hit_sentence("event", "Vienna summit", "") == "Event: Vienna summit."
    assert hit_sentence("section", "Black Saturday", "The U-2 was shot down") == (
        "Section: Black Saturday. The U-2 was shot down")
