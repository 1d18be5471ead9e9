"""The Debian package's documentation files, made from LICENSE and CHANGELOG.md.

- ``usr/share/doc/studyguide/copyright``: machine-readable (DEP-5), StudyGuide's
  MIT licence (Debian calls it ``Expat``) and a paragraph for the libraries the
  frozen folder bundles;
- ``usr/share/doc/studyguide/changelog.gz``: a Debian changelog with one entry per
  released version of CHANGELOG.md (Keep a Changelog), compressed like
  ``gzip -9n`` (no name, no time: the same bytes on every build).
"""

from __future__ import annotations

import gzip
import re
import textwrap
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path

DEP5_FORMAT = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
#: ``## [0.1.0] - 2026-11-24``; ``## [Unreleased]`` has no date and is left out.
RELEASE = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})\s*$")
BUNDLED = """\
 The frozen folder bundles the Python interpreter (PSF License), Qt 6, PySide6
 and shiboken6 (LGPL-3, see /usr/share/common-licenses/LGPL-3), and the shared
 libraries and Python packages that they and StudyGuide use, each under its own
 licence: the Debian package of each shared library carries its terms (for
 example /usr/share/doc/libsqlite3-0/copyright), and the Python packages' terms
 are in their *.dist-info folders and on PyPI."""


def _dep5_text(text: str) -> str:
    """Indents a licence text as a DEP-5 field continuation (blank lines become ' .')."""
    return "\n".join(f" {line}" if line.strip() else " ." for line in text.strip().splitlines())


def copyright_file(license_text: str, *, package: str) -> str:
    """The DEP-5 copyright file for an MIT-licensed app from its LICENSE text."""
    notice = next((line.strip() for line in license_text.splitlines() if line.startswith("Copyright")), None)
    if notice is None:
        raise ValueError("LICENSE has no 'Copyright' line")
    holder = re.sub(r"^Copyright\s*(\(c\)|©)?\s*", "", notice, flags=re.IGNORECASE)
    body = license_text.split(notice, 1)[1]
    return (
        f"Format: {DEP5_FORMAT}\n"
        f"Upstream-Name: StudyGuide\n"
        f"Upstream-Contact: StudyGuide maintainers <maintainers@studyguide.invalid>\n"
        "\n"
        "Files: *\n"
        f"Copyright: {holder}\n"
        "License: Expat\n"
        "\n"
        f"Files: opt/{package}/_internal/*\n"
        "Copyright: the authors of each bundled component\n"
        "License: other\n"
        f"{BUNDLED}\n"
        "\n"
        "License: Expat\n"
        f"{_dep5_text(body)}\n"
    )


def releases(markdown: str) -> list[tuple[str, str, list[str]]]:
    """(version, ISO date, items) of each released version in CHANGELOG.md, newest first.

    An item is one bullet, its continuation lines joined; the ``### Added``-style
    headings are folded into the item ("Added: ...") so nothing is lost.
    """
    found: list[tuple[str, str, list[str]]] = []
    items: list[str] | None = None
    heading = ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            match = RELEASE.match(line)
            items = [] if match else None
            if match:
                found.append((match["version"], match["date"], items))
        elif items is None:
            continue
        elif line.startswith("### "):
            heading = line[4:].strip()
        elif line.startswith(("- ", "* ")):
            items.append(f"{heading}: {line[2:].strip()}" if heading else line[2:].strip())
        elif line.startswith("  ") and line.strip() and items:
            items[-1] += " " + line.strip()
    return found


def changelog(markdown: str, *, package: str, version: str, maintainer: str) -> str:
    """The Debian changelog (native package) of every release up to ``version``."""
    entries = releases(markdown)
    versions = [entry[0] for entry in entries]
    if version not in versions:
        raise ValueError(f"CHANGELOG.md has no '## [{version}] - YYYY-MM-DD' section for the version "
                         "being packaged: move the Unreleased notes under it")
    parts = []
    for number, date, items in entries[versions.index(version):]:
        bullets = "\n".join(textwrap.fill(item, width=78, initial_indent="  * ", subsequent_indent="    ",
                                          break_long_words=False, break_on_hyphens=False)
                            for item in items or ["Release."])
        when = format_datetime(datetime.fromisoformat(date).replace(hour=12, tzinfo=timezone.utc))
        parts.append(f"{package} ({number}) unstable; urgency=medium\n\n{bullets}\n\n -- {maintainer}  {when}\n")
    return "\n".join(parts)


def write(doc_dir: Path, *, root: Path, package: str, version: str, maintainer: str) -> None:
    """Writes ``copyright`` and ``changelog.gz`` into ``doc_dir`` from root's LICENSE and CHANGELOG.md."""
    doc_dir.mkdir(parents=True, exist_ok=True)
    (doc_dir / "copyright").write_text(copyright_file((root / "LICENSE").read_text(), package=package))
    text = changelog((root / "CHANGELOG.md").read_text(), package=package, version=version, maintainer=maintainer)
    with (doc_dir / "changelog.gz").open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as packed:
        packed.write(text.encode())
