"""The reliability battery (benchmarks/reliability.py --quick) finds nothing: every count is zero."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_the_quick_reliability_battery_counts_zero_everywhere() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "reliability.py"), "--quick", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)

    assert done.stdout.strip(), done.stderr[-3000:]
    report = json.loads(done.stdout)
    scenarios = {row["scenario"] for row in report["rows"]}
    assert len(scenarios) >= 15 and all(row["trials"] > 0 or row["notes"] for row in report["rows"])
    failing = [(row["scenario"], {k: row[k] for k in report["totals"] if row[k]}, row["notes"])
               for row in report["rows"] if any(row[k] for k in report["totals"])]
    assert failing == [], json.dumps(failing, indent=1)
    assert report["totals"] == dict.fromkeys(report["totals"], 0)
    assert done.returncode == 0, done.stderr[-3000:]
