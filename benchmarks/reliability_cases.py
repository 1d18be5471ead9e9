"""Scenarios of the reliability battery (``benchmarks/reliability.py``) that drive the command line.

Killed imports, damaged / foreign / newer / read-only progress files, crafted inputs, Markdown
images naming device files, and a real full disk. Each returns ``Row`` counts (see reliability.py).
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from reliability import BUNDLED, ROOT, Row, _cap_memory, cli, count_leftovers, judge, scratch_env, studyguide_command

SETUP = r"""
import sys
from datetime import datetime, timezone
from pathlib import Path
from studyguide import paths
from studyguide.domain.review import ReviewSettings
from studyguide.library import Library
from studyguide.review.scheduler import Rating
lib = Library(home=Path(sys.argv[1]), bundled_guide=paths.bundled_guide_database(),
              clock=lambda: datetime.now(timezone.utc))
lib.review.save_settings(ReviewSettings(new_per_day=9999))
session, n = lib.start_review(sys.argv[2]), 0
while n < 40 and session.current is not None:
    session.reveal(); session.answer(Rating.GOOD); n += 1
lib.close()
print(n)
"""

SMALL_GUIDE = """---
id: small
title: A Small Guide
---

# Only section {#only}

Some text.

## Cards

Q: A question? {#q1}
A: An answer.
"""


def python(code: str, *args: str, env: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=timeout, preexec_fn=_cap_memory)


def answers_in(progress: Path) -> int:
    conn = sqlite3.connect(f"{progress.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM review_log").fetchone()[0]
    finally:
        conn.close()


def library_with_answers(home: Path, env: dict) -> int:
    """A library with 40 answers and one backup, made through the app and its command line."""
    made = python(SETUP, str(home), BUNDLED, env=env)
    assert made.returncode == 0, made.stderr
    backup = cli(home, "backup", env=env)
    assert backup.code == 0, backup.err
    return int(made.stdout)


# --- Kill -9 during an Anki import ---------------------------------------------------------------

def anki_package(path: Path, notes: int) -> Path:
    import genanki

    model = genanki.Model(1_234_567, "Basic (reliability)", fields=[{"name": "Front"}, {"name": "Back"}],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])
    deck = genanki.Deck(2_059_400_110, "Reliability")
    for i in range(notes):
        deck.add_note(genanki.Note(model=model, fields=[f"Question {i} " + "word " * 30, f"Answer {i}"]))
    genanki.Package(deck).write_to_file(str(path))
    return path


def import_kills(base: Path, trials: int, seed: int) -> Row:
    """SIGKILL during ``studyguide import big.apkg``; the next start must open and leave nothing behind."""
    row = Row("kill -9 mid-import (.apkg)", "real processes (CLI), SIGKILL")
    rng, tmp = random.Random(seed), base / "tmp"
    env = scratch_env(tmp)
    package = anki_package(base / "big.apkg", 5000)
    home = base / "library"
    for trial in range(trials):
        child = subprocess.Popen([*studyguide_command(), "--library", str(home), "import", "--replace",
                                  str(package)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        # Every other kill aims at the first 40-120 ms, when the old code had the collection in a temp file.
        time.sleep(rng.uniform(0.04, 0.12) if trial % 2 == 0 else rng.uniform(0.12, 0.8))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        judge(row, cli(home, "suspended", env=env), f"start after kill {trial}", ok_codes=(0,))
    count_leftovers(row, base)
    return row


# --- Damaged, foreign, newer and read-only progress files ---------------------------------------

def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _foreign(path: Path) -> None:
    path.unlink()
    _sql(path, "PRAGMA application_id = 42", "CREATE TABLE notes (x)")


VARIANTS = {
    "garbage": (lambda p: p.write_bytes(bytes(range(256)) * 64), ("damaged",)),
    "cut in half": (lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]), ("damaged",)),
    "foreign": (_foreign, ("not a StudyGuide",)),
    "newer user_version": (lambda p: _sql(p, "PRAGMA user_version = 99"), ("newer", "made by StudyGuide")),
    "newer migration": (lambda p: _sql(p, "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                                          "VALUES ('studyguide.progress', 'm099_future', '2030-01-01')"),
                        ("newer", "made by StudyGuide")),
    "newer NOT NULL column": (lambda p: _sql(p, "ALTER TABLE review_log ADD COLUMN device TEXT NOT NULL "
                                                "DEFAULT 'phone'"), ("newer", "made by StudyGuide")),
}


def _commands(base: Path, home: Path) -> list[list[str]]:
    small = base / "small.md"
    small.write_text(SMALL_GUIDE, encoding="utf-8")
    return [["suspended"], ["search", "missile"], ["backup"], ["rebuild-progress"],
            ["export", BUNDLED, "-o", str(base / f"{home.name}-export.md")], ["import", str(small)]]


def progress_files(base: Path) -> Row:
    """Every command on a damaged, foreign or newer progress file: a clear message, the file untouched;
    a damaged one restored from its backup with all 40 answers."""
    row = Row("damaged / foreign / newer progress file", "real processes (CLI)")
    env = scratch_env(base / "tmp")
    template = base / "template"
    answered = library_with_answers(template, env)
    for name, (spoil, words) in VARIANTS.items():
        home = base / name.replace(" ", "-")
        shutil.copytree(template, home)
        progress = home / "progress.sqlite"
        spoil(progress)
        before = progress.read_bytes()
        for args in _commands(base, home):
            judge(row, cli(home, *args, env=env), f"{name}: {args[0]}", must_say=words)
        judge(row, cli(home, "backups", env=env), f"{name}: backups", ok_codes=(0,))
        if progress.read_bytes() != before:
            row.bad_exits += 1
            row.note(f"{name}: the refused file was written to")
        if "damaged" not in words:
            continue
        newest = max((home / "backups").glob("*.sqlite"))
        judge(row, cli(home, "restore", str(newest), env=env), f"{name}: restore", ok_codes=(0,))
        after = cli(home, "suspended", env=env)
        judge(row, after, f"{name}: start after restore", ok_codes=(0,))
        if after.code != 0:
            row.bricked += 1
        elif (restored := answers_in(progress)) < answered:
            row.lost += answered - restored
        kept = list(home.glob("progress.damaged-*.sqlite"))
        if not kept or kept[0].read_bytes() != before:
            row.bad_exits += 1
            row.note(f"{name}: the damaged file was not kept aside as it was")
    count_leftovers(row, base)
    return row


def read_only(base: Path) -> Row:
    """A library on a disk remounted read-only: each command says so (root on Linux only)."""
    row = Row("read-only disk", "real processes (CLI), tmpfs remounted ro")
    with small_disk(base / "disk", "4m") as disk:
        if disk is None:
            row.note("skipped: mounting a tmpfs needs root on Linux")
            return row
        env = scratch_env(base / "tmp")
        home = disk / "library"
        library_with_answers(home, env)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        for args in _commands(base, home):
            judge(row, cli(home, *args, env=env), f"read-only: {args[0]}", must_say=("read-only",))
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        count_leftovers(row, base)
    return row


# --- Crafted inputs ---------------------------------------------------------------------------------

def _collection(base: Path, *statements: str, params: tuple = ()) -> Path:
    """A one-note Anki package whose collection went through ``statements`` (the last gets ``params``)."""
    name = base / f"crafted-{len(list(base.glob('crafted-*.apkg')))}"
    with zipfile.ZipFile(anki_package(name.with_suffix(".src.apkg"), 1)) as archive:
        data = archive.read("collection.anki2")
    collection = name.with_suffix(".anki2")
    collection.write_bytes(data)
    conn = sqlite3.connect(collection)
    for i, statement in enumerate(statements):
        conn.execute(statement, params if i == len(statements) - 1 else ())
    conn.commit()
    conn.close()
    with zipfile.ZipFile(name.with_suffix(".apkg"), "w") as archive:
        archive.writestr("collection.anki2", collection.read_bytes())
        archive.writestr("media", "{}")
    return name.with_suffix(".apkg")


def _inputs(base: Path) -> dict[str, tuple[list[str], tuple[str, ...]]]:
    import genanki

    fifo = base / "fifo.md"
    os.mkfifo(fifo)
    zero = base / "zero.csv"
    zero.symlink_to("/dev/zero")
    (base / "folder.md").mkdir()
    bad = base / "latin1.md"
    bad.write_bytes(SMALL_GUIDE.replace("id: small", "id: latin").replace("Some text.", "Caf\xe9 au lait.")
                    .encode("cp1252"))
    clozes = base / "clozes.apkg"
    text = " ".join(f"Fact {{{{c{i}::answer {i}}}}} is <b>true</b>." for i in range(1, 10_001))
    deck = genanki.Deck(2_059_400_111, "Clozes")
    deck.add_note(genanki.Note(model=genanki.CLOZE_MODEL, fields=[text, "extra"]))
    genanki.Package(deck).write_to_file(str(clozes))
    view = "DROP TABLE notes", "CREATE VIEW notes AS SELECT * FROM notes"
    endless = ("DROP TABLE notes", "CREATE VIEW notes AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL "
               "SELECT x + 1 FROM n) SELECT x AS id, '' AS guid, '' AS flds, '' AS tags, 1 AS mid FROM n")
    models = "UPDATE col SET models = ?"
    return {
        "FIFO named .md": (["import", str(fifo)], ()),
        ".csv symlinked to /dev/zero": (["import", str(zero)], ()),
        "folder named .md": (["import", str(base / "folder.md")], ()),
        "invalid UTF-8 .md": (["import", str(bad)], ()),
        "Anki view that refers to itself": (["import", str(_collection(base, *view))], ()),
        "Anki view that never ends": (["import", str(_collection(base, *endless))], ()),
        "Anki models as a JSON list": (["import", str(_collection(base, models, params=('[{"id": 1}]',)))], ()),
        "Anki models nested 100,000 deep": (["import", str(_collection(base, models, params=("[" * 100_000,)))],
                                            ()),
        "Anki model fields not a list": (["import", str(_collection(
            base, models, params=(json.dumps({"1234567": {"type": 0, "flds": 7}}),)))], ()),
        "10,000 clozes in one note": (["import", str(clozes)], ()),
        "search starting with '-'": (["search", "-kind:card", "missile"], ()),
    }


def crafted_inputs(base: Path) -> list[Row]:
    """Each crafted input ends within seconds with a clear message (or is imported)."""
    base.mkdir(parents=True)
    env = scratch_env(base / "tmp")
    home = base / "library"
    rows = []
    for name, (args, words) in _inputs(base).items():
        row = Row(name, "real process (CLI)")
        run = cli(home, *args, env=env, timeout=15)
        judge(row, run, name, must_say=words, ok_codes=(0, 2))
        if name == "invalid UTF-8 .md" and run.code == 0 and "not valid UTF-8" not in (run.out + run.err):
            row.bad_exits += 1
            row.note("imported silently as another encoding (no warning naming the line)")
        if name.startswith("search") and run.code != 0:
            row.bad_exits += 1
            row.note(f"exit {run.code}: {run.err.strip()[:200]}")
        row.seconds = run.seconds
        count_leftovers(row, home, base / "tmp")
        rows.append(row)
    return rows


MARKDOWN = r"""
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from studyguide.ui.widgets.markdown_view import MarkdownView
view = MarkdownView(); view.resize(900, 600); view.show()
view.show_markdown(f"![a](/dev/zero) ![b]({sys.argv[1]}) ![c]({sys.argv[2]}) ![d](file:///dev/zero)")
view.grab()
print("alive", view.toPlainText())
"""


def markdown_images(base: Path) -> Row:
    """Markdown images naming /dev/zero, a FIFO and an absolute path, shown by the app's view."""
    row = Row("Markdown images: /dev/zero, FIFO, abs path", "real process (Qt offscreen)")
    base.mkdir(parents=True)
    fifo, image = base / "fifo.png", base / "secret.png"
    os.mkfifo(fifo)
    image.write_bytes(b"\x89PNG not really")
    started = time.perf_counter()
    try:
        done = python(MARKDOWN, str(fifo), str(image), env=scratch_env(base / "tmp"), timeout=30)
    except subprocess.TimeoutExpired:
        row.trials, row.hangs = 1, 1
        return row
    row.trials, row.seconds = 1, time.perf_counter() - started
    if done.returncode != 0 or "alive" not in done.stdout:
        row.tracebacks += 1
        row.note(f"exit {done.returncode}: {done.stderr.strip()[-200:]}")
    return row


# --- A real full disk (a 2 MB tmpfs) -----------------------------------------------------------------

class small_disk:  # noqa: N801 (used as a context manager, like a function)
    """A tmpfs of ``size`` mounted at ``folder`` (yields None when it cannot be mounted)."""

    def __init__(self, folder: Path, size: str) -> None:
        self.folder, self.size, self.mounted = folder, size, False

    def __enter__(self) -> Path | None:
        if sys.platform != "linux" or os.geteuid() != 0:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.size}", "tmpfs", str(self.folder)],
                              capture_output=True, check=False)
        self.mounted = done.returncode == 0
        return self.folder if self.mounted else None

    def __exit__(self, *exc: object) -> None:
        if self.mounted:
            subprocess.run(["umount", str(self.folder)], check=True)


def fill(disk: Path, *, leave: int) -> None:
    """Fill ``disk`` until only about ``leave`` bytes are free."""
    (disk / "filler").unlink(missing_ok=True)
    free = shutil.disk_usage(disk).free
    with (disk / "filler").open("wb") as handle:
        try:
            handle.write(b"\0" * max(0, free - leave))
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise


#: The most the write-ahead log may hold on a nearly full disk (it was 1.9 MB of a 2 MB disk).
LOG_LIMIT = 128 * 1024

ANSWERS = r"""
import sys
from datetime import datetime, timezone
from pathlib import Path
from studyguide import paths
from studyguide.library import Library
from studyguide.store.errors import DiskFull, StoreUnavailable
home, limit = Path(sys.argv[1]), int(sys.argv[2])
now = lambda: datetime.now(timezone.utc)
lib = Library(home=home, bundled_guide=paths.bundled_guide_database(), clock=now)
wal, biggest, n = home / "progress.sqlite-wal", 0, 0
try:
    for i in range(limit):
        lib.progress.record_answer(guide_id="cuban-missile-crisis", card_id=f"c{i % 50}", rating=3,
                                   reviewed_at=now(), new_state={"state": 1}, due=now(), previous_state=None)
        n += 1
        biggest = max(biggest, wal.stat().st_size if wal.exists() else 0)
except StoreUnavailable as error:
    print("stopped", type(error).__name__, error)
print("acknowledged", n, "wal", biggest, flush=True)
try:
    lib.close()
except StoreUnavailable as error:
    print("close", type(error).__name__, error)
"""


def full_disk(base: Path) -> Row:
    """Import, backup, open and answer on a real 2 MB tmpfs filled up; nothing left, nothing lost."""
    from studyguide import paths

    row = Row("full disk (2 MB tmpfs)", "real processes (CLI, library)")
    with small_disk(base / "disk", "2m") as disk:
        if disk is None:
            row.note("skipped: mounting a tmpfs needs root on Linux")
            return row
        env = scratch_env(base / "tmp")
        home = disk / "library"
        judge(row, cli(home, "suspended", env=env), "first start", ok_codes=(0,))
        big = base / "big.md"
        big.write_text(paths.bundled_guide_source().read_text(encoding="utf-8")
                       .replace(f"id: {BUNDLED}", "id: big-copy", 1), encoding="utf-8")
        small = base / "small.md"
        small.write_text(SMALL_GUIDE, encoding="utf-8")
        full = ("is full",)
        for leave_kb, source in ((64, big), (0, small), (8, small)):
            fill(disk, leave=leave_kb * 1024)
            judge(row, cli(home, "import", str(source), env=env), f"import {source.name}, {leave_kb} KB free",
                  must_say=full, ok_codes=(2,))
        for leave_kb in (0, 8, 30):
            fill(disk, leave=leave_kb * 1024)
            judge(row, cli(home, "backup", env=env), f"backup, {leave_kb} KB free", must_say=full, ok_codes=(2,))
        for leave_kb in (0, 4, 16, 30, 60):
            fill(disk, leave=leave_kb * 1024)
            judge(row, cli(home, "suspended", env=env), f"start, {leave_kb} KB free", must_say=full)
        fill(disk, leave=200 * 1024)
        done = python(ANSWERS, str(home), "6000", env=env, timeout=120)
        row.trials += 1
        if done.returncode != 0 or "acknowledged" not in done.stdout:
            row.tracebacks += 1
            row.note(f"answers until full: exit {done.returncode}: {done.stderr.strip()[-200:]}")
            return row
        words = done.stdout.split("acknowledged", 1)[1].split()
        acknowledged, biggest = int(words[0]), int(words[2])
        row.note(f"answers until full: {acknowledged} acknowledged; largest log {biggest // 1024} KB; "
                 + done.stdout.strip().splitlines()[0][:120])
        if "stopped DiskFull" not in done.stdout or "close" in done.stdout:
            row.bad_exits += 1
        if biggest > LOG_LIMIT:
            row.bad_exits += 1
            row.note(f"the log grew to {biggest} bytes on a nearly full disk")
        (disk / "filler").unlink()
        reopened = cli(home, "suspended", env=env)
        judge(row, reopened, "start after space was freed", ok_codes=(0,))
        if reopened.code != 0:
            row.bricked += 1
        elif answers_in(home / "progress.sqlite") < acknowledged:
            row.lost += acknowledged - answers_in(home / "progress.sqlite")
        again = python(ANSWERS, str(home), "40", env=env)
        if "acknowledged 40" not in again.stdout:
            row.bad_exits += 1
            row.note(f"after space was freed: {again.stdout.strip()[:200]} {again.stderr.strip()[-200:]}")
        count_leftovers(row, base / "tmp", disk)
    return row
