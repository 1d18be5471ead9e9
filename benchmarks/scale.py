"""Issue 18's table: StudyGuide at scale, beside the bare floors and Anki, all in one run.

The corpus is generated here, seeded (``search_corpus``'s Zipf vocabulary and planted
words): cards (an 6-14 word question, a 3-25 word answer) and sections (120-250 words),
written as TSV files for the imports. The planted words' exact counts are taken from the
generated text itself, and every search's reported count is checked against them.

Rows, each timed in the same run (median and p95 of ``--runs``; imports in fresh processes):

- import N cards from TSV: ``studyguide import`` as the command line does it (read, build,
  index), Anki 26.9 (``anki`` package in its own venv: ``import_csv`` into a fresh
  collection), and the floor: a bare FTS5 table filled with the same text and optimized;
- the guide on disk (sections + cards) against Anki's collection of the same notes;
- search top 20 for a common word and others: ``Library.search`` (exact count, snippets),
  the bare FTS5 ``ORDER BY bm25 LIMIT 20`` floor, bare tantivy top 20, and Anki's ``find_notes``;
- review start and window usable, from ``benchmarks/scale_review.py`` when it is there.

    nice .venv/bin/python benchmarks/scale.py                  # smoke size (2,000 + 2,000), a minute
    nice .venv/bin/python benchmarks/scale.py --full [--million] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANKI_PYTHON = Path(os.environ.get("STUDYGUIDE_ANKI_PYTHON", "/work/main/.venv-anki/bin/python"))
QUERIES = (("common word (40% of items)", "missile"), ("rare word", "khrushchev"),
           ("two words", "quarantine naval"), ("phrase", '"thirteen days"'), ("prefix while typing", "negot"))


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def figure(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} (p95 {p95(values):.2f})"


# The corpus ---------------------------------------------------------------------

def corpus(folder: Path, sections: int, cards: int) -> dict[str, object]:
    """Write ``cards.tsv`` and ``sections.tsv`` (front/title, back/body; newlines as <br>) and
    return the exact number of items each benchmark query matches."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    from search_corpus import generate_guide

    guide = generate_guide(sections=sections, cards=cards, events=0)
    counts = dict.fromkeys(("missile", "khrushchev", "quarantine naval", "thirteen days"), 0)
    with (folder / "cards.tsv").open("w", encoding="utf-8") as out_cards, \
            (folder / "sections.tsv").open("w", encoding="utf-8") as out_sections:
        for out, rows in ((out_sections, ((s.title, s.body) for s in guide.sections)),
                          (out_cards, ((c.front, c.back) for c in guide.cards))):
            for front, back in rows:
                out.write(f"{front}\t{back.replace(chr(10), '<br>')}\n")
                count_planted(counts, f"{front}\n{back}")
    return {"counts": counts, "guide": guide}


_WORD = re.compile(r"[^\W_]+")


def count_planted(counts: dict[str, int], text: str) -> None:
    """Add one item's matches of the benchmark's planted queries to ``counts``."""
    listed = _WORD.findall(text.lower())
    words = set(listed)
    counts["missile"] += "missile" in words
    counts["khrushchev"] += "khrushchev" in words
    counts["quarantine naval"] += "quarantine" in words and "naval" in words
    pairs = zip(listed, listed[1:], strict=False)
    counts["thirteen days"] += any(a == "thirteen" and b == "days" for a, b in pairs)


def million_tsv(path: Path, cards: int) -> dict[str, int]:
    """A TSV of ``cards`` cards written as it is generated (never held whole); the planted counts."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import random

    from search_corpus import _plant, _Words  # noqa: PLC2701 - the same text as the rest

    rng = random.Random(1_000_000)
    words = _Words(rng)
    counts = dict.fromkeys(("missile", "khrushchev", "quarantine naval", "thirteen days"), 0)
    with path.open("w", encoding="utf-8") as out:
        for _ in range(cards):
            front, back = words.take(rng.randint(6, 14)), words.take(rng.randint(3, 25))
            _plant(rng, front, back)
            line = " ".join(front).capitalize() + "?\t" + " ".join(back)
            out.write(line + "\n")
            count_planted(counts, line)
    return counts


# Children (fresh processes) -------------------------------------------------------

OURS = r"""
import json, resource, sys, time
from datetime import datetime, timezone
from pathlib import Path
start = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from studyguide import paths
from studyguide.library import Library
from studyguide.library_tables import install_table
home = Path(sys.argv[3])
library = Library(home=home, bundled_guide=paths.bundled_guide_database(), clock=lambda: datetime.now(timezone.utc))
try:
    began = time.perf_counter()
    install_table(library, Path(sys.argv[2]))  # streamed, a batch of cards at a time
    library.reload_guides()
    done = time.perf_counter()  # the guide is written: readable and studyable
    library.ranking.wait_filled()  # its ranking index, filled on a thread of its own
    indexed = time.perf_counter()
    error = None
except Exception as exc:  # a refusal (too large) is a figure of its own
    done, error = time.perf_counter(), f"{type(exc).__name__}: {exc}"
    indexed = done
library.close()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"import": done - began, "indexed": indexed - began, "error": error,
                  "maxrss_mib": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime}))
"""

ANKI = r"""
import json, resource, sys, time
from pathlib import Path
from anki.collection import Collection, ImportCsvRequest
home, queries = Path(sys.argv[1]), json.loads(sys.argv[3])
col = Collection(str(home / "collection.anki2"))
began = time.perf_counter()
for path in sys.argv[2].split(","):
    metadata = col.get_csv_metadata(path, None)
    col.import_csv(ImportCsvRequest(path=path, metadata=metadata))
done = time.perf_counter()
searches = {}
for query in queries:
    times = []
    for _ in range(int(sys.argv[4])):
        t = time.perf_counter()
        found = len(col.find_notes(query))
        times.append((time.perf_counter() - t) * 1000)
    searches[query] = {"ms": times, "found": found}
notes = col.note_count()
col.close()
size = sum(f.stat().st_size for f in home.iterdir() if f.name.startswith("collection.anki2"))
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"import": done - began, "notes": notes, "bytes": size, "searches": searches,
                  "maxrss_mib": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime}))
"""


def run_child(argv: list[str]) -> tuple[dict[str, object], float]:
    """Run a child process; its JSON line and the wall time from spawn to exit."""
    start = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    return json.loads(out.stdout.strip().splitlines()[-1]), wall


def ours_import(tsv: Path, runs: int, keep: Path | None = None) -> dict[str, object]:
    """Import ``tsv`` ``runs`` times, each into a fresh library (the last one into ``keep``, if given)."""
    walls, inner, indexed, cpu, written, rss, error = [], [], [], [], [], [], None
    for run in range(runs):
        with tempfile.TemporaryDirectory(prefix="scale-ours-") as scratch:
            home = str(keep) if keep is not None and run == runs - 1 else scratch
            result, wall = run_child([sys.executable, "-c", OURS, str(ROOT), str(tsv), home])
            walls.append(wall)
            inner.append(float(result["import"]))  # type: ignore[arg-type]
            indexed.append(float(result["indexed"]))  # type: ignore[arg-type]
            cpu.append(float(result["cpu"]))  # type: ignore[arg-type]
            # spawn to exit less the wait for the ranking index: the process had the guide written then
            written.append(wall - (float(result["indexed"]) - float(result["import"])))  # type: ignore[arg-type]
            rss.append(float(result["maxrss_mib"]))  # type: ignore[arg-type]
            error = result["error"]
    return {"wall": walls, "import": inner, "indexed": indexed, "cpu": cpu, "written": written,
            "maxrss_mib": max(rss), "error": error}


def anki_run(tsvs: list[Path], runs: int, queries: list[str], searches: int) -> dict[str, object] | None:
    if not ANKI_PYTHON.exists():
        return None
    walls, inner, cpu, last = [], [], [], {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="scale-anki-") as home:
            last, wall = run_child([str(ANKI_PYTHON), "-c", ANKI, home, ",".join(map(str, tsvs)),
                                    json.dumps(queries), str(searches)])
            walls.append(wall)
            inner.append(float(last["import"]))  # type: ignore[arg-type]
            cpu.append(float(last["cpu"]))  # type: ignore[arg-type]
    return {**last, "wall": walls, "import": inner, "cpu": cpu}


def fts5_floor(tsvs: list[Path], runs: int) -> list[float]:
    """Bare FTS5: the same rows inserted into one table and optimized (no Python per row beyond the split)."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="scale-floor-") as folder:
            start = time.perf_counter()
            db = sqlite3.connect(Path(folder) / "floor.sqlite")
            db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, "
                       "tokenize='porter unicode61 remove_diacritics 2')")
            for tsv in tsvs:
                with tsv.open(encoding="utf-8") as handle:
                    db.executemany("INSERT INTO t (title, body) VALUES (?, ?)",
                                   (line.rstrip("\n").split("\t", 1) for line in handle))
            db.execute("INSERT INTO t (t) VALUES ('optimize')")
            db.commit()
            db.close()
            times.append(time.perf_counter() - start)
    return times


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# Search ---------------------------------------------------------------------------

def search_rows(home: Path, guide_file: Path, counts: dict[str, int], runs: int) -> list[dict[str, object]]:
    """Time ``Library.search`` (top 20, as the app asks) and the floors on the same guide."""
    sys.path.insert(0, str(ROOT))
    from datetime import datetime, timezone

    from studyguide.library import Library
    from studyguide.store import ranking_query as qb

    library = Library(home=home, bundled_guide=guide_file, clock=lambda: datetime.now(timezone.utc))
    bare = _fts5_of(guide_file, home.parent / "fts5-floor.sqlite")
    rows = []
    try:
        library.search.search("warm up")
        for label, text in QUERIES:
            typing = label.startswith("prefix")
            ours, floor, tantivy_floor = [], [], []
            match = " ".join(f'"{w}"' for w in re.findall(r"[^\W_]+", text)) if '"' not in text else text
            match = f'"{text}"*' if typing else match
            words = qb.stems(text.strip('"'))
            plain = qb.words(words) if words else qb.nothing()  # in the title or the body (layout 4)
            result = None
            for _ in range(runs):
                start = time.perf_counter()
                result = library.search.search(text, limit=20, as_you_type=typing)
                ours.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                bare.execute("SELECT rowid, snippet(t, 1, '[', ']', '...', 14) FROM t "
                             "WHERE t MATCH ? ORDER BY bm25(t, 8, 1) LIMIT 20", (match,)).fetchall()
                floor.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                library.ranking.search(plain, 20)
                tantivy_floor.append((time.perf_counter() - start) * 1000)
            assert result is not None
            expected = counts.get(text.strip('"'))
            kinds = {h.kind for h in result.hits}
            rows.append({"label": label, "query": text, "total": result.total, "expected": expected,
                         "kinds": sorted(kinds), "ours": ours, "fts5": floor, "tantivy": tantivy_floor})
    finally:
        bare.close()
        library.close()
    return rows


def _fts5_of(guide_file: Path, floor: Path) -> sqlite3.Connection:
    """The floor: a bare FTS5 table (title, body) of the guide's items, in its own file (a guide has none)."""
    sys.path.insert(0, str(ROOT))
    import sqlite_utils

    from studyguide.store.search_docs import documents

    guide = sqlite_utils.Database(sqlite3.connect(f"{guide_file.resolve().as_uri()}?mode=ro", uri=True))
    floor.unlink(missing_ok=True)
    bare = sqlite3.connect(floor)
    bare.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')")
    bare.executemany("INSERT INTO t (title, body) VALUES (?, ?)", (d[2:4] for d in documents(guide)))
    bare.execute("INSERT INTO t (t) VALUES ('optimize')")
    bare.commit()
    guide.close()
    return bare


def build_library(home: Path, guide: object) -> tuple[Path, float]:
    """The generated guide built as the library's only guide (in the bundled guide's place, so every
    hit is the corpus's), and the seconds the build and its ranking index took."""
    sys.path.insert(0, str(ROOT))
    from datetime import datetime, timezone

    from studyguide.guides.build import build_guide
    from studyguide.library import Library

    start = time.perf_counter()
    guide_file = build_guide(guide, home.parent / "bench.sqlite")  # type: ignore[arg-type]
    library = Library(home=home, bundled_guide=guide_file, clock=lambda: datetime.now(timezone.utc))
    library.search.search("index it")  # the first search indexes the guide (an import does it at once)
    library.close()
    return guide_file, time.perf_counter() - start


# Review and window (scale18's) ----------------------------------------------------

def _median_p95(figure_of: object) -> str:
    if isinstance(figure_of, dict) and "median" in figure_of:
        return f"{figure_of['median']:.1f} (p95 {figure_of.get('p95', figure_of.get('max', 0)):.1f})"
    return str(figure_of)


def review_rows(runs: int, cards: list[int], sections: int | None) -> list[str]:
    """The rows of scale18's half of the issue, from ``benchmarks/scale_review.py`` when it is there."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import scale_review  # type: ignore[import-not-found]
    except ImportError:
        return ["start a review session, window usable: see benchmarks/scale_review.py"]
    out = []
    for count in cards:
        r = scale_review.start_session(count, runs)
        out.append(f"| start a review session, {count:,} cards, ms | first start {_median_p95(r['cold_ms'])}; "
                   f"RSS growth {_median_p95(r['growth_mib'])} MiB | | bare SQL first page "
                   f"{_median_p95(r['bare_ms'])} | | {r['load']} |")
    w = scale_review.window_usable(sections, runs, cards=cards[0] if sections else 0)
    out.append(f"| window usable ({sections or 'bundled guide'} sections) | {json.dumps(w)} | | | | {load()} |")
    return out


# The table ------------------------------------------------------------------------

def row(*cells: object) -> None:
    print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


def ratio(ours: list[float], theirs: list[float] | None) -> str:
    return f"{statistics.median(ours) / statistics.median(theirs):.2f}x" if theirs else "-"


def import_rows(tsv: Path, rows: int, runs: int, anki: bool, keep: Path | None = None) -> None:
    ours = ours_import(tsv, runs, keep)
    floor = fts5_floor([tsv], runs)
    theirs = anki_run([tsv], runs, [], 0) if anki else None
    refused = f"; {ours['error']}" if ours["error"] else ""
    mine: list[float] = ours["wall"]  # type: ignore[assignment]
    written: list[float] = ours["written"]  # type: ignore[assignment]
    walls: list[float] | None = theirs["wall"] if theirs else None  # type: ignore[assignment]
    anki_cell = (f"{figure(walls)}; in the process {figure(theirs['import'])}; "  # type: ignore[index]
                 f"CPU {figure(theirs['cpu'])}" if theirs and walls else "no anki venv")  # type: ignore[arg-type]
    row(f"import {rows:,} cards ({_size(tsv) / 1e6:.0f} MB TSV), wall s, fresh process",
        f"guide written (readable, studyable): {figure(written)}; searchable too (ranking index filled): "
        f"{figure(mine)}; in the process {figure(ours['import'])} / {figure(ours['indexed'])}; "  # type: ignore[arg-type]
        f"CPU {figure(ours['cpu'])}; peak RSS {ours['maxrss_mib']:.0f} MiB{refused}",  # type: ignore[arg-type]
        anki_cell, f"{figure(floor)} (bare FTS5 insert + optimize, in process)",
        f"written {ratio(written, walls)}, searchable {ratio(mine, walls)}", load())


def search_table(found_rows: list[dict[str, object]], anki: dict[str, object] | None, size: str) -> None:
    for found in found_rows:
        theirs = anki["searches"].get(found["query"]) if anki else None  # type: ignore[attr-defined]
        expected = found["expected"]
        exact = ("" if expected is None else " = planted" if found["total"] == expected
                 else f" != {expected} planted")
        mine: list[float] = found["ours"]  # type: ignore[assignment]
        row(f"search at {size}, {found['label']}: `{found['query']}`, top 20, ms",
            f"{figure(mine)}, ranked, {found['total']:,} hits{exact}",
            f"{figure(theirs['ms'])}, unranked, {theirs['found']:,} notes" if theirs else "-",
            f"FTS5 bm25 top 20 + snippets {figure(found['fts5'])}; "  # type: ignore[arg-type]
            f"bare tantivy top 20 {figure(found['tantivy'])}",  # type: ignore[arg-type]
            f"p95 {p95(mine) / p95(theirs['ms']):.3f}x" if theirs else "-", load())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="100,000 cards and 100,000 sections")
    parser.add_argument("--cards", type=int, default=2_000)
    parser.add_argument("--sections", type=int, default=2_000)
    parser.add_argument("--million", action="store_true", help="also import and search 1,000,000 cards")
    parser.add_argument("--million-cards", type=int, default=1_000_000, help=argparse.SUPPRESS)  # smoke tests
    parser.add_argument("--runs", type=int, default=3, help="imports per side")
    parser.add_argument("--searches", type=int, default=40, help="runs of each search")
    parser.add_argument("--no-anki", action="store_true")
    parser.add_argument("--no-review", action="store_true", help="skip scale_review.py's rows")
    args = parser.parse_args()
    cards, sections = (100_000, 100_000) if args.full else (args.cards, args.sections)
    anki = not args.no_anki and ANKI_PYTHON.exists()
    print(f"# scale.py: {cards:,} cards, {sections:,} sections, {args.runs} imports per side, "
          f"{args.searches} searches each; load {load()}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="scale-"))
    try:
        made = corpus(work, sections, cards)
        counts: dict[str, int] = made["counts"]  # type: ignore[assignment]
        tsv_cards, tsv_sections = work / "cards.tsv", work / "sections.tsv"
        row("at the size said", "StudyGuide", "Anki", "floor", "StudyGuide / Anki", "load")
        row(*["---"] * 6)
        import_rows(tsv_cards, cards, args.runs, anki)
        if args.million:
            big, kept = work / "million.tsv", work / "million-library"
            million_counts = million_tsv(big, args.million_cards)
            import_rows(big, args.million_cards, 1, anki, keep=kept)
            big.unlink()
            imported = sorted((kept / "guides").glob("*.sqlite"))
            if imported:
                search_table(search_rows(kept, imported[0], million_counts, args.searches), None,
                             f"{args.million_cards:,} cards")
            shutil.rmtree(kept, ignore_errors=True)
        home = work / "library"
        guide_file, build_s = build_library(home, made["guide"])
        del made["guide"]
        index_bytes = _size(home / "search-index")
        ours_bytes = _size(guide_file) + index_bytes
        both = anki_run([tsv_sections, tsv_cards], 1, [q for _, q in QUERIES[:2]], args.searches) if anki else None
        anki_bytes = int(both["bytes"]) if both else 0  # type: ignore[call-overload]
        row(f"guide on disk, {sections:,} sections + {cards:,} cards",
            f"{ours_bytes / 1e6:.0f} MB (guide {_size(guide_file) / 1e6:.0f} + ranking index {index_bytes / 1e6:.0f});"
            f" built in {build_s:.1f} s", f"{anki_bytes / 1e6:.0f} MB" if both else "-", "",
            f"{ours_bytes / anki_bytes:.2f}x" if both else "-", load())
        search_table(search_rows(home, guide_file, counts, args.searches), both,
                     f"{sections:,} sections + {cards:,} cards")
        if not args.no_review:
            for line in review_rows(args.runs, [100_000, 1_000_000] if args.million else [cards],
                                    100_000 if args.full else None):
                print(line, flush=True)
        print(f"# done; load {load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
