#!/usr/bin/env bash
# Sets up everything StudyGuide needs on a fresh machine, then does nothing on later runs:
# the system libraries Qt loads (Debian/Ubuntu, via apt), a virtual environment in .venv,
# and the app with its test tools installed into it from requirements.lock (exact versions, hashes).
# Usage: scripts/bootstrap.sh [gui|package]
#   (none)   what the tests and the command line need (Qt offscreen)
#   gui      adds the libraries a real X display needs (scripts/run)
#   package  adds those and the packaging tools (scripts/package-linux and scripts/test, whose
#            packaging tests build the frozen app: it bundles Qt's X11 libraries)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

packages=(libgl1 libegl1 libfontconfig1 fonts-dejavu-core libglib2.0-0 libdbus-1-3 libxkbcommon0)
display=(libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
         libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1)
# binutils strips, desktop-file-utils checks the menu entry, patchelf drops the build machine's
# library paths from the frozen libraries, lintian checks the .deb.
# syncthing: the slow test that keeps a sync folder in step between two real instances (issue 19).
packaging=(binutils desktop-file-utils patchelf lintian syncthing)
# The screen reader's test (tests/ui/test_screen_reader.py) runs the app under Xvfb on an AT-SPI bus
# and reads it with the system python's pyatspi, as Orca does.
screen_reader=(xvfb xauth dbus dbus-bin at-spi2-core python3-pyatspi python3-gi gir1.2-atspi-2.0)
case "${1:-}" in
  "") ;;
  gui) packages+=("${display[@]}") ;;
  package) packages+=("${display[@]}" "${packaging[@]}" "${screen_reader[@]}") ;;
  *) echo "bootstrap.sh: unknown option '$1' (expected nothing, gui or package)" >&2; exit 2 ;;
esac
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  packages+=(python3-venv python3-pip)
fi
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "StudyGuide needs Python 3.11 or newer; found $(python3 --version 2>&1)." >&2
  exit 1
fi
# A venv whose interpreter is gone (Python upgraded or removed) is made anew, emptied first.
if ! .venv/bin/python -c "" >/dev/null 2>&1; then
  echo "Creating the virtual environment in .venv"
  python3 -m venv --clear .venv
fi
# Reinstall when the lock, the project or the venv's interpreter changed: the stamp lives in the
# venv and names all three, so a rebuilt or upgraded venv never looks installed.
stamp="$( { sha256sum requirements.lock pyproject.toml .venv/pyvenv.cfg
            .venv/bin/python -c 'import sys; print(sys.version, sys.base_prefix)'; } | sha256sum | cut -d' ' -f1)"
if [ "$(cat .venv/.installed 2>/dev/null)" != "$stamp" ]; then
  echo "Installing StudyGuide and its dependencies into .venv (from requirements.lock)"
  .venv/bin/python -m pip install -q --require-hashes -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps -e .
  echo "$stamp" > .venv/.installed
fi
