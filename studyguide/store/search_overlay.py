"""The learner's card edits, made searchable: a small in-memory index beside each guide's.

A guide's search index is built once and read-only, but a learner may
reword a card (kept in the progress database, see ``card_edits``). The
search engine reads those edits on its own connection, notices new ones
cheaply (``PRAGMA data_version`` changes when another connection commits),
and puts the edited cards of each guide in an in-memory table of search
documents (``search_docs.EDITED``), which the ranking index indexes as the
learner's edits, so they are searched, ranked and highlighted the same way
while the guide's own documents for them are left out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from studyguide.domain.text import markdown_to_plain
from studyguide.store import schema
from studyguide.store.connection import explain
from studyguide.store.search_docs import EDITED, EDITED_COLUMNS

if TYPE_CHECKING:
    import sqlite_utils

#: (guide id, card id, front, back) of one edited card.
TextEdit = tuple[str, str, str, str]


class EditsReader:
    """Reads card edits from the progress database on a connection of its own.

    Args:
        path: The progress database (it may not exist yet: then there are no edits).
    """

    def __init__(self, *, path: Path) -> None:
        self.path = path
        self._db: sqlite_utils.Database | None = None
        self._version: int | None = None

    def _open(self) -> sqlite_utils.Database | None:
        if self._db is None and self.path.is_file():
            try:
                import sqlite_utils  # a writer: loaded when it writes

                self._db = sqlite_utils.Database(sqlite3.connect(self.path, timeout=2.0), execute_plugins=False)
            except sqlite3.Error as error:
                raise explain(error, self.path) from error
        return self._db

    def changed(self) -> bool:
        """True on the first call and whenever the progress database was written since the last."""
        db = self._open()
        if db is None:
            return False
        try:
            version: int = db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        changed, self._version = version != self._version, version
        return changed

    def text_edits(self) -> list[TextEdit]:
        """Every card whose text the learner changed, in a stable order."""
        db = self._open()
        if db is None or schema.CARD_EDITS not in db.table_names():
            return []
        try:
            rows = db.execute(
                f"SELECT guide_id, card_id, coalesce(front, ''), coalesce(back, '') FROM [{schema.CARD_EDITS}] "
                "WHERE front IS NOT NULL OR back IS NOT NULL ORDER BY guide_id, card_id").fetchall()
        except sqlite3.Error as error:
            raise explain(error, self.path) from error
        return [tuple(row) for row in rows]

    def close(self) -> None:
        """Close the connection."""
        if self._db is not None:
            self._db.close()
            self._db = None


def build_overlay(guide: sqlite_utils.Database, edits: Iterable[tuple[str, str, str]]) -> sqlite_utils.Database:
    """An in-memory table of one guide's edited cards, as search documents.

    Args:
        guide: The guide's content database (for each card's section).
        edits: (card id, front, back) of the guide's edited cards; cards no longer in the
            guide are left out.
    """
    edits = list(edits)
    placeholders = ", ".join("?" * len(edits))
    sections = {
        card_id: (section_id, title)
        for card_id, section_id, title in guide.execute(
            f"SELECT c.id, c.section_id, s.title FROM [{schema.CARDS}] c "
            f"JOIN [{schema.SECTIONS}] s ON s.id = c.section_id WHERE c.id IN ({placeholders})",
            [card_id for card_id, _, _ in edits]).fetchall()
    } if edits else {}
    rows = [("card", sections[card_id][1], markdown_to_plain(front), markdown_to_plain(back),
             card_id, sections[card_id][0], None, None)
            for card_id, front, back in edits if card_id in sections]
    import sqlite_utils  # a writer: loaded when it writes

    overlay = sqlite_utils.Database(sqlite3.connect(":memory:"), execute_plugins=False)
    overlay.execute(f"CREATE TABLE [{EDITED}] ({EDITED_COLUMNS})")
    overlay.conn.executemany(f"INSERT INTO [{EDITED}] (kind, section, title, body, item_id, section_id, start_pos, "
                             "end_pos) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return overlay
