"""Importing a guide that is already in the library (one's own export): "Keep Both" imports it as a
separate guide under a new id, so no review moves between the two (ui/duplicate_guide.py,
guides/guide_copy.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studyguide.review.scheduler import Rating


def click_when_asked(button: str, seen: list[list[str]]) -> QTimer:
    """Press ``button`` of each message box as it opens, keeping its buttons (sorted) and text in ``seen``."""
    timer = QTimer()
    timer.setInterval(20)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append([*sorted(b.text() for b in box.buttons()), box.text()])
            asked = [b for b in box.buttons() if b.text() == button]
            (asked[0] if asked else box.buttons()[0]).click()  # (a box without it closed: the test fails)

    timer.timeout.connect(answer)
    timer.start()
    return timer


def answer_first_card(library, guide_id: str) -> None:
    session = library.start_review(guide_id)
    session.reveal()
    session.answer(Rating.GOOD)


def export(qtbot, actions, dest: Path) -> None:
    with qtbot.wait_signal(actions.message):
        actions.export_guide(dest, "md")


def test_keeping_both_imports_ones_own_export_beside_it_with_its_own_progress(
        qtbot, guide_window, authoring, library, tmp_path: Path) -> None:
    guide = authoring.new_guide("Cuba 1953-1959").ids[0]
    section = authoring.add_section(guide, "The Revolution", "In **1959**.").ids[0]
    card = authoring.add_card(guide, section, "Who fled Cuba?", "Batista").ids[0]
    answer_first_card(library, guide)
    window = guide_window(guide)
    actions = window.guide_actions
    export(qtbot, actions, tmp_path / "cuba.md")
    seen: list[list[str]] = []
    timer = click_when_asked("Keep &Both", seen)

    with qtbot.wait_signal(window.guide_imported, timeout=20_000) as imported:
        actions.import_file(tmp_path / "cuba.md")
    timer.stop()

    [[*buttons, text]] = seen
    assert buttons == ["&Replace", "&Skip", "Keep &Both"]
    assert "Or keep both: the file becomes a separate guide, \u201cCuba 1953-1959 (copy)\u201d" in text
    copy = imported.args[0]
    assert copy == "cuba-1953-1959-copy"
    titles = {info.id: info.title for info in library.guides()}
    assert titles[guide] == "Cuba 1953-1959" and titles[copy] == "Cuba 1953-1959 (copy)"
    assert [c.id for c in library.content(copy).cards()] == [card]  # item ids kept: only the guide id is new
    assert library.progress.review_count(guide, card) == 1  # the original keeps its review
    assert library.progress.review_count(copy, card) == 0  # and the copy starts afresh
    assert window.guide_id == copy
    with qtbot.wait_signal(window.operations.did_execute, timeout=10_000):
        window.undo()  # Undo Import takes the copy away again, the original untouched
    assert {info.id for info in library.guides()} >= {guide} and copy not in {i.id for i in library.guides()}
    assert library.progress.review_count(guide, card) == 1
    actions.tasks.shutdown()


def test_the_bundled_guides_export_can_be_kept_beside_it(qtbot, guide_window, authoring, library,
                                                          tmp_path: Path) -> None:
    bundled = next(g.id for g in library.guides() if not library.is_user_guide(g.id))
    window = guide_window(bundled)
    actions = window.guide_actions
    export(qtbot, actions, tmp_path / "bundled.md")
    seen: list[list[str]] = []
    timer = click_when_asked("Keep &Both", seen)

    with qtbot.wait_signal(actions.tasks.idle, timeout=20_000):
        actions.import_file(tmp_path / "bundled.md")
    qtbot.wait_until(lambda: window.guide_id != bundled)
    timer.stop()

    # was an error box: "the bundled guide has the id '…': give yours another id (rename the file, or change
    # 'id:' in a Markdown guide's front matter) and import it again"
    [[*buttons, text]] = seen
    assert buttons == ["&Skip", "Keep &Both"]  # the bundled guide is never replaced
    assert "never replaced" in text
    assert window.guide_id == f"{bundled}-copy"
    assert library.content(f"{bundled}-copy").info.title == library.content(bundled).info.title + " (copy)"
    actions.tasks.shutdown()


def test_a_csv_already_imported_can_be_kept_twice(qtbot, main_window, library, tmp_path: Path) -> None:
    actions = main_window.guide_actions
    path = tmp_path / "capitals.csv"
    path.write_text("France,Paris\n", encoding="utf-8")
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(path)
    seen: list[list[str]] = []
    timer = click_when_asked("Keep &Both", seen)
    for expected in ("capitals-copy", "capitals-copy-2"):
        with qtbot.wait_signal(main_window.guide_imported, timeout=10_000) as imported:
            actions.import_file(path)
        assert imported.args[0] == expected
    timer.stop()
    assert {info.title for info in library.guides()} >= {"capitals", "capitals (copy)", "capitals (copy 2)"}
    assert "\u201ccapitals (copy 2)\u201d, whose cards start with no reviews" in seen[1][-1]  # the name it gets
    actions.tasks.shutdown()
