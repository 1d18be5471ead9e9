"""A card's sounds in the reviewer: a play button, and R (as in Anki) plays them again; only the
guide's own media file is ever handed to the player, and nothing else is ever opened."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices

from studyguide.ui import card_sound
from tests.anki_export_guide import MP3


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """Every URL the app asks the desktop to open (none is really opened)."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(QUrl(url)) or True)
    return urls


@pytest.fixture
def speaking(authoring):
    """A guide with one card: a sound on its front, another on its back, and two it must never play."""
    guide = authoring.new_guide("Speeches").ids[0]
    front = authoring.add_media(guide, MP3, "speech.mp3")
    back = authoring.add_media(guide, MP3 + b"\x00", "answer.mp3")
    other = authoring.new_guide("Other").ids[0]
    theirs = authoring.add_media(other, MP3 + b"\x01", "theirs.mp3")
    section = authoring.add_section(guide, "Radio", "On the radio.").ids[0]
    authoring.add_card(guide, section, f"Who speaks? [sound:{front}] [sound:../{theirs}]",
                       f"Kennedy [sound:{back}] [sound:{theirs}]")
    return guide, front, back


@pytest.fixture
def window(qtbot, guide_window, speaking):
    window = guide_window(speaking[0])
    window.tabs.setCurrentWidget(window.flashcards)
    qtbot.wait_until(lambda: "Who speaks?" in window.flashcards.front.text())
    return window


def test_r_plays_the_cards_sound_from_the_guides_media_folder(qtbot, window, library, speaking,
                                                             opened: list[QUrl]) -> None:
    guide, front, back = speaking
    flashcards = window.flashcards
    folder = library.media(guide)

    qtbot.keyClick(flashcards, Qt.Key.Key_R)

    assert opened == [QUrl.fromLocalFile(str(folder.path(front)))]
    assert "[sound:" not in flashcards.front.text()  # the button stands for it
    assert [b.text() for b in flashcards.sounds.front.findChildren(card_sound.QPushButton)] == [
        "\u25b6  Play sound  (R)"]
    assert flashcards.sounds.back.isHidden()

    qtbot.keyClick(flashcards, Qt.Key.Key_Space)
    qtbot.keyClick(flashcards, Qt.Key.Key_R)  # the answer side: the question's sound, then the answer's

    assert opened[1:] == [QUrl.fromLocalFile(str(folder.path(name))) for name in (front, back)]
    assert all(url.isLocalFile() and url.toLocalFile().startswith(str(folder.folder)) for url in opened)


def test_the_play_button_calls_the_player_with_the_local_path(qtbot, window, library, speaking,
                                                              opened: list[QUrl]) -> None:
    guide, front, _ = speaking
    played = []
    window.flashcards.sounds.player = played.append
    button = window.flashcards.sounds.front.findChildren(card_sound.QPushButton)[0]

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window.flashcards, Qt.Key.Key_R)

    assert played == [library.media(guide).path(front)] * 2
    assert opened == []


def test_a_card_without_a_sound_has_no_button_and_r_opens_nothing(qtbot, library, authoring,
                                                                  opened: list[QUrl]) -> None:
    from studyguide.ui.main_window import MainWindow

    guide = authoring.new_guide("Silent").ids[0]
    section = authoring.add_section(guide, "Quiet", "Nothing to hear.").ids[0]
    authoring.add_card(guide, section, "Silent? [sound:missing.mp3]", "Yes")
    window = MainWindow(library=library, authoring=authoring)
    qtbot.add_widget(window)
    window.show()
    window.select_guide(guide)
    window.tabs.setCurrentWidget(window.flashcards)
    qtbot.wait_until(lambda: "Silent?" in window.flashcards.front.text())

    qtbot.keyClick(window.flashcards, Qt.Key.Key_R)

    assert window.flashcards.sounds.front.isHidden() and opened == []


def test_a_typed_answer_is_compared_without_the_sound(qtbot, library, authoring, opened: list[QUrl]) -> None:
    from studyguide.ui.main_window import MainWindow

    guide = authoring.new_guide("Capitals").ids[0]
    said = authoring.add_media(guide, MP3, "havana.mp3")
    section = authoring.add_section(guide, "Cuba", "The island.").ids[0]
    authoring.add_card(guide, section, "Capital of Cuba?", f"Havana [sound:{said}]", type="typein")
    window = MainWindow(library=library, authoring=authoring)
    qtbot.add_widget(window)
    window.show()
    window.select_guide(guide)
    window.tabs.setCurrentWidget(window.flashcards)
    flashcards = window.flashcards
    qtbot.wait_until(lambda: flashcards.typed.isVisible())

    qtbot.keyClicks(flashcards.typed, "Havana")
    qtbot.keyClick(flashcards.typed, Qt.Key.Key_Return)

    assert "\u2714" in flashcards.back.text() and "sound" not in flashcards.back.text()
    assert flashcards.sounds.back.paths == [library.media(guide).path(said)]
