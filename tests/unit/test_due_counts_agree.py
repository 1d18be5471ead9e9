"""The due counts are one piece of knowledge (``store.due.DueCounter``): the status bar, a review
session, the section list and the Stats view must never disagree, whatever the history (hypothesis
writes random ones), also after the guide lost cards that have progress or are suspended."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.domain.review import DueCounts, ReviewSettings
from studyguide.guides.build import build_from_source
from studyguide.library import Library
from studyguide.review.scheduler import Rating

_SECTIONS = 3
_CARDS = 5


def _build(folder: Path, name: str, first: int) -> Path:
    text = ["---", "id: many", "title: Many Cards", "subject: Testing", "description: Enough cards.", "---", ""]
    for s in range(_SECTIONS):
        text += [f"# Section {s} {{#s{s}}}", "", f"Body {s}.", "", "## Cards", ""]
        for c in range(first, _CARDS):
            text += [f"Q: Question {s}.{c}? {{#c{s}-{c}}}", f"A: Answer {s}.{c}.", ""]
    source = folder / f"{name}.md"
    source.write_text("\n".join(text), encoding="utf-8")
    dest = source.with_suffix(".sqlite")
    build_from_source(source, dest)
    return dest


@pytest.fixture(scope="module")
def guide_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("many"), "many", 0)


@pytest.fixture(scope="module")
def fewer_cards_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same guide with each section's first card removed (their progress stays, as after an edit)."""
    return _build(tmp_path_factory.mktemp("fewer"), "many", 1)


_STEP = st.one_of(st.tuples(st.just("answer"), st.sampled_from(list(Rating))),
                  st.tuples(st.just("suspend"), st.none()),
                  st.tuples(st.just("unsuspend"), st.none()),
                  st.tuples(st.just("hours"), st.integers(1, 24 * 20)))


_EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_EXAMPLES
@given(steps=st.lists(_STEP, max_size=40), new_per_day=st.integers(0, 20))
def test_status_bar_sections_and_stats_count_the_same_cards(guide_db: Path, steps, new_per_day: int) -> None:
    _check(guide_db, None, steps, new_per_day)


@_EXAMPLES
@given(steps=st.lists(_STEP, max_size=40), new_per_day=st.integers(0, 20))
def test_the_counts_agree_after_the_guide_loses_cards_with_progress(guide_db: Path, fewer_cards_db: Path, steps,
                                                                     new_per_day: int) -> None:
    _check(guide_db, fewer_cards_db, steps, new_per_day)


def _check(guide_db: Path, fewer_cards_db: Path | None, steps, new_per_day: int) -> None:
    now = [datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)]
    with tempfile.TemporaryDirectory() as home:
        library = Library(home=Path(home), bundled_guide=guide_db, clock=lambda: now[0], enable_fuzzing=False)
        try:
            library.review.save_settings(ReviewSettings(new_per_day=new_per_day))
            session = library.start_review("many")
            for kind, value in steps:
                if kind == "answer" and session.current is not None:
                    session.reveal()
                    session.answer(value)
                elif kind == "suspend" and session.current is not None:
                    session.suspend_current()
                elif kind == "unsuspend" and library.suspended_cards("many"):
                    library.review.unsuspend("many", library.suspended_cards("many")[0][1].id)
                    session.reload()
                elif kind == "hours":
                    now[0] += timedelta(hours=value)
                    session.reload()
            if fewer_cards_db is not None:  # the guide loses cards that have progress
                library.close()
                library = Library(home=Path(home), bundled_guide=fewer_cards_db, clock=lambda: now[0],
                                  enable_fuzzing=False)
            status = library.due_counts("many")  # the status bar, and the Stats view's "due now"
            per_section = library.section_due_counts("many")  # the section list
            sections = per_section.values()
            session = library.start_review("many")
            assert session.counts() == status  # what the reviewer shows
            assert session.counts().total == len(session.queued())  # and the cards it will show
            assert session.new_held_back() == sum(s.new for s in per_section.values()) - status.new
            for section_id, counts in per_section.items():  # a review of one section (from the list)
                capped = DueCounts(min(counts.new, status.new), counts.learning, counts.review)
                assert library.start_review("many", section_id=section_id).counts() == capped
            assert status.learning == sum(s.learning for s in sections)
            assert status.review == sum(s.review for s in sections)
            assert status.new == min(sum(s.new for s in sections), library.review.new_allowance("many"))
            # "By the end of today" in the status bar is the Stats view's first forecast bar.
            assert library.due_today("many") == library.stats("many").forecast[0].count
            assert library.due_today("many") >= status.learning + status.review
        finally:
            library.close()
