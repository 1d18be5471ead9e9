"""A replace-import killed while it copies the old guide into ``trash/`` leaves nothing at the next start.

``import --replace`` keeps the old guide database in ``trash/`` through a temporary copy
(``.<name>.<random>.tmp``); the reliability battery (benchmarks/reliability.py) found one left
there after a SIGKILL, where the next start only cleaned ``guides/``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from studyguide.library import Library


def test_a_killed_copy_into_the_trash_is_removed_when_the_library_opens(make_library, library_home: Path) -> None:
    make_library().close()
    trash = library_home / "trash"
    trash.mkdir()
    kept = trash / "big--20261129-073224-740792.sqlite"
    kept.write_bytes(b"an old guide, kept whole")
    leftover = trash / f".{kept.name}.65ca59xp.tmp"
    leftover.write_bytes(b"SQLite format 3\x00 half copied")
    Path(f"{leftover}-journal").write_bytes(b"x")

    make_library().close()

    assert sorted(p.name for p in trash.iterdir()) == [kept.name]


def test_a_real_kill_during_a_replace_leaves_no_temporary_copy(tmp_path: Path, content_db: Path) -> None:
    """A real process is killed while it copies an old guide into the trash (the copy waits once written)."""
    home = tmp_path / "library"
    code = (
        "import sys, time; from pathlib import Path; import shutil\n"
        "from datetime import datetime, timezone\n"
        "from studyguide.library import Library\n"
        "real = shutil.copyfile\n"
        "def slow(src, dst, **kw):\n"
        "    real(src, dst, **kw); print('copying', flush=True); time.sleep(60)\n"
        "shutil.copyfile = slow\n"
        "lib = Library(home=Path(sys.argv[1]), bundled_guide=Path(sys.argv[2]),\n"
        "              clock=lambda: datetime.now(timezone.utc))\n"
        "lib.guides_folder.mkdir(exist_ok=True)\n"
        "(lib.guides_folder / 'old.sqlite').write_bytes(Path(sys.argv[2]).read_bytes())\n"
        "lib._to_trash(lib.guides_folder / 'old.sqlite', copy=True)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(home), str(content_db)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout.readline().strip() == "copying"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert [p.name for p in (home / "trash").iterdir() if p.name.endswith(".tmp")]  # the kill left one

    Library(home=home, bundled_guide=content_db, clock=lambda: datetime.now(timezone.utc)).close()

    assert sorted(p.name for p in (home / "trash").iterdir()) == []
