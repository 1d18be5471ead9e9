"""Review history from Anki packages (made by Anki, tests/data/anki/): FSRS memory state where Anki
had one, a replay of the answers where not, Anki's due dates, suspensions, and an import without it."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from studyguide.guides.importing import read_file
from studyguide.review.imported import replay, save_history
from studyguide.review.scheduler import Scheduler

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)


def cards_by_front(result) -> dict[str, str]:
    return {card.front: card.id for card in result.guide.cards}


def imported(library, form: str = "current.apkg", *, history: bool = True):
    result = read_file(FIXTURES / form)
    library.install_guide(result.guide)
    if history:
        save_history(library.progress.path, guide_id=result.guide.info.id, history=result.history, now=NOW)
    library.reload_guides()
    return result


@pytest.mark.parametrize("form", ["current.apkg", "legacy.colpkg", "anki2.apkg"])
def test_fsrs_state_comes_from_ankis_memory_state_and_its_due_date(library, form: str) -> None:
    result = imported(library, form)
    ids = cards_by_front(result)
    reverse = library.progress.card_state(result.guide.info.id, ids["Nikita <u>Khrushchev</u>"])
    anki = next(s for s in result.history.states if s.card_id == ids["Nikita <u>Khrushchev</u>"])

    assert reverse is not None
    assert (reverse.state["stability"], reverse.state["difficulty"]) == (8.2956, 1.0)  # Anki's "s" and "d"
    assert reverse.state["state"] == 2 and reverse.due == anki.due
    assert library.progress.review_count(result.guide.info.id, ids["Nikita <u>Khrushchev</u>"]) == 1


def test_without_a_memory_state_the_history_is_replayed_with_fsrs(library) -> None:
    result = imported(library)
    ids = cards_by_front(result)
    card = ids["Soviet premier in 1962"]  # answered Again, Good, Good under SM-2: no memory state
    state = library.progress.card_state(result.guide.info.id, card)
    reviews = [r for r in result.history.reviews if r.card_id == card]
    expected, scheduler = None, Scheduler(enable_fuzzing=False)
    for review in reviews:
        expected = scheduler.answer(guide_id=result.guide.info.id, card_id=card, state=expected,
                                    rating=review.rating, now=review.reviewed_at).state

    assert [r.rating for r in reviews] == [1, 3, 3]
    assert state is not None and expected is not None
    assert (state.state["stability"], state.state["difficulty"]) == (expected["stability"], expected["difficulty"])
    assert state.state["state"] == 2  # Anki's phase: review
    assert library.progress.review_count(result.guide.info.id, card) == 3


def test_the_log_rebuilds_to_the_same_states(library) -> None:
    result = imported(library)
    before = library.progress.card_states(result.guide.info.id)

    library.progress.rebuild_card_state()

    assert library.progress.card_states(result.guide.info.id) == before
    assert len(before) == 5 and library.progress.review_count(result.guide.info.id) == 10


def test_suspended_stays_suspended_and_new_cards_stay_new(library) -> None:
    result = imported(library)
    ids = cards_by_front(result)
    guide_id = result.guide.info.id

    suspended = [card.id for _guide, card in library.suspended_cards(guide_id)]
    assert suspended == [ids["Who was U Thant?"]]
    assert library.progress.card_state(guide_id, ids["DEFCON 2"]) is None


def test_importing_again_does_not_add_the_answers_twice(library) -> None:
    result = imported(library)
    save_history(library.progress.path, guide_id=result.guide.info.id, history=result.history, now=NOW)

    assert library.progress.review_count(result.guide.info.id) == 10


def test_an_import_without_history_leaves_every_card_new(library) -> None:
    result = imported(library, history=False)

    assert library.progress.card_states(result.guide.info.id) == {}
    assert library.suspended_cards(result.guide.info.id) == []


def test_an_imported_card_is_answered_from_its_imported_state(library) -> None:
    result = imported(library)
    ids = cards_by_front(result)
    card = ids["Nikita <u>Khrushchev</u>"]
    state = library.progress.card_state(result.guide.info.id, card)
    assert state is not None

    after = Scheduler(enable_fuzzing=False).answer(guide_id=result.guide.info.id, card_id=card, state=state.state,
                                                   rating=3, now=state.due)

    assert after.state["stability"] > 8.2956  # it grew from Anki's memory state, not from scratch


def test_replay_skips_cards_new_in_anki() -> None:
    result = read_file(FIXTURES / "current.apkg")

    replayed = replay(result.history, guide_id="crisis")

    assert len(replayed) == 5
    assert all(json.loads(card.log[-1][4]) == card.state for card in replayed)


def test_the_command_line_imports_history_unless_told_not_to(tmp_path: Path) -> None:
    from tests.unit.test_cli import run

    with_history = run(tmp_path / "a", "import", str(FIXTURES / "current.apkg"))
    without = run(tmp_path / "b", "import", "--no-history", str(FIXTURES / "current.apkg"))

    assert with_history.returncode == 0, with_history.stderr
    assert "Review history: 10 answers, 1 suspended card." in with_history.stdout
    assert without.returncode == 0 and "Review history" not in without.stdout
    check = ("from studyguide.library import Library; from pathlib import Path; import sys, datetime;"
             "lib = Library(home=Path(sys.argv[1]), bundled_guide=Path('db/default-guide.sqlite'),"
             " clock=lambda: datetime.datetime.now(datetime.timezone.utc));"
             "print(lib.progress.review_count('current'), len(lib.suspended_cards('current'))); lib.close()")
    import subprocess
    import sys
    counts = [subprocess.run([sys.executable, "-c", check, str(home)], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parent.parent.parent, timeout=60).stdout.split()
              for home in (tmp_path / "a", tmp_path / "b")]
    assert counts == [["10", "1"], ["0", "0"]]


def test_ankis_memory_state_wins_over_the_replay(library, tmp_path: Path) -> None:
    # With the default parameters, Anki's FSRS and a replay agree; a learner's own fitted
    # parameters give another memory state: Anki's is the one kept.
    import sqlite3
    import zipfile

    collection = tmp_path / "collection.anki21"
    with zipfile.ZipFile(FIXTURES / "legacy.apkg") as archive:
        collection.write_bytes(archive.read("collection.anki21"))
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    conn = sqlite3.connect(collection)
    conn.execute("""UPDATE cards SET data = '{"s":42.5,"d":7.25,"dr":0.9}' WHERE data LIKE '%"s":8.2956%'""")
    conn.commit()
    conn.close()
    members["collection.anki21"] = collection.read_bytes()
    package = tmp_path / "fitted.apkg"
    with zipfile.ZipFile(package, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    result = read_file(package)
    library.install_guide(result.guide)
    save_history(library.progress.path, guide_id=result.guide.info.id, history=result.history, now=NOW)

    state = library.progress.card_state(result.guide.info.id, cards_by_front(result)["Nikita <u>Khrushchev</u>"])

    assert state is not None and (state.state["stability"], state.state["difficulty"]) == (42.5, 7.25)


def test_images_and_sounds_are_stored_in_the_guides_media_folder(library) -> None:
    result = imported(library, "current.colpkg")
    folder = library.media(result.guide.info.id)
    names = folder.names()
    card = library.card(result.guide.info.id, cards_by_front(result)["Who led **Cuba** after 1959?"])

    assert [n.split("-")[0] for n in names] == ["cuba", "kennedy"]
    assert folder.read(names[0])[:4] == b"\x89PNG" and folder.read(names[1])[:3] == b"ID3"
    assert card is not None and card.back.endswith(f"![](media/{names[0]})")
