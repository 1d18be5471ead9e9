"""A copy's guide id ("Keep Both" on import) is one no guide and no progress ever had (guides/guide_copy.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.exam import ExamGoal
from studyguide.guides.guide_copy import copy_id, copy_title
from studyguide.guides.markdown import slugify


def test_a_deleted_guides_id_is_not_reused_so_its_reviews_are_not_inherited(library, authoring) -> None:
    mine = authoring.new_guide("Cuba").ids[0]
    assert library.copy_id(mine) == "cuba-copy"
    # A guide "cuba-copy" was studied, then deleted: its answers stay in the progress file.
    library.progress.record_answer(guide_id="cuba-copy", card_id="c1", rating=3,
                                   reviewed_at=datetime(2026, 3, 1, tzinfo=UTC), new_state={"state": 2},
                                   due=datetime(2026, 3, 4, tzinfo=UTC), previous_state=None)
    assert library.copy_id(mine) == "cuba-copy-2"
    authoring.new_guide("Cuba copy 2", id="cuba-copy-2")  # a guide of the library's own
    assert library.copy_id(mine) == "cuba-copy-3"


def test_a_deleted_guides_exam_is_not_inherited_either(library, authoring) -> None:
    mine = authoring.new_guide("Cuba").ids[0]
    # "cuba-copy" had an exam set (a setting keyed by its id, not an answer), then was deleted.
    library.review.set_exam_goal("cuba-copy", ExamGoal(date(2026, 6, 1), 0.9, 30))
    assert library.copy_id(mine) == "cuba-copy-2"


@given(st.sets(st.integers(min_value=1, max_value=30)))
def test_the_first_free_number_is_taken(taken_numbers: set[int]) -> None:
    taken = {"g-copy" if n == 1 else f"g-copy-{n}" for n in taken_numbers}
    found = copy_id("g", taken.__contains__)
    assert found not in taken and slugify(found) == found
    assert copy_title("Guide", found) in {"Guide (copy)"} | {f"Guide (copy {n})" for n in range(2, 40)}
