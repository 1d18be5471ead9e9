"""Unit tests for importing an Obsidian vault (studyguide/guides/vault.py, vault_notes.py) and its bad input."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.guides import vault
from studyguide.guides.importing import GuideFormatError, read_file
from tests.conftest import DATA
from tests.unit.test_cli import run

VAULT = DATA / "obsidian-vault"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the fixture vault to add bad files to."""
    return Path(shutil.copytree(VAULT, tmp_path / "vault"))


def sections(guide) -> dict[str, object]:
    return {s.title: s for s in guide.sections}


def test_each_note_is_a_section_named_with_its_folders() -> None:
    result = read_file(VAULT)

    assert result.kind == "obsidian"
    assert [s.title for s in result.guide.sections] == [
        "Crisis / People / Kennedy", "Crisis / People / Khrushchev", "Crisis / Thirteen Days", "Welcome"]
    assert result.guide.info.title == "obsidian-vault"


def test_front_matter_and_inline_tags_become_the_sections_tags() -> None:
    found = sections(read_file(VAULT).guide)

    assert found["Crisis / Thirteen Days"].tags == ("flashcards", "history")
    assert found["Crisis / People / Khrushchev"].tags == ("flashcards", "people/soviet")
    assert found["Crisis / People / Kennedy"].tags == ("flashcards/people",)
    assert found["Welcome"].tags == ("overview",)


def test_plugin_card_syntax_becomes_cards_only_in_notes_tagged_flashcards() -> None:
    result = read_file(VAULT)
    guide = result.guide
    cuba = next(m.name for m in guide.media if m.name.startswith("cuba-map-"))
    by_section = {s.id: s.title for s in guide.sections}
    made = [(by_section[n.section_id].rsplit(" / ", 1)[-1], n.type, n.front, n.back) for n in guide.notes]

    assert made == [
        ("Kennedy", "basic", "Who was president of the United States in 1962?", "John F. Kennedy"),
        ("Kennedy", "cloze", "He announced the {{c2::quarantine::a naval blockade}} on {{c1::October 22}}.", ""),
        ("Khrushchev", "reversed", "Who led the Soviet Union in 1962?", "Nikita Khrushchev"),
        ("Khrushchev", "basic", "Where did he send the missiles?",
         f"![Cuba](media/{cuba})\nCuba, 90 miles from Florida"),  # an image on a card
        ("Thirteen Days", "basic", "When did the crisis begin?", "October 16, 1962"),
        ("Thirteen Days", "reversed", "ExComm", "The Executive Committee of the National Security Council"),
        ("Thirteen Days", "basic", "What did the U-2 photos show?", "Medium-range missile sites\nnear San Cristóbal"),
        ("Thirteen Days", "reversed", "Quarantine", "The naval blockade of Cuba announced on October 22"),
        ("Thirteen Days", "cloze",
         "The missiles in Turkey were {{c1::Jupiter}} missiles, removed in {{c2::April 1963}}.", ""),
    ]
    assert len(guide.cards) == 14  # reversed notes make two cards, clozes one per number
    assert any("1 note has flashcard syntax but no #flashcards tag" in w for w in result.warnings)
    assert not any(c.front == "Capital of Cuba" for c in guide.cards)  # Welcome is not tagged


def test_links_become_links_between_sections() -> None:
    found = sections(read_file(VAULT).guide)
    welcome = found["Welcome"].body

    assert "[Thirteen Days](section:crisis-thirteen-days)" in welcome
    assert "[the President](section:crisis-people-kennedy)" in welcome  # [[Kennedy|the President]]
    assert "A link to a note that does not exist: Nowhere." in welcome
    assert "[the crisis](section:crisis-thirteen-days)" in welcome  # a Markdown link to a note
    assert "Obsidian hides" not in welcome and "Comments are not shown." in welcome  # %%comment%%
    assert "[crisis](section:crisis-thirteen-days)" in found["Crisis / People / Kennedy"].body  # #heading|alias
    assert "[Kennedy](section:crisis-people-kennedy)" in found["Crisis / Thirteen Days"].body  # a path


def test_embeds_are_found_in_the_attachment_folder_and_by_shortest_path_and_stored_as_media() -> None:
    result = read_file(VAULT)
    guide = result.guide
    media = {m.name: m for m in guide.media}
    found = sections(guide)

    photo = next(name for name in media if name.startswith("u2-photo-"))
    cuba = next(name for name in media if name.startswith("cuba-map-"))
    assert f"![u2-photo](media/{photo})" in found["Crisis / Thirteen Days"].body  # attachments/
    assert f"![Cuba](media/{cuba})" in found["Crisis / People / Khrushchev"].body  # Crisis/maps/, by name
    assert media[photo].path == (VAULT / "attachments" / "u2-photo.png").resolve()
    assert len(guide.media) == 2


def test_a_media_file_that_is_not_what_its_name_says_is_skipped_with_a_warning_naming_it() -> None:
    result = read_file(VAULT)

    assert "attachments/not-a-picture.png: not an image or a sound" in " ".join(result.warnings)
    assert "*not-a-picture.png (not imported)*" in sections(result.guide)["Crisis / Thirteen Days"].body


def test_a_section_reads_as_obsidian_shows_the_note() -> None:
    body = sections(read_file(VAULT).guide)["Crisis / Thirteen Days"].body

    assert body.startswith("From October 16")  # "# Thirteen Days" only repeated the note's name
    assert "\n### Cards\n" in body  # other headings one level down: "# " starts a section in a guide
    assert "<!--SR:" not in body and "SR:!" not in body and "^kennedy" not in body
    assert "What did the U-2 photos show?  \n?  \nMedium-range" in body  # one new line stays a line break
    assert "were **Jupiter** missiles" in body and "`code::not a card`" in body
    assert "```\nInside a code block::not a card\n```" in body  # code untouched


def test_the_vault_installs_with_its_media_and_reads_back(library) -> None:
    result = read_file(VAULT)

    library.install_guide(result.guide, source_sha256=result.source_sha256)
    library.reload_guides()

    stored = sorted(p.name for p in (library.guides_folder / "obsidian-vault.media").iterdir())
    assert stored == sorted(m.name for m in result.guide.media)
    loaded = library.load_guide("obsidian-vault")
    assert {n.id for n in loaded.notes} == {n.id for n in result.guide.notes}
    assert {s.id: s.tags for s in loaded.sections} == {s.id: s.tags for s in result.guide.sections}


def test_a_reimport_keeps_the_card_ids() -> None:
    assert [c.id for c in read_file(VAULT).guide.cards] == [c.id for c in read_file(VAULT).guide.cards]


# Nothing outside the chosen folder is read.


def test_links_pointing_out_of_the_vault_are_not_followed(copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("#flashcards\nSecret::outside the vault\n", encoding="utf-8")
    (outside / "secret.png").write_bytes((VAULT / "attachments" / "u2-photo.png").read_bytes())
    (copy / "Leak.md").symlink_to(outside / "secret.md")
    (copy / "attachments" / "leak.png").symlink_to(outside / "secret.png")
    (copy / "Out").symlink_to(outside, target_is_directory=True)
    (copy / "Embeds.md").write_text("![[leak.png]] ![[secret.png]] [[secret]]\n", encoding="utf-8")
    (copy / "Inside.md").symlink_to(copy / "Welcome.md")  # a link inside the vault is fine
    opened: list[str] = []
    real_open = os.open
    os_open = lambda path, *args, **kwargs: opened.append(str(path)) or real_open(path, *args, **kwargs)  # noqa: E731

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vault.os, "open", os_open)
        result = read_file(copy)

    assert not [p for p in opened if str(outside) in p]
    text = " ".join(s.body for s in result.guide.sections) + " ".join(c.back for c in result.guide.cards)
    assert "outside the vault" not in text
    assert not any(str(outside) in str(m.path) for m in result.guide.media)
    warned = " ".join(result.warnings)
    for name in ("Leak.md", "attachments/leak.png", "Out"):
        assert f"{name} is a link to a place outside the vault; not read." in warned
    assert "Inside" in [s.title for s in result.guide.sections]


def test_a_fifo_in_the_vault_is_skipped_without_waiting(copy: Path) -> None:
    os.mkfifo(copy / "pipe.md")
    os.mkfifo(copy / "attachments" / "pipe.png")
    (copy / "Pipe embed.md").write_text("![[pipe.png]]\n", encoding="utf-8")
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(read_file(copy)), daemon=True)

    worker.start()
    worker.join(10)

    assert done, "reading the vault blocked on a named pipe"
    warned = " ".join(done[0].warnings)
    assert "pipe.md is a named pipe (FIFO); skipped." in warned
    assert "attachments/pipe.png is a named pipe (FIFO); skipped." in warned


def test_binary_garbage_a_huge_note_and_an_unreadable_file_are_skipped_naming_each(
        copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (copy / "garbage.md").write_bytes(bytes(range(256)) * 64)
    with (copy / "huge.md").open("wb") as handle:  # sparse: no disk space
        handle.truncate(vault.MAX_NOTE_BYTES + 1)
    (copy / "locked.md").write_text("#flashcards\nQ::A\n", encoding="utf-8")
    real = vault.read_limited

    def read(path: Path, limit: int) -> bytes:
        if path.name == "locked.md":  # the tests run as root, who can read a chmod 000 file
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, limit)

    monkeypatch.setattr(vault, "read_limited", read)
    result = read_file(copy)

    warned = " | ".join(result.warnings)
    assert "garbage.md: is a binary file, not text; skipped." in warned
    assert "huge.md: 10 MB, over the 10 MB limit; skipped." in warned
    assert "locked.md could not be read (permission denied); skipped." in warned
    assert len(result.guide.sections) == 4


def test_a_folder_without_readable_notes_is_refused_with_a_message(tmp_path: Path) -> None:
    empty = tmp_path / "photos"
    (empty / "sub").mkdir(parents=True)
    (empty / "a.png").write_bytes(b"x")
    with pytest.raises(GuideFormatError, match="photos holds no Markdown notes; choose an Obsidian vault"):
        read_file(empty)
    (empty / "bad.md").write_bytes(bytes(range(256)) * 8)
    with pytest.raises(GuideFormatError, match=r"photos holds no Markdown notes \(1 could not be read\)"):
        read_file(empty)


def test_a_media_file_changed_before_saving_saves_nothing(library, copy: Path) -> None:
    from studyguide.domain.media import MediaError

    result = read_file(copy)
    (copy / "attachments" / "u2-photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"changed" * 10)

    with pytest.raises(MediaError):
        library.install_guide(result.guide)
    assert not list(library.guides_folder.glob("obsidian*")) and not list(library.guides_folder.glob("vault*"))


def test_cli_imports_a_folder_as_a_vault(tmp_path: Path) -> None:
    result = run(tmp_path, "import", str(VAULT))

    assert result.returncode == 0, result.stderr
    assert "Imported obsidian-vault: 4 sections, 14 cards, 0 events" in result.stdout
    assert "note: attachments/not-a-picture.png: not an image" in result.stdout
    assert len(list((tmp_path / "guides" / "obsidian-vault.media").iterdir())) == 2


def test_cli_says_a_media_file_that_changed_before_saving_and_saves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from studyguide import cli
    from studyguide.domain.media import MediaFile

    real = vault.media_file
    monkeypatch.setattr(vault, "media_file", lambda file: MediaFile(name="x-0000000000000000.png",
                                                                    path=real(file).path))
    home = tmp_path / "home"

    code = cli.main(["--library", str(home), "import", str(VAULT)])

    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("studyguide: error: ") and "Traceback" not in err
    assert not list((home / "guides").glob("obsidian*"))


def test_a_media_file_over_100_mb_is_skipped_with_a_warning_naming_it(copy: Path) -> None:
    big = copy / "attachments" / "big.png"
    with big.open("wb") as handle:  # a PNG's first bytes, then a sparse hole: no disk space
        handle.write((VAULT / "attachments" / "u2-photo.png").read_bytes()[:64])
        handle.truncate(101 * 1024 * 1024)
    (copy / "Big.md").write_text("![[big.png]]\n", encoding="utf-8")

    result = read_file(copy)

    assert "attachments/big.png: 101 MB is over the 100 MB a media file may weigh; skipped." in result.warnings
    assert "*big.png (not imported)*" in sections(result.guide)["Big"].body
    assert not any(m.name.startswith("big-") for m in result.guide.media)


def test_the_imported_vault_exports_to_the_guide_format_without_loss() -> None:
    from studyguide.guides.markdown import read_guide, write_guide

    guide = read_file(VAULT).guide
    back = read_guide(write_guide(guide))

    assert [(s.id, s.title, s.body, s.tags) for s in back.sections] == \
        [(s.id, s.title, s.body, s.tags) for s in guide.sections]
    assert back.notes == tuple(guide.notes) and [c.id for c in back.cards] == [c.id for c in guide.cards]


def test_two_notes_of_one_name_make_two_sections(copy: Path) -> None:
    (copy / "Welcome.markdown").write_text("Another welcome.\n", encoding="utf-8")

    guide = read_file(copy).guide

    assert [s.title for s in guide.sections][-2:] == ["Welcome", "Welcome (2)"]
    assert len({s.id for s in guide.sections}) == len(guide.sections)


_NOTE_TEXT = st.lists(st.sampled_from(list("ab Q:?=#`\n-[]|!^<>{}~.\\") + [
    "::", ":::", "\n?\n", "==x==", "[[B]]", "![[i.png]]", "# ", "\n```\n", "{#id}", "\n## Cards\n", "%%",
    "[t](B/n1.md)", "\nA: ", "\nQ: "]),
    max_size=40).map("".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(_NOTE_TEXT, min_size=1, max_size=4))
def test_any_notes_make_a_guide_that_the_guide_format_keeps(texts: list[str]) -> None:
    from studyguide.domain.card_types import expand
    from studyguide.domain.guide import GuideInfo
    from studyguide.guides.markdown import read_guide, write_guide
    from studyguide.guides.vault_notes import VaultFile, build_guide

    def no_media(file: VaultFile):
        raise OSError(2, "No such file")

    files = [(VaultFile(rel=PurePosixPath(f"{'AB'[i % 2]}/n{i}.md"), real=Path("/nonexistent")),
              "#flashcards\n" + text) for i, text in enumerate(texts)]
    warnings: list[str] = []
    guide = build_guide(GuideInfo(id="v", title="V"), files, files=[], attachment_folder="", warnings=warnings,
                        media=no_media)

    assert len({s.id for s in guide.sections}) == len(texts)
    assert [c for n in guide.notes for c in expand(n)] == [c for c in guide.cards] or guide.cards
    back = read_guide(write_guide(guide))
    assert [(s.id, s.body, s.tags) for s in back.sections] == [(s.id, s.body, s.tags) for s in guide.sections]
    assert [(n.id, n.type, n.front, n.back) for n in back.notes] == [(n.id, n.type, n.front, n.back)
                                                                     for n in guide.notes]


def test_section_tags_are_saved_in_one_step_and_found_by_tag_search(library, monkeypatch) -> None:
    from studyguide.store.authoring import GuideWriter

    def put_section(*_args, **_kwargs):  # re-indexing every section cost 15 ms each (31 s for 2,000 notes)
        raise AssertionError("a just-built section is re-written only for its tags")

    monkeypatch.setattr(GuideWriter, "put_section", put_section)
    library.install_guide(read_file(VAULT).guide)
    library.reload_guides()

    hits = library.search.search("tag:history", limit=10).hits
    assert [(h.kind, h.item_id) for h in hits] == [("section", "crisis-thirteen-days")]
    assert {s.id: s.tags for s in library.load_guide("obsidian-vault").sections}["welcome"] == ("overview",)
