"""Our Anki export read by Anki itself: the ``anki`` package (26.9.3, Anki's own Rust importer) imports it.

``anki`` is not a dependency of the app or of the default test venv (it pulls protobuf,
requests and a 28 MB Rust library): it lives in a venv of its own, ``.venv-anki`` at the
top of the checkout (or ``$STUDYGUIDE_ANKI_PYTHON``), made once by the first run of this
test (about 16 s and 64 MB here, from PyPI or pip's cache) and reused after. With no
network and no cached wheel the test is skipped, saying so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from hashlib import sha256
from pathlib import Path

import pytest

from studyguide.guides.importing import read_file
from tests.anki_export_guide import answer_some, make_guide

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ANKI = "anki==26.9.3"
_OFFLINE = ("Could not find a version", "No matching distribution", "NewConnectionError", "Temporary failure in name",
            "Network is unreachable", "ConnectionError", "Max retries exceeded")


@pytest.fixture(scope="session")
def anki_python() -> Path:
    """The Python of a venv with Anki's ``anki`` package (made on first use)."""
    given = os.environ.get("STUDYGUIDE_ANKI_PYTHON")
    if given:
        return Path(given)
    venv = ROOT / ".venv-anki"
    python = venv / "bin" / "python"
    if python.exists():
        return python
    partial = ROOT / ".venv-anki.partial"
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(partial)], check=True, capture_output=True)
    done = subprocess.run([str(partial / "bin" / "python"), "-m", "pip", "install", "-q", ANKI],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        if any(sign in done.stderr for sign in _OFFLINE):
            pytest.skip(f"cannot install {ANKI} from PyPI (no network?): {done.stderr.strip().splitlines()[-1]}")
        raise AssertionError(f"pip install {ANKI} failed:\n{done.stderr}")
    partial.rename(venv)  # whole or not at all: a killed install leaves only the .partial folder
    return python


def read_with_anki(python: Path, *packages: Path, export_to: Path | None = None) -> dict:
    export = ["--export", str(export_to)] if export_to is not None else []
    done = subprocess.run([str(python), str(ROOT / "tests" / "anki_reader.py"), *export, *map(str, packages)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_anki_imports_our_export_with_nothing_lost(anki_python: Path, authoring, library, clock,
                                                   tmp_path: Path) -> None:
    guide_id = make_guide(authoring)
    answer_some(library, clock, guide_id)
    history = library.study_history(library.load_guide(guide_id))
    out = library.export_guide(guide_id, "apkg", tmp_path / "crisis.apkg", edits={}, with_history=True)

    seen = read_with_anki(anki_python, out)

    # Anki renames a note type whose name it already has (its own stock "Basic"): "Basic+".
    by_type = {note["type"].rstrip("+"): note for note in seen["notes"] if "speaks" not in note["values"][0]}
    assert {kind: (n["fields"], len(n["cards"]), sorted(n["tags"])) for kind, n in by_type.items()} == {
        "Basic": (["Front", "Back"], 1, ["cold-war", "geo"]),
        "Basic (and reversed card)": (["Front", "Back"], 2, ["usa"]),
        "Cloze": (["Text", "Back Extra"], 2, ["ussr"]),
        "Basic (type in the answer)": (["Front", "Back"], 1, []),
    }
    assert by_type["Cloze"]["cloze"]
    assert by_type["Cloze"]["values"][0] == "{{c1::Khrushchev::a Soviet leader}} wrote to {{c2::Kennedy}}"
    sound = next(n for n in seen["notes"] if "speaks" in n["values"][0])
    media = library.media(guide_id)
    speech = next(name for name in media.names() if name.startswith("speech-"))
    assert f"[sound:{speech}]" in sound["values"][0]
    assert seen["decks"] == ["Crisis in Anki", "Crisis in Anki::After the crisis", "Crisis in Anki::Missiles",
                             "Default"]
    assert {c["deck"] for n in seen["notes"] for c in n["cards"]} == {"Crisis in Anki::After the crisis",
                                                                      "Crisis in Anki::Missiles"}
    assert seen["media"] == {name: sha256(media.read(name) or b"").hexdigest() for name in media.names()}

    assert [(r["id"], r["ease"]) for r in seen["revlog"]] == [
        (int(a.reviewed_at.timestamp() * 1000), a.rating) for a in history.answers]
    studied = [c for n in seen["notes"] for c in n["cards"] if c["type"] != 0]
    assert len(studied) == len(history.cards) == 4
    assert sum(c["reps"] for c in studied) == len(history.answers)
    assert sorted(round(c["stability"], 3) for c in studied) == sorted(round(c.stability, 3) for c in history.cards)
    review = [c for c in studied if c["type"] == 2]
    expected = [c for c in history.cards if c.phase == 2]
    assert [c["ivl"] for c in review] == [round((c.due - c.last_review).total_seconds() / 86400) for c in expected]


def test_anki_imports_the_bundled_guide_as_basic_notes(anki_python: Path, library, tmp_path: Path) -> None:
    out = library.export_guide("tiny", "apkg", tmp_path / "tiny.apkg", edits={})

    seen = read_with_anki(anki_python, out)

    assert sorted(n["type"].rstrip("+") for n in seen["notes"]) == ["Basic"] * 3
    assert not seen["revlog"]


def test_anki_updates_the_notes_of_a_new_export_instead_of_adding_them(anki_python: Path, authoring, library,
                                                                       clock, tmp_path: Path) -> None:
    guide_id = make_guide(authoring)
    first = library.export_guide(guide_id, "apkg", tmp_path / "first.apkg", edits={})
    typein = next(n for n in library.load_guide(guide_id).notes if n.type == "typein")
    library.review.set_card_text(guide_id, typein.id, front="Capital of Cuba?", back="La Habana")
    clock.advance(minutes=5)  # Anki updates a note it has from a newer one only
    second = library.export_guide(guide_id, "apkg", tmp_path / "second.apkg", edits=library.card_edits(guide_id))

    seen = read_with_anki(anki_python, first, second)

    assert len(seen["notes"]) == len(library.load_guide(guide_id).notes) == 5
    assert [n["values"][1] for n in seen["notes"] if n["values"][0] == "Capital of Cuba?"] == ["La Habana"]


def test_a_package_that_went_through_anki_comes_back_with_its_ids_and_progress(anki_python: Path, authoring,
                                                                              library, clock, tmp_path: Path) -> None:
    guide_id = make_guide(authoring)
    answer_some(library, clock, guide_id)
    guide = library.load_guide(guide_id)
    out = library.export_guide(guide_id, "apkg", tmp_path / "crisis.apkg", edits={}, with_history=True)
    again = tmp_path / "from-anki.apkg"  # imported by Anki, then exported by Anki with its scheduling

    read_with_anki(anki_python, out, export_to=again)
    found = read_file(again)

    assert sorted((n.id, n.type, n.front, n.back) for n in found.guide.notes) == sorted(
        (n.id, n.type, n.front, n.back) for n in guide.notes)
    assert sorted(c.id for c in found.guide.cards) == sorted(c.id for c in guide.cards)
    assert [(s.id, s.title) for s in found.guide.sections] == [(s.id, s.title) for s in guide.sections]
    history = library.study_history(guide)
    assert found.history is not None
    assert sorted((r.card_id, r.rating) for r in found.history.reviews) == sorted(
        (a.card_id, a.rating) for a in history.answers)
