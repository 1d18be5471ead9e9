"""A package's stored members are read straight from the file (``PackageSource.read``), checked as
``zipfile`` checks them: the same bytes, and for a damaged member the same refusal."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.guides import anki_package
from studyguide.guides.anki_package import MAX_UNCOMPRESSED_BYTES, PackageSource, read_member
from studyguide.guides.markdown import GuideFormatError

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "anki"


def _outcome(read, *args, **kwargs) -> tuple[str, object]:
    try:
        return "bytes", read(*args, **kwargs)
    except GuideFormatError as error:
        return "refused", str(error)


@pytest.mark.parametrize("form", ["current.apkg", "legacy.apkg", "anki2.apkg", "current.colpkg", "legacy.colpkg"])
def test_every_member_reads_as_zipfile_reads_it(form: str) -> None:
    source = PackageSource(FIXTURES / form)
    try:
        with zipfile.ZipFile(FIXTURES / form) as archive:
            for info in archive.infolist():
                assert source.read(info, name=form) == read_member(archive, info, MAX_UNCOMPRESSED_BYTES, name=form)
                # Stored members take the direct read (zipfile is not asked).
                assert (source._stored(info) is not None) == (info.compress_type == zipfile.ZIP_STORED)
    finally:
        source.close()


def _package(members: list[tuple[str, bytes, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, method in members:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


_MEMBERS = st.lists(st.tuples(st.sampled_from(["0", "1", "media", "é.png", "collection.anki21b"]),
                              st.binary(max_size=64), st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])),
                    min_size=1, max_size=4, unique_by=lambda m: m[0])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_MEMBERS, st.data())
def test_a_damaged_member_is_refused_as_zipfile_refuses_it(tmp_path: Path, members: list[tuple[str, bytes, int]],
                                                           data: st.DataObject) -> None:
    """Any byte of the package changed (a header, a name, the data): where zipfile still lists the
    members, the direct read gives what ``read_member`` gives, bytes or refusal."""
    package = bytearray(_package(members))
    at = data.draw(st.integers(0, len(package) - 1))
    package[at] ^= data.draw(st.integers(1, 255))
    path = tmp_path / "damaged.apkg"
    path.write_bytes(package)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return  # the central directory itself: refused before any member is read
    source = PackageSource(path)
    try:
        with archive:
            for info in archive.infolist():
                # Both read it or refuse it (read_member lets nothing else through: a damaged deflate
                # stream, a name or a method it cannot read are refused with a message).
                expected = _outcome(read_member, archive, info, MAX_UNCOMPRESSED_BYTES, name="p")
                assert _outcome(source.read, info, name="p") == expected
    finally:
        source.close()


def test_a_stored_member_with_a_wrong_crc_is_refused(tmp_path: Path) -> None:
    package = bytearray(_package([("0", b"\x89PNG picture bytes", zipfile.ZIP_STORED)]))
    package[package.index(b"picture")] ^= 1
    path = tmp_path / "crc.apkg"
    path.write_bytes(package)
    source = PackageSource(path)
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("0")
            assert source._stored(info) is None
            with pytest.raises(GuideFormatError, match="Bad CRC-32"):
                source.read(info, name="crc.apkg")
    finally:
        source.close()
    assert anki_package.read_member  # (the fallback that says what is wrong)
