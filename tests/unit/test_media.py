"""Media files: what the bytes are, the names they are stored under, the folder that keeps them."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from studyguide.domain import media
from studyguide.domain.media import (
    MediaError,
    MediaKind,
    base_name,
    check_kind,
    extension,
    is_safe_name,
    media_name,
    sniff,
    stored_name,
)
from studyguide.store.media import GuideMedia, media_folder
from tests.media_samples import HEADS, png

KINDS = {"png": MediaKind.PNG, "jpg": MediaKind.JPEG, "gif": MediaKind.GIF, "webp": MediaKind.WEBP,
         "mp3": MediaKind.MP3, "mp3-frame": MediaKind.MP3, "ogg": MediaKind.OGG, "wav": MediaKind.WAV,
         "m4a": MediaKind.M4A}


@pytest.mark.parametrize("sample", sorted(KINDS))
def test_sniff_tells_every_kind_by_its_first_bytes(sample: str) -> None:
    assert sniff(HEADS[sample] + b"rest of the file") is KINDS[sample]


@pytest.mark.parametrize("data", [
    b"", b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>", b"<?xml version='1.0'?><svg/>",
    b"plain text", b"%PDF-1.7", b"\xff\xf1\x50\x80", b"RIFF\x00\x00\x00\x00AVI ", b"PK\x03\x04",
])
def test_sniff_refuses_what_is_no_known_image_or_sound(data: bytes) -> None:
    assert sniff(data) is None


@given(st.binary(max_size=64))
def test_sniff_never_raises(data: bytes) -> None:
    kind = sniff(data)
    assert kind is None or isinstance(kind, MediaKind)


def test_a_name_must_say_what_the_bytes_are() -> None:
    assert check_kind(png(), "map.png") is MediaKind.PNG
    assert check_kind(png(), "pasted") is MediaKind.PNG  # no extension: the bytes decide
    assert check_kind(HEADS["jpg"], "photo.JPEG") is MediaKind.JPEG
    with pytest.raises(MediaError, match=r"map\.jpg: the name says \.jpg but the file is a PNG"):
        check_kind(png(), "map.jpg")
    with pytest.raises(MediaError, match=r"evil\.svg: SVG files are not shown"):
        check_kind(png(), "evil.svg")
    with pytest.raises(MediaError, match="notes.txt: not an image or a sound"):
        check_kind(b"hello", "notes.txt")


def test_stored_names_are_content_addressed_and_clean() -> None:
    data = png()
    name = stored_name(data, "../../Photos/Map of Cuba (1962).PNG")
    assert name.startswith("map-of-cuba-1962-") and name.endswith(".png")
    assert is_safe_name(name)
    assert stored_name(data, "../../Photos/Map of Cuba (1962).PNG") == name
    assert stored_name(png(rgb=(1, 2, 3)), "Map of Cuba (1962).png") != name
    assert stored_name(data, "").startswith("image-")
    assert stored_name(HEADS["mp3"], "Ünïcode sound.mp3").startswith("unicode-sound-")
    assert stored_name(HEADS["jpg"], "x.jpeg").endswith(".jpeg")
    assert stored_name(HEADS["ogg"], "x.opus").endswith(".ogg")


@given(st.text(max_size=80), st.sampled_from(sorted(KINDS)))
@example("0" * 24, "png")  # a stem near the length limit: its stored name was cut into its own hash
def test_any_hint_gives_a_safe_name_that_names_itself(hint: str, sample: str) -> None:
    data = HEADS[sample] + hint.encode("utf-8", "replace")
    try:
        name = stored_name(data, hint)
    except MediaError:  # a hint whose extension says something else
        return
    assert is_safe_name(name)
    assert stored_name(data, name) == name
    assert media_name(f"media/{name}") == name


def test_too_large_is_refused_with_the_name() -> None:
    with pytest.raises(MediaError, match="big.png: .* over the 100 MB"):
        media.check_size(media.MAX_BYTES + 1, "big.png")


@pytest.mark.parametrize("url", [
    "http://example.com/a.png", "https://example.com/a.png", "file:///etc/passwd", "/etc/a.png",
    "media/../x.png", "media/../../guides/other.media/a-0123456789abcdef.png", "data:image/png;base64,AAAA",
    "media/.hidden.png", "media/sub/a.png", "other.media/a.png", "media/a.svg", "media/",
])
def test_only_plain_media_names_are_media(url: str) -> None:
    assert media_name(url) is None


def test_references_are_found_in_markdown() -> None:
    text = "See ![map](media/map-0123456789abcdef.png) and [sound:hi-0123456789abcdef.mp3] ![x](http://a/b.png)"
    assert media.referenced_names(text) == ["map-0123456789abcdef.png", "hi-0123456789abcdef.mp3"]
    assert media.image_markdown("a.png", "a [b]") == "![a b](media/a.png)"


# The folder -----------------------------------------------------------------------------------


def test_add_stores_once_atomically_and_path_finds_it(tmp_path: Path) -> None:
    store = GuideMedia(media_folder(tmp_path / "g.sqlite"))
    assert store.folder == tmp_path / "g.media" and store.names() == []
    name = store.add(png(), "Map.png")
    assert store.add(png(), "Map.png") == name
    assert store.add(png(), "other name") == name  # the same bytes: stored once
    assert store.names() == [name]
    assert store.path(name) == store.folder / name and store.read(name) == png()
    assert [p.name for p in store.folder.iterdir()] == [name]  # no temporary file left


def test_add_refuses_with_the_file_named_and_writes_nothing(tmp_path: Path) -> None:
    store = GuideMedia(tmp_path / "g.media")
    for data, hint, reason in [(b"<svg/>", "x.svg", "SVG"), (png(), "x.jpg", "PNG"), (b"text", "a.txt", "not an")]:
        with pytest.raises(MediaError, match=reason) as caught:
            store.add(data, hint)
        assert hint in str(caught.value)
    assert store.names() == []
    assert not store.folder.exists() or not any(store.folder.iterdir())


def test_add_file_streams_and_refuses_too_large_and_pipes(tmp_path: Path, monkeypatch) -> None:
    store = GuideMedia(tmp_path / "g.media")
    source = tmp_path / "Big Photo.png"
    source.write_bytes(png() + b"\0" * (3 << 20))
    name = store.add_file(source)
    assert name.startswith("big-photo-") and store.read(name) == source.read_bytes()
    assert store.add_file(source, "again.png") == name

    monkeypatch.setattr(media, "MAX_BYTES", 1 << 20)
    with pytest.raises(MediaError, match=r"Big Photo\.png: 3 MB is over"):
        store.add_file(source)
    pipe = tmp_path / "pipe.png"
    os.mkfifo(pipe)
    with pytest.raises(MediaError, match="not a regular file"):
        store.add_file(pipe)  # would block forever if it waited for a writer
    assert store.names() == [name] and not list(store.folder.glob(".*"))


def test_path_refuses_escapes_symlinks_and_odd_files(tmp_path: Path) -> None:
    store = GuideMedia(tmp_path / "g.media")
    name = store.add(png(), "a.png")
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(rgb=(0, 0, 0)))
    link = "link-0123456789abcdef.png"
    (store.folder / link).symlink_to(secret)
    os.mkfifo(store.folder / "pipe-0123456789abcdef.png")
    for bad in ["../secret.png", str(secret), "/etc/passwd", link, "pipe-0123456789abcdef.png", "", ".", "..",
                "sub/a.png", f"./{name}", "missing-0123456789abcdef.png"]:
        assert store.path(bad) is None, bad
    assert store.path(name) is not None
    assert store.names() == [name]


def test_a_media_folder_that_is_a_symlink_is_not_read(tmp_path: Path) -> None:
    real = GuideMedia(tmp_path / "elsewhere")
    name = real.add(png(), "a.png")
    (tmp_path / "g.media").symlink_to(tmp_path / "elsewhere")
    assert GuideMedia(tmp_path / "g.media").path(name) is None


def test_put_keeps_the_name_it_is_given_only_when_it_matches_the_bytes(tmp_path: Path) -> None:
    store = GuideMedia(tmp_path / "g.media")
    name = stored_name(png(), "map.png")
    assert store.put(media.MediaFile(name=name, data=png())) == name
    with pytest.raises(MediaError, match="does not match the file's bytes"):
        store.put(media.MediaFile(name=name, data=png(rgb=(9, 9, 9))))


def test_leftover_temporary_files_are_removed_only_when_old(tmp_path: Path) -> None:
    store = GuideMedia(tmp_path / "g.media")
    store.folder.mkdir()
    old, young = store.folder / ".media.a.tmp", store.folder / ".media.b.tmp"
    old.write_bytes(b"x")
    young.write_bytes(b"y")
    os.utime(old, (0, 0))
    assert store.remove_leftovers() == [old]
    assert young.exists()


def test_a_full_disk_is_said_and_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    import errno

    from studyguide.domain.errors import DiskFull

    store = GuideMedia(tmp_path / "g.media")

    def full(self, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(DiskFull, match="is full"):
        store.add(png(), "map.png")
    assert list(store.folder.iterdir()) == []


def test_a_real_full_disk_refuses_a_large_file_cleanly(tiny_disk: Path, tmp_path: Path) -> None:
    from studyguide.domain.errors import DiskFull

    source = tmp_path / "big.png"
    source.write_bytes(png() + b"\0" * (3 << 20))  # 3 MB onto a 2 MB disk
    store = GuideMedia(tiny_disk / "g.media")
    with pytest.raises(DiskFull):
        store.add_file(source)
    assert list(store.folder.iterdir()) == []


_PATH_PARTS = ["a", "B", ".", "/", "\\", " ", "é", "png", "JPG", "-", ".."]


@given(st.lists(st.sampled_from(_PATH_PARTS), max_size=10).map("".join) | st.text())
@example("")
@example(".")
@example("..")
@example("a/.")
@example("a.png/")
@example(".png")
@example("a.")
@example("//x.png")
def test_file_names_are_read_as_a_posix_path_reads_them(name: str) -> None:
    """``base_name`` and ``extension`` go without the path object (a fast path): the same parts."""
    path = PurePosixPath(name.replace("\\", "/"))
    assert base_name(name) == path.name
    assert extension(name) == path.suffix.lower().lstrip(".")
