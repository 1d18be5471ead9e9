"""Reliability battery: every failure of issue 13, reproduced in a scratch folder and counted.

Each scenario runs the app the way a user would break it, mostly as real processes:
- first start: a process creating a new library is killed with SIGKILL at a random moment (x N);
- mid-review: a process answering cards as fast as it can is killed with SIGKILL (x N); every
  answer it acknowledged (printed after ``ReviewSession.answer`` returned) must be in the log;
- mid-import: ``studyguide import`` of a large Anki package is killed (x N); the next start must
  leave no temporary file in the library or the system's temp folder;
- damaged, foreign, newer and read-only progress files: every command runs as ``studyguide ...``
  and must exit with a clear message, never a traceback, and never write to a refused file;
  ``restore`` must bring back all 40 answers of a damaged library;
- crafted inputs (a FIFO, a symlink to /dev/zero, self-referencing and endless Anki views, crafted
  note-type JSON, 10,000 clozes in one note, a folder named .md, bad UTF-8, a query starting
  with '-', Markdown images naming /dev/zero, a FIFO and an absolute path): each must end
  within seconds with a clear message;
- a full disk (a real 2 MB tmpfs; root on Linux only): import, backup, opening with almost no
  space left, answers until the disk is full, and the size of the write-ahead log;
- two processes answering the same cards at once (``benchmarks/reliability_two_processes.py``),
  also with a third running ``backup`` and ``rebuild-progress`` beside them.

After every scenario its folders (and the temp folder the processes were given, ``TMPDIR``) are
searched for leftovers: ``*.tmp*``, ``*-journal``, ``*.partial``, ``*.creating-*``, ``tmp*.anki2``.
The table counts, per scenario: tracebacks (or aborts), hangs, lost answers, bricked libraries
(that never open again), lock failures, leftover files and bad exits (an unclear message, a
wrong exit code, Python internals in a message, or a refused file that was written). All must be 0.

Run: .venv/bin/python benchmarks/reliability.py [--quick] [--json]   (about 3 min; --quick about 30 s)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

GUIDE = "reliability"
BUNDLED = "cuban-missile-crisis"
COLUMNS = ("tracebacks", "hangs", "lost", "bricked", "lock_failures", "leftovers", "bad_exits")
LEFTOVER_PATTERNS = ("*.tmp*", "*-journal", "*.partial", "*.creating-*", "tmp*.anki2")


@dataclass
class Row:
    """One scenario's counts (all must be zero) and how it was run."""

    scenario: str
    how: str
    trials: int = 0
    tracebacks: int = 0
    hangs: int = 0
    lost: int = 0
    bricked: int = 0
    lock_failures: int = 0
    leftovers: int = 0
    bad_exits: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        if len(self.notes) < 6:
            self.notes.append(text[:600])


def studyguide_command() -> list[str]:
    """The installed command line (``.venv/bin/studyguide``), else ``python -m studyguide``."""
    script = Path(sys.executable).with_name("studyguide")
    return [str(script)] if script.exists() else [sys.executable, "-m", "studyguide"]


def _cap_memory() -> None:
    """3 GB of address space: a program reading /dev/zero whole fails fast instead of eating all memory."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@dataclass
class Run:
    code: int | None
    out: str
    err: str
    seconds: float

    @property
    def hung(self) -> bool:
        return self.code is None


def cli(home: Path, *args: str, env: dict, timeout: float = 20.0, stdin: str | None = None) -> Run:
    """``studyguide --library HOME ARGS`` in a process of its own (None as the code when it hung)."""
    started = time.perf_counter()
    try:
        done = subprocess.run([*studyguide_command(), "--library", str(home), *args], capture_output=True,
                              text=True, env=env, timeout=timeout, cwd=ROOT, preexec_fn=_cap_memory,
                              input=stdin, errors="replace")
    except subprocess.TimeoutExpired as expired:
        return Run(None, str(expired.stdout or ""), str(expired.stderr or ""), time.perf_counter() - started)
    return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - started)


INTERNALS = ("Traceback", "Errno", "object has no attribute", "sqlite3.", "OperationalError", "MemoryError",
             "bad_alloc", "usage: studyguide")


def judge(row: Row, run: Run, what: str, *, must_say: tuple[str, ...] = (), ok_codes=(0, 2)) -> None:
    """Count a command's outcome: a hang, a traceback or abort, or an unclear exit."""
    row.trials += 1
    if run.hung:
        row.hangs += 1
        row.note(f"{what}: hung")
        return
    if "Traceback" in run.err or run.code not in (0, 1, 2):
        row.tracebacks += 1
        row.note(f"{what}: exit {run.code}: {run.err.strip()[-200:]}")
        return
    if run.code not in ok_codes:
        row.bad_exits += 1
        row.note(f"{what}: exit {run.code}, expected {ok_codes}: {run.err.strip()[:200]}")
        return
    if run.code != 0:
        message = run.err.strip()
        clear = message.startswith("studyguide: error: ") and not any(word in message for word in INTERNALS)
        if not clear or (must_say and not any(word in message for word in must_say)):
            row.bad_exits += 1
            row.note(f"{what}: unclear message: {message[:200]}")


def leftovers(*folders: Path) -> list[str]:
    """Files an interrupted or failed write left behind under ``folders``."""
    found: set[str] = set()
    for folder in folders:
        if folder.exists():
            for pattern in LEFTOVER_PATTERNS:
                found.update(str(p) for p in folder.rglob(pattern))
    return sorted(found)


def count_leftovers(row: Row, *folders: Path) -> None:
    left = leftovers(*folders)
    row.leftovers += len(left)
    if left:
        row.note(f"left behind: {left[:3]}")


def scratch_env(tmp: Path) -> dict:
    """The environment of every process: its own temp folder (checked for leftovers), no display."""
    tmp.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}


# --- The zygote: imports the app once, forks one real process per trial ------------------------

#: The zygote's imports, and one library created and thrown away: creating a library imports more
#: on first use (sqlite_utils and its plugins, 40-120 ms), which each forked child would otherwise
#: pay before writing anything, so the first-start kills (0-40 ms) all landed before the creation.
WARM_UP = r"""
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from studyguide import paths
from studyguide.library import Library
from studyguide.review.scheduler import Rating
from studyguide.store.errors import StoreUnavailable

with tempfile.TemporaryDirectory() as warm:
    Library(home=Path(warm) / "library", bundled_guide=paths.bundled_guide_database(),
            clock=lambda: datetime.now(timezone.utc)).close()
"""

ZYGOTE = WARM_UP + r"""
import faulthandler, os, random, signal, sys, traceback
from datetime import timedelta

def say(*words):
    # One write per line: print() writes the text and its newline apart when PYTHONUNBUFFERED is
    # set, and a SIGKILL between the two glued "a" to the zygote's next line ("areaped 9"), which
    # the harness then waited 30 s for as a hang.
    os.write(1, (" ".join(str(w) for w in words) + "\n").encode())

def library(home, guide, days=0.0):
    offset = [timedelta(days=days)]
    return Library(home=Path(home), bundled_guide=Path(guide),
                   clock=lambda: datetime.now(timezone.utc) + offset[0]), offset

def review(home, guide, guide_id, days):
    lib, offset = library(home, guide, days)
    session = lib.start_review(guide_id)
    say("ready")
    rng = random.Random(os.getpid())
    while True:
        if session.current is None:
            offset[0] += timedelta(days=1000)
            session = lib.start_review(guide_id)
            if session.current is None:
                break
        session.reveal()
        session.answer(rng.choice((Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY)))
        say("a")

def check(home, guide, guide_id):
    try:
        lib, _ = library(home, guide)
    except StoreUnavailable as error:
        say("bricked", str(error).replace("\n", " "))
        return
    say("ok", lib.progress.review_count(guide_id))
    lib.close()

for line in sys.stdin:
    command, home, guide, guide_id, days = line.split()
    go_read, go_write = os.pipe()  # the child writes nothing before its pid is printed
    pid = os.fork()
    if pid == 0:
        faulthandler.register(signal.SIGUSR1, all_threads=True)  # the harness asks a hung child where it is
        os.close(go_write)
        os.read(go_read, 1)
        code = 0
        try:
            if command == "create":
                library(home, guide)[0].close()
            elif command == "review":
                review(home, guide, guide_id, float(days))
            else:
                check(home, guide, guide_id)
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            os._exit(code)
    os.close(go_read)
    say("pid", pid)
    os.write(go_write, b"x")
    os.close(go_write)
    _, status = os.waitpid(pid, 0)
    say("reaped", status)
"""


class Zygote:
    """A process that imports the app once and forks a real child process per command."""

    def __init__(self, env: dict, errors: Path) -> None:
        self.errors = errors.open("w")
        self.proc = subprocess.Popen([sys.executable, "-c", ZYGOTE], cwd=ROOT, env=env, bufsize=0,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors)
        self.child = 0
        self.buffer = b""  # read from the pipe's descriptor directly, so select() sees every byte
        #: What the last wait that timed out found (which process, its state), for the notes.
        self.diagnosis = ""

    def send(self, command: str, home: Path, guide: Path, guide_id: str = GUIDE, days: float = 0) -> int:
        self.proc.stdin.write(f"{command} {home} {guide} {guide_id} {days}\n".encode())
        line = self.readline(30)
        if not line or not line.startswith("pid "):  # the note says why (once the only word was "None")
            raise RuntimeError(f"the zygote did not start a child for {command!r}: got {line!r}; {self.diagnosis}")
        self.child = int(line.split()[1])
        return self.child

    def readline(self, timeout: float) -> str | None:
        """The next line, or None (and the child killed) if none came within ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(self.proc.stdout.fileno(), 65536) if ready else b""
            if not chunk:  # nothing in time (a hang), or the zygote is gone
                self.diagnosis = f"{'timed out' if not ready else 'zygote gone'} after {timeout:.0f} s; " + \
                    self.diagnose()
                self.kill()
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode().strip()

    def diagnose(self) -> str:
        """The child's and the zygote's states (from /proc), and the child's Python stack (faulthandler,
        written to the zygote's error file), to tell a hung app from a lost line."""
        found = []
        for name, pid in (("child", self.child), ("zygote", self.proc.pid)):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                state = next(line.split(":", 1)[1].strip() for line in status.splitlines() if line.startswith("State"))
                wchan = Path(f"/proc/{pid}/wchan").read_text().strip()
                found.append(f"{name} {pid}: {state}, in {wchan or '-'}")
            except (OSError, StopIteration):
                found.append(f"{name} {pid}: gone")
        if self.child and "child" in found[0] and "gone" not in found[0] and "zombie" not in found[0]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child, signal.SIGUSR1)
                time.sleep(0.5)
                self.errors.flush()
                found.append("its Python stack is on stderr")
        diagnosis = "; ".join(found) + f"; buffered: {self.buffer[-80:]!r}"
        print(f"diagnosis: {diagnosis}\n{Path(self.errors.name).read_text()[-3000:]}", file=sys.stderr)
        return diagnosis

    def lines_until_reaped(self, timeout: float = 30) -> tuple[list[str], bool]:
        """The child's lines until the zygote reaped it; False when it had to be killed as hung."""
        lines: list[str] = []
        while True:
            line = self.readline(timeout)
            if line is None:
                return lines, False
            if line.startswith("reaped"):
                return lines, True
            lines.append(line)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):  # it had finished
            os.kill(self.child, signal.SIGKILL)

    def close(self) -> int:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()
        self.errors.close()
        return Path(self.errors.name).read_text().count("Traceback")


def check_library(zygote: Zygote, row: Row, home: Path, guide: Path, guide_id: str) -> int | None:
    """Open the library in a child process; count it as bricked or hung; return its answers."""
    zygote.send("check", home, guide, guide_id)
    lines, reaped = zygote.lines_until_reaped()
    if not reaped:
        row.hangs += 1
        row.note(f"hang: opening the library to check it ({len(lines)} lines): {zygote.diagnosis}")
        return None
    if lines and lines[0].startswith("bricked"):
        row.bricked += 1
        row.note(lines[0])
        return None
    return int(lines[0].split()[1]) if lines and lines[0].startswith("ok") else None


def first_start_kills(base: Path, trials: int, seed: int) -> Row:
    """SIGKILL at a random moment while a process creates a new library; it must open next time."""
    from studyguide import paths

    row = Row("kill -9 during first start", "real processes (forked), SIGKILL")
    rng, bundled, moments = random.Random(seed), paths.bundled_guide_database(), Counter()
    zygote = Zygote(scratch_env(base / "tmp"), base / "zygote-errors.txt")
    for trial in range(trials):
        home = base / f"lib{trial}"
        zygote.send("create", home, bundled, BUNDLED)
        time.sleep(rng.uniform(0, 0.040))  # the random moment of the kill (creating takes 20-45 ms)
        zygote.kill()
        if not zygote.lines_until_reaped()[1]:
            row.hangs += 1
        row.trials += 1
        names = {p.name for p in home.iterdir()} if home.exists() else set()
        moments[("before" if not names else "during" if "progress.sqlite" not in names
                 or any(".creating-" in name for name in names) else "after")] += 1
        check_library(zygote, row, home, bundled, BUNDLED)
    row.note(f"where the kills landed: {dict(moments)}")
    row.tracebacks += zygote.close()
    count_leftovers(row, base)
    return row


def prepare_cards(folder: Path, cards: int = 2000) -> tuple[Path, Path]:
    """A guide of ``cards`` cards and a library whose daily limit lets every card in."""
    from datetime import datetime, timezone

    from studyguide.domain.guide import Card, Guide, GuideInfo, Section
    from studyguide.domain.review import ReviewSettings
    from studyguide.guides.build import build_guide
    from studyguide.library import Library

    folder.mkdir(parents=True, exist_ok=True)
    guide = folder / "guide.sqlite"
    sections = tuple(Section(f"s{i}", f"Section {i}", f"Body {i}.", position=i) for i in range(10))
    deck = tuple(Card(f"c{i}", f"s{i % 10}", f"Question {i}?", f"Answer {i}.", position=i) for i in range(cards))
    build_guide(Guide(GuideInfo(GUIDE, "Reliability"), sections, deck, ()), guide)
    home = folder / "library"
    library = Library(home=home, bundled_guide=guide, clock=lambda: datetime.now(timezone.utc))
    library.review.save_settings(ReviewSettings(new_per_day=9999))
    library.close()
    return home, guide


def review_kills(base: Path, trials: int, seed: int) -> Row:
    """SIGKILL while answering as fast as possible; every acknowledged answer must be in the log."""
    row = Row("kill -9 mid-review", "real processes (forked), SIGKILL")
    rng = random.Random(seed)
    home, guide = prepare_cards(base)
    zygote = Zygote(scratch_env(base / "tmp"), base / "zygote-errors.txt")
    before = answers = 0
    for trial in range(trials):
        zygote.send("review", home, guide, GUIDE, days=trial * 3000)
        started = time.monotonic()
        if (line := zygote.readline(30)) != "ready":
            row.hangs += 1
            row.note(f"hang: trial {trial} waiting for 'ready', got {line!r}: {zygote.diagnosis}")
            continue
        time.sleep(rng.uniform(0.02, 0.5))
        zygote.kill()
        lines, reaped = zygote.lines_until_reaped()
        if not reaped:
            row.hangs += 1
            row.note(f"hang: trial {trial} reaping the killed review, lines {Counter(lines).most_common(4)}, "
                      f"{time.monotonic() - started:.1f} s after the start: {zygote.diagnosis}")
        acks = lines.count("a")
        answers += acks
        expected = before + acks
        row.trials += 1
        saved = check_library(zygote, row, home, guide, GUIDE)
        if saved is None:
            break
        if saved < expected:
            row.lost += expected - saved
            row.note(f"trial {trial}: {expected} acknowledged in all, {saved} saved")
        elif saved > expected + 1:  # at most the answer in flight at the kill, never acknowledged
            row.bad_exits += 1
            row.note(f"trial {trial}: {saved} saved, only {expected} acknowledged")
        before = saved  # the answer in flight at a kill may or may not have been saved
    row.tracebacks += zygote.close()
    row.note(f"{answers} acknowledged answers, {before} saved in all")
    count_leftovers(row, base)
    return row


def two_processes(base: Path, answers: int, with_cli: bool) -> Row:
    """Two processes answering the same cards at once (and the command line beside them)."""
    name = "two processes answering" + (" + backup/rebuild CLI" if with_cli else "")
    row = Row(name, "real processes")
    try:
        import reliability_two_processes as two
    except ImportError:
        row.note("benchmarks/reliability_two_processes.py is missing: not run")
        row.bad_exits += 1
        return row
    base.mkdir(parents=True)
    figures = two.run(answers=answers, processes=2, with_cli=with_cli, folder=base)
    row.trials = figures["attempts"]
    row.lock_failures = figures["lock_failures"]
    row.lost = figures["lost"]
    row.tracebacks = len(figures["errors"]) + sum(1 for code in figures["exit_codes"] if code != 0)
    row.bad_exits = figures["stale"] + figures["wrong_states"] + figures["phantom"]
    if with_cli:
        row.bad_exits += figures["cli"]["failed"]
        row.note(f"{figures['cli']['runs']} CLI runs")
    row.note(f"{figures['acknowledged']} acknowledged, {figures['logged']} logged, "
             f"stale {figures['stale']}, wrong states {figures['wrong_states']}")
    for message in figures["failure_messages"] + figures["errors"]:
        row.note(message)
    count_leftovers(row, base)
    return row


# --- The table ---------------------------------------------------------------------------------

def table(rows: list[Row]) -> str:
    header = ["scenario", "run as", "trials", "tracebacks", "hangs", "lost answers", "bricked libraries",
              "lock failures", "leftover files", "bad exits", "seconds"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        lines.append(f"| {r.scenario} | {r.how} | {r.trials} | {r.tracebacks} | {r.hangs} | {r.lost} | "
                     f"{r.bricked} | {r.lock_failures} | {r.leftovers} | {r.bad_exits} | {r.seconds:.1f} |")
    return "\n".join(lines)


def totals(rows: list[Row]) -> dict[str, int]:
    return {column: sum(getattr(r, column) for r in rows) for column in COLUMNS}


def run_all(*, quick: bool, seed: int = 13, only: str | None = None) -> list[Row]:
    import reliability_cases as cases

    n = {"first": 40, "review": 12, "import": 6, "answers": 300} if quick else \
        {"first": 200, "review": 100, "import": 30, "answers": 3000}
    plan = [
        ("first-start", lambda d: first_start_kills(d, n["first"], seed)),
        ("mid-review", lambda d: review_kills(d, n["review"], seed)),
        ("mid-import", lambda d: cases.import_kills(d, n["import"], seed)),
        ("progress-files", cases.progress_files),
        ("read-only", cases.read_only),
        ("inputs", cases.crafted_inputs),
        ("markdown-images", cases.markdown_images),
        ("full-disk", cases.full_disk),
        ("two-processes", lambda d: two_processes(d, n["answers"], with_cli=False)),
        ("two-processes-cli", lambda d: two_processes(d, n["answers"] // 3, with_cli=True)),
    ]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="studyguide-reliability-") as tmp:
        for key, scenario in plan:
            if only and key != only:
                continue
            started = time.perf_counter()
            folder = Path(tmp) / key
            try:
                result = scenario(folder)
            except Exception as error:  # noqa: BLE001 (the battery's own failure is counted and shown)
                result = Row(key, "(the scenario itself failed)", trials=1, tracebacks=1)
                result.note(f"{type(error).__name__}: {error}")
            for row in result if isinstance(result, list) else [result]:
                row.seconds = row.seconds or time.perf_counter() - started
                rows.append(row)
            shutil.rmtree(folder, ignore_errors=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer trials (about 30 s)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--only", help="run one scenario (first-start, mid-review, ...)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = run_all(quick=args.quick, seed=args.seed, only=args.only)
    load = os.getloadavg()
    if args.json:
        print(json.dumps({"rows": [asdict(r) for r in rows], "totals": totals(rows), "load": load}))
    else:
        print(table(rows))
        print(f"\nAll counts: {totals(rows)}; {time.perf_counter() - started:.0f} s; "
              f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
        for r in rows:
            for note in r.notes:
                print(f"  {r.scenario}: {note}")
    return 1 if any(totals(rows).values()) else 0


if __name__ == "__main__":
    sys.exit(main())
