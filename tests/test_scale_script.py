"""benchmarks/scale.py runs at a tiny size: every row printed, every reported count equal to the planted one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_the_scale_benchmark_prints_its_table_with_exact_counts() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--cards", "300", "--sections",
                           "300", "--runs", "1", "--searches", "2", "--no-review"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)

    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert any(r.startswith("| import 300 cards") for r in rows)
    assert any(r.startswith("| guide on disk") for r in rows)
    searches = [r for r in rows if r.startswith("| search ")]
    assert len(searches) == 5 and all("ranked" in r for r in searches)
    assert sum("= planted" in r for r in searches) == 4 and not any("!= " in r for r in searches)
