"""The FSRS phase numbers live in one place: ``domain.review.CardPhase``.

They are stored (each card's FSRS state, the ``phase`` column) and queried in SQL,
so they must be fsrs's own numbers, and no other module may spell them out again.
"""

from __future__ import annotations

import re
from pathlib import Path

import fsrs
import pytest

from studyguide.domain.review import LEARNING_PHASES, CardPhase, sql_phases

PACKAGE = Path(__file__).resolve().parents[2] / "studyguide"
HOME = PACKAGE / "domain" / "review.py"  # where CardPhase spells them, once
PENDING: set[str] = set()  # review/session.py uses LEARNING_PHASES now

#: Ways the numbers were written out before: `phase IN (1, 3)`, `phase = 2`, `"state") == 2`,
#: `'$.state') = 2`, `LEARNING, REVIEW, RELEARNING = 1, 2, 3`, `phase in (1, 3)`.
SPELLED_OUT = re.compile(
    r"phase\s+(?:IN|in)\s*\(\s*\d"
    r"|phase\s*={1,2}\s*\d"
    r"|state['\"]\)\s*={1,2}\s*\d"
    r"|\bLEARNING\b[^\n]*=\s*1\b"
)


@pytest.mark.parametrize("phase", list(CardPhase))
def test_each_phase_is_fsrs_own_number(phase: CardPhase) -> None:
    assert int(phase) == fsrs.State[phase.name.capitalize()].value


def test_fsrs_has_no_phase_we_do_not_know() -> None:
    assert {state.value for state in fsrs.State} == {int(phase) for phase in CardPhase}


def test_learning_phases_are_counted_as_learning_and_review_is_not() -> None:
    assert LEARNING_PHASES == (CardPhase.LEARNING, CardPhase.RELEARNING)
    assert [phase.is_learning for phase in CardPhase] == [True, False, True]
    assert sql_phases(LEARNING_PHASES) == "1, 3" and sql_phases((CardPhase.REVIEW,)) == "2"


def test_the_pattern_catches_each_way_the_numbers_were_written() -> None:
    for written in ("phase IN (1, 3)", "s.phase = 2 AND", "previous.get(\"state\") == 2",
                    "json_extract(previous_state, '$.state') = 2", "LEARNING, REVIEW, RELEARNING = 1, 2, 3",
                    "phase in (1, 3)", "phase == 2"):
        assert SPELLED_OUT.search(written), written


def test_no_module_spells_out_the_phase_numbers() -> None:
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
                 for path in sorted(PACKAGE.rglob("*.py")) if path != HOME
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if SPELLED_OUT.search(line)]
    offenders = [offender for offender in offenders if offender not in PENDING]
    assert offenders == [], "use studyguide.domain.review.CardPhase:\n" + "\n".join(offenders)
