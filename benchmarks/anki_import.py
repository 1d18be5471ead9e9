"""Importing a large Anki package: StudyGuide against Anki's own import of the same file, in the same run.

The package (10,000 notes, 2,000 images, 50,000 review-log rows; ``anki_big_deck.py``) is made
once with the ``anki`` package and kept in ``--cache``. Each run is a fresh process into a fresh
library, alternating the two sides:

- StudyGuide: ``studyguide import PACKAGE`` (read, convert, check and store media, build the
  guide, replay and write the history; the ranking index is filled on a thread of its own and
  the command waits for it before it exits). Run through a two-line wrapper that times that
  wait, so each run gives two figures: **written** (spawn to exit less the wait: the guide and
  its history saved, readable and studyable, as the window has them when its import returns)
  and **searchable** (the whole wall, the ranking index filled too);
- Anki: a new collection, then ``Collection.import_anki_package`` with scheduling, as Anki's
  File > Import does. Anki builds no search index (its search scans the notes with ``LIKE``),
  so its one figure is compared with both of ours.

Each checkout's bytecode is compiled before the runs, as an installed app's (and the ``anki``
wheel's) is. Wall time is from spawn to exit; CPU time (user + system) and peak memory (max RSS) are each
process's own (``os.wait4``). On a loaded machine the CPU time is the steadier comparison; its
user part leaves out the kernel's time, mostly creating the 2,000 media files, which both sides
pay and which varies tenfold with the moment on this machine's file system.
``anki`` needs a Python of its own (``--anki-python``, or ``ANKI_PYTHON`` or ``STUDYGUIDE_ANKI_PYTHON``; default
``/tmp/anki-venv/bin/python``): it pulls in protobuf and a 30 MB Rust library the app does
not need. Without it only StudyGuide is measured.

``--compare DIR`` also runs another checkout of StudyGuide (``git archive REV | tar -x -C DIR``),
interleaved with this one, to measure a change before and after under the same load.

    .venv/bin/python benchmarks/anki_import.py [--runs 3] [--compare DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANKI_IMPORT = """
import sys, time
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
started = time.perf_counter()
col = Collection(sys.argv[2] + "/collection.anki2")
options = ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)
col.import_anki_package(ImportAnkiPackageRequest(package_path=sys.argv[1], options=options))
cards, reviews = col.card_count(), col.db.scalar("SELECT count(*) FROM revlog")
col.close()
print(f"{cards} cards {reviews} reviews {time.perf_counter() - started:.2f}s inside")
"""

#: ``studyguide import PACKAGE`` (``cli.main``), with the time spent waiting for ranking fills timed.
#: Times the command's waits for the ranking index (``Fills.wait``) into ``waited[0]`` (needs ``time``).
RANKING_WAIT_TIMED = """
from studyguide.store import ranking_fill
waited, wait = [0.0], ranking_fill.Fills.wait
def timed(self, guide_ids=None):
    begun = time.perf_counter()
    try:
        return wait(self, guide_ids)
    finally:
        waited[0] += time.perf_counter() - begun
ranking_fill.Fills.wait = timed
"""

STUDYGUIDE_IMPORT = """
import sys, time
""" + RANKING_WAIT_TIMED + """
from studyguide import cli
code = cli.main(["import", sys.argv[1]])
print(f"ranking index waited for {waited[0]:.3f}s")
sys.exit(code)
"""


def run(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float, str, float, float]:
    """Wall seconds, peak RSS in MB, stdout, CPU seconds (user + system) and user seconds of one process.

    On a loaded machine the CPU time says more than the wall time: the wall time is the CPU
    time stretched by the share of the cores the other processes leave."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=cwd)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    out = process.stdout.read() if process.stdout else ""
    err = process.stderr.read() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({process.returncode}):\n{out}\n{err}")
    return wall, usage.ru_maxrss / 1024, out.strip(), usage.ru_utime + usage.ru_stime, usage.ru_utime


def written(result: tuple[float, float, str, float, float]) -> float:
    """A StudyGuide run's wall less its wait for the ranking index (the wrapper's last line)."""
    last = result[2].splitlines()[-1]
    return result[0] - float(last.rsplit(" ", 1)[1].rstrip("s")) if last.startswith("ranking index") else result[0]


#: Anki's kernel time above which its run met the slow file system (see ``_by_mood``).
SLOW_FS_SYS = 0.8


def _by_mood(ours: list, theirs: list) -> None:
    """The runs split by the file system's mood, read from Anki's kernel time in that run (mostly
    creating its 2,000 media files one after another: 0.4 s when this VM's ext4 is quick, 1.2-1.9 s
    when it is slow, from one moment to the next). Ours creates them in a process beside its other
    work, so a slow moment costs it less: each mood is compared on its own."""
    for mood, slow in (("quick", False), ("slow", True)):
        pairs = [(o, t) for o, t in zip(ours, theirs, strict=True) if ((t[3] - t[4]) > SLOW_FS_SYS) == slow]
        if pairs:
            mine, anki = statistics.median(written(o) for o, _ in pairs), statistics.median(t[0] for _, t in pairs)
            print(f"file system {mood} (Anki kernel time {'>' if slow else '<='} {SLOW_FS_SYS} s) in {len(pairs)} "
                  f"run(s): StudyGuide written {mine:.2f} s, Anki {anki:.2f} s: {mine / anki:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--anki-python", default=os.environ.get("ANKI_PYTHON") or os.environ.get(
        "STUDYGUIDE_ANKI_PYTHON", "/tmp/anki-venv/bin/python"))
    parser.add_argument("--compare", type=Path, help="another checkout to run interleaved (e.g. before a change)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "studyguide-anki-bench")
    parser.add_argument("--scratch", type=Path, default=None,
                        help="where the libraries and collections are made (default: the temp folder); "
                             "e.g. /dev/shm to take this VM's disk out of both sides' times")
    args = parser.parse_args()
    anki = Path(args.anki_python) if Path(args.anki_python).exists() else None
    package = args.cache / "big.apkg"
    if not package.exists():
        if anki is None:
            raise SystemExit(f"{package} is missing and no Python with anki to make it (--anki-python)")
        args.cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(anki), str(ROOT / "benchmarks" / "anki_big_deck.py"), str(package)], check=True)
    print(f"Package: {package} ({package.stat().st_size / 2**20:.1f} MB); load average {os.getloadavg()[0]:.1f}")
    # As installed (Anki's wheel was byte-compiled by pip): each checkout's bytecode compiled once
    # beforehand, else every run recompiles every module (0.12 s of CPU with PYTHONDONTWRITEBYTECODE set).
    for checkout in (ROOT, args.compare):
        if checkout is not None:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "studyguide")], check=True,
                           env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    ours, theirs, before = [], [], []
    scratch = Path(tempfile.mkdtemp(prefix="studyguide-anki-runs-", dir=args.scratch))
    try:
        _runs(args, package, anki, scratch, ours, theirs, before)
    finally:
        shutil.rmtree(scratch)
    print(f"load average {os.getloadavg()[0]:.1f}")
    _summary(args, ours, theirs, before)
    return 0


@contextlib.contextmanager
def _kept(scratch: Path) -> Iterator[str]:
    """A new folder for one run, kept until all runs are done: deleting a run's 2,000 media files
    before the next run made every file the next run created cost this VM's ext4 a scan of its
    recently deleted inodes (``recently_deleted`` in ``__ext4_new_inode``: 0.1 s of kernel time
    for 2,000 files became 1.3-1.8 s), which a learner importing a deck does not pay."""
    yield tempfile.mkdtemp(dir=scratch)


def _runs(args: argparse.Namespace, package: Path, anki: Path | None, scratch: Path, ours: list, theirs: list,
          before: list) -> None:
    for number in range(args.runs):
        for checkout, results, label in ((ROOT, ours, "StudyGuide"), (args.compare, before, "compared")):
            if checkout is None:
                continue
            with _kept(scratch) as home:
                env = {**os.environ, "STUDYGUIDE_HOME": home, "PYTHONPATH": str(checkout)}
                env.pop("QT_QPA_PLATFORM", None)
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                results.append(run([sys.executable, "-c", STUDYGUIDE_IMPORT, str(package)], env, cwd=checkout))
                media = next(Path(home, "guides").glob("*.media"), None)
                count = len(list(media.iterdir())) if media else 0
            wall, rss, out, cpu, user = results[-1]
            print(f"run {number + 1}: {label} {wall:.2f} s, written {written(results[-1]):.2f} s (CPU {cpu:.2f} s, "
                  f"user {user:.2f} s), {rss:.0f} MB ({out.splitlines()[-2]}; {count} media files)")
        if anki is not None:
            with _kept(scratch) as folder:
                theirs.append(run([str(anki), "-c", ANKI_IMPORT, str(package), folder], dict(os.environ)))
            wall, rss, out, cpu, user = theirs[-1]
            print(f"run {number + 1}: Anki {wall:.2f} s (CPU {cpu:.2f} s, user {user:.2f} s), {rss:.0f} MB ({out})")
        print(f"  load average {os.getloadavg()[0]:.1f}")


def _summary(args: argparse.Namespace, ours: list, theirs: list, before: list) -> None:
    anki_median = statistics.median(r[0] for r in theirs) if theirs else None
    for name, results in (("StudyGuide", ours), (f"compared ({args.compare})", before), ("Anki (same file)", theirs)):
        if results:
            walls, cpus, users = (sorted(r[i] for r in results) for i in (0, 3, 4))
            line = (f"{name}: median {statistics.median(walls):.2f} s, p95 {walls[-1]:.2f} s (max of {len(walls)}); "
                    f"CPU median {statistics.median(cpus):.2f} s, p95 {cpus[-1]:.2f} s; "
                    f"user CPU median {statistics.median(users):.2f} s, p95 {users[-1]:.2f} s; "
                    f"peak RSS {max(r[1] for r in results):.0f} MB")
            if results is not theirs:
                done = sorted(written(r) for r in results)
                line += f"; written median {statistics.median(done):.2f} s, p95 {done[-1]:.2f} s"
                if anki_median:
                    line += (f"; / Anki: written {statistics.median(done) / anki_median:.2f}x, "
                             f"searchable {statistics.median(walls) / anki_median:.2f}x")
            print(line)
    if theirs and ours:
        _by_mood(ours, theirs)
    shutil.rmtree(args.cache / "unused", ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
