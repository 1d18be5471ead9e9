"""Make the Anki package ``benchmarks/anki_import.py`` imports, with Anki itself (needs ``pip install anki``).

10,000 notes (8,000 Basic, 1,000 Basic (and reversed card), 1,000 Cloze with two numbers) in
20 subdecks, tagged; 2,000 of them show a picture of their own (2,000 distinct PNGs, 2-3 KB
each); 50,000 review-log rows (five answers for each of 10,000 cards over the past 50 days),
half the cards with an FSRS memory state. Exported in the current format (``collection.anki21b``).
The review log and card states are written with SQL: answering 50,000 times through Anki's
scheduler would take minutes and give the same shape of data.

Usage: ANKI_PYTHON benchmarks/anki_big_deck.py OUT.apkg
"""

from __future__ import annotations

import json
import random
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

from anki.collection import Collection, ExportAnkiPackageOptions


def png(seed: int) -> bytes:
    rng = random.Random(seed)
    width = height = 40
    rows = b"".join(b"\0" + bytes(rng.randrange(256) // 32 * 32 for _ in range(width * 3)) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def main(out: Path) -> int:
    rng = random.Random(1962)
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        media = Path(col.media.dir())
        models = {name: col.models.by_name(name) for name in ("Basic", "Basic (and reversed card)", "Cloze")}
        decks = [col.decks.id(f"Big::Part {i // 5 + 1}::Chapter {i % 5 + 1}") for i in range(20)]
        for i in range(10_000):
            kind = "Cloze" if i % 10 == 9 else "Basic (and reversed card)" if i % 10 == 8 else "Basic"
            note = col.new_note(models[kind])
            if kind == "Cloze":
                note.fields[0] = f"Fact {i}: {{{{c1::answer {i}}}}} and {{{{c2::detail {i}::a hint}}}}"
            else:
                note.fields[0] = f"Question <b>{i}</b> about the crisis?"
                note.fields[1] = f"Answer {i}<br><i>with a detail</i>"
            if i % 5 == 0:
                name = f"figure-{i}.png"
                (media / name).write_bytes(png(i))
                note.fields[1 if kind != "Cloze" else 0] += f'<br><img src="{name}">'
            note.tags = [f"topic{i % 7}", "big"]
            col.add_note(note, decks[i % 20])
        card_ids = col.db.list("SELECT id FROM cards ORDER BY id")[:10_000]
        now = int(time.time())
        revlog, next_id = [], (now - 50 * 86400) * 1000
        for n, cid in enumerate(card_ids):
            for step in range(5):
                next_id += rng.randrange(1, 400)
                revlog.append((next_id + step * 9 * 86400 * 1000, cid, -1, rng.choice((1, 3, 3, 3, 4)),
                               step * 3, max(step * 3 - 3, 0), 2500, rng.randrange(2000, 15000), 1 if step else 0))
            memory = json.dumps({"s": round(rng.uniform(1, 60), 4), "d": round(rng.uniform(2, 8), 3)}) \
                if n % 2 else "{}"
            col.db.execute("UPDATE cards SET type = 2, queue = 2, due = ?, ivl = 10, reps = 5, data = ? WHERE id = ?",
                           col.sched.today + rng.randrange(0, 30), memory, cid)
        col.db.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", revlog)
        options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True,
                                           legacy=False)
        col.export_anki_package(out_path=str(out), options=options, limit=None)
        col.close()
    print(f"{out}: {out.stat().st_size / 2**20:.1f} MB, 10,000 notes, 2,000 images, {len(revlog):,} reviews")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
