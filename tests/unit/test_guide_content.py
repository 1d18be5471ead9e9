"""The bundled guide's content: its own words, its sources, and honest dates.

The guide was written from a student essay (kept in ``tests/data/seed-essay.txt``,
a copy of the project's seed material in ``../shared/seed``). The essay's facts
may carry over; its sentences may not: no run of 7 or more words may be shared
with it, apart from the book's title, its authors' names and short quotations
marked as such.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studyguide import paths
from studyguide.domain.dates import Precision, parse_span
from studyguide.domain.guide import Guide
from studyguide.guides.markdown import read_guide

ROOT = Path(__file__).parent.parent.parent
ESSAY_COPY = ROOT / "tests" / "data" / "seed-essay.txt"
ESSAY_SHARED = ROOT.parent / "shared" / "seed" / "000_7acbdb7cdd041e03.txt"
RUN = 7
#: Names and the title the essay and the guide may both give in full.
EXEMPT = (
    "Major Problems in American History Since 1945",
    "Robert Griffith",
    "Paula C. Baker",
    "Paula C Baker",
    "Griffith and Baker",
)
#: A marked quotation ("..." or “...”) of at most this many words is exempt.
QUOTE_WORDS = 12
_QUOTE = re.compile(r'"([^"\n]*)"|“([^”\n]*)”')
_BREAK = "\x00"


def _segments(text: str) -> list[list[str]]:
    """The text's words (lowercase, no punctuation), in runs broken at exempt spans."""

    def quote(match: re.Match[str]) -> str:
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        return _BREAK if len(inner.split()) <= QUOTE_WORDS else f" {inner} "

    text = _QUOTE.sub(quote, text)
    for phrase in EXEMPT:
        text = re.sub(re.escape(phrase), _BREAK, text, flags=re.IGNORECASE)
    text = re.sub(r"[.'’]", "", text.lower())  # U.S.S.R. -> ussr, Khrushchev’s -> khrushchevs
    return [re.findall(r"[a-z0-9]+", part) for part in text.split(_BREAK)]


def _runs(words: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def shared_runs(guide_text: str, essay_text: str, n: int = RUN) -> list[str]:
    """Every run of ``n`` words the guide shares with the essay, in the guide's order."""
    essay = set().union(*(_runs(words, n) for words in _segments(essay_text)))
    found: list[str] = []
    for words in _segments(guide_text):
        for i in range(len(words) - n + 1):
            run = tuple(words[i:i + n])
            if run in essay and " ".join(run) not in found:
                found.append(" ".join(run))
    return found


@pytest.fixture(scope="module")
def essay() -> str:
    return ESSAY_COPY.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def source() -> str:
    return paths.bundled_guide_source().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def guide(source: str) -> Guide:
    return read_guide(source)


# --- The check itself ------------------------------------------------------------------------


def test_the_copy_of_the_essay_is_the_seed_essay(essay: str) -> None:
    if not ESSAY_SHARED.is_file():
        pytest.skip(f"no shared seed beside the checkout ({ESSAY_SHARED}); the copy is used")
    assert essay == ESSAY_SHARED.read_text(encoding="utf-8")


def test_the_check_finds_a_sentence_copied_with_a_synonym_swapped(essay: str) -> None:
    copied = "To keep Cuba, Khrushchev approved the delivery of the missiles on April 12, 1962."

    found = shared_runs(copied, essay)

    assert found[0] == "khrushchev approved the delivery of the missiles"
    assert found[-1] == "delivery of the missiles on april 12"


def test_the_check_ignores_case_punctuation_and_apostrophes(essay: str) -> None:
    assert shared_runs("THE U.S.S.R. WAS NOT ON GOOD TERMS, said anyone", essay) == [
        "the ussr was not on good terms",
    ]


def test_the_check_exempts_the_title_names_and_short_marked_quotations(essay: str) -> None:
    allowed = (
        "Robert Griffith and Paula C. Baker, *Major Problems in American History Since 1945*. "
        'The essay quotes them: "Khrushchev did not agree at first, but later did".'
    )
    too_long = (
        '"Khrushchev could not risk starting a war with the U.S., when the U.S.S.R. '
        'was not on good terms with China"'
    )

    assert shared_runs(allowed, essay) == []
    assert shared_runs(too_long, essay) != []


def test_the_guide_shares_no_run_of_seven_words_with_the_essay(source: str, essay: str) -> None:
    assert shared_runs(source, essay) == []


# --- Sources: every section names its own, and the essay wherever its claims are used -------

ESSAY_SOURCE = "student essay"


def _texts(guide: Guide, section_id: str) -> list[str]:
    """A section's body paragraphs, its cards and its events, each as one text."""
    (section,) = [s for s in guide.sections if s.id == section_id]
    return (
        [p for p in section.body.split("\n\n") if p.strip()]
        + [f"{c.front}\n{c.back}" for c in guide.cards if c.section_id == section_id]
        + [f"{e.title}\n{e.description}" for e in guide.events if e.section_id == section_id]
    )


def test_every_card_and_event_comes_from_a_section_of_the_guide(guide: Guide) -> None:
    section_ids = {s.id for s in guide.sections}

    assert [c.id for c in guide.cards if c.section_id not in section_ids] == []
    assert [e.id for e in guide.events if e.section_id not in section_ids] == []
    assert section_ids == {c.section_id for c in guide.cards}, "every section has cards"


def test_every_section_names_a_source(guide: Guide) -> None:
    assert [s.id for s in guide.sections if not any(src.strip() for src in s.sources)] == []


def test_sections_that_use_the_essay_name_it_as_a_source(guide: Guide) -> None:
    uses_essay = [s for s in guide.sections if any("essay" in t.lower() for t in _texts(guide, s.id))]
    missing = [
        s.id for s in uses_essay if not any(ESSAY_SOURCE in src.lower() for src in s.sources)
    ]

    assert len(uses_essay) >= 6
    assert missing == []


def test_griffith_and_baker_are_cited_only_as_the_essay_reports_them(guide: Guide) -> None:
    sources = [src for s in guide.sections for src in s.sources if "griffith" in src.lower()]
    texts = [t for s in guide.sections for t in _texts(guide, s.id) if "griffith" in t.lower()]

    assert sources and texts
    assert [src for src in sources if ESSAY_SOURCE not in src.lower()] == []
    assert [t for t in texts if "essay" not in t.lower()] == []


# --- Dates: each event says as much as is known, and no more ---------------------------------

EVENT_DATES = {
    "batista-overthrown": "1959",
    "soviet-cuban-trade-deal": "1960-02",
    "bay-of-pigs-invasion": "1961-04-17 .. 1961-04-19",
    "soviet-support-grows": "1961-04 .. 1962",
    "castro-requests-arms": "1961-fall",
    "checkpoint-charlie": "1961-10",
    "operation-mongoose": "1961-11",
    "non-nuclear-package-approved": "1962-04-12",
    "khrushchev-proposes-missiles": "1962-05",
    "nuclear-deployment-approved": "1962-05-24",
    "missiles-placed-secretly": "1962-07 .. 1962-10",
    "kennedy-warns": "1962-09-04",
    "u2-photographs": "1962-10-14",
    "missiles-identified": "1962-10-15",
    "missiles-discovered": "1962-10-16",
    "thirteen-days": "1962-10-16 .. 1962-10-28",
    "quarantine-announced": "1962-10-22",
    "quarantine-in-force": "1962-10-24",
    "ships-turn-back": "1962-10-24",
    "negotiation-call": "1962-10-26",
    "second-letter": "1962-10-27",
    "u2-shot-down": "1962-10-27",
    "no-invasion-pledge-given": "1962-10-27",
    "secret-turkey-understanding": "1962-10-27",
    "khrushchev-agrees": "1962-10-28",
    "soviet-missiles-leave": "1962-11",
    "quarantine-lifted": "1962-11-20",
    "jupiters-removed": "1963-04",
    "hotline-agreement": "1963-06-20",
    "test-ban-treaty": "1963-08-05",
    "hotline-operational": "1963-08-30",
}


def test_every_event_has_the_date_the_sources_give(guide: Guide) -> None:
    assert {e.id: e.when.source_text() for e in guide.events} == EVENT_DATES


def test_dates_keep_their_honest_precision(guide: Guide) -> None:
    by_id = {e.id: e.when for e in guide.events}

    bay_of_pigs = by_id["bay-of-pigs-invasion"]
    assert bay_of_pigs.is_period and bay_of_pigs.label() == "April 17\u201319, 1961"
    assert by_id["u2-photographs"] == parse_span("1962-10-14")
    assert by_id["u2-photographs"].start.precision is Precision.DAY
    assert by_id["castro-requests-arms"].start.precision is Precision.SEASON
    assert by_id["batista-overthrown"].start.precision is Precision.YEAR
    assert by_id["missiles-placed-secretly"].start.precision is Precision.MONTH
    assert by_id["missiles-placed-secretly"].label() == "July 1962 \u2013 October 1962"
    assert by_id["soviet-missiles-leave"].start.precision is Precision.MONTH
    assert by_id["soviet-missiles-leave"] != by_id["jupiters-removed"], "two separate withdrawals"
    assert not any(when.approximate for when in by_id.values()), "no 'c.' where a date is known"


# --- Facts the review found wrong stay corrected ----------------------------------------------

#: Cards whose meaning changed were given new ids; these old ones must not come back.
RETIRED_CARD_IDS = {
    "missile-approval-date", "khrushchev-truthful", "turkey-italy", "withdrawal-not-announced",
    "first-nuclear-crisis", "proxy-conflict-places", "china-rift", "second-communist-power",
    "khrushchev-office", "missiles-discovered-date", "why-takeover-matters", "perception-gap",
    "avoid-nuclear-war", "risk-shaped-outcome", "khrushchev-cites-invasion",
}


def test_retired_card_ids_are_gone(guide: Guide) -> None:
    assert RETIRED_CARD_IDS & {c.id for c in guide.cards} == set()


@pytest.mark.parametrize(("card_id", "answer"), [
    ("nuclear-deployment-approved", "May 24, 1962"),
    ("nuclear-missiles-proposer", "Khrushchev, in May 1962"),
    ("april-12-package", "non-nuclear"),
    ("essay-approval-date", "with no year"),
    ("secret-deal-country", "Turkey"),
    ("secret-deal-who", "Robert Kennedy and the Soviet ambassador Anatoly Dobrynin"),
    ("u2-photos-date", "October 14, 1962"),
    ("missiles-identified-date", "October 15, 1962"),
    ("kennedy-shown-photos", "October 16, 1962"),
    ("khrushchev-party-office", "First Secretary"),
    ("china-largest-population", "China"),
    ("vietnam-1962-role", "Advisory"),
    ("quarantine-lifted", "November 20, 1962"),
    ("hotline-signed", "June 20, 1963"),
    ("hotline-operational", "August 30, 1963"),
    ("test-ban-date", "August 5, 1963"),
])
def test_corrected_cards_give_the_sourced_answer(guide: Guide, card_id: str, answer: str) -> None:
    assert answer in {c.id: c.back for c in guide.cards}[card_id]


def test_the_settlement_no_longer_puts_italy_in_the_deal(guide: Guide) -> None:
    (settlement,) = [s for s in guide.sections if s.id == "the-settlement"]

    assert "Italy was not named" in settlement.body
    assert "Turkey and Italy" not in settlement.body.replace('"Turkey and Italy"', "")


def test_cards_are_not_yes_or_no_and_do_not_repeat_one_answer(guide: Guide) -> None:
    answers = [c.back.strip().rstrip(".").lower() for c in guide.cards]

    assert [a for a in answers if a.split(maxsplit=1)[0].strip(".,") in {"yes", "no"}] == []
    assert sum("nuclear war" in a and "prevent" in a for a in answers) <= 1
    assert max(answers.count(a) for a in answers) <= 2


def test_the_readme_gives_the_guide_s_counts(guide: Guide) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    counts = f"({len(guide.sections)} sections, {len(guide.cards)} cards, {len(guide.events)} events)"

    assert counts in readme
