"""Review > Custom Study…: the dialog driven by keys, then the session in the Flashcards view."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from studyguide.domain.custom_study import CustomKind
from studyguide.domain.review import ReviewSettings


def _dump(path) -> list[str]:
    with sqlite3.connect(path) as db:
        return list(db.iterdump())


def _dialog(qtbot, main_window):
    actions = [a for a in main_window.menuBar().actions() if a.text() == "&Review"][0].menu().actions()
    assert "Custom Stud&y\u2026" in [a.text() for a in actions]
    dialog = main_window.custom_study.ask()
    dialog.activateWindow()
    # Alt+letter shortcuts fire in the active window, sent to its focused widget
    qtbot.wait_until(lambda: dialog.isActiveWindow() and dialog.focusWidget() is not None)
    return dialog


def _accept(qtbot, dialog, main_window):
    """Enter takes the choice; the reviewer then has the keys."""
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    view = main_window.flashcards
    qtbot.wait_until(lambda: not dialog.isVisible())
    main_window.activateWindow()  # the window manager's part, offscreen
    qtbot.wait_until(lambda: main_window.isActiveWindow() and view.hasFocus())
    return view


def _choose(qtbot, dialog, key: Qt.Key, button) -> None:
    """Alt+the option's underlined letter, as a learner picks it (a mnemonic clicks after a moment)."""
    qtbot.keyClick(dialog.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
    qtbot.wait_until(button.isChecked)


def test_practice_of_a_section_by_keys_leaves_progress_unchanged(qtbot, main_window, library):
    dialog = _dialog(qtbot, main_window)
    _choose(qtbot, dialog, Qt.Key.Key_S, dialog.buttons["section"])  # Study a &section
    assert dialog.buttons["section"].isChecked() and dialog.practice.isChecked()
    dialog.section.setCurrentIndex(dialog.section.findData("first"))
    library.progress.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _dump(library.progress.path)
    view = _accept(qtbot, dialog, main_window)
    assert main_window.tabs.currentWidget() is view
    assert "practice only" in view.scope.text() and view.whole_guide.isVisible()
    assert view.front.text() == "Where was the treaty signed?"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_1)  # Again: shown again at the end
    shown = []
    for _ in range(2):
        shown.append(view.front.text())
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_3)
    assert shown == ["What does negotiation begin with?", "Where was the treaty signed?"]
    assert view.session.current is None and view.back.text().startswith("3 answers, 2 cards")
    assert library.progress.review_count("tiny") == 0
    assert _dump(library.progress.path) == before
    qtbot.mouseClick(view.whole_guide, Qt.MouseButton.LeftButton)  # back to the schedule
    assert view.scope.text() == "Reviewing the whole guide"
    assert view.front.text() == "Where was the treaty signed?"


def test_a_search_counting_as_reviews_by_keys_is_logged_and_undoable(qtbot, main_window, library):
    dialog = _dialog(qtbot, main_window)
    _choose(qtbot, dialog, Qt.Key.Key_R, dialog.buttons["search"])  # Study a sea&rch
    qtbot.keyClicks(dialog.query, "Khrushchev")
    _choose(qtbot, dialog, Qt.Key.Key_C, dialog.counts)  # &Counts as reviews
    assert dialog.counts.isChecked()
    view = _accept(qtbot, dialog, main_window)
    assert view.front.text() == "Who wrote the letter?"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_4)
    assert library.progress.review_count("tiny", "who-wrote") == 1
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.progress.review_count("tiny") == 0
    assert view.front.text() == "Who wrote the letter?" and "Custom study" in view.scope.text()


def test_raise_todays_new_card_limit_by_keys_and_undo(qtbot, main_window, library):
    library.review.save_settings(ReviewSettings(new_per_day=1))
    dialog = _dialog(qtbot, main_window)
    _choose(qtbot, dialog, Qt.Key.Key_N, dialog.buttons[CustomKind.MORE_NEW])  # Raise today's &new-card limit by
    dialog.more_new.selectAll()
    qtbot.keyClicks(dialog.more_new, "2")
    view = _accept(qtbot, dialog, main_window)
    assert library.review.new_limit_today("tiny") == 3
    assert view.session.counts().new == 3
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.review.new_limit_today("tiny") == 1


def test_ok_waits_for_a_search_to_be_typed(qtbot, main_window):
    dialog = _dialog(qtbot, main_window)
    ok = dialog.box.button(dialog.box.StandardButton.Ok)
    _choose(qtbot, dialog, Qt.Key.Key_T, dialog.buttons["tag"])  # Study a &tag
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.tag, "cold-war")
    assert ok.isEnabled()
    _choose(qtbot, dialog, Qt.Key.Key_A, dialog.buttons[CustomKind.AHEAD])  # Review &ahead: no practice choice
    assert not dialog.practice.isEnabled()


def test_a_tag_of_a_users_guide_by_keys_studies_its_cards(qtbot, library):
    from studyguide.authoring import Authoring
    from studyguide.ui.main_window import MainWindow

    authoring = Authoring(library=library)
    guide = authoring.new_guide("Cold War").ids[0]
    section = authoring.add_section(guide, "Berlin").ids[0]
    authoring.add_card(guide, section, "When did the Wall go up?", "1961", tags=["wall"])
    authoring.add_card(guide, section, "Who said 'Ich bin ein Berliner'?", "Kennedy")
    window = MainWindow(library=library, authoring=authoring)
    qtbot.add_widget(window)
    window.show()
    window.select_guide(guide)
    dialog = _dialog(qtbot, window)
    _choose(qtbot, dialog, Qt.Key.Key_T, dialog.buttons["tag"])  # Study a &tag
    qtbot.keyClicks(dialog.tag, "wall")
    view = _accept(qtbot, dialog, window)
    assert view.front.text() == "When did the Wall go up?"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert view.session.current is None  # the untagged card is not drawn
    assert library.progress.review_count(guide) == 0  # practice only, the default
