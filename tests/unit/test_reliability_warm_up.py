"""The reliability battery's zygote has imported everything creating a library needs before it forks.

Creating a library imports more on first use (sqlite_utils and its plugins): a forked child that
paid for it spent its first 40-120 ms importing, so every one of the "kill -9 during first start"
kills (0-40 ms after the fork) landed before the creation wrote anything, and the scenario tested
nothing (``where the kills landed: {'before': 40}``). After ``WARM_UP``, a creation imports nothing.
"""

from __future__ import annotations

import subprocess
import sys

from benchmarks import reliability

CHECK = """
import sys
before = set(sys.modules)
with tempfile.TemporaryDirectory() as fresh:
    Library(home=Path(fresh) / "library", bundled_guide=paths.bundled_guide_database(),
            clock=lambda: datetime.now(timezone.utc)).close()
print(sorted(set(sys.modules) - before))
"""


def test_after_the_warm_up_creating_a_library_imports_nothing(tmp_path) -> None:
    done = subprocess.run([sys.executable, "-c", reliability.WARM_UP + CHECK], cwd=reliability.ROOT,
                          env=reliability.scratch_env(tmp_path / "tmp"), capture_output=True, text=True,
                          timeout=120, check=False)

    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "[]"
    assert not list((tmp_path / "tmp").iterdir())  # the warm-up's library is thrown away
