"""The app as a screen reader reads it: its AT-SPI tree, under Xvfb, from a real assistive-technology client.

The test starts its own X server (Xvfb), D-Bus session and AT-SPI bus, runs the app on
them with the xcb platform (whatever ``QT_QPA_PLATFORM`` the tests run with), and reads the
app through ``tests/ui/atspi_client.py``, run by the system python with Debian's
``python3-pyatspi`` as Orca reads it. ``scripts/bootstrap.sh package`` installs what it needs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = Path("/usr/bin/python3")
SESSION = """
set -u
"$LAUNCHER" --launch-immediately &
launcher=$!
QT_QPA_PLATFORM=xcb QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 "$APP_PYTHON" -m studyguide --library "$LIBRARY" &
app=$!
"$SYSTEM_PYTHON" "$CLIENT" "$OUT"
status=$?
kill "$app" "$launcher" 2>/dev/null
wait "$app"
exit "$status"
"""


def missing_tools() -> list[str]:
    missing = [tool for tool in ("xvfb-run", "xauth", "dbus-run-session") if shutil.which(tool) is None]
    if not LAUNCHER.exists():
        missing.append(f"{LAUNCHER} (at-spi2-core)")
    if not SYSTEM_PYTHON.exists() or subprocess.run([str(SYSTEM_PYTHON), "-c", "import pyatspi"],
                                                    capture_output=True, check=False).returncode:
        missing.append("python3-pyatspi for /usr/bin/python3")
    return missing


@pytest.fixture(scope="module")
def screen_reader(tmp_path_factory) -> dict:
    """What the AT-SPI client found in the running app (see atspi_client.py)."""
    if missing := missing_tools():
        message = "a screen reader's test needs " + ", ".join(missing) + " (scripts/bootstrap.sh package)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("screen-reader")
    out = folder / "report.json"
    script = folder / "session.sh"
    script.write_text(SESSION)
    env = {**os.environ, "LAUNCHER": str(LAUNCHER), "APP_PYTHON": sys.executable, "LIBRARY": str(folder / "library"),
           "SYSTEM_PYTHON": str(SYSTEM_PYTHON), "CLIENT": str(HERE / "atspi_client.py"), "OUT": str(out),
           "PYTHONPATH": str(HERE.parent.parent)}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--",
                           "bash", str(script)], env=env, capture_output=True, text=True, timeout=240, check=False)
    said = f"exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert done.returncode == 0 and out.exists(), said
    return json.loads(out.read_text())


def test_every_focusable_widget_of_the_five_views_has_a_name(screen_reader):
    assert list(screen_reader["unnamed"]) == ["Sections", "Flashcards", "Timeline", "Search", "Stats",
                                              "Timeline as List"]
    assert screen_reader["unnamed"] == {view: [] for view in screen_reader["unnamed"]}


def test_a_rating_button_is_read_with_its_interval(screen_reader):
    names = screen_reader["rating_names"]
    assert [name.split(",")[0] for name in names] == ["Again", "Hard", "Good", "Easy"]
    for name in names:
        assert re.fullmatch(r"\w+, (less than a minute|\d+(\.\d)? (minute|hour|day|month|year)s?)", name), name


def test_the_question_answer_and_result_are_announced(screen_reader):
    heard = screen_reader["heard"]
    name, role = screen_reader["question_label"]
    assert role == "label" and f"Question: {name}" in heard  # read as its text (described "Question")
    assert any(said.startswith("Question: ") for said in heard), heard
    assert any(said.startswith("Answer: ") for said in heard), heard
    assert any(re.match(r"Good \u2014 next in \d+ \w+\. Question: ", said) for said in heard), heard


def test_the_timeline_twin_lists_the_bundled_guides_events_with_their_dates_in_words(screen_reader, tmp_path):
    from datetime import datetime, timezone

    from studyguide import paths
    from studyguide.domain.event_text import event_sentence
    from studyguide.library import Library

    library = Library(home=tmp_path, bundled_guide=paths.bundled_guide_database(),
                      clock=lambda: datetime.now(timezone.utc))
    try:
        content = library.content(library.guides()[0].id)
        titles = {section.id: section.title for section in content.sections()}
        events = sorted(content.events(), key=lambda e: (e.when.first(), e.when.last(), e.position))
        expected = [event_sentence(e, section_title=titles[e.section_id]) for e in events]
    finally:
        library.close()
    assert len(expected) == 31  # every event of the bundled guide: "Fit all" shows them all
    assert screen_reader["twin"] == expected
    assert screen_reader["twin"][0].startswith("1959, ")
    assert any(row.startswith("fall 1961, ") for row in screen_reader["twin"])  # a season, in words
    assert not [row for row in screen_reader["twin"] if re.search(r"\d{4}-\d\d", row)]  # no ISO dates


def test_the_guide_picker_is_read_with_its_label(screen_reader):
    name, labels, description = screen_reader["picker"]
    assert name == "The Cuban Missile Crisis"  # a combo box is read as its choice...
    assert [label.strip() for label in labels] == ["Guide:"]  # ...labelled by "Guide:"
    assert description == "The guide every view shows"


def test_search_hits_are_read_as_sentences_and_the_outcome_is_said(screen_reader):
    hits = screen_reader["hits"]
    assert hits and all(re.match(r"(Card|Section|Event): ", hit) for hit in hits), hits
    card = next(hit for hit in hits if hit.startswith("Card: "))
    assert " Answer: " in card and card.endswith("In The Cuban Missile Crisis.")
    assert any(re.match(r"\d+ matches", said) for said in screen_reader["heard"]), screen_reader["heard"]


def test_each_chart_shown_is_described_in_words(screen_reader):
    charts = screen_reader["charts"]
    assert set(charts) >= {"Reviews per day, last 12 months", "Mastery by section"}
    assert charts["Reviews per day, last 12 months"].startswith("1 answer on 1 day of the last 365")
    assert charts["Mastery by section"].startswith("Cuba before the crisis: 0 of 7 cards mastered, 1 seen")
