"""The .deb's own files, checked without building: the library tidying (tidy_libraries.py) and
the copyright and changelog made from LICENSE and CHANGELOG.md (debian_docs.py)."""

from __future__ import annotations

import gzip
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / "linux" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


tidy_libraries = _load("tidy_libraries")
debian_docs = _load("debian_docs")


def _small_shared_object() -> Path:
    import _sqlite3

    return Path(_sqlite3.__file__)


@pytest.fixture
def patchelf() -> str:
    found = shutil.which("patchelf")
    if found is None:
        pytest.skip("patchelf is not installed (scripts/bootstrap.sh package)")
    return found


def _rpath(patchelf: str, path: Path) -> str:
    return subprocess.run([patchelf, "--print-rpath", str(path)], check=True, capture_output=True,
                          text=True).stdout.strip()


def test_libraries_become_0644_and_lose_search_paths_outside_the_bundle(tmp_path: Path, patchelf: str) -> None:
    folder = tmp_path / "StudyGuide"
    (folder / "_internal" / "lib-dynload").mkdir(parents=True)
    outside = folder / "_internal" / "lib-dynload" / "_outside.cpython-311-x86_64-linux-gnu.so"
    mixed = folder / "_internal" / "libmixed.so.6"
    inside = folder / "_internal" / "libinside.so.6.11"
    for path, search_path in [(outside, "/root/.pyenv/versions/3.11.7/lib"),
                              (mixed, "$ORIGIN/../lib:/usr/local/build/lib"),
                              (inside, "$ORIGIN/:$ORIGIN/Qt/lib")]:
        shutil.copyfile(_small_shared_object(), path)
        subprocess.run([patchelf, "--set-rpath", search_path, str(path)], check=True)
        path.chmod(0o755)
    (folder / "_internal" / "libalias.so").symlink_to("libinside.so.6.11")
    script = folder / "_internal" / "notes.so.txt"
    script.write_text("not a library")
    script.chmod(0o755)

    tidied = tidy_libraries.tidy(folder)

    assert _rpath(patchelf, outside) == ""
    assert _rpath(patchelf, mixed) == "$ORIGIN/../lib"
    assert _rpath(patchelf, inside) == "$ORIGIN/:$ORIGIN/Qt/lib"
    assert all(path.stat().st_mode & 0o777 == 0o644 for path in (outside, mixed, inside))
    assert script.stat().st_mode & 0o777 == 0o755
    assert sorted(tidied.search_paths_cut) == sorted(str(p.relative_to(folder)) for p in (outside, mixed))
    assert tidy_libraries.tidy(folder) == tidy_libraries.Tidied(made_0644=[], search_paths_cut=[])


def test_the_copyright_file_is_machine_readable_and_carries_the_license() -> None:
    license_text = (ROOT / "LICENSE").read_text()

    text = debian_docs.copyright_file(license_text, package="studyguide")

    assert text.startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n")
    paragraphs = text.split("\n\n")
    assert "Files: *\nCopyright: 2026 The StudyGuide authors\nLicense: Expat" in paragraphs
    expat = next(p for p in paragraphs if p.startswith("License: Expat\n "))
    assert "Permission is hereby granted, free of charge" in expat
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in expat
    assert all(line.startswith(" ") for line in expat.splitlines()[1:])
    assert " .\n" in expat  # the blank lines of the licence


def test_the_changelog_has_a_debian_entry_per_release_and_leaves_unreleased_out() -> None:
    markdown = (
        "# Changelog\n\n## [Unreleased]\n\n### Added\n- Not yet.\n\n"
        "## [0.2.0] - 2026-12-01\n\n### Fixed\n- A long item that goes on and on about what was fixed, well past"
        " the eighty columns a Debian changelog line may hold.\n\n"
        "## [0.1.0] - 2026-11-24\n\n### Added\n- First.\n  Continued.\n"
    )

    text = debian_docs.changelog(markdown, package="studyguide", version="0.2.0", maintainer="M <m@example.org>")

    entries = text.split("\n\n -- M <m@example.org>  ")
    assert text.startswith("studyguide (0.2.0) unstable; urgency=medium\n\n  * Fixed: A long item")
    assert "studyguide (0.1.0) unstable; urgency=medium\n\n  * Added: First. Continued.\n" in text
    assert "Not yet" not in text
    assert len(entries) == 3
    assert "Tue, 01 Dec 2026 12:00:00 +0000" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_packaging_a_version_the_changelog_does_not_name_is_refused() -> None:
    with pytest.raises(ValueError, match=r"no '## \[0.3.0\]"):
        debian_docs.changelog("## [0.2.0] - 2026-12-01\n- x\n", package="p", version="0.3.0", maintainer="M <m@x.org>")


def test_the_doc_files_are_written_compressed_like_gzip_9n(tmp_path: Path) -> None:
    for build in ("a", "b"):
        debian_docs.write(tmp_path / build, root=ROOT, package="studyguide", version="0.1.0",
                          maintainer="M <m@x.org>")

    packed = (tmp_path / "a" / "changelog.gz").read_bytes()
    assert packed == (tmp_path / "b" / "changelog.gz").read_bytes()  # the same bytes every build
    assert packed[3] & 0x08 == 0 and packed[4:8] == b"\0\0\0\0"  # -n: no name, no time
    assert packed[8] == 2  # -9: maximum compression
    assert gzip.decompress(packed).decode().startswith("studyguide (0.1.0) unstable; urgency=medium")
    assert (tmp_path / "a" / "copyright").read_text().startswith("Format: ")
