"""The reliability battery's own protocol: a SIGKILL can never cut one of its lines in two.

The battery's zygote and the children it forks share one pipe to the harness, which reads
lines until "reaped". With PYTHONUNBUFFERED set (as on the machines the battery ran on),
``print`` wrote a line's text and its newline in two writes; a kill between them left "a"
without its newline, the zygote's "reaped 9" was glued to it ("areaped 9"), and the harness
waited 30 s for a line that never came: the "hang" about 1 run in 7 counted in the kill -9
mid-review scenario. Each line is now one ``write`` (atomic on a pipe). This test watches the
writes with strace, as they reach the pipe.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import reliability

pytestmark = pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace to watch the writes")


def test_every_line_of_the_zygote_and_its_children_is_one_write(tmp_path: Path) -> None:
    home, guide = reliability.prepare_cards(tmp_path / "cards", cards=50)
    trace = tmp_path / "writes.txt"
    env = {**reliability.scratch_env(tmp_path / "tmp"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(["strace", "-f", "-qq", "-e", "trace=write", "-e", "signal=none", "-s", "64",
                             "-o", str(trace), sys.executable, "-c", reliability.ZYGOTE],
                            cwd=reliability.ROOT, env=env, bufsize=0, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None
    out = proc.stdout

    def line() -> str:
        text = b""
        while not text.endswith(b"\n"):
            chunk = out.read(1)
            assert chunk, text
            text += chunk
        return text.decode().strip()

    try:
        for command in ("review", "check"):
            proc.stdin.write(f"{command} {home} {guide} {reliability.GUIDE} 0\n".encode())
            pid = int(line().split()[1])
            seen = [line()]
            if command == "review":
                seen += [line() for _ in range(20)]  # "ready", then answers
                os.kill(pid, signal.SIGKILL)
            while not seen[-1].startswith("reaped"):
                seen.append(line())
            assert all(text in ("ready", "a") or re.fullmatch(r"(ok \d+|reaped -?\d+)", text) for text in seen), seen
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
        out.close()
    writes = re.findall(r'^\d+ +write\(1, "(.*?)", \d+\)', trace.read_text(), flags=re.MULTILINE)
    assert len(writes) > 20
    assert [w for w in writes if not w.endswith("\\n")] == []  # each line whole in one write
