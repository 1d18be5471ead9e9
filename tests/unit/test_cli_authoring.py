"""The guide-writing commands end to end, as real processes (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_cli import run


def out(home: Path, *args: str) -> str:
    result = run(home, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def guides(home: Path) -> dict[str, dict[str, object]]:
    return {g["id"]: g for g in map(json.loads, out(home, "guides", "--json").splitlines())}


def test_new_add_list_and_search(tmp_path: Path) -> None:
    guide = out(tmp_path, "new", "My Cuba Notes", "--subject", "History").strip()
    section = out(tmp_path, "add", "section", guide, "--title", "The Crisis", "--body", "The **quarantine**",
                  "--tag", "cold-war").strip()
    basic = out(tmp_path, "add", "card", guide, "--section", section, "--front", "Who led Cuba?",
                "--back", "Fidel Castro", "--tag", "people").split()
    reversed_ = out(tmp_path, "add", "card", guide, "--section", section, "--front", "Capital of Cuba",
                    "--back", "Havana", "--type", "reversed").split()
    cloze = out(tmp_path, "add", "card", guide, "--section", section, "--front",
                "{{c1::Kennedy}} met {{c2::Khrushchev}}", "--type", "cloze").split()
    typein = out(tmp_path, "add", "card", guide, "--section", section, "--front", "Crisis year?", "--back", "1962",
                 "--type", "typein").split()
    event = out(tmp_path, "add", "event", guide, "--section", section, "--title", "Talks", "--when", "fall 1961",
                "--lane", "US", "--description", "Quiet diplomacy").strip()

    assert (guide, section, event) == ("my-cuba-notes", "the-crisis", "talks")
    assert (basic, reversed_, cloze, typein) == (["who-led-cuba"], ["capital-of-cuba", "capital-of-cuba-reversed"],
                                                 ["kennedy-met-khrushchev-c1", "kennedy-met-khrushchev-c2"],
                                                 ["crisis-year"])
    listed = guides(tmp_path)[guide]
    assert (listed["title"], listed["sections"], listed["cards"], listed["events"]) == ("My Cuba Notes", 1, 6, 1)
    assert "My Cuba Notes" in out(tmp_path, "guides")
    hits = [json.loads(line)["id"] for line in out(tmp_path, "search", f"guide:{guide}", "tag:people", "--json")
            .splitlines()]
    assert hits == basic
    found = out(tmp_path, "search", "--json", "--limit", "50", f"guide:{guide}", "diplomacy", "OR", "havana")
    assert {json.loads(line)["id"] for line in found.splitlines()} == {event, *reversed_}
    assert out(tmp_path, "new", "Second", "--id", "second").strip() == "second"


@pytest.mark.parametrize(("args", "reason"), [
    (("add", "card", "my-notes", "--section", "one", "--front", "Q", "--back", "A", "--type", "essay"),
     "invalid choice"),
    (("add", "card", "my-notes", "--section", "nowhere", "--front", "Q", "--back", "A"), "no section 'nowhere'"),
    (("add", "card", "my-notes", "--section", "one", "--front", "no deletion", "--type", "cloze"), "deletion"),
    (("add", "card", "my-notes", "--section", "one", "--front", "Q"), "back is empty"),
    (("add", "card", "my-notes", "--section", "one", "--front", "Q", "--back", "A", "--tag", "a b"), "tag"),
    (("add", "event", "my-notes", "--section", "one", "--title", "T", "--when", "next week"), "is not a date"),
    (("add", "event", "my-notes", "--section", "one", "--title", "T", "--when", "February 30, 1962"),
     "day 30 does not exist"),
    (("add", "event", "my-notes", "--section", "one", "--title", "T"), "--when"),
    (("add", "section", "no-such-guide", "--title", "T"), "no guide 'no-such-guide'"),
    (("add", "section", "cuban-missile-crisis", "--title", "T"), "read-only"),
    (("add", "section", "my-notes", "--title", " "), "title is empty"),
    (("new", "Again", "--id", "my-notes"), "exists"),
    (("new", "Bad id", "--id", "Bad Id"), "lowercase"),
])
def test_bad_input_exits_2_with_a_message_and_changes_nothing(tmp_path: Path, args: tuple[str, ...],
                                                              reason: str) -> None:
    out(tmp_path, "new", "My Notes")
    out(tmp_path, "add", "section", "my-notes", "--title", "One")
    before = guides(tmp_path)

    result = run(tmp_path, *args)

    assert result.returncode == 2 and reason in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert guides(tmp_path) == before


def test_a_guide_written_by_commands_exports_and_imports_elsewhere_unchanged(tmp_path: Path) -> None:
    """Text the plain guide format cannot carry (a heading and blank lines in a body, a blank line
    in a card, a line break in an event's description) survives export and import, as processes."""
    home, other = tmp_path / "a", tmp_path / "b"
    guide = out(home, "new", "Poems").strip()
    section = out(home, "add", "section", guide, "--title", "Odes", "--body", "# My own heading\n\nA stanza.  ",
                  "--tag", "verse").strip()
    out(home, "add", "card", guide, "--section", section, "--front", "Two stanzas?", "--back", "One\n\nTwo")
    out(home, "add", "event", guide, "--section", section, "--title", "Read aloud", "--when", "fall 1961",
        "--description", "0\n0")
    first = tmp_path / "poems.md"
    out(home, "export", guide, "-o", str(first))

    out(other, "import", str(first))
    second = tmp_path / "again.md"
    out(other, "export", guide, "-o", str(second))

    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert '"body": "# My own heading\\n\\nA stanza.  "' in first.read_text(encoding="utf-8")
    listed = guides(other)[guide]
    assert (listed["sections"], listed["cards"], listed["events"]) == (1, 1, 1)
    assert [json.loads(line)["id"] for line in out(other, "search", "tag:verse", "--json").splitlines()] == [section]
