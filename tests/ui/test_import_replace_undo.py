"""Edit > Undo Import after an import that replaced a guide puts the old guide back (ui/replace_undo.py): the
replace kept it in the trash and said so, but no Undo was offered."""

from __future__ import annotations

from pathlib import Path

from studyguide.review.scheduler import Rating


def sections_of(library, guide: str) -> list[str]:
    return [s.title for s in library.content(guide).sections()]


def test_undo_puts_back_the_guide_an_import_replaced_and_redo_the_import(
        qtbot, guide_window, authoring, library, tmp_path: Path, monkeypatch) -> None:
    guide = authoring.new_guide("Cuba").ids[0]
    section = authoring.add_section(guide, "The Revolution", "In **1959**.").ids[0]
    card = authoring.add_card(guide, section, "Who fled Cuba?", "Batista").ids[0]
    session = library.start_review(guide)
    session.reveal()
    session.answer(Rating.GOOD)
    window = guide_window(guide)
    actions = window.guide_actions
    with qtbot.wait_signal(actions.message):
        actions.export_guide(tmp_path / "cuba.md", "md")
    authoring.add_section(guide, "Written after the export")  # what the replace drops, and Undo brings back
    monkeypatch.setattr(actions, "ask_duplicate", lambda _guide_id: "replace")

    with qtbot.wait_signal(window.guide_imported, timeout=20_000):
        actions.import_file(tmp_path / "cuba.md")
    assert sections_of(library, guide) == ["The Revolution"]
    assert window.undo_action.text() == "&Undo Import"  # was the step before the import, or nothing

    with qtbot.wait_signal(window.operations.did_execute, timeout=20_000):
        window.undo()
    assert sections_of(library, guide) == ["The Revolution", "Written after the export"]
    assert library.progress.review_count(guide, card) == 1
    assert window.statusBar().currentMessage() == "Cuba: the guide as it was before the import is back."

    with qtbot.wait_signal(window.operations.did_execute, timeout=20_000):
        window.redo()
    assert sections_of(library, guide) == ["The Revolution"]
    with qtbot.wait_signal(window.operations.did_execute, timeout=20_000):
        window.undo()  # and back once more: each way keeps the other in the trash
    assert sections_of(library, guide) == ["The Revolution", "Written after the export"]
    assert library.progress.review_count(guide, card) == 1
    actions.tasks.shutdown()


def test_undo_puts_back_a_csv_an_import_replaced(qtbot, main_window, library, tmp_path: Path, monkeypatch) -> None:
    actions = main_window.guide_actions
    path = tmp_path / "capitals.csv"
    path.write_text("France,Paris\n", encoding="utf-8")
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(path)
    path.write_text("France,Paris\nSpain,Madrid\n", encoding="utf-8")
    monkeypatch.setattr(actions, "ask_duplicate", lambda _guide_id: "replace")
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(path)
    assert len(library.content("capitals").cards()) == 2

    with qtbot.wait_signal(main_window.operations.did_execute, timeout=20_000):
        main_window.undo()
    assert len(library.content("capitals").cards()) == 1
    actions.tasks.shutdown()
