"""``studyguide cards QUERY [--json]``: the card browser's query on the command line."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from studyguide import paths
from studyguide.cli import main
from studyguide.library import Library
from studyguide.review.scheduler import Rating


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "library"


def _studied(home: Path) -> tuple[str, str]:
    """Answer the bundled guide's first card Easy; return (guide id, card id)."""
    library = Library(home=home, bundled_guide=paths.bundled_guide_database(),
                      clock=lambda: datetime.now(timezone.utc))
    try:
        guide = library.guides()[0].id
        session = library.start_review(guide)
        card = session.current.card.id
        session.reveal()
        session.answer(Rating.EASY)
        return guide, card
    finally:
        library.close()


def _json(capsys, home: Path, *args: str) -> list[dict]:
    assert main(["--library", str(home), "cards", *args, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_every_card_one_json_object_each(capsys, home: Path) -> None:
    records = _json(capsys, home)
    library = Library(home=home, bundled_guide=paths.bundled_guide_database(),
                      clock=lambda: datetime.now(timezone.utc))
    try:
        guide = library.guides()[0].id
        assert len(records) == library.content(guide).card_count() > 50
    finally:
        library.close()
    assert set(records[0]) == {"id", "guide", "section", "state", "suspended", "due", "interval", "reviews",
                               "lapses", "tags"}
    assert {r["state"] for r in records} == {"new"}


def test_card_state_filters_on_the_command_line(capsys, home: Path) -> None:
    guide, card = _studied(home)
    [record] = _json(capsys, home, "is:review")
    assert (record["guide"], record["id"], record["reviews"], record["lapses"]) == (guide, card, 1, 0)
    assert record["interval"] >= 1 and record["due"]
    assert [r["id"] for r in _json(capsys, home, "-is:new")] == [card]
    assert card not in [r["id"] for r in _json(capsys, home, "is:new")]
    assert [r["id"] for r in _json(capsys, home, "rated:1:4", "prop:r>0.9")] == [card]


def test_plain_lines(capsys, home: Path) -> None:
    guide, card = _studied(home)
    assert main(["--library", str(home), "cards", "is:review"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{guide}/{card}\t") and "\treview\tdue " in line and "1 reviews\t0 lapses" in line


@pytest.mark.parametrize("query", ["is:zebra", "prop:ivl", "rated:x"])
def test_a_bad_query_is_refused_with_exit_2(capsys, home: Path, query: str) -> None:
    assert main(["--library", str(home), "cards", query]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("studyguide: error: ") and query in captured.err


def test_an_unknown_guide_is_refused(capsys, home: Path) -> None:
    assert main(["--library", str(home), "cards", "--guide", "nope"]) == 2
    assert "nope" in capsys.readouterr().err


def test_search_reads_card_state_filters_and_says_what_is_wrong(capsys, home: Path) -> None:
    guide, card = _studied(home)
    assert main(["--library", str(home), "search", "-is:new", "--json", "--limit", "50"]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == [card]
    assert main(["--library", str(home), "search", "cuba", "is:zebra"]) == 0
    assert "is:zebra is not a card state" in capsys.readouterr().err
