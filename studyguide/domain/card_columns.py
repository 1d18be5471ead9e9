"""The card browser's columns (``domain.card_filter`` has the rows): a module of their own so the
command line's parser names them for ``cards --sort`` without loading the rest (2 ms at every start)."""

from __future__ import annotations

#: The browser's columns, in their default order: (key, heading).
COLUMNS = (
    ("question", "Question"), ("answer", "Answer"), ("section", "Section"), ("guide", "Guide"),
    ("tags", "Tags"), ("state", "State"), ("due", "Due"), ("interval", "Interval"),
    ("stability", "Stability"), ("difficulty", "Difficulty"), ("retrievability", "Retrievability"),
    ("lapses", "Lapses"), ("reviews", "Reviews"), ("added", "Added"), ("edited", "Edited"),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
