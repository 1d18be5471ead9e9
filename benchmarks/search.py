"""Search benchmark: index build time, and each query type against a bare FTS5 query.

Generates (seeded, so every run searches the same text) a guide of 100,000
sections and 100,000 cards of realistic length plus 5,000 events, builds it
through the real build path (``studyguide.guides.build.build_guide``), then
times ``SearchEngine.search`` (top 20, with highlights and snippets, as the
app searches: ``as_you_type=True, correct=True``) for each query type against the bare FTS5
query a plain implementation would run on
the same data (``SELECT rowid ... MATCH ? ORDER BY bm25(...) LIMIT 20``),
and against that query with highlights and snippets in it (the same output
the plain way), alternating them so a noisy machine hurts all alike. Run:

    .venv/bin/python benchmarks/search.py [--runs 40] [--keep /tmp/search-bench.sqlite]

``--keep`` reuses a database built earlier with the same sizes and seed.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_corpus import generate_guide  # noqa: E402

from studyguide.guides.build import build_guide  # noqa: E402
from studyguide.search.engine import SearchEngine  # noqa: E402
from studyguide.search.query import parse_query  # noqa: E402
from studyguide.store.content import ContentStore  # noqa: E402
from studyguide.store.schema import CONTENT_FORMAT  # noqa: E402
from studyguide.store.search_docs import documents  # noqa: E402

SEARCH_INDEX = "search_index"
_WEIGHTS = "0.0, 0.0, 8.0, 1.0"

#: (query type, what is typed). Planted frequencies: see search_corpus.PLANTED.
QUERIES = [
    ("common word (40% of items)", "missile "),
    ("rare word (about 10 items)", "khrushchev "),
    ("two words", "quarantine naval "),
    ("prefix (about 10,000 items)", "negot"),
    ("prefix of the common word", "missi"),
    ("short prefix (734 indexed terms)", "mar"),
    ("phrase", '"thirteen days"'),
    ("filter kind:card", "kind:card quarantine "),
    ("filter before: (events)", "before:1950 naval "),
    ("filter kind:card, common word", "kind:card missile "),
    ("filter section:", "section:blockade naval "),
    ("misspelt, no match (did you mean)", "khrushchevv "),
    ("two complete words", "naval blockade "),
    ("junk: 1,000 characters of NEAR(", "NEAR(" * 200),
]
LIMIT = 20


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _floor(guide: Path, floor: Path) -> float:
    """Build the baseline, a bare FTS5 table of the guide's items in a file of its own (a guide has
    none since issue 18), as the build used to (columns for the filters, optimized); its seconds."""
    import sqlite_utils

    start = time.perf_counter()
    floor.unlink(missing_ok=True)
    source = sqlite_utils.Database(sqlite3.connect(guide))
    db = sqlite3.connect(floor)
    db.execute(f"CREATE VIRTUAL TABLE [{SEARCH_INDEX}] USING fts5(kind, section, title, body, start_pos UNINDEXED, "
               "tokenize = 'porter unicode61 remove_diacritics 2')")
    # The section column holds the section's title, as the old index did (``section:`` matched it);
    # a document names its section by id since layout 5, which left ``section:blockade`` nothing to match.
    titles = dict(source.execute("SELECT id, title FROM sections").fetchall())
    db.executemany(f"INSERT INTO [{SEARCH_INDEX}] VALUES (?, ?, ?, ?, ?)",
                   ((d[1], titles.get(d[5], d[5]), d[2], d[3], d[6]) for d in documents(source)))
    db.execute(f"INSERT INTO [{SEARCH_INDEX}]([{SEARCH_INDEX}]) VALUES ('optimize')")
    db.commit()
    db.close()
    source.close()
    return time.perf_counter() - start


def build_or_reuse(path: Path, args: argparse.Namespace) -> dict[str, float]:
    stamp = path.with_suffix(".json")
    wanted = {"sections": args.sections, "cards": args.cards, "events": args.events,
              "seed": args.seed, "format": CONTENT_FORMAT, "floor": 2}
    if path.exists() and stamp.exists() and json.loads(stamp.read_text()).get("key") == wanted:
        return json.loads(stamp.read_text())["timings"]
    started = time.perf_counter()
    guide = generate_guide(seed=args.seed, sections=args.sections, cards=args.cards, events=args.events)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    build_guide(guide, path)
    build = time.perf_counter() - started
    index_time = [_floor(path, path.with_name(path.stem + "-fts5.sqlite"))]
    timings = {"generate_s": generated, "build_s": build, "index_s": index_time[0],
               "size_mb": path.stat().st_size / 1e6}
    stamp.write_text(json.dumps({"key": wanted, "timings": timings}))
    return timings


def _measure(engine: SearchEngine, db, text: str, runs: int) -> dict[str, float]:
    query = parse_query(text, as_you_type=True)
    expression = query.match() or '""'
    dates, params = "", []
    if query.filters.before is not None:
        dates, params = " AND start_pos < ?", [float(query.filters.before)]
    baseline_sql = (f"SELECT rowid FROM [{SEARCH_INDEX}] WHERE [{SEARCH_INDEX}] MATCH ?{dates} "
                    f"ORDER BY bm25([{SEARCH_INDEX}], {_WEIGHTS}) LIMIT {LIMIT}")
    # The same output the plain way: highlights and snippets in the ranked query itself.
    shown_sql = (f"SELECT rowid, highlight([{SEARCH_INDEX}], 2, '[', ']'), "
                 f"snippet([{SEARCH_INDEX}], 3, '[', ']', '...', 14) FROM [{SEARCH_INDEX}] "
                 f"WHERE [{SEARCH_INDEX}] MATCH ?{dates} ORDER BY bm25([{SEARCH_INDEX}], {_WEIGHTS}) LIMIT {LIMIT}")
    ours, bare, shown = [], [], []
    result = engine.search(text, limit=LIMIT, as_you_type=True, correct=True)
    db.execute(baseline_sql, [expression, *params]).fetchall()
    for _ in range(runs):
        start = time.perf_counter()
        result = engine.search(text, limit=LIMIT, as_you_type=True, correct=True)
        ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        db.execute(baseline_sql, [expression, *params]).fetchall()
        bare.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        db.execute(shown_sql, [expression, *params]).fetchall()
        shown.append((time.perf_counter() - start) * 1000)
    matches = db.execute(f"SELECT count(*) FROM [{SEARCH_INDEX}] WHERE [{SEARCH_INDEX}] MATCH ?{dates}",
                         [expression, *params]).fetchone()[0]
    return {"matches": matches, "hits": len(result.hits), "total": result.total,
            "suggestion": result.suggestion, "corrected": result.corrected, "median": statistics.median(ours),
            "p95": _percentile(ours, 0.95), "base_median": statistics.median(bare),
            "base_p95": _percentile(bare, 0.95), "shown_p95": _percentile(shown, 0.95)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, default=100_000)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1962)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", type=Path, help="build the guide here and reuse it on later runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.sqlite"
        timings = build_or_reuse(path, args)
        print(f"Guide: {args.sections:,} sections, {args.cards:,} cards, {args.events:,} events "
              f"(generated in {timings['generate_s']:.1f} s, database {timings['size_mb']:.0f} MB)")
        print(f"Build through build_guide: {timings['build_s']:.1f} s; the baseline's bare FTS5 table "
              f"{timings['index_s']:.1f} s")
        store = ContentStore(path=path)
        try:
            engine = SearchEngine(guides=[(store.info, store.database)])
            print(f"\nTop {LIMIT} with highlights and snippets, {args.runs} runs each (ms):\n")
            print("| Query | Typed | Matches | Hits | Median | p95 | Bare FTS5 median | Bare p95 | p95 ratio "
                  "| Bare + snippets p95 | ratio |")
            print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            floor = sqlite3.connect(path.with_name(path.stem + "-fts5.sqlite"))
            for label, text in QUERIES:
                m = _measure(engine, floor, text, args.runs)
                note = f" (counted {m['total']:,})" if m["total"] != m["matches"] else ""
                if m["suggestion"]:
                    shown = "results shown for" if m["corrected"] else "did you mean"
                    note += f" -> {shown} \u201c{m['suggestion'].strip()}\u201d"
                # A ratio against a baseline doing other work says so in the cell.
                unlike = (" (spelling + the suggestion's search, vs one empty MATCH)" if m["suggestion"] else
                          " (a spelling search too, vs one empty MATCH)" if not m["matches"] else "")
                typed = text.strip() if len(text) < 40 else text[:15] + "\u2026"
                print(f"| {label}{note} | `{typed}` | {m['matches']:,} | {m['hits']} | {m['median']:.2f} | "
                      f"{m['p95']:.2f} | {m['base_median']:.2f} | {m['base_p95']:.2f} | "
                      f"{m['p95'] / max(m['base_p95'], 1e-9):.2f}{unlike} | {m['shown_p95']:.2f} | "
                      f"{m['p95'] / max(m['shown_p95'], 1e-9):.2f}{unlike} |")
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
