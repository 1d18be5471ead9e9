"""The status bar's "Imported ..." line writes its counts as the import dialog does: 12,000 cards, not 12000."""

from __future__ import annotations

from pathlib import Path


def test_a_guides_counts_are_written_with_thousands_separators(qtbot, main_window, actions, tmp_path: Path) -> None:
    cards = "".join(f"Q: Question {i}? {{#q{i}}}\nA: Answer {i}.\n\n" for i in range(1_200))
    guide = tmp_path / "many.md"
    guide.write_text(f"---\nid: many\ntitle: Many\n---\n\n# Only section {{#only}}\n\nText.\n\n## Cards\n\n{cards}",
                     encoding="utf-8")

    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(guide)

    assert "Imported Many: 1 section, 1,200 cards, 0 events." in main_window.statusBar().currentMessage()


def test_a_tables_counts_are_written_with_thousands_separators(qtbot, main_window, actions, tmp_path: Path) -> None:
    table = tmp_path / "many.csv"
    table.write_text("front,back\n" + "".join(f"front {i},back {i}\n" for i in range(1_200)), encoding="utf-8")

    with qtbot.wait_signal(main_window.guide_imported, timeout=20_000):
        actions.import_file(table)

    assert "1,200 cards" in main_window.statusBar().currentMessage()
