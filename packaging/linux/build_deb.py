"""Builds the Debian package of a frozen StudyGuide folder with dpkg-deb (no debhelper needed).

Layout: the folder under ``/opt/studyguide`` (its libraries tidied: 0644, no
search path into the build machine; see tidy_libraries.py), a
``/usr/bin/studyguide`` symlink, the menu entry in ``/usr/share/applications``,
the icons in the ``hicolor`` theme, and ``/usr/share/doc/studyguide/copyright``
and ``changelog.gz`` made from LICENSE and CHANGELOG.md (debian_docs.py). dpkg
owns every file, so ``dpkg -r`` removes them all; the icon cache and menu
database are refreshed by the triggers of ``hicolor-icon-theme`` and
``desktop-file-utils``, so no maintainer scripts are needed. The app never
writes in ``/opt``: the user's library is in ``~/.local/share/StudyGuide``. Run:

    python packaging/linux/build_deb.py --app dist/StudyGuide --icons build/icons --out dist
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import debian_docs
import tidy_libraries

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PACKAGE = "studyguide"
INSTALL_DIR = Path("opt") / PACKAGE
#: What the frozen folder needs from the system (see ../shared FACTS: checked in a minimal Debian 12).
DEPENDS = "libc6 (>= 2.36), libgl1, libegl1, libxcb1, libfontconfig1"
#: Native Wayland (otherwise Qt uses X11 through XWayland).
RECOMMENDS = "libwayland-client0, libwayland-cursor0"
MAINTAINER = "StudyGuide maintainers <maintainers@studyguide.invalid>"


def version() -> str:
    """The app's version, read from studyguide/__init__.py without importing it."""
    for line in (ROOT / "studyguide" / "__init__.py").read_text().splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("build_deb: no __version__ in studyguide/__init__.py")


def architecture() -> str:
    """Debian's name for this machine's architecture (amd64, arm64...)."""
    return subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                          text=True).stdout.strip()


def _size_kib(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*")) // 1024 + 1


def control(*, version: str, arch: str, installed_kib: int) -> str:
    """The DEBIAN/control file."""
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {DEPENDS}\n"
        f"Recommends: {RECOMMENDS}\n"
        "Section: education\n"
        "Priority: optional\n"
        "Description: offline study guide with flashcards, a timeline and search\n"
        " StudyGuide opens a subject and lets you study it from every angle: reading\n"
        " notes by topic, flashcards scheduled by spaced repetition (FSRS), a zoomable\n"
        " timeline and instant full-text search. It ships a guide to the Cuban\n"
        " Missile Crisis and works entirely offline.\n"
    )


def stage(*, app: Path, icons: Path, staging: Path, version: str, arch: str) -> Path:
    """Lays out the package's files under ``staging`` (emptied first); returns it."""
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(app, staging / INSTALL_DIR, symlinks=True)
    tidy_libraries.tidy(staging / INSTALL_DIR)
    bin_dir = staging / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / PACKAGE).symlink_to(Path("/") / INSTALL_DIR / "StudyGuide")
    applications = staging / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(HERE / "studyguide.desktop", applications / "studyguide.desktop")
    theme = staging / "usr" / "share" / "icons" / "hicolor"
    shutil.copytree(icons / "hicolor", theme)
    scalable = theme / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "studyguide.svg", scalable / "studyguide.svg")
    debian_docs.write(staging / "usr" / "share" / "doc" / PACKAGE, root=ROOT, package=PACKAGE, version=version,
                      maintainer=MAINTAINER)
    debian = staging / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control(version=version, arch=arch, installed_kib=_size_kib(staging)))
    for path in staging.rglob("*"):  # dpkg-deb refuses group-writable control files
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
    return staging


def validate_desktop_entry(staging: Path) -> None:
    """Checks the menu entry with desktop-file-validate, when it is installed."""
    validator = shutil.which("desktop-file-validate")
    entry = staging / "usr" / "share" / "applications" / "studyguide.desktop"
    if validator is None:
        print("build_deb: desktop-file-validate not installed (apt install desktop-file-utils); skipped")
        return
    result = subprocess.run([validator, str(entry)], capture_output=True, text=True)
    if result.returncode != 0 or result.stdout.strip():
        raise SystemExit(f"build_deb: {entry.name} is not valid:\n{result.stdout}{result.stderr}")


def build(*, app: Path, icons: Path, out: Path, work: Path, compression: str = "xz") -> Path:
    """Stages and builds ``out/studyguide_<version>_<arch>.deb``; returns its path."""
    if not (app / "StudyGuide").is_file():
        raise SystemExit(f"build_deb: no frozen app in {app} (run pyinstaller build.spec first)")
    if not (icons / "hicolor").is_dir():
        raise SystemExit(f"build_deb: no icons in {icons} (run packaging/render_icons.py first)")
    ver, arch = version(), architecture()
    staging = stage(app=app, icons=icons, staging=work / PACKAGE, version=ver, arch=arch)
    validate_desktop_entry(staging)
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{ver}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(staging), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, default=ROOT / "dist" / "StudyGuide")
    parser.add_argument("--icons", type=Path, default=ROOT / "build" / "icons")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "deb", help="staging folder")
    parser.add_argument("--compression", default=os.environ.get("STUDYGUIDE_DEB_COMPRESSION", "xz"),
                        choices=["xz", "gzip", "zstd", "none"],
                        help="dpkg-deb compression (default xz, the smallest; gzip is much faster)")
    args = parser.parse_args(argv)
    deb = build(app=args.app, icons=args.icons, out=args.out, work=args.work, compression=args.compression)
    print(f"build_deb: {deb} ({deb.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
