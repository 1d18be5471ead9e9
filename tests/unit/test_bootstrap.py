"""scripts/bootstrap.sh, run against stand-ins for apt, dpkg and python (nothing is installed).

The stand-ins log what the script asked for: which system packages, whether it
created the virtual environment, and each ``pip`` call. A stand-in ``python3 -m
venv`` writes ``pyvenv.cfg`` the way the real one does, naming the interpreter.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PYTHON3 = r"""#!/usr/bin/env bash
if [ "${1:-}" = "-m" ] && [ "${2:-}" = "venv" ]; then
  shift 2; clear=0; dir=""
  for arg in "$@"; do case "$arg" in --clear) clear=1 ;; -*) ;; *) dir="$arg" ;; esac; done
  [ "$clear" = 1 ] && rm -rf "$dir"
  mkdir -p "$dir/bin"
  printf 'home = %s\nversion = %s\n' "$STUB_HOME" "$STUB_VERSION" > "$dir/pyvenv.cfg"
  cat > "$dir/bin/python" <<EOF
#!/usr/bin/env bash
if [ "\${1:-}" = "-m" ] && [ "\${2:-}" = "pip" ]; then shift 2; echo "pip \$*" >> "$STUB_LOG"; exit 0; fi
exec "$REAL_PYTHON" "\$@"
EOF
  chmod +x "$dir/bin/python"
  echo "venv $*" >> "$STUB_LOG"
  exit 0
fi
exec "$REAL_PYTHON" "$@"
"""
STUBS = {
    "python3": PYTHON3,
    "dpkg-query": "#!/usr/bin/env bash\nexit 1\n",  # nothing is installed
    "apt-get": '#!/usr/bin/env bash\necho "apt-get $*" >> "$STUB_LOG"\n',
    "sudo": '#!/usr/bin/env bash\nexec "$@"\n',
}


class Machine:
    """A copy of the project's set-up files with stand-ins on the PATH."""

    def __init__(self, base: Path) -> None:
        self.root = base / "project"
        (self.root / "scripts").mkdir(parents=True)
        for name in ("scripts/bootstrap.sh", "pyproject.toml", "requirements.lock"):
            shutil.copy2(ROOT / name, self.root / name)
        self.stubs = base / "stubs"
        self.stubs.mkdir()
        for name, text in STUBS.items():
            (self.stubs / name).write_text(text)
            (self.stubs / name).chmod(0o755)
        self.log = base / "log"
        self.version = "3.11.7"

    def run(self, *args: str) -> list[str]:
        """Runs the bootstrap; returns what it asked the stand-ins for."""
        self.log.write_text("")
        env = dict(os.environ, PATH=f"{self.stubs}:{os.environ['PATH']}", STUB_LOG=str(self.log),
                   REAL_PYTHON=sys.executable, STUB_HOME=f"/opt/python-{self.version}/bin",
                   STUB_VERSION=self.version)
        result = subprocess.run(["bash", str(self.root / "scripts" / "bootstrap.sh"), *args], env=env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return self.log.read_text().splitlines()

    def pip_calls(self, *args: str) -> list[str]:
        return [line for line in self.run(*args) if line.startswith("pip ")]

    def apt_packages(self, *args: str) -> set[str]:
        installs = [line.split() for line in self.run(*args) if line.startswith("apt-get install")]
        return {word for line in installs for word in line[2:] if not word.startswith("-")}


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    return Machine(tmp_path)


def test_installs_from_the_lock_with_hashes_then_the_app_alone(machine: Machine) -> None:
    calls = machine.pip_calls()

    assert any("--require-hashes" in call and "-r requirements.lock" in call for call in calls), calls
    assert any("--no-deps" in call and "-e ." in call for call in calls), calls
    assert not any("[test]" in call for call in calls), calls


def test_a_second_run_installs_nothing(machine: Machine) -> None:
    machine.run()

    assert machine.pip_calls() == []


def test_a_changed_lock_reinstalls(machine: Machine) -> None:
    machine.run()
    with (machine.root / "requirements.lock").open("a") as lock:
        lock.write("# moved\n")

    assert machine.pip_calls()


def test_a_venv_rebuilt_when_its_python_is_gone_reinstalls(machine: Machine) -> None:
    machine.run()
    (machine.root / ".venv" / "bin" / "python").unlink()  # its interpreter was removed or upgraded
    machine.version = "3.12.1"

    assert machine.pip_calls()


def test_a_venv_upgraded_in_place_reinstalls(machine: Machine) -> None:
    machine.run()
    cfg = machine.root / ".venv" / "pyvenv.cfg"  # what "python3.12 -m venv --upgrade .venv" rewrites
    cfg.write_text(cfg.read_text().replace("3.11.7", "3.12.1"))

    assert machine.pip_calls()


def test_gui_adds_the_display_libraries_and_package_the_build_tools(machine: Machine) -> None:
    plain, gui, package = machine.apt_packages(), machine.apt_packages("gui"), machine.apt_packages("package")

    assert {"libgl1", "libfontconfig1", "fonts-dejavu-core"} <= plain
    assert "libxcb-cursor0" not in plain and "lintian" not in plain
    assert gui - plain >= {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"}
    assert "lintian" not in gui
    assert package - gui >= {"lintian", "patchelf", "binutils", "desktop-file-utils"}
    assert gui <= package


def test_an_unknown_option_is_refused(machine: Machine) -> None:
    env = dict(os.environ, PATH=f"{machine.stubs}:{os.environ['PATH']}", STUB_LOG=str(machine.log),
               REAL_PYTHON=sys.executable)
    result = subprocess.run(["bash", str(machine.root / "scripts" / "bootstrap.sh"), "gyu"], env=env,
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == 2
    assert "gyu" in result.stderr
