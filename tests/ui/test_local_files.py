"""Local files named inside guides are never opened: images, titles, tooltips, message boxes.

A named pipe (FIFO) is the probe: a watcher in another process opens it for
writing whenever someone opens it for reading, counts that, and lets the
reader go on (to an empty read), so a test sees every open and never hangs.
``/dev/zero`` (read whole, it aborts the app) is tried in a child process.
"""

from __future__ import annotations

import base64
import os
import resource
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from studyguide.guides.importing import read_file
from studyguide.store.media import GuideMedia
from studyguide.ui.tasks import TaskRunner
from studyguide.ui.widgets import text_prompt
from studyguide.ui.widgets.markdown_view import MarkdownView
from tests.conftest import ROOT
from tests.media_samples import png

_WATCHER = """
import os, sys, time
fifo, marker, stop = sys.argv[1:4]
open(marker, "w").close()
while not os.path.exists(stop):
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # succeeds only while a reader has it open
    except OSError:
        time.sleep(0.002)
        continue
    with open(marker, "a") as m:
        m.write("x")  # before the close: the reader's read returns only after this
    os.close(fd)
"""


class FifoSpy:
    """A named pipe that counts how often it was opened for reading."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "pipe"
        os.mkfifo(self.path)
        self._marker, self._stop = folder / "opens", folder / "stop"
        self._watcher = subprocess.Popen([sys.executable, "-c", _WATCHER, self.path, self._marker, self._stop])

    def opens(self) -> int:
        return len(self._marker.read_text()) if self._marker.exists() else 0

    def close(self) -> None:
        self._stop.touch()
        self._watcher.wait(timeout=10)


@pytest.fixture
def pipe(tmp_path: Path):
    spy = FifoSpy(tmp_path)
    yield spy
    spy.close()


def hostile(path: Path) -> str:
    """A title that names ``path`` as an image, in HTML."""
    return f'<img src="{path}"> <b>x</b>'


def show_like_a_tooltip(qtbot, text: str) -> QLabel:
    """Lay ``text`` out the way QToolTip does (a label that guesses the format)."""
    label = QLabel(text)
    qtbot.add_widget(label)
    label.show()
    label.adjustSize()
    return label


def test_markdown_images_never_open_a_file_and_show_their_alt_text(qtbot, pipe, tmp_path: Path) -> None:
    real = tmp_path / "real.png"
    real.write_bytes(b"not really a png")
    view = MarkdownView()
    qtbot.add_widget(view)
    view.resize(900, 600)
    view.show()

    view.show_markdown(f"A ![map of Cuba]({pipe.path}) and ![photo]({real}) and ![rel](pipe) here.\n\n"
                       f"Source: ![src]({pipe.path})")
    view.grab()

    assert pipe.opens() == 0
    assert "A [image: map of Cuba] and [image: photo] and [image: rel] here." in view.toPlainText()
    assert "Source: [image: src]" in view.toPlainText()


@pytest.fixture
def listener():
    """A local TCP listener: any fetch of ``http://127.0.0.1:PORT/...`` would connect to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _connections(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = server.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def test_only_the_shown_guides_own_images_are_loaded_nothing_else_is_opened_or_fetched(
        qtbot, pipe, listener, tmp_path: Path) -> None:
    mine, other = GuideMedia(tmp_path / "mine.media"), GuideMedia(tmp_path / "other.media")
    shown = mine.add(png(), "map.png")
    theirs = other.add(png(rgb=(0, 90, 0)), "secret.png")
    (tmp_path / "mine.media" / "pipe-0123456789abcdef.png").symlink_to(pipe.path)
    port = listener.getsockname()[1]
    view = MarkdownView()
    qtbot.add_widget(view)
    view.resize(900, 600)
    view.show()
    view.set_media(mine.path)

    view.show_markdown(
        f"![ok](media/{shown}) ![web](http://127.0.0.1:{port}/a.png) ![tls](https://127.0.0.1:{port}/a.png) "
        f"![file](file://{pipe.path}) ![abs]({pipe.path}) ![up](media/../other.media/{theirs}) "
        f"![theirs](media/{theirs}) ![data](data:image/png;base64,{base64.b64encode(png()).decode()}) "
        f"![link](media/pipe-0123456789abcdef.png) ![rel](other.media/{theirs}) ![](http://127.0.0.1:{port}/b.png)")
    view.grab()
    QApplication.processEvents()

    assert view.images == [f"media/{shown}"]
    text = view.toPlainText()
    for alt in ("web", "tls", "file", "abs", "up", "theirs", "data", "link", "rel"):
        assert f"[image: {alt}]" in text
    assert "[image: ok]" not in text and text.rstrip().endswith("[image]")  # no alt text: still a placeholder
    assert pipe.opens() == 0 and _connections(listener) == 0


def test_markdown_asks_for_no_resource_it_then_reads_itself(qtbot, monkeypatch, tmp_path: Path) -> None:
    asked: list[str] = []
    original = MarkdownView.loadResource
    monkeypatch.setattr(MarkdownView, "loadResource",
                        lambda self, kind, url: asked.append(url.toString()) or original(self, kind, url))
    view = MarkdownView()
    qtbot.add_widget(view)
    view.show()
    view.show_markdown(f"![x]({tmp_path / 'a.png'})")
    view.grab()
    # Whatever was asked, the answer was a placeholder: the document holds no image any more.
    assert "[image: x]" in view.toPlainText()


def test_dev_zero_as_an_image_or_a_title_does_not_abort_the_app() -> None:
    # In a child process: before the fix Qt read /dev/zero whole and died of std::bad_alloc.
    code = textwrap.dedent("""
        from PySide6.QtWidgets import QApplication, QLabel
        app = QApplication([])
        from studyguide.ui.widgets.markdown_view import MarkdownView
        from studyguide.ui.widgets.safe_text import message_box, plain_tooltip
        from PySide6.QtWidgets import QMessageBox
        view = MarkdownView(); view.resize(900, 600); view.show()
        view.show_markdown("![x](/dev/zero) and ![y](file:///dev/zero)")
        view.grab()
        box = message_box(None, QMessageBox.Icon.Question, "Delete", '<img src="/dev/zero"> <b>x</b>')
        box.show(); box.grab()
        tip = QLabel(plain_tooltip('<img src="/dev/zero"> tip')); tip.show(); tip.grab()
        print("alive", view.toPlainText())
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # A cap on memory, so that should it ever read /dev/zero again it fails fast, not by taking all memory.
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, preexec_fn=cap)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "alive [image: x] and [image: y]" in done.stdout


def _hostile_guide(folder: Path, pipe: Path) -> Path:
    image = f"![x]({pipe})"
    source = folder / "hostile.md"
    source.write_text(textwrap.dedent(f"""\
        ---
        id: hostile
        title: {hostile(pipe)}
        ---

        # <img src="{pipe}"> Section {{#s1}}
        Source: {image} a source

        Body with {image} an image.

        ## Cards

        Q: <img src="{pipe}"> front {{#c1}}
        A: back {image}

        ## Events

        Event: 1962-10-16 | <img src="{pipe}"> event {{#e1}}
        Lane: <img src="{pipe}"> lane
        Description {image} here.
        """), encoding="utf-8")
    return source


@pytest.fixture
def hostile_window(main_window, library, pipe, tmp_path: Path):
    result = read_file(_hostile_guide(tmp_path, pipe.path))
    library.install_guide(result.guide)
    main_window.show_next("hostile")
    main_window.apply_changes(library.reload_guides(), initiator=None)
    return main_window


def test_a_guide_naming_a_pipe_everywhere_opens_nothing_in_any_view(qtbot, hostile_window, pipe) -> None:
    window = hostile_window
    assert window.guide_id == "hostile"
    title = hostile(pipe.path)
    picker = window.guide_picker
    assert picker.itemText(picker.currentIndex()) == title
    for view in (window.sections, window.flashcards, window.timeline, window.stats, window.search):
        window.tabs.setCurrentWidget(view)
        view.grab()
    window.timeline.select_event("e1")
    window.timeline.grab()
    assert "[image: x]" in window.timeline.details.toPlainText()
    assert "[image: x]" in window.sections.text.toPlainText()
    window.flashcards.reveal_button.click() if window.flashcards.reveal_button.isVisible() else None
    window.flashcards.grab()
    assert window.flashcards.front.text().startswith("<img")
    # Tooltips: the section list's, an event's, a lane button's.
    model = window.sections.model
    tips = [model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)]
    tips += [item.toolTip() for item in window.timeline.canvas.scene().items() if item.toolTip()]
    tips += [button.toolTip() for button in window.timeline.legend.buttons.values()]
    assert any("&lt;img" in tip for tip in tips)
    for tip in tips:
        show_like_a_tooltip(qtbot, tip).grab()

    assert pipe.opens() == 0


def test_delete_and_rename_dialogs_show_the_title_as_written(qtbot, hostile_window, pipe,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window, actions = hostile_window, hostile_window.guide_actions
    title = hostile(pipe.path)
    shown: list[QMessageBox] = []

    def answer(box: QMessageBox) -> int:
        box.show()
        box.grab()
        shown.append(box)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", answer)
    actions.delete_guide()
    assert len(shown) == 1 and title in shown[0].text()
    assert shown[0].textFormat() == Qt.TextFormat.PlainText
    assert window.guide_id == "hostile"  # No: nothing deleted

    renamed = hostile(pipe.path) + " 2"
    offered: list[str] = []
    monkeypatch.setattr(text_prompt, "ask_text",
                        lambda parent, caption, label, text="": offered.append(text) or (renamed, True))
    with qtbot.wait_signal(window.operations.did_execute, timeout=10_000):
        actions.rename_guide()
    assert offered == [title]
    assert window.guide_picker.currentText() == renamed
    assert renamed in window.windowTitle()
    assert pipe.opens() == 0


def test_progress_and_error_messages_of_an_import_show_the_title_as_written(qtbot, main_window, pipe,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    title = hostile(pipe.path)
    runner, gate = TaskRunner(), threading.Event()
    with qtbot.wait_signal(runner.idle, timeout=10_000):
        runner.run(lambda ctx: gate.wait(10), on_done=lambda _: None, on_error=lambda error: None,
                   label=f"Saving {title}\u2026", parent=main_window)
        dialog = runner.progress_dialog
        dialog.show()
        labels = dialog.findChildren(QLabel)
        assert any(label.text() == f"Saving {title}\u2026" and label.textFormat() == Qt.TextFormat.PlainText
                   for label in labels)
        dialog.grab()
        gate.set()
    runner.shutdown()
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or box.show() or box.grab() and 0)
    main_window.guide_actions.show_error(f"Could not import {title}", f"{title} is damaged")
    assert shown and shown[0].textFormat() == Qt.TextFormat.PlainText and shown[0].text() == f"{title} is damaged"
    QApplication.processEvents()
    assert pipe.opens() == 0


def test_notes_review_dialog_shows_proposals_as_plain_text(qtbot, pipe, tmp_path: Path) -> None:
    from studyguide.guides.notes import propose
    from studyguide.ui.import_review import ImportReviewDialog

    text = (f"On October 16, 1962 <img src=\"{pipe.path}\"> Kennedy saw the photographs. "
            f"![x]({pipe.path})\n")
    dialog = ImportReviewDialog(proposal=propose(text, guide_id="n", title=hostile(pipe.path)))
    qtbot.add_widget(dialog)
    dialog.show()
    dialog.grab()
    intro = [label for label in dialog.findChildren(QLabel) if hostile(pipe.path) in label.text()]
    assert intro and all(label.textFormat() == Qt.TextFormat.PlainText for label in intro)
    tips = [dialog.events.item(i).toolTip() for i in range(dialog.events.count())]
    tips += [dialog.cards.item(i).toolTip() for i in range(dialog.cards.count())]
    assert tips
    for tip in tips:
        show_like_a_tooltip(qtbot, tip).grab()
    assert pipe.opens() == 0


def test_a_failed_export_to_a_folder_is_said_in_plain_words(qtbot, main_window, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    actions, shown = main_window.guide_actions, []
    monkeypatch.setattr(actions, "show_error", lambda title, text: shown.append(text))
    folder = tmp_path / "guide.md"
    folder.mkdir()

    with qtbot.wait_signal(actions.failed, timeout=10_000):
        actions.export_guide(folder, "md")
    actions.tasks.shutdown()

    assert len(shown) == 1 and "is a folder, not a file" in shown[0], shown
    assert not any(word in shown[0] for word in ("Errno", "object has no attribute", "Traceback"))


def test_an_anki_deck_named_with_an_image_tag_is_imported_and_deleted_without_opening_it(
        qtbot, main_window, pipe, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import genanki

    title = hostile(pipe.path)
    model = genanki.Model(1_234_567, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])
    deck = genanki.Deck(2_059_400_110, title)
    deck.add_note(genanki.Note(model=model, fields=["Question", "Answer"]))
    package = tmp_path / "deck.apkg"
    genanki.Package(deck).write_to_file(str(package))
    actions, shown = main_window.guide_actions, []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or box.show() or box.grab() and 0)

    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_file(package)
    actions.tasks.shutdown()

    assert main_window.guide_picker.currentText() == title
    assert f"Imported {title}" in main_window.statusBar().currentMessage()
    actions.delete_guide()
    assert len(shown) == 1 and title in shown[0].text() and shown[0].textFormat() == Qt.TextFormat.PlainText
    QApplication.processEvents()
    assert pipe.opens() == 0
