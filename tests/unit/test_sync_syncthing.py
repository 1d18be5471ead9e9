"""Two real Syncthing instances on this machine's loopback keep one sync folder in step while two
library processes study and sync: both converge, nothing lost (issue 19). Slow; runs in CI, where
``scripts/bootstrap.sh package`` installs Debian's ``syncthing``."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from studyguide import paths
from studyguide.store.journal_files import SegmentUnreadable, decode_segment
from tests.unit.test_sync_processes import HELPER, _finish, _start, _sync

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("syncthing") is None, reason="syncthing is not installed")]
FOLDER_ID = "studyguide-sync-test"
TIMEOUT = 180.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Instance:
    """One Syncthing with its own home, GUI/REST API and listener on 127.0.0.1, nothing global."""

    def __init__(self, root: Path, name: str) -> None:
        self.home, self.folder = root / f"{name}-syncthing", root / f"{name}-Sync"
        self.gui, self.listen = _free_port(), _free_port()
        out = subprocess.run(["syncthing", "generate", f"--home={self.home}", "--no-default-folder",
                              "--skip-port-probing"], capture_output=True, text=True, check=True, timeout=60)
        self.device_id = next(line.split(": ", 1)[1].strip() for line in (out.stdout + out.stderr).splitlines()
                              if "Device ID:" in line)
        self.folder.mkdir()
        (self.folder / ".stfolder").mkdir()
        self.process: subprocess.Popen | None = None

    def configure(self, other: Instance) -> None:
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        gui = root.find("gui")
        assert gui is not None
        gui.find("address").text = f"127.0.0.1:{self.gui}"  # type: ignore[union-attr]
        self.api_key = gui.find("apikey").text  # type: ignore[union-attr]
        options = root.find("options")
        assert options is not None
        for key, value in {"listenAddress": f"tcp://127.0.0.1:{self.listen}", "globalAnnounceEnabled": "false",
                           "localAnnounceEnabled": "false", "relaysEnabled": "false", "natEnabled": "false",
                           "startBrowser": "false", "urAccepted": "-1", "autoUpgradeIntervalH": "0",
                           "crashReportingEnabled": "false"}.items():
            options.find(key).text = value  # type: ignore[union-attr]
        device = ET.SubElement(root, "device", id=other.device_id, name=other.home.name, compression="metadata",
                               introducer="false", skipIntroductionRemovals="false", introducedBy="")
        ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{other.listen}"
        folder = ET.Element("folder", id=FOLDER_ID, label="StudyGuide", path=str(self.folder), type="sendreceive",
                            rescanIntervalS="2", fsWatcherEnabled="true", fsWatcherDelayS="1",
                            ignorePerms="false", autoNormalize="true")
        ET.SubElement(folder, "filesystemType").text = "basic"
        for member in (self.device_id, other.device_id):
            ET.SubElement(folder, "device", id=member, introducedBy="")
        root.insert(0, folder)
        tree.write(path)

    def start(self) -> None:
        self.log = open(self.home / "log.txt", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(["syncthing", "serve", f"--home={self.home}", "--no-browser",
                                         "--no-restart", "--no-upgrade"], stdout=self.log, stderr=subprocess.STDOUT)

    def api(self, path: str) -> object:
        request = urllib.request.Request(f"http://127.0.0.1:{self.gui}{path}", headers={"X-API-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.log.close()


def _segments(folder: Path) -> dict[str, bytes]:
    """The whole segments in a folder, by their path in it."""
    found = {}
    for path in folder.rglob("segment-*"):
        try:
            data = path.read_bytes()
            decode_segment(data, device_id=path.parent.name, number=int(path.name[8:16]))
        except (OSError, SegmentUnreadable):
            continue
        found[str(path.relative_to(folder))] = data
    return found


def _converged(instances: list[Instance]) -> int:
    """Wait until both folders hold every whole segment either holds now (or fail after TIMEOUT);
    returns how many."""
    expected = {name for i in instances for name in _segments(i.folder)}
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        seen = [_segments(i.folder) for i in instances]
        if set(seen[0]) == expected and seen[0] == seen[1]:
            return len(expected)
        time.sleep(0.5)  # Syncthing's own pace (watcher delay, scans): polled, not raced
    pytest.fail(f"the folders did not converge in {TIMEOUT:.0f} s: {[sorted(_segments(i.folder)) for i in instances]}")


def _log(home: Path) -> list[tuple]:
    with sqlite3.connect(home / "progress.sqlite") as db:
        return sorted(db.execute("SELECT guide_id, card_id, rating, reviewed_at FROM review_log"))


def _states(home: Path) -> list[tuple]:
    with sqlite3.connect(home / "progress.sqlite") as db:
        return sorted(db.execute("SELECT guide_id, card_id, state FROM card_state"))


def _diagnosis(homes: list[Path], instances: list[Instance], logs: list[list[tuple]]) -> str:
    """What each library holds and applied, and what each folder holds, for a failure seen once in
    CI-like runs (one library ended with 14 of 16 answers) and not reproduced since."""
    lines = []
    for home, instance, log in zip(homes, instances, logs, strict=True):
        with sqlite3.connect(home / "progress.sqlite") as db:
            applied = db.execute("SELECT device, segment, entries FROM sync_segments ORDER BY 1, 2").fetchall()
        lines.append(f"{home.name}: {len(log)} answers {log}; segments applied {applied}; "
                     f"folder {sorted(_segments(instance.folder))}")
    return "\n".join(lines)


def test_two_syncthing_instances_keep_two_studying_libraries_in_step(tmp_path: Path) -> None:
    guide = paths.bundled_guide_database()  # 91 cards: enough new ones for both rounds
    instances = [Instance(tmp_path, "laptop"), Instance(tmp_path, "desktop")]
    instances[0].configure(instances[1])
    instances[1].configure(instances[0])
    homes = [tmp_path / "laptop-library", tmp_path / "desktop-library"]
    try:
        for instance in instances:
            instance.start()
        for number, ratings in enumerate(("3132", "2441"), 1):  # two rounds: both study at once, then sync
            studying = [_start([str(HELPER), "study", str(home), ratings, "0"], guide) for home in homes]
            for process in studying:
                _finish(process)
            for home, instance in zip(homes, instances, strict=True):
                _finish(_sync(home, instance.folder, guide))
            assert _converged(instances) >= 2 * number  # each device wrote a segment a round
        for home, instance in zip(homes, instances, strict=True):
            _finish(_sync(home, instance.folder, guide))
        logs = [_log(h) for h in homes]
        assert logs[0] == logs[1] and len(logs[0]) == 16, _diagnosis(homes, instances, logs)  # 4 + 4 a round each
        assert _states(homes[0]) == _states(homes[1])
        connections = instances[0].api("/rest/system/connections")
        assert instances[1].device_id in connections["connections"]  # type: ignore[index]
    finally:
        for instance in instances:
            instance.stop()
