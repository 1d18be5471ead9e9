"""Obsidian vault import benchmark: a generated vault read into a guide and saved into a library.

The vault (seeded) has NOTES notes in nested folders, each a few paragraphs with links to
other notes, inline tags, a flashcard tag and three plugin cards, and every tenth note an
embedded image (IMAGES distinct PNGs in ``attachments/``). Each run is a fresh process that
does what ``studyguide import VAULT`` does: walk the folder, read and convert every note,
check and hash the images, build the guide database (with its search index) and copy the
media in. The baseline, measured in the same runs, is the floor any importer pays: walking
the same folder and reading every file's bytes (``os.walk`` + ``read_bytes``). Run:

    .venv/bin/python benchmarks/import_vault.py [--notes 2000] [--images 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, os, resource, sys, time
from datetime import datetime, timezone
from pathlib import Path
sys.path.insert(0, sys.argv[1])
vault, home, mode = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
start = time.perf_counter()
if mode == "baseline":
    size = 0
    for folder, _dirs, files in os.walk(vault):
        for name in files:
            size += len(Path(folder, name).read_bytes())
    timings = {"total": time.perf_counter() - start, "bytes": size}
else:
    from studyguide import paths
    from studyguide.guides.importing import read_file
    from studyguide.library import Library
    result = read_file(vault)
    read = time.perf_counter()
    library = Library(home=home, bundled_guide=paths.bundled_guide_database(),
                      clock=lambda: datetime.now(timezone.utc))
    library.install_guide(result.guide, source_sha256=result.source_sha256)
    library.close()
    end = time.perf_counter()
    timings = {"read": read - start, "build": end - read, "total": end - start,
               "sections": len(result.guide.sections), "cards": len(result.guide.cards),
               "media": len(result.guide.media)}
print(json.dumps({**timings, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

WORDS = ("missile blockade treaty letter Khrushchev Kennedy Cuba Turkey Jupiter quarantine ExComm "
         "photograph reconnaissance Soviet American naval crisis October island warhead").split()


def make_vault(root: Path, notes: int, images: int, seed: int = 7) -> None:
    """Write the vault (see the module's docstring)."""
    from tests.media_samples import png

    rng = random.Random(seed)
    (root / "attachments").mkdir(parents=True)
    for i in range(images):
        (root / "attachments" / f"photo-{i}.png").write_bytes(png(32, 24, (i % 256, (7 * i) % 256, 90)))
    names = [f"Topic {i}" for i in range(notes)]
    for i, name in enumerate(names):
        folder = root / f"Part {i % 10}" / f"Chapter {i % 37}"
        folder.mkdir(parents=True, exist_ok=True)
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(4)]
        links = " ".join(f"[[{rng.choice(names)}]]" for _ in range(3))
        embed = f"\n![[photo-{i % images}.png]]\n" if images and i % 10 == 0 else ""
        cards = (f"Who wrote letter {i}?::{rng.choice(WORDS)}\n\nTerm {i}:::{rng.choice(WORDS)}\n\n"
                 f"The ==blockade {i}== began in ==October==.\n")
        text = (f"---\ntags: [flashcards, part{i % 10}]\n---\n# {name}\n\n#topic/{i % 5} {links}\n\n"
                + "\n\n".join(paragraphs) + embed + "\n\n" + cards)
        (folder / f"{name}.md").write_text(text, encoding="utf-8")


def run(vault: Path, mode: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="sg-vault-home-") as home:
        out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(vault), home, mode],
                             capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sg-vault-") as tmp:
        vault = Path(tmp) / "vault"
        make_vault(vault, args.notes, args.images)
        imports, floors = [], []
        for _ in range(args.runs):  # interleaved, so both see the same load
            floors.append(run(vault, "baseline"))
            imports.append(run(vault, "import"))
    first = imports[0]
    print(f"Vault: {args.notes:,} notes, {args.images} images -> {first['sections']:,} sections, "
          f"{first['cards']:,} cards, {first['media']} media files ({args.runs} runs each)")
    for label, rows, key in (("import (walk, read, convert, build, copy media)", imports, "total"),
                             ("  of which reading the vault", imports, "read"),
                             ("  of which building the guide", imports, "build"),
                             ("baseline: walk + read every file's bytes", floors, "total")):
        values = [r[key] for r in rows]
        print(f"{label:<50} median {statistics.median(values):7.3f} s   p95 {p95(values):7.3f} s")
    print(f"peak RSS of an import: {max(r['maxrss_kb'] for r in imports) / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
