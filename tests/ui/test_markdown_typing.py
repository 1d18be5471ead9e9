"""Typing Markdown in the section editor as a student does (tour10): Enter continues a list and an
empty item ends it, Ctrl+B pressed again steps out of the bold, Ctrl+K leaves the address ready to be
pasted over, and the empty editor says what to write."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from studyguide.ui.widgets.markdown_keys import doubles_the_marker, list_continuation, steps_out_of
from tests.conftest import sections_of

_CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def body(qtbot, guide_window, authoring):
    guide = authoring.new_guide("Cuba").ids[0]
    authoring.add_section(guide, "The Revolution", "")
    window = sections_of(qtbot, guide_window(guide, active=True))
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, _CTRL)
    editor = window.section_editing.editor
    assert editor.body.hasFocus()
    return editor.body


def test_enter_continues_a_list_and_an_empty_item_ends_it(qtbot, body) -> None:
    qtbot.keyClick(body, Qt.Key.Key_L, _CTRL | Qt.KeyboardModifier.ShiftModifier)  # List
    qtbot.keyClicks(body, "Batista flees")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "Castro arrives")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)  # on the empty item: the list ends
    qtbot.keyClicks(body, "After the list.")
    # Enter used to start a plain line: "Castro arrives" joined the item above in the preview
    assert body.toPlainText() == "- Batista flees\n- Castro arrives\n\nAfter the list."
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "1. First")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "Second")
    assert body.toPlainText().endswith("After the list.\n1. First\n2. Second")


def test_a_dash_typed_out_of_habit_after_enter_makes_no_second_bullet(qtbot, body) -> None:
    for number, line in enumerate(("- 14 October: a U-2 photographs the sites", "- 22 October: Kennedy speaks")):
        if number:
            qtbot.keyClick(body, Qt.Key.Key_Return)  # Enter put "- " there already
        qtbot.keyClicks(body, line)
    # was "- - 22 October…": a list nested in the first item (docs/screenshots/authoring-section-editor.png)
    assert body.toPlainText() == "- 14 October: a U-2 photographs the sites\n- 22 October: Kennedy speaks"


def test_bold_pressed_again_after_the_word_steps_out_of_it(qtbot, body) -> None:
    qtbot.keyClicks(body, "In ")
    qtbot.keyClick(body, Qt.Key.Key_B, _CTRL)
    qtbot.keyClicks(body, "1959")
    qtbot.keyClick(body, Qt.Key.Key_B, _CTRL)  # was a second "****" inside the first
    qtbot.keyClicks(body, " Castro took Havana.")
    assert body.toPlainText() == "In **1959** Castro took Havana."
    qtbot.keyClick(body, Qt.Key.Key_I, _CTRL)
    qtbot.keyClicks(body, "then")
    qtbot.keyClick(body, Qt.Key.Key_I, _CTRL)
    assert body.toPlainText() == "In **1959** Castro took Havana.*then*"


def test_a_link_takes_the_address_pasted_whole(qtbot, body) -> None:
    qtbot.keyClicks(body, "See ")
    qtbot.keyClick(body, Qt.Key.Key_K, _CTRL)
    QGuiApplication.clipboard().setText("https://en.wikipedia.org/wiki/Cuban_Revolution")
    qtbot.keyClick(body, Qt.Key.Key_V, _CTRL)
    # was "[text](https://https://en.wikipedia.org/…)": the pasted address went after "https://"
    assert body.toPlainText() == "See [text](https://en.wikipedia.org/wiki/Cuban_Revolution)"


def test_the_empty_editor_says_how_to_write(body) -> None:
    assert "Markdown" in body.placeholderText() and "- " in body.placeholderText()


@given(st.text(alphabet=" -*+.)0123456789abc", max_size=12))
def test_list_continuation_only_follows_a_list_item(line: str) -> None:
    following = list_continuation(line)
    if following:
        assert line.lstrip()[:1] in "-*+0123456789" and following.strip()
        assert following.startswith(line[: len(line) - len(line.lstrip())])  # the same indent
    assert steps_out_of("**", line, "x") is False  # never without the mark right after the cursor
    if doubles_the_marker(line):
        assert line.strip() in ("- -", "* *", "+ +")
