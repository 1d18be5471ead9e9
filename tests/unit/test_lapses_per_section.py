"""A section's lapses of the week, as the reviewer reads them for every card it shows: the same count as the
Sections list's map, read through the lapsed answers' own index, with no query per lapsed card."""

from __future__ import annotations

from studyguide.store import schema
from tests.unit.test_forgetting import lapse_first_section_three_times


def test_a_sections_lapses_are_the_maps_own(library, clock):
    lapse_first_section_three_times(library, clock)  # "first": 3 lapses; "second": 1
    content = library.content("tiny")
    assert library.review.sections_to_reread("tiny", content) == {"first": 3}
    assert library.review.section_lapses("tiny", content, "first") == 3
    assert library.review.section_lapses("tiny", content, "second") is None  # under the threshold
    clock.advance(days=6)  # the first lapse is now more than a week old
    assert library.review.section_lapses("tiny", content, "first") is None


def test_a_sections_lapses_are_read_through_the_lapses_index(library, clock):
    lapse_first_section_three_times(library, clock)
    conn = library.progress.database.conn
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        assert library.review.section_lapses("tiny", library.content("tiny"), "first") == 3
    finally:
        conn.set_trace_callback(None)
    [read] = [s for s in statements if schema.REVIEW_LOG in s]
    plan = " ".join(str(row[3]) for row in conn.execute(f"EXPLAIN QUERY PLAN {read}"))
    assert f"USING INDEX {schema.LAPSES_INDEX}" in plan, plan


def test_the_sections_of_lapsed_cards_are_found_in_one_query(library, clock):
    lapse_first_section_three_times(library, clock)  # 3 lapsed cards
    content = library.content("tiny")
    statements: list[str] = []
    content.database.conn.set_trace_callback(statements.append)
    try:
        assert library.review.sections_to_reread("tiny", content) == {"first": 3}
    finally:
        content.database.conn.set_trace_callback(None)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1, statements
