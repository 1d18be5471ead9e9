"""Tags typed into one box (the Browser's Add Tags and Remove Tags): read, checked and said back.

Pure functions, no I/O. The app's tag syntax (``card_types.clean_tags``, docs/authoring.md): a tag is a word of
1 to 64 characters without spaces or commas, so spaces and commas separate the tags typed; the same tag typed
twice, in any case, counts once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from studyguide.domain.card_types import AuthoringError, clean_tags
from studyguide.domain.stats import plural as plural  # (the dialogs' "1 card", "3 tags": one wording app-wide)

#: What separates the tags typed.
SEPARATORS = re.compile(r"[\s,]+")
#: The longest tag (``card_types._TAG``).
LONGEST = 64


@dataclass(frozen=True)
class TagEntry:
    """What a tags box holds.

    Attributes:
        tags: The valid tags, each once, in the order typed.
        problems: A sentence for each tag that is not valid (empty when all are).
    """

    tags: tuple[str, ...]
    problems: tuple[str, ...]


def read_tags(text: str) -> TagEntry:
    """The tags in ``text`` (separated by spaces or commas) and what is wrong with any of them."""
    tags: list[str] = []
    problems: list[str] = []
    for word in SEPARATORS.split(text):
        if not word:
            continue
        try:
            tags.extend(clean_tags([word]))
        except AuthoringError:
            shown = word if len(word) <= 24 else word[:20] + "\u2026"
            problems.append(f"\u201c{shown}\u201d is {len(word)} characters long: a tag has at most {LONGEST}.")
    return TagEntry(clean_tags(tags) if tags else (), tuple(problems))


def word_at(text: str, cursor: int) -> tuple[int, int]:
    """The start and end of the tag being typed at ``cursor`` (the text between separators around it)."""
    cursor = max(0, min(cursor, len(text)))
    start = max((m.end() for m in SEPARATORS.finditer(text, 0, cursor)), default=0)
    after = SEPARATORS.search(text, cursor)
    return start, after.start() if after else len(text)


def change_summary(entry: TagEntry, *, add: bool, cards: int, on_cards: Sequence[str] = ()) -> tuple[str, bool]:
    """What the dialog says under the box, and whether the change can be made.

    Args:
        entry: The tags typed.
        add: Adding (else removing) them.
        cards: How many cards are chosen.
        on_cards: The tags the chosen cards have (removing: a tag none of them has is said, and not removed).
    """
    if entry.problems:
        return " ".join(entry.problems), False
    if not entry.tags:
        return "Separate tags with spaces or commas.", False
    if add:
        return f"Adds {plural(len(entry.tags), 'tag')}: {', '.join(entry.tags)}.", True
    present = {tag.casefold() for tag in on_cards}
    found = [tag for tag in entry.tags if tag.casefold() in present]
    missing = [tag for tag in entry.tags if tag.casefold() not in present]
    said = []
    if found:
        said.append(f"Removes {plural(len(found), 'tag')}: {', '.join(found)}.")
    if missing:
        names = ", ".join(f"\u201c{tag}\u201d" for tag in missing)
        whom = "The card does not have" if cards == 1 else f"None of the {cards:,} cards has"
        said.append(f"{whom} {names}." if len(missing) == 1 else f"{whom} these tags: {names}.")
    return " ".join(said), bool(found)
