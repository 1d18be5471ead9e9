"""Stats: empty history, a year of history, forecast, retention and mastery."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def test_empty_history_gives_empty_but_complete_pictures(library):
    report = library.stats("tiny")
    assert len(report.calendar) == 365 and report.total_reviews == 0
    assert len(report.forecast) == 30 and sum(d.count for d in report.forecast) == 0
    assert report.retention == []
    assert [(m.section_id, m.cards, m.seen, m.mastered) for m in report.mastery] == [
        ("first", 2, 0, 0), ("second", 1, 0, 0), ("third", 0, 0, 0)]


def _state(due, stability: float) -> dict:
    return {"card_id": 1, "state": 2, "step": None, "stability": stability, "difficulty": 5.0,
            "due": due.isoformat(), "last_review": None}


def test_a_year_of_history(library, clock):
    """Two answers a day for a year (one forgotten every fourth day), then the pictures."""
    start = clock.now
    for offset in range(365, 0, -1):
        day = start - timedelta(days=offset - 1, hours=1)
        for card_id, rating in (("where-signed", 3), ("who-wrote", 1 if offset % 4 == 0 else 3)):
            library.progress.record_answer(
                guide_id="tiny", card_id=card_id, rating=rating, reviewed_at=day,
                new_state=_state(day + timedelta(days=offset % 40 + 1), 30.0 if card_id == "who-wrote" else 5.0),
                due=day + timedelta(days=offset % 40 + 1), previous_state=_state(day, 10.0),
            )
    report = library.stats("tiny")
    assert report.total_reviews == 730
    assert report.calendar[-1].day == start.astimezone().date()
    assert all(d.count == 2 for d in report.calendar)
    assert 0.80 < sum(w.passed for w in report.retention) / sum(w.total for w in report.retention) < 0.95
    assert all(0.0 <= w.rate <= 1.0 for w in report.retention) and len(report.retention) >= 26
    first, second = report.mastery[0], report.mastery[1]
    assert (first.seen, first.mastered) == (1, 0)  # where-signed: stability 5 days
    assert (second.seen, second.mastered) == (1, 1)  # who-wrote: stability 30 days
    assert sum(d.count for d in report.forecast) == 2


def test_plural_says_one_day_and_two_days():
    from studyguide.domain.stats import plural

    assert [plural(n, "day") for n in (0, 1, 2, 1000)] == ["0 days", "1 day", "2 days", "1,000 days"]
    assert plural(1, "studied card") == "1 studied card"


def test_due_today_matches_the_forecast_and_leaves_out_suspended_cards(library, clock):
    """The status bar's "by the end of today" is the forecast's first bar, overdue cards included."""
    from studyguide.store.card_edits import CardEditsStore

    for card_id, due in (("where-signed", clock.now - timedelta(days=3)),
                         ("who-wrote", clock.now + timedelta(minutes=1)),
                         ("begins-with", clock.now + timedelta(days=2))):
        library.progress.record_answer(guide_id="tiny", card_id=card_id, rating=3, reviewed_at=clock.now,
                                       new_state=_state(due, 5.0), due=due, previous_state=None)
    report = library.stats("tiny")
    assert library.due_today("tiny") == report.forecast[0].count == 2
    edits = CardEditsStore(db=library.progress.database, path=library.progress.path)
    edits.set_suspended("tiny", "who-wrote", suspended=True, now=clock.now)
    assert library.due_today("tiny") == library.stats("tiny").forecast[0].count == 1


_PLACES = st.sampled_from([None, (1, -5), (1, 5), (2, -60), (2, 60 * 24 * 3), (3, 0), (3, 30)])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(places=st.tuples(_PLACES, _PLACES, _PLACES), suspended=st.tuples(st.booleans(), st.booleans(), st.booleans()))
def test_section_counts_in_one_query_match_counting_card_by_card(tmp_path_factory, content_db, clock, places,
                                                                  suspended):
    """Per section: new (never studied), learning due and review due cards; suspended ones left out."""
    from studyguide.domain.review import DueCounts
    from studyguide.library import Library
    from studyguide.store.card_edits import CardEditsStore

    library = Library(home=tmp_path_factory.mktemp("lib"), bundled_guide=content_db, clock=clock,
                      enable_fuzzing=False)
    try:
        edits = CardEditsStore(db=library.progress.database, path=library.progress.path)
        cards = library.content("tiny").card_sections()
        expected: dict[str, list[int]] = {}
        for (card_id, section_id), place, is_suspended in zip(sorted(cards.items()), places, suspended, strict=True):
            if place is not None:
                phase, minutes = place
                due = clock.now + timedelta(minutes=minutes)
                library.progress.record_answer(guide_id="tiny", card_id=card_id, rating=3, reviewed_at=clock.now,
                                               new_state={**_state(due, 5.0), "state": phase}, due=due,
                                               previous_state=None)
            tally = expected.setdefault(section_id, [0, 0, 0])  # every section with cards has a row
            if is_suspended:
                edits.set_suspended("tiny", card_id, suspended=True, now=clock.now)
                continue
            if place is None:
                tally[0] += 1
            elif place[1] <= 0:
                tally[1 if place[0] in (1, 3) else 2] += 1
        assert library.section_due_counts("tiny") == {s: DueCounts(*t) for s, t in expected.items()}
    finally:
        library.close()
