"""Tidies the shared libraries of a frozen StudyGuide folder, in place, for packaging.

PyInstaller copies libraries as they are on the build machine: executable
(0755), and the Python ones with a RUNPATH into the build machine's own Python
installation (``/root/.pyenv/versions/3.11.7/lib``, say). Debian wants shared
libraries 0644, and a search path outside the package is useless on another
machine and a risk on this one (a library there would be loaded in place of the
bundled one). So every shared library becomes 0644, and every RUNPATH or RPATH
keeps only its ``$ORIGIN``-relative entries (Qt's and PySide6's own, which they
need), or is removed when none is left. Needs ``patchelf``. Run:

    python packaging/linux/tidy_libraries.py dist/StudyGuide
"""

from __future__ import annotations

import argparse
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
ET_DYN = 3
#: ``libfoo.so``, ``libfoo.so.6``, ``_foo.cpython-311-x86_64-linux-gnu.so``...
LIBRARY_NAME = re.compile(r"\.so(\.[0-9][0-9.]*)?$")


@dataclass(frozen=True)
class Tidied:
    """What was changed: paths relative to the folder."""

    made_0644: list[str]
    search_paths_cut: list[str]


def _is_shared_object(path: Path) -> bool:
    with path.open("rb") as file:
        header = file.read(18)
    if len(header) < 18 or not header.startswith(ELF_MAGIC):
        return False
    byteorder = "little" if header[5] == 1 else "big"
    return int.from_bytes(header[16:18], byteorder) == ET_DYN


def kept_entries(search_path: str) -> list[str]:
    """The entries of a RUNPATH/RPATH that stay inside the bundle: those relative to $ORIGIN."""
    return [entry for entry in search_path.split(":") if entry.startswith(("$ORIGIN", "${ORIGIN}"))]


def _patchelf() -> str:
    patchelf = shutil.which("patchelf")
    if patchelf is None:
        raise SystemExit("tidy_libraries: patchelf is not installed (apt install patchelf, "
                         "or scripts/bootstrap.sh package)")
    return patchelf


def tidy(folder: Path) -> Tidied:
    """Makes every shared library under ``folder`` 0644 and cuts search paths outside it."""
    patchelf = _patchelf()
    made_0644, cut = [], []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or not LIBRARY_NAME.search(path.name):
            continue
        if not _is_shared_object(path):
            continue
        relative = str(path.relative_to(folder))
        if stat.S_IMODE(path.stat().st_mode) != 0o644:
            path.chmod(0o644)
            made_0644.append(relative)
        search_path = subprocess.run([patchelf, "--print-rpath", str(path)], check=True, capture_output=True,
                                     text=True).stdout.strip()
        if not search_path:
            continue
        kept = kept_entries(search_path)
        if kept == search_path.split(":"):
            continue
        # Both only shorten the dynamic section's string: the file's layout is not moved.
        command = ["--set-rpath", ":".join(kept)] if kept else ["--remove-rpath"]
        subprocess.run([patchelf, *command, str(path)], check=True)
        cut.append(relative)
    return Tidied(made_0644=made_0644, search_paths_cut=cut)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the frozen folder (dist/StudyGuide)")
    args = parser.parse_args(argv)
    tidied = tidy(args.folder)
    print(f"tidy_libraries: {len(tidied.made_0644)} libraries made 0644, "
          f"{len(tidied.search_paths_cut)} search paths outside the bundle removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
