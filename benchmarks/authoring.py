"""Adding a card to a 100,000-card guide and finding it by search, next to a bare insert.

Per run, on the same writable guide and in the same process:

- authoring: ``Authoring.add_card`` (the operation, its undo step, the card row and its logged
  search change in one transaction) then ``Library.search`` for the new card's word (the
  ranking index catches up with the change first), until it is the first hit;
- bare insert: one ``INSERT`` of a card row and one of its FTS5 row in a transaction, on a
  connection of its own (what any write costs at least, with the same journal and sync; the
  bare FTS5 table, filled with the guide's cards, is the benchmark's own: a guide has none),
  then the bare FTS5 query that finds it (``MATCH``), timed apart.

The two alternate run for run, so load from other work falls on both alike.

Target (issue 15): authoring + search, median and p95, at most 50 ms.

Run: .venv/bin/python benchmarks/authoring.py [--cards 100000] [--runs 100]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studyguide import paths  # noqa: E402
from studyguide.authoring import Authoring  # noqa: E402
from studyguide.domain.guide import Card, Guide, GuideInfo, Section  # noqa: E402
from studyguide.guides.build import build_guide  # noqa: E402
from studyguide.library import Library  # noqa: E402
from studyguide.store.authoring import make_writable  # noqa: E402

WORDS = ("blockade quarantine missile treaty summit crisis letter pledge hotline embassy "
         "satellite reconnaissance diplomacy warhead submarine").split()


def _guide(cards: int) -> Guide:
    sections = tuple(Section(id=f"s{i}", title=f"Section {i}", body=f"About {WORDS[i % len(WORDS)]}.", position=i)
                     for i in range(100))
    return Guide(info=GuideInfo(id="big", title="Big Guide"), sections=sections, cards=tuple(
        Card(id=f"c{i}", section_id=f"s{i % 100}", front=f"Question {i} on the {WORDS[i % len(WORDS)]}?",
             back=f"The {WORDS[(i * 7) % len(WORDS)]} answer {i}.", position=i) for i in range(cards)))


def _stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered):6.2f} ms   p95 {p95:6.2f} ms   max {ordered[-1]:6.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "library"
        started = time.perf_counter()
        dest = build_guide(_guide(args.cards), home / "guides" / "big.sqlite")
        make_writable(dest)
        print(f"built a {args.cards:,}-card guide in {time.perf_counter() - started:.1f} s "
              f"({dest.stat().st_size / 1e6:.0f} MB)")
        library = Library(home=home, bundled_guide=paths.bundled_guide_database(),
                          clock=lambda: datetime.now(timezone.utc))
        authoring = Authoring(library=library)
        bare = sqlite3.connect(dest, isolation_level=None)
        bare.execute("CREATE VIRTUAL TABLE search_index USING fts5(kind, section, title, body, item_id UNINDEXED, "
                     "section_id UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')")
        bare.execute("INSERT INTO search_index (kind, section, title, body, item_id, section_id) "
                     "SELECT 'card', '', front, back, id, section_id FROM cards")
        library.search.search("warmup missile")
        authored, inserted, searched, matched = [], [], [], []
        load = os.getloadavg()
        for run in range(args.runs):
            word = f"zq{run}x{os.getpid()}"
            began = time.perf_counter()
            ids = authoring.add_card("big", f"s{run % 100}", f"Which {word} was it?", "The new one").ids
            added = time.perf_counter()
            hits = library.search.search(word, limit=5).hits
            done = time.perf_counter()
            assert hits and hits[0].item_id == ids[0], (word, hits)
            authored.append((done - began) * 1000)
            searched.append((done - added) * 1000)
            began = time.perf_counter()
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("INSERT INTO cards (id, section_id, position, front, back) VALUES (?, ?, ?, ?, ?)",
                         (f"bare-{run}", "s0", 10**9 + run, f"Bare {word}y?", "Yes"))
            bare.execute("INSERT INTO search_index (kind, section, title, body, item_id, section_id) "
                         "VALUES ('card', 'Section 0', ?, 'Yes', ?, 's0')", (f"Bare {word}y?", f"bare-{run}"))
            bare.execute("COMMIT")
            committed = time.perf_counter()
            found = bare.execute("SELECT item_id FROM search_index WHERE search_index MATCH ? LIMIT 5",
                                 (f'"{word}y"',)).fetchall()
            matched.append((time.perf_counter() - committed) * 1000)
            assert found == [(f"bare-{run}",)], found
            inserted.append((committed - began) * 1000)
        load_after = os.getloadavg()
        bare.close()
        authoring.close()
        library.close()
    print(f"add card + find it by search ({args.runs} runs): {_stats(authored)}")
    print(f"  of which the search:                 {_stats(searched)}")
    print(f"bare insert (card + FTS row):          {_stats(inserted)}")
    print(f"  then the bare FTS5 MATCH that finds it: {_stats(matched)}")
    print(f"load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, after {load_after[0]:.2f} "
          f"{load_after[1]:.2f} {load_after[2]:.2f} ({os.cpu_count()} CPUs)")
    ordered = sorted(authored)
    ok = statistics.median(ordered) <= 50 and ordered[round(0.95 * len(ordered)) - 1] <= 50
    print("target (median and p95 <= 50 ms):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
