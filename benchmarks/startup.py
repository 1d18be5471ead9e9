"""Start-up benchmark: StudyGuide from source until it is usable, against a bare PySide6 window.

"Usable" is the moment a painted frame shows the section list filled and the
first section rendered (``studyguide --smoke-test`` stamps it). The baseline
is a bare PySide6 window (``packaging/bare/bare_window.py``) showing the same
content: a list filled with the same section titles and the first section's
Markdown (as the app renders it) in a text browser. A second baseline is the
same bare window whose list holds only the titles one screen shows (the first
60): what any window must at least do to look filled, whatever the guide's size.
First paint (StudyGuide's empty frame, against an empty bare window) is kept as
a secondary figure.
Runs alternate so a noisy machine hurts all alike; times run from the spawn to
each child's stamp; the machine's load average is printed before and after.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py [--runs 15]
    ... benchmarks/startup.py --sections 100 --cards 100000     # a large guide (built once, cached)
    ... benchmarks/startup.py --compare /tmp/old-checkout         # another checkout's app too, same runs
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / ".data"
BARE = ROOT / "packaging" / "bare" / "bare_window.py"
STAMP = re.compile(r"first paint at unix time ([0-9.]+)(?:, usable at ([0-9.]+))?")


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from the spawn to the first paint, and to the usable frame (if stamped)."""
    spawned = time.time()
    # Run from the library folder: ``-m studyguide`` finds the package on PYTHONPATH, not in the cwd.
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, cwd=env["STUDYGUIDE_HOME"])
    match = STAMP.search(result.stdout)
    if result.returncode != 0 or match is None:
        raise SystemExit(f"{command[:3]} failed ({result.returncode}): {result.stdout!r} {result.stderr[-2000:]}")
    usable = float(match[2]) - spawned if match[2] else None
    return float(match[1]) - spawned, usable


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} ({os.cpu_count()} CPUs)"


def _large_guide(sections: int, cards: int) -> Path:
    """A seeded guide of this size, built through the app's build path once and cached."""
    path = DATA / f"startup-{sections}-sections-{cards}-cards.sqlite"
    if not path.exists():
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from search_corpus import generate_guide

        from studyguide.guides.build import build_guide

        print(f"building a guide of {sections:,} sections and {cards:,} cards (once)...", flush=True)
        DATA.mkdir(exist_ok=True)
        build_guide(generate_guide(sections=sections, cards=cards, events=min(sections, 1000)), path)
    return path


def _study(progress: Path, guide_id: str, guide: Path, share: float) -> None:
    """Give ``share`` of the guide's cards a stored state, due over the last and next 60 days (seeded)."""
    import random
    import sqlite3
    from datetime import datetime, timedelta, timezone

    rng = random.Random(7)
    now = datetime.now(timezone.utc)
    content = sqlite3.connect(guide)
    cards = [row[0] for row in content.execute("SELECT id FROM cards ORDER BY position")]
    content.close()
    rows = []
    for card_id in cards[: int(len(cards) * share)]:
        phase = rng.choice((1, 2, 2, 2, 3))
        due = (now + timedelta(days=rng.uniform(-60, 60))).isoformat()
        state = json.dumps({"card_id": 1, "state": phase, "step": 0 if phase != 2 else None, "stability": 5.0,
                            "difficulty": 5.0, "due": due, "last_review": now.isoformat()})
        rows.append((guide_id, card_id, state, due, phase, 5.0))
    db = sqlite3.connect(progress)
    with db:
        db.executemany("INSERT INTO card_state (guide_id, card_id, state, due, phase, stability) "
                       "VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.close()


def _content(guide: Path) -> dict[str, object]:
    """What the app shows when usable: every section title, and the first section as it renders it."""
    from studyguide.store.content import ContentStore
    from studyguide.ui.sections import section_markdown

    store = ContentStore(path=guide)
    try:
        sections = store.sections()
        first = sections[0]
        markdown = section_markdown(first, store.cards(first.id), store.events(first.id))
        return {"titles": [f"{n}. {s.title}" for n, s in enumerate(sections, 1)], "markdown": markdown,
                "id": store.info.id}
    finally:
        store.close()


#: Titles a bare window's list needs to look filled on a 1280x800 window (about 35 rows show).
SCREENFUL = 60


def measure(*, runs: int = 15, sections: int | None = None, cards: int = 0, studied: float = 0.0,
            compare: Path | None = None) -> dict[str, object]:
    """Spawn-to-usable and first-paint times of StudyGuide and the bare windows, runs interleaved.

    Args:
        runs: Runs of each.
        sections: Open a generated guide of this many sections (None: the bundled guide).
        cards: ... with this many cards.
        studied: Share of the cards given a review state first.
        compare: Another checkout whose app runs too, alternately ("app, compared": older code, say).

    Returns:
        ``usable`` and ``first_paint``: per command ("app", "bare, filled", "bare, one screen",
        "bare, empty"), the median and p95 in ms; ``guide``; ``load`` before and after.
    """
    sys.path.insert(0, str(ROOT))
    from studyguide import paths

    guide = _large_guide(sections, cards) if sections else paths.bundled_guide_database()
    with tempfile.TemporaryDirectory() as home:
        content = _content(guide)
        content_file = Path(home) / "bare-content.json"
        content_file.write_text(json.dumps(content), encoding="utf-8")
        screen_file = Path(home) / "bare-screen.json"
        screen_file.write_text(json.dumps(dict(content, titles=content["titles"][:SCREENFUL])), encoding="utf-8")
        # The compared checkout gets a library of its own (its progress format may be older).
        libraries = [Path(home)] + ([Path(home) / "compared"] if compare is not None else [])
        for library in libraries:
            library.mkdir(exist_ok=True)
            if sections:  # the app opens the large guide, as it would after an import
                (library / "guides").mkdir()
                (library / "guides" / guide.name).symlink_to(guide)
                (library / "window.ini").write_text(f"[General]\nguide={content['id']}\n", encoding="utf-8")
        env = dict(os.environ, STUDYGUIDE_HOME=home, PYTHONPATH=str(ROOT))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # An installed app has its bytecode compiled; without it every run recompiles every module.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = {
            "app": ([sys.executable, "-m", "studyguide", "--smoke-test"], env),
            "bare, filled": ([sys.executable, str(BARE)], dict(env, BARE_CONTENT=str(content_file))),
            "bare, one screen": ([sys.executable, str(BARE)], dict(env, BARE_CONTENT=str(screen_file))),
            "bare, empty": ([sys.executable, str(BARE)], env),
        }
        if compare is not None:
            commands["app, compared"] = ([sys.executable, "-m", "studyguide", "--smoke-test"],
                                         dict(env, PYTHONPATH=str(compare), STUDYGUIDE_HOME=str(libraries[-1])))
        for command, command_env in commands.values():  # creates the library, warms the disk cache
            _run(command, command_env)
        if studied:
            for library in libraries:
                _study(library / "progress.sqlite", str(content["id"]), guide, studied)
        load_before = _load()
        first: dict[str, list[float]] = {name: [] for name in commands}
        usable: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, (command, command_env) in commands.items():
                paint, ready = _run(command, command_env)
                first[name].append(paint)
                usable[name].append(ready if ready is not None else paint)
        load_after = _load()

    def figures(times: dict[str, list[float]]) -> dict[str, dict[str, float]]:
        return {name: {"median": statistics.median(v) * 1000, "p95": _p95(v) * 1000} for name, v in times.items()}

    size = (f"{len(content['titles']):,} sections" + (f", {cards:,} cards" if sections else "")
            + f" ({'generated' if sections else 'the bundled guide'})"
            + (f", {studied:.0%} of the cards studied" if studied else ", nothing studied yet"))
    return {"guide": size, "runs": runs, "platform": env["QT_QPA_PLATFORM"], "usable": figures(usable),
            "first_paint": figures(first), "load": f"before {load_before}; after {load_after}"}


def _cell(figure: dict[str, float]) -> str:
    return f"median {figure['median']:6.0f} ms   p95 {figure['p95']:6.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sections", type=int, help="open a generated guide of this many sections")
    parser.add_argument("--cards", type=int, default=0, help="... and this many cards")
    parser.add_argument("--studied", type=float, default=0.0,
                        help="share of the cards given a review state first (0.8: as after months of use)")
    parser.add_argument("--compare", type=Path, help="another checkout (older code) whose app runs too, alternately")
    args = parser.parse_args()
    result = measure(runs=args.runs, sections=args.sections, cards=args.cards, studied=args.studied,
                     compare=args.compare)
    usable, first = result["usable"], result["first_paint"]
    assert isinstance(usable, dict) and isinstance(first, dict)
    print(f"from spawn, {args.runs} runs each ({result['platform']}), guide: {result['guide']}")
    print(f"machine: {result['load']}")
    print("usable: section list filled and first section rendered, in a painted frame")
    for name, label in (("bare, filled", "bare PySide6 window, same list and text"),
                        ("bare, one screen", f"bare window, first {SCREENFUL} titles and the text")):
        print(f"  {label:<44}{_cell(usable[name])}")
    for name, label in (("app", "StudyGuide"), ("app, compared", f"StudyGuide at {args.compare}")):
        if name in usable:
            median, p95 = usable[name]["median"], usable[name]["p95"]
            filled, screen = usable["bare, filled"], usable["bare, one screen"]
            print(f"  {label:<44}{_cell(usable[name])}   ratio {median / filled['median']:.2f}x "
                  f"(to one screen: {median / screen['median']:.2f}x); p95 ratio "
                  f"{p95 / filled['p95']:.2f}x (to one screen: {p95 / screen['p95']:.2f}x)")
    print("first paint (secondary: StudyGuide paints an empty frame first)")
    print(f"  {'bare PySide6 window, empty':<44}{_cell(first['bare, empty'])}")
    print(f"  {'StudyGuide':<44}{_cell(first['app'])}   "
          f"ratio {first['app']['median'] / first['bare, empty']['median']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
