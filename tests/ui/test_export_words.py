"""File > Export Guide… says what the chosen format leaves out (ui/export_words.py): only a Markdown export
holds a whole guide."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("fmt", ["csv", "txt", "apkg"])
def test_a_cards_only_export_says_what_it_leaves_out(qtbot, guide_window, authoring, tmp_path: Path, fmt: str) -> None:
    guide = authoring.new_guide("Cuba").ids[0]
    section = authoring.add_section(guide, "The Revolution", "Batista fled on **1 January 1959**.").ids[0]
    authoring.add_section(guide, "Notes")  # no text: not counted
    authoring.add_card(guide, section, "Who fled Cuba?", "Batista")
    authoring.add_event(guide, section, "Batista flees", "January 1, 1959")
    window = guide_window(guide)
    actions = window.guide_actions
    dest = tmp_path / f"cuba.{fmt}"

    with qtbot.wait_signal(actions.message, timeout=20_000) as exported:
        actions.export_guide(dest, fmt, with_history=False)

    # was "Exported to …/cuba.csv.": what was not in the file was found out when it was needed
    assert exported.args == [f"Exported the cards to cuba.{fmt}, without the sections' text and 1 timeline event "
                             "(a Markdown export keeps everything)."]
    actions.tasks.shutdown()


def test_a_guide_of_cards_only_loses_nothing_and_is_told_so(qtbot, guide_window, authoring, tmp_path: Path) -> None:
    guide = authoring.new_guide("Capitals").ids[0]
    section = authoring.add_section(guide, "Europe").ids[0]
    authoring.add_card(guide, section, "France", "Paris")
    window = guide_window(guide)
    actions = window.guide_actions
    with qtbot.wait_signal(actions.message, timeout=20_000) as exported:
        actions.export_guide(tmp_path / "capitals.csv", "csv")
    assert exported.args == [f"Exported to {tmp_path / 'capitals.csv'}."]
    actions.tasks.shutdown()


def test_the_words_for_each_count() -> None:
    from studyguide.ui.export_words import export_message

    path = Path("/x/g.csv")
    assert export_message(path, "csv", media=False, texts=3, events=0) == (
        "Exported the cards to g.csv, without the sections' text (a Markdown export keeps everything).")
    assert export_message(path, "apkg", media=False, texts=0, events=2) == (
        "Exported the cards to g.csv, without 2 timeline events (a Markdown export keeps everything).")
    assert export_message(Path("/x/g.md"), "md", media=False, texts=3, events=2) == "Exported to /x/g.md."
