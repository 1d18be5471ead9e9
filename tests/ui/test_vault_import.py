"""GUI tests: File > Import a Folder (Obsidian Vault)… and links between sections in the reader."""

from __future__ import annotations

from PySide6.QtGui import QAction

from tests.conftest import DATA
from tests.ui.test_sections import _click_text

VAULT = DATA / "obsidian-vault"


def test_the_file_menu_offers_a_folder_import(qtbot, main_window, actions, monkeypatch) -> None:
    action = next(a for a in main_window.findChildren(QAction) if a.text() == "Import a F&older (Obsidian Vault)\u2026")
    monkeypatch.setattr(actions, "ask_folder", lambda: VAULT)

    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        action.trigger()

    assert main_window.guide_id == "obsidian-vault"
    message = main_window.statusBar().currentMessage()
    assert "Imported obsidian-vault: 4 sections, 14 cards" in message and "not-a-picture.png" in message


def test_clicking_a_link_between_notes_opens_that_section(qtbot, main_window, actions) -> None:
    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_folder(VAULT)
    main_window.tabs.setCurrentWidget(main_window.sections)
    view = main_window.sections
    assert view.show_section("welcome")
    assert view.text.document().find("the President").charFormat().anchorHref() == "section:crisis-people-kennedy"

    _click_text(qtbot, view.text, "the President")

    assert view.current_section_id() == "crisis-people-kennedy"
    assert view.text.toPlainText().startswith("Crisis / People / Kennedy")
    _click_text(qtbot, view.text, "during the crisis")  # [[Thirteen Days#Cards|crisis]]
    assert view.current_section_id() == "crisis-thirteen-days"


def test_a_link_to_a_section_that_is_gone_does_nothing(qtbot, main_window, actions) -> None:
    from PySide6.QtCore import QUrl

    with qtbot.wait_signal(main_window.guide_imported, timeout=10_000):
        actions.import_folder(VAULT)
    view = main_window.sections
    view.show_section("welcome")

    view.text.link_activated.emit(QUrl("section:nowhere"))

    assert view.current_section_id() == "welcome"


def test_an_image_changed_between_reading_and_saving_is_told_and_saves_nothing(qtbot, main_window, actions,
                                                                              monkeypatch, tmp_path) -> None:
    import shutil

    vault = shutil.copytree(VAULT, tmp_path / "vault")
    library = main_window._library
    real_install = library.install_guide

    def install(guide, **kwargs):
        (vault / "attachments" / "u2-photo.png").write_bytes(b"GIF89a" + b"\0" * 20)  # another file now
        return real_install(guide, **kwargs)

    monkeypatch.setattr(library, "install_guide", install)
    with qtbot.wait_signal(actions.failed, timeout=10_000) as failed:
        actions.import_folder(vault)

    assert failed.args[0] == "Could not import vault"
    assert "u2-photo" in failed.args[1] and "GIF" in failed.args[1]
    assert not list(library.guides_folder.glob("vault*"))
