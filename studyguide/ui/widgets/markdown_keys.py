"""What Enter, Ctrl+B and Ctrl+K do in a Markdown text box, as Markdown editors do them (pure text rules).

- Enter in a list item starts the next item (``- ``, ``* ``, ``+ ``, or the next number: ``2. ``);
  Enter on an item with nothing in it ends the list (its marker makes way for a blank line).
- "- " typed out of habit at the start of an item that Enter began reads as one marker, not as a
  list nested in the item ("- - 22 October").
- Bold or italic pressed again right after the word typed between an empty pair steps out of the
  pair, instead of putting a second pair inside it (``**1959|**`` becomes ``**1959**|``).
"""

from __future__ import annotations

import re

_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|(?P<number>\d{1,9})(?P<close>[.)]))(?P<gap>\s+)(?P<text>.*)$")


def list_continuation(line: str) -> str | None:
    """What Enter at the end of ``line`` does in a list.

    Returns:
        The next item's start (``"- "``, ``"  3. "``) when ``line`` is an item with text; ``""`` when it
        is an item with no text (Enter ends the list: the marker goes); None when it is not an item.
    """
    match = _ITEM.match(line)
    if match is None:
        return None
    if not match["text"].strip():
        return ""
    marker = match["marker"] if match["number"] is None else f"{int(match['number']) + 1}{match['close']}"
    return f"{match['indent']}{marker}{match['gap']}"


def steps_out_of(mark: str, before: str, after: str) -> bool:
    """Whether the cursor, between ``before`` and ``after`` on its line, sits at the closing ``mark`` of an
    open pair (an odd number of ``mark`` before it, ``mark`` right after it), so pressing it steps out."""
    if not after.startswith(mark) or after.startswith(mark + "*") and len(mark) == 1:
        return False
    return before.count(mark) % 2 == 1 and not before.endswith(mark)


_DOUBLED = re.compile(r"^\s*([-*+]) \1$")


def doubles_the_marker(before: str) -> bool:
    """Whether a space typed after ``before`` (the line up to the cursor) would make a second bullet right
    after the first ("- -" and a space: "- - "), which Enter had already put there."""
    return _DOUBLED.match(before) is not None
