"""A seeded, realistic-sized guide for the search benchmarks (same text every run).

Text is drawn from a Zipf-distributed vocabulary (English function words, then
made-up words), so word frequencies look like real notes. A few words are
planted with known document frequencies, so each benchmark query has a known
number of matches: a common word in about 40% of items, a rare one in about
ten, a prefix matching about 10,000 items, a phrase, and so on.
"""

from __future__ import annotations

import itertools
import random

from studyguide.domain.dates import DateSpan, FuzzyDate
from studyguide.domain.guide import Card, Event, Guide, GuideInfo, Section

FUNCTION_WORDS = (
    "the of and to in a was that for on as with by he it his at from were which had be this "
    "an not but or they their is are have been its after who would all she her there when into "
    "more than also other one two first new some could these them those only over most"
).split()
SYLLABLES = ("ka ri to na mo se lu pe dra vin sol tor mar gen qui ber lan fos tam rex ul os "
             "ci pra nel dor vas hem").split()
#: Planted words: (word, probability an item contains it, probability it is in the title).
PLANTED = (
    ("missile", 0.40, 0.08),  # common
    ("khrushchev", 0.00005, 0.3),  # rare (about 10 items)
    ("quarantine", 0.05, 0.1),  # two words: with "naval", about 500 items have both
    ("naval", 0.05, 0.1),
    ("negotiation", 0.02, 0.1),  # prefix "negot": about 10,000 items in all
    ("negotiator", 0.015, 0.1),
    ("negotiate", 0.015, 0.1),
    ("thirteen", 0.02, 0.05),
    ("days", 0.03, 0.05),
    ("blockade", 0.01, 0.2),
)
#: A phrase planted as-is (so the phrase query has real matches).
PHRASE = ("thirteen", "days")
PHRASE_RATE = 0.01


class _Words:
    """Draws Zipf-distributed words in bulk (fast enough for 20 million words)."""

    def __init__(self, rng: random.Random, size: int = 20_000) -> None:
        made_up: set[str] = set()
        while len(made_up) < size:
            made_up.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        shuffled = sorted(made_up)
        rng.shuffle(shuffled)
        self.vocabulary = list(FUNCTION_WORDS) + shuffled
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) ** 1.07 for rank in range(len(self.vocabulary))))
        self._rng = rng
        self._buffer: list[str] = []
        self._next = 0

    def take(self, count: int) -> list[str]:
        if self._next + count > len(self._buffer):
            self._buffer = self._rng.choices(self.vocabulary, cum_weights=self.cumulative, k=max(count, 500_000))
            self._next = 0
        self._next += count
        return self._buffer[self._next - count:self._next]


def _plant(rng: random.Random, title: list[str], body: list[str]) -> None:
    for word, rate, title_rate in PLANTED:
        if rng.random() < rate:
            target = title if rng.random() < title_rate else body
            target.insert(rng.randrange(len(target) + 1), word)
    if rng.random() < PHRASE_RATE:
        position = rng.randrange(len(body) + 1)
        body[position:position] = list(PHRASE)


def _sentences(rng: random.Random, words: list[str]) -> str:
    out, start = [], 0
    while start < len(words):
        end = start + rng.randint(8, 22)
        sentence = " ".join(words[start:end])
        out.append(sentence[:1].upper() + sentence[1:] + ".")
        start = end
    paragraphs, index = [], 0
    while index < len(out):
        step = rng.randint(3, 6)
        paragraphs.append(" ".join(out[index:index + step]))
        index += step
    return "\n\n".join(paragraphs)


def generate_guide(*, seed: int = 1962, sections: int = 100_000, cards: int = 100_000,
                   events: int = 5_000) -> Guide:
    """A guide of the given size; the same seed gives the same guide.

    Sections have 3-7 word titles and 120-250 word bodies in paragraphs;
    cards a 6-14 word question and a 3-25 word answer; events a 3-7 word
    title, a year between 1900 and 1999 (some periods) and a 10-30 word
    description.
    """
    rng = random.Random(seed)
    words = _Words(rng)
    out_sections, out_cards, out_events = [], [], []
    for index in range(sections):
        title, body = words.take(rng.randint(3, 7)), words.take(rng.randint(120, 250))
        _plant(rng, title, body)
        out_sections.append(Section(id=f"s{index}", title=" ".join(title).capitalize(),
                                    body=_sentences(rng, body), position=index))
    for index in range(cards):
        front, back = words.take(rng.randint(6, 14)), words.take(rng.randint(3, 25))
        _plant(rng, front, back)
        out_cards.append(Card(id=f"c{index}", section_id=f"s{rng.randrange(sections)}",
                              front=" ".join(front).capitalize() + "?", back=_sentences(rng, back),
                              position=index))
    for index in range(events):
        title, body = words.take(rng.randint(3, 7)), words.take(rng.randint(10, 30))
        _plant(rng, title, body)
        year = rng.randint(1900, 1999)
        end = FuzzyDate(year + rng.randint(1, 5)) if rng.random() < 0.2 else None
        out_events.append(Event(id=f"e{index}", section_id=f"s{rng.randrange(sections)}",
                                title=" ".join(title).capitalize(),
                                when=DateSpan(FuzzyDate(year, rng.randint(1, 12)) if end is None else FuzzyDate(year),
                                              end),
                                description=_sentences(rng, body), position=index))
    info = GuideInfo(id="bench", title="Benchmark Guide", subject="Benchmark")
    return Guide(info=info, sections=tuple(out_sections), cards=tuple(out_cards), events=tuple(out_events))
