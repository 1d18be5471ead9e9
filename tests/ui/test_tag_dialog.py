"""The Browser's Add Tags and Remove Tags dialog (Cards menu, Ctrl+Shift+A and Ctrl+Alt+Shift+A): several tags at
once, separated by spaces or commas, completed from the guide's tags, checked as they are typed, the cards counted,
the change one Ctrl+Z step; all of it with the keys alone.

Before it a bare QInputDialog asked "Tags (separated by spaces):": it named no card, offered no tag, and "exam,
cold-war" reached the guide as the tag "exam," and an error box after the click.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialog

from studyguide.authoring import Authoring
from studyguide.ui.main_window import MainWindow
from studyguide.ui.tag_dialog import TagDialog
from tests.ui.fits import cut_off
from tests.ui.keyboard import open_browser, shown_active

#: The completer's list pops up as tags are typed; offscreen it cannot grab the keyboard (it needs not: keys reach it).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


@pytest.fixture
def window(qtbot, library):
    """The browser on a guide of the learner's: three cards tagged "old", a section tagged "origins"."""
    authoring = Authoring(library=library)
    guide = authoring.new_guide("My Notes").ids[0]
    first = authoring.add_section(guide, "Alpha", tags=["origins"]).ids[0]
    for n in range(3):
        authoring.add_card(guide, first, f"Question {n}?", f"Answer {n}.", tags=["old"] if n else [])
    main = MainWindow(library=library, authoring=authoring)
    qtbot.add_widget(main)
    main.show()
    main.select_guide(guide)
    open_browser(qtbot, main)
    yield main
    authoring.close()


def _tagged(qtbot, browser, tag: str) -> list[str]:
    browser.box.setText(f"tag:{tag}")
    with qtbot.wait_signal(browser.results_shown):
        qtbot.keyClick(browser.box, Qt.Key.Key_Return)
    return sorted(browser.model.key(r)[1] for r in range(browser.model.rowCount()))


def _back_to(qtbot, browser) -> None:
    """The browser active again after a dialog (a window manager does it; offscreen there is none)."""
    browser.activateWindow()
    qtbot.wait_until(lambda: QApplication.activeWindow() is browser)
    browser.table.setFocus()


def _in_dialog(qtbot, open_it: Callable[[], None], act: Callable[[QDialog], None]) -> dict:
    """Open the modal dialog with ``open_it`` and do ``act`` in it; what it showed first, as seen. The dialog is
    closed whatever happens (a failed look must not leave a modal dialog waiting)."""
    seen: dict = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, QDialog)
            qtbot.wait_until(lambda: QApplication.activeWindow() is dialog)  # the keys go to it from now on
            seen.update(kind=type(dialog).__name__, title=dialog.windowTitle(),
                        prompt=getattr(getattr(dialog, "prompt", None), "text", lambda: "")(),
                        focus=QApplication.focusWidget() is getattr(dialog, "entry", None))
            assert isinstance(dialog, TagDialog), seen  # (a bare input dialog would end in an error box)
            act(dialog)
        finally:
            if dialog is not None and dialog.isVisible():
                seen.setdefault("left_open", True)
                dialog.reject()

    QTimer.singleShot(0, look)
    open_it()
    return seen


def test_add_tags_to_three_cards_with_the_keys_alone_and_undo(qtbot, window) -> None:
    browser = window.browser
    browser.table.setFocus()
    qtbot.keyClick(browser.table, Qt.Key.Key_A, CTRL)  # every card

    def type_tags(dialog) -> None:
        qtbot.keyClicks(QApplication.focusWidget(), "exam, cold-war")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):
        seen = _in_dialog(qtbot, lambda: qtbot.keyClick(browser.table, Qt.Key.Key_A, CTRL | SHIFT), type_tags)
    assert seen == {"kind": "TagDialog", "title": "Add Tags", "prompt": "&Add tags to 3 cards:", "focus": True}
    assert _tagged(qtbot, browser, "exam") == ["question-0", "question-1", "question-2"]
    assert _tagged(qtbot, browser, "cold-war") == ["question-0", "question-1", "question-2"]
    assert window.undo_action.text() == "&Undo Change Tags"
    _back_to(qtbot, browser)
    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert _tagged(qtbot, browser, "exam") == []


def test_the_tag_typed_is_completed_from_the_guides_tags(qtbot, window) -> None:
    browser = window.browser
    browser.select_rows([0])
    dialog = browser.editing.tag_dialog(add=True)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.wait_exposed(dialog)
    dialog.entry.setFocus()

    qtbot.keyClicks(dialog.entry, "exam o")
    qtbot.wait_until(dialog.popup.isVisible)
    offered = [dialog.completer.completionModel().index(r, 0).data()
               for r in range(dialog.completer.completionModel().rowCount())]
    assert offered == ["old", "origins"]  # the cards' tags and the sections', each once
    qtbot.keyClick(dialog.popup, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.popup, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.popup, Qt.Key.Key_Return)
    assert dialog.entry.text() == "exam origins "
    assert dialog.isVisible()  # Enter took the tag offered, it did not close the dialog
    assert dialog.message.text() == "Adds 2 tags: exam, origins."
    assert dialog.tags() == ("exam", "origins")
    qtbot.keyClicks(dialog.entry, "o")
    qtbot.wait_until(dialog.popup.isVisible)
    model = dialog.completer.completionModel()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["old"]  # "origins" is typed already


def test_a_tag_too_long_is_refused_with_a_clear_message_and_enter_does_nothing(qtbot, window) -> None:
    browser = window.browser
    browser.select_rows([0, 1])
    long_tag = "x" * 70

    def type_long(dialog) -> None:
        qtbot.keyClicks(dialog.entry, f"fine {long_tag}")
        seen.update(message=dialog.message.text(), enabled=dialog.ok.isEnabled())
        qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)
        seen.update(open_after_enter=dialog.isVisible())

    seen: dict = {}
    shown = _in_dialog(qtbot, lambda: browser.editing.ask_tags(add=True), type_long)
    assert shown["prompt"] == "&Add tags to 2 cards:"
    assert seen["message"] == "\u201cxxxxxxxxxxxxxxxxxxxx\u2026\u201d is 70 characters long: a tag has at most 64."
    assert seen == {**seen, "enabled": False, "open_after_enter": True}
    assert _tagged(qtbot, browser, "fine") == []


def test_remove_tags_counts_the_cards_offers_their_tags_and_says_what_none_has(qtbot, window) -> None:
    browser = window.browser
    browser.table.setFocus()
    qtbot.keyClick(browser.table, Qt.Key.Key_A, CTRL)
    seen: dict = {}

    def remove(dialog) -> None:
        model = dialog.completer.model()
        seen["offered"] = [model.index(r, 0).data() for r in range(model.rowCount())]
        qtbot.keyClicks(dialog.entry, "nope")
        seen["nope"] = (dialog.message.text(), dialog.ok.isEnabled())
        qtbot.keyClick(dialog.entry, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(dialog.entry, "OLD,nope")
        seen["old"] = (dialog.message.text(), dialog.ok.isEnabled(), dialog.ok.text())
        qtbot.keyClick(dialog.entry, Qt.Key.Key_Return)

    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):
        shown = _in_dialog(qtbot, lambda: qtbot.keyClick(browser.table, Qt.Key.Key_A, CTRL | ALT | SHIFT), remove)
    assert shown["title"] == "Remove Tags" and shown["prompt"] == "&Remove tags from 3 cards:"
    assert seen["offered"] == ["old"]  # the cards' own tags, not the section's
    assert seen["nope"] == ("None of the 3 cards has \u201cnope\u201d.", False)
    assert seen["old"] == ("Removes 1 tag: OLD. None of the 3 cards has \u201cnope\u201d.", True, "Remove Tags")
    assert _tagged(qtbot, browser, "old") == []
    _back_to(qtbot, browser)
    with qtbot.wait_signals([window.operations.did_execute, browser.results_shown]):
        qtbot.keyClick(browser.table, Qt.Key.Key_Z, CTRL)
    assert _tagged(qtbot, browser, "old") == ["question-1", "question-2"]


def test_remove_tags_from_a_card_without_tags_says_so_without_a_dialog(qtbot, window) -> None:
    browser = window.browser
    browser.select_rows([browser.model.rows_of([(browser.guide_id, "question-0")])[0]])
    assert browser.editing.tag_dialog(add=False) is None
    assert browser.status.text() == "The selected card has no tags to remove."


def test_the_dialog_is_named_for_a_screen_reader_and_tab_reaches_each_control(qtbot) -> None:
    dialog = shown_active(qtbot, TagDialog(add=True, count=1, known=["old"]))

    def name(widget, kind=QAccessible.Text.Name) -> str:
        return QAccessible.queryAccessibleInterface(widget).text(kind)

    assert name(dialog.entry) == "Tags to add to 1 card"
    assert name(dialog.entry, QAccessible.Text.Description) == "Separate tags with spaces or commas."
    assert name(dialog.ok) == "Add Tags" and not dialog.ok.isEnabled()
    assert name(dialog.popup) == "Tags"
    qtbot.keyClicks(dialog.entry, "exam")
    assert name(dialog.entry, QAccessible.Text.Description) == "Adds 1 tag: exam."
    assert dialog.ok.isEnabled()
    dialog.entry.setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[:2] == [dialog.ok, dialog.buttons.button(dialog.buttons.StandardButton.Cancel)]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_dialog_fits_900_by_600_at_200_percent_text(qtbot, window, theme, tmp_path) -> None:
    window.theme.set_theme(theme)
    before = window.font().pointSizeF()
    window.text_size.set_percent(200)
    qtbot.wait_until(lambda: window.font().pointSizeF() == pytest.approx(before * 2))
    browser = window.browser
    browser.table.selectAll()
    dialog = browser.editing.tag_dialog(add=True)
    qtbot.add_widget(dialog)
    dialog.show()
    qtbot.wait_exposed(dialog)
    qtbot.keyClicks(dialog.entry, "a-rather-long-tag-name another-tag-name and-a-third-one")
    qtbot.wait_until(lambda: dialog.message.text().startswith("Adds 3 tags"))
    assert "a\u2011rather\u2011long" in dialog.message.text()  # kept whole on its line
    try:
        qtbot.wait_until(lambda: not cut_off(dialog), timeout=2000)  # the message's lines laid out
    finally:
        dialog.grab().save(str(tmp_path / f"tags-{theme}.png"))
    assert dialog.minimumSizeHint().width() <= 900 and dialog.minimumSizeHint().height() <= 600
    assert dialog.width() <= 900 and dialog.height() <= 600
    problems = cut_off(dialog)
    assert not problems, "\n".join(problems)
