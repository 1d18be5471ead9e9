"""Due counts are counted in one place, ``store/due.py`` (``DueCounter``, with the counts it keeps per
due day in ``store/due_days.py``): no other module may
count waiting cards again in SQL, which is how three ways of counting came to disagree."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "studyguide"
HOMES = (PACKAGE / "store" / "due.py", PACKAGE / "store" / "due_days.py", PACKAGE / "domain" / "review.py")

#: What counting waiting cards in SQL looks like: a due time compared with now, the learning
#: phases spelled into SQL, or a count of ``card_state`` rows.
COUNTS_DUE = re.compile(r"due\s*<=?\s*[:?]|sql_phases\(|count\(\*\)[^\n]*CARD_STATE")


def test_the_pattern_catches_the_ways_due_counts_were_written() -> None:
    for written in ('"AND due <= :now"', "phase IN ({sql_phases(LEARNING_PHASES)})",
                    'f"SELECT count(*) FROM [{schema.CARD_STATE}] WHERE guide_id = :g"',
                    "s.due <= ? AND"):
        assert COUNTS_DUE.search(written), written


def test_only_the_due_counter_counts_waiting_cards() -> None:
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
                 for path in sorted(PACKAGE.rglob("*.py")) if path not in HOMES
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if COUNTS_DUE.search(line)]
    assert offenders == [], "count waiting cards with studyguide.store.due.DueCounter:\n" + "\n".join(offenders)
