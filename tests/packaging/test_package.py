"""Builds the Linux packages once (scripts/package-linux) and runs the frozen app from them.

Skipped where PyInstaller or dpkg-deb is missing; CI has both (the ``test``
extra and scripts/bootstrap.sh). The build goes to a temporary folder, so it
never touches dist/ and two runs never collide.
"""

from __future__ import annotations

import gzip
import os
import shutil
import stat
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.packaging]

ROOT = Path(__file__).resolve().parents[2]
DEPENDS = {"libc6", "libgl1", "libegl1", "libxcb1", "libfontconfig1"}
#: lintian errors any frozen app in /opt gets, and only for its files there: the folder itself,
#: the libraries it bundles, and prebuilt extension modules that need nothing from libc.
LINTIAN_ALLOWED = {"dir-or-file-in-opt", "embedded-library", "library-not-linked-against-libc"}


@dataclass(frozen=True)
class Packages:
    app: Path
    deb: Path
    tarball: Path
    log: str


def _run_smoke_test(executable: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(executable), "--smoke-test"], env=env, capture_output=True, text=True,
                          timeout=60)


def _clean_env(home: Path) -> dict[str, str]:
    """An environment where only $HOME says where the user's files go."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"STUDYGUIDE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"}}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return env


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Packages:
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e '.[test]')")
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed (not a Debian-based system)")
    base = tmp_path_factory.mktemp("package")
    out, work = base / "dist", base / "build"
    env = dict(os.environ, STUDYGUIDE_DEB_COMPRESSION="gzip", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [str(ROOT / "scripts" / "package-linux"), "--no-bare", "--no-setup", "--out", str(out), "--work", str(work)],
        env=env, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, f"scripts/package-linux failed:\n{result.stdout}\n{result.stderr}"
    (deb,) = out.glob("studyguide_*.deb")
    (tarball,) = out.glob("StudyGuide-*-linux-*.tar.gz")
    return Packages(app=out / "StudyGuide", deb=deb, tarball=tarball, log=result.stdout)


def test_the_build_smoke_tests_the_frozen_app(packages: Packages) -> None:
    assert "smoke test: OK" in packages.log


def test_the_frozen_app_paints_and_exits_zero(packages: Packages, tmp_path: Path) -> None:
    env = dict(_clean_env(tmp_path), STUDYGUIDE_HOME=str(tmp_path / "lib"))
    result = _run_smoke_test(packages.app / "StudyGuide", env)

    assert result.returncode == 0, result.stderr
    assert "smoke test: OK, usable" in result.stdout
    assert "1 guide(s)" in result.stdout
    assert (tmp_path / "lib").is_dir()


def test_the_deb_declares_what_it_needs(packages: Packages) -> None:
    fields = subprocess.run(["dpkg-deb", "-f", str(packages.deb), "Package", "Depends", "Architecture"],
                            capture_output=True, text=True, check=True).stdout
    assert "Package: studyguide" in fields
    depends = {part.split()[0] for part in fields.split("Depends:")[1].splitlines()[0].split(",")}
    assert depends == DEPENDS


def test_the_deb_installs_only_files_dpkg_removes(packages: Packages) -> None:
    listing = subprocess.run(["dpkg-deb", "-c", str(packages.deb)], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    paths = [line.split()[5] for line in listing]
    files = [path for path in paths if not path.endswith("/")]
    allowed = ("./opt/studyguide/", "./usr/bin/studyguide", "./usr/share/applications/studyguide.desktop",
               "./usr/share/icons/hicolor/", "./usr/share/doc/studyguide/")
    assert files and all(path.startswith(allowed) for path in files), [p for p in files if not p.startswith(allowed)]
    assert "./usr/share/icons/hicolor/48x48/apps/studyguide.png" in files
    assert "./usr/share/icons/hicolor/scalable/apps/studyguide.svg" in files
    link = next(line for line in listing if "./usr/bin/studyguide " in line)
    assert link.startswith("l") and link.endswith("-> /opt/studyguide/StudyGuide")
    # No byte-code caches or logs that the app would later add, and nothing writable by others.
    assert not any("__pycache__" in path or path.endswith(".pyc") for path in files)


def test_the_unpacked_deb_runs_read_only_and_keeps_the_library_in_home(packages: Packages, tmp_path: Path) -> None:
    scratch, home = tmp_path / "root", tmp_path / "home"
    home.mkdir()
    subprocess.run(["dpkg-deb", "-x", str(packages.deb), str(scratch)], check=True)
    install = scratch / "opt" / "studyguide"
    before = sorted((str(p.relative_to(install)), p.lstat().st_mtime_ns) for p in install.rglob("*"))
    for path in [install, *install.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        result = _run_smoke_test(install / "StudyGuide", _clean_env(home))
        after = sorted((str(p.relative_to(install)), p.lstat().st_mtime_ns) for p in install.rglob("*"))
    finally:
        for path in [install, *install.rglob("*")]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR)

    assert result.returncode == 0, result.stderr
    assert "smoke test: OK" in result.stdout
    assert (home / ".local" / "share" / "StudyGuide").is_dir()
    assert any((home / ".local" / "share" / "StudyGuide").iterdir())
    assert after == before


def test_the_menu_entry_starts_the_command_on_the_path(packages: Packages, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-x", str(packages.deb), str(tmp_path)], check=True)
    entry = (tmp_path / "usr" / "share" / "applications" / "studyguide.desktop").read_text()
    assert "\nExec=studyguide\n" in entry
    assert "\nIcon=studyguide\n" in entry


def test_the_tarball_holds_the_whole_folder(packages: Packages) -> None:
    with tarfile.open(packages.tarball) as archive:
        names = set(archive.getnames())
    assert "StudyGuide/StudyGuide" in names
    assert "StudyGuide/_internal/db/default-guide.sqlite" in names
    assert "StudyGuide/_internal/resources/icons/studyguide.svg" in names


def test_the_x11_plugin_finds_every_library_it_links(packages: Packages) -> None:
    """A build machine without libxcb-icccm4 and friends makes an app that dies under X11."""
    internal = packages.app / "_internal"
    qt = internal / "PySide6" / "Qt"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{qt / 'lib'}")
    for plugin in ("platforms/libqxcb.so", "iconengines/libqsvgicon.so", "platformthemes/libqxdgdesktopportal.so"):
        ldd = subprocess.run(["ldd", str(qt / "plugins" / plugin)], env=env, capture_output=True, text=True,
                             check=True).stdout
        assert "not found" not in ldd, f"{plugin}:\n{ldd}"


def unexpected_lintian_errors(deb: Path) -> list[str]:
    """lintian's error lines for ``deb``, less those every frozen app in /opt gets."""
    report = subprocess.run(["lintian", "--tag-display-limit", "0", str(deb)], capture_output=True, text=True,
                            timeout=600)
    assert report.returncode in (0, 1, 2), report.stderr  # 2: errors were found; anything else: lintian broke
    errors = [line for line in report.stdout.splitlines() if line.startswith("E: ")]
    assert errors or report.returncode == 0, report.stdout + report.stderr
    return [line for line in errors
            if not (line.split()[2] in LINTIAN_ALLOWED and line.rsplit("[", 1)[-1].startswith("opt/studyguide/"))]


def test_lintian_finds_no_error_but_those_of_any_frozen_app_in_opt(packages: Packages) -> None:
    if shutil.which("lintian") is None:
        pytest.skip("lintian is not installed (scripts/bootstrap.sh package)")

    assert unexpected_lintian_errors(packages.deb) == []


def test_the_deb_has_a_copyright_file_and_a_changelog(packages: Packages, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-x", str(packages.deb), str(tmp_path)], check=True)
    doc = tmp_path / "usr" / "share" / "doc" / "studyguide"

    assert (doc / "copyright").read_text().startswith("Format: https://www.debian.org/doc/packaging-manuals/")
    assert "Permission is hereby granted" in (doc / "copyright").read_text()
    with gzip.open(doc / "changelog.gz", "rt") as changelog:
        assert changelog.readline().startswith("studyguide (0.1.0) unstable;")


def test_the_frozen_libraries_are_0644_and_search_nowhere_outside_the_bundle(packages: Packages) -> None:
    """The build machine's Python (RUNPATH /root/.pyenv/...) is no place to look on a user's machine."""
    patchelf = shutil.which("patchelf")
    if patchelf is None:
        pytest.skip("patchelf is not installed (scripts/bootstrap.sh package)")
    libraries = [path for path in (packages.app / "_internal").rglob("*.so*")
                 if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF"]
    search_paths = {str(path.relative_to(packages.app)): subprocess.run(
        [patchelf, "--print-rpath", str(path)], capture_output=True, text=True, check=True).stdout.strip()
        for path in libraries}

    assert len(libraries) > 50
    assert [path for path in libraries if path.stat().st_mode & 0o777 != 0o644] == []
    assert {name: value for name, value in search_paths.items()
            if any(not entry.startswith("$ORIGIN") for entry in value.split(":") if value)} == {}
    assert any(value.startswith("$ORIGIN") for value in search_paths.values())  # Qt's own are kept
