"""An imported Anki card drawn as the reviewer draws it: its formatting shown, nothing fetched."""

from __future__ import annotations

import select
import socket
import sqlite3
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from studyguide.domain.guide import Card
from studyguide.guides.importing import read_file
from studyguide.ui.card_face import draw_faces
from studyguide.ui.widgets.media_images import guide_resolver

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"


@pytest.fixture
def listener():
    """A local TCP listener: any connection to it waits in its backlog, where ``select`` sees it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server
    server.close()


def connected(server: socket.socket) -> bool:
    return bool(select.select([server], [], [], 0.3)[0])


def package_pointing_at(port: int, tmp_path: Path) -> Path:
    """The legacy fixture with every remote address in its notes pointed at ``port``."""
    collection = tmp_path / "collection.anki21"
    with zipfile.ZipFile(FIXTURES / "legacy.apkg") as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    collection.write_bytes(members["collection.anki21"])
    conn = sqlite3.connect(collection)
    conn.execute("UPDATE notes SET flds = replace(flds, '127.0.0.1:9/', ?)", [f"127.0.0.1:{port}/"])
    conn.commit()
    conn.close()
    members["collection.anki21"] = collection.read_bytes()
    path = tmp_path / "remote.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def faces(qtbot) -> tuple[QLabel, QLabel]:
    front, back = QLabel(), QLabel()
    for label in (front, back):
        qtbot.add_widget(label)
        label.resize(900, 300)
        label.show()
    return front, back


def test_an_imported_card_keeps_its_formatting(qtbot, library) -> None:
    result = read_file(FIXTURES / "current.apkg")
    library.install_guide(result.guide)
    library.reload_guides()
    card = next(c for c in result.guide.cards if c.front == "Formatting")
    front, back = faces(qtbot)

    draw_faces(front, back, card, media=guide_resolver(library, result.guide.info.id))

    shown = back.text()
    for kept in ("text-decoration: underline;", "color:#ff0000;", "color:#0000ff;", "vertical-align:sub;",
                 "vertical-align:super;", "<table", "<ol", "font-weight:700", "font-style:italic"):
        assert kept in shown
    assert "script" not in shown and "alert" not in shown and "127.0.0.1" not in shown
    assert "<img" in shown  # the package's own picture, from the guide's media folder
    assert "<br />" in shown


def test_nothing_is_fetched_while_an_imported_card_is_shown(qtbot, library, listener, tmp_path: Path) -> None:
    port = listener.getsockname()[1]
    result = read_file(package_pointing_at(port, tmp_path))
    assert f"127.0.0.1:{port}" not in "".join(c.front + c.back for c in result.guide.cards)
    library.install_guide(result.guide)
    library.reload_guides()
    # Whatever a guide holds besides: a Markdown image and raw HTML naming the listener.
    written = Card(id="x", section_id="s", front=f"![remote](http://127.0.0.1:{port}/md.png) **q**",
                   back=f'<img src="http://127.0.0.1:{port}/raw.png"> <u>a</u> '
                        f'<span style="background-image:url(http://127.0.0.1:{port}/css.png)">b</span>')
    front, back = faces(qtbot)

    for card in [*result.guide.cards, written]:
        draw_faces(front, back, card, media=guide_resolver(library, result.guide.info.id))
        front.grab()
        back.grab()  # paint: a label loads its images when it lays out and paints
        QApplication.processEvents()

    assert not connected(listener)
    assert "[image: remote]" in front.text() and "&lt;img" in back.text()


def test_the_listener_would_see_a_fetch(listener) -> None:
    """The check above can fail: a connection to the listener is seen."""
    port = listener.getsockname()[1]
    with socket.create_connection(("127.0.0.1", port), timeout=2):
        assert connected(listener)
