"""Images in the editors (issue 15): Ctrl+V with an image on the clipboard, or the Image button's file
dialog, stores the image in the guide's media folder and types ``![](media/NAME)`` at the cursor, in the
section editor, the Add Card dialog and the card editor E opens in the reviewer. Each is an ordinary,
undoable text edit; the stored file stays when it is undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from studyguide.domain.media import stored_name
from studyguide.ui.section_editor import SAVE_DELAY_MS
from tests.media_samples import png
from tests.ui.test_authoring_window import _in_modal, activate, add_section, new_guide, open_window  # noqa: F401


def put_image_on_clipboard(colour: str = "#c0392b") -> QImage:
    image = QImage(30, 20, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    QApplication.clipboard().setImage(image)
    return image


def paste(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def editing(qtbot, open_window):  # noqa: F811 (the fixture imported above)
    """A window on a new guide with one section, its editor open."""
    window = open_window()
    guide = new_guide(qtbot, window, "Pictures")
    section = add_section(window, guide, "Maps")
    window.sections.refresh()
    window.sections.show_section(section)
    window.tabs.setCurrentWidget(window.sections)
    qtbot.mouseClick(window.section_editing.edit_button, Qt.MouseButton.LeftButton)
    return window, guide, section


def test_ctrl_v_with_an_image_stores_it_and_types_its_reference_undoably(qtbot, editing):
    window, guide, section = editing
    library, editor = window._attached, window.section_editing.editor
    qtbot.keyClicks(editor.body, "Cuba: ")
    put_image_on_clipboard()
    paste(qtbot, editor.body)

    [name] = library.media(guide).names()
    assert name.startswith("pasted-") and name.endswith(".png")
    assert editor.body.toPlainText() == f"Cuba: ![](media/{name})"
    assert editor.preview.images == [f"media/{name}"]  # the preview shows it at once
    with qtbot.wait_signal(editor.saved, timeout=SAVE_DELAY_MS + 3000):
        pass
    assert library.content(guide).section(section).body == f"Cuba: ![](media/{name})"
    assert window.undo_action.text() == "&Undo Edit Section"

    editor.body.clearFocus()
    activate(qtbot, window)
    window.undo_action.trigger()
    assert "media/" not in library.content(guide).section(section).body
    assert library.media(guide).names() == [name]  # the file stays: Redo needs it again
    window.redo_action.trigger()
    assert library.content(guide).section(section).body == f"Cuba: ![](media/{name})"


def test_the_image_button_inserts_a_file_and_refuses_what_is_no_image(qtbot, editing, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch):
    window, guide, _ = editing
    editor = window.section_editing.editor
    photo = tmp_path / "Havana Harbour.png"
    photo.write_bytes(png(8, 8))
    chosen = [str(photo)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen.pop(0), ""))
    qtbot.keyClick(editor.body, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    name = stored_name(png(8, 8), photo.name)
    assert name.startswith("havana-harbour-")
    assert editor.body.toPlainText() == f"![](media/{name})"

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()) or 0)
    evil = tmp_path / "map.svg"
    evil.write_text("<svg xmlns='http://www.w3.org/2000/svg'><image href='http://example.com/x.png'/></svg>")
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(png())  # a PNG named .jpg
    for path in (evil, fake):
        chosen.append(str(path))
        editor.actions_by_name["image"].trigger()
    assert len(warnings) == 2 and "map.svg" in warnings[0] and "photo.jpg: the name says .jpg" in warnings[1]
    assert editor.body.toPlainText() == f"![](media/{name})"
    assert window._attached.media(guide).names() == [name]


def test_add_card_takes_a_pasted_image_on_the_front_and_a_file_on_the_back(qtbot, editing, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch):
    window, guide, section = editing
    library = window._attached
    window.section_editing.edit_button.click()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.authoring_actions.dialog
    activate(qtbot, dialog)
    qtbot.keyClicks(dialog.front, "Which island? ")
    put_image_on_clipboard("#2980b9")
    paste(qtbot, dialog.front)
    photo = tmp_path / "cuba.png"
    photo.write_bytes(png(5, 5, (0, 200, 0)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    qtbot.keyClick(dialog.front, Qt.Key.Key_Tab)  # on to Back
    qtbot.wait_until(dialog.back.hasFocus)
    qtbot.keyClicks(dialog.back, "Cuba ")
    qtbot.keyClick(dialog.back, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(dialog.front, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    [card] = library.content(guide).cards(section)
    pasted = next(n for n in library.media(guide).names() if n.startswith("pasted-"))
    assert card.front == f"Which island? ![](media/{pasted})"
    assert card.back == f"Cuba ![](media/{stored_name(photo.read_bytes(), 'cuba.png')})"
    dialog.reject()
    activate(qtbot, window)
    window.tabs.setCurrentWidget(window.flashcards)
    qtbot.wait_until(lambda: "Which island?" in window.flashcards.front.text())
    assert str(library.media(guide).path(pasted)) in window.flashcards.front.text()


def test_e_in_the_reviewer_opens_the_card_editor_which_takes_a_pasted_image(qtbot, editing):
    window, guide, section = editing
    library = window._attached
    window.section_editing.edit_button.click()
    card_id = window.authoring_actions.authoring.add_card(guide, section, "Wall built?", "1961").ids[0]
    window.tabs.setCurrentWidget(window.flashcards)
    qtbot.wait_until(lambda: window.flashcards.front.text() == "Wall built?")

    def edit(dialog) -> None:
        assert dialog.windowTitle() == "Edit Card"
        activate(qtbot, dialog)
        dialog.back.moveCursor(dialog.back.textCursor().MoveOperation.End)
        qtbot.keyClicks(dialog.back, " ")
        put_image_on_clipboard("#8e44ad")
        paste(qtbot, dialog.back)
        qtbot.keyClick(dialog.back, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    _in_modal(qtbot, edit)
    qtbot.keyClick(window.flashcards, Qt.Key.Key_E)
    activate(qtbot, window)
    [name] = library.media(guide).names()
    assert library.card(guide, card_id).back == f"1961 ![](media/{name})"
    assert window.undo_action.text() == "&Undo Edit Card"


def test_a_plain_paste_still_pastes_text(qtbot, editing):
    window, _, _ = editing
    editor = window.section_editing.editor
    QApplication.clipboard().setText("just words")
    paste(qtbot, editor.body)
    assert editor.body.toPlainText() == "just words"


def test_an_image_file_dropped_on_the_editor_is_stored_and_inserted(qtbot, editing, tmp_path: Path):
    from PySide6.QtCore import QMimeData, QUrl

    window, guide, _ = editing
    body = window.section_editing.editor.body
    photo = tmp_path / "dropped.png"
    photo.write_bytes(png(6, 6))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(photo)), QUrl("https://example.com/remote.png")])
    assert body.canInsertFromMimeData(data)
    body.insertFromMimeData(data)  # what a drop hands over
    name = stored_name(png(6, 6), "dropped.png")
    assert body.toPlainText() == f"![](media/{name})"  # the remote URL is not fetched
    assert window._attached.media(guide).names() == [name]
