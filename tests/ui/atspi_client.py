"""A screen reader's view of the running app, read through AT-SPI (run by the system python with pyatspi).

Not a test module: ``test_screen_reader.py`` starts Xvfb, a D-Bus session, the AT-SPI bus
and the app, then runs this script with ``/usr/bin/python3``, which has Debian's
``python3-pyatspi``. It drives the app only through AT-SPI (selecting tabs, pressing
buttons), as Orca would, and writes what it found as JSON.

Usage: atspi_client.py OUT.json [APP_NAME]
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi  # type: ignore[import-not-found]  # the system python's, not the venv's
from gi.repository import GLib  # type: ignore[import-not-found]

VIEWS = ("Sections", "Flashcards", "Timeline", "Search", "Stats")
heard: list[str] = []


def pump(seconds: float) -> None:
    """Let AT-SPI events arrive for ``seconds`` (announcements are collected in ``heard``)."""
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while context.pending():
            context.iteration(False)
        time.sleep(0.05)


def wait_for(find, what: str, timeout: float = 60.0):
    """Call ``find`` until it returns something (events pumped meanwhile), or fail naming ``what``."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = find()
        if found:
            return found
        pump(0.2)
    raise SystemExit(f"timed out waiting for {what}")


def application(name: str):
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and (app.name or "") == name:
            return app
    return None


def nodes(root, *, limit: int = 4000):
    """Every accessible under ``root`` (depth first), skipping the rows of long lists."""
    stack, seen = [root], 0
    while stack and seen < limit:
        node = stack.pop()
        seen += 1
        yield node
        count = node.childCount
        if node.getRole() in (pyatspi.ROLE_LIST, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE) and count > 60:
            count = 60
        stack.extend(child for child in (node.getChildAtIndex(i) for i in reversed(range(count))) if child)


def showing(node) -> bool:
    states = node.getState()
    return states.contains(pyatspi.STATE_SHOWING) and states.contains(pyatspi.STATE_VISIBLE)


def find(root, role, name_start: str = ""):
    for node in nodes(root):
        if node.getRole() == role and (node.name or "").startswith(name_start) and showing(node):
            return node
    return None


def unnamed_focusable(root) -> list[str]:
    """What Tab or a screen reader's focus can land on that would be read without a name."""
    found = []
    for node in nodes(root):
        if node.getState().contains(pyatspi.STATE_FOCUSABLE) and showing(node) and not (node.name or "").strip():
            parent = node.parent
            found.append(f"{node.getRoleName()} in {parent.getRoleName() if parent else '?'} {parent.name!r}")
    return found


def press(button) -> None:
    button.queryAction().doAction(0)


def menu_item(frame, path: tuple[str, ...]):
    """A menu item by its menu's title and its own name (before any tab and key), through the menu bar."""
    bar = find(frame, pyatspi.ROLE_MENU_BAR)
    for node in nodes(bar):
        if node.getRole() == pyatspi.ROLE_MENU_ITEM and (node.name or "").split("\t")[0] == path[-1]:
            menu = node.parent.parent if node.parent is not None else None
            if menu is not None and (menu.name or "").replace("&", "") == path[0]:
                return node
    return None


def timeline_as_list(frame, tabs) -> list[str]:
    """View > Timeline as List, chosen through AT-SPI: the rows of the list as a screen reader reads them."""
    tabs.querySelection().selectChild(VIEWS.index("Timeline"))
    pump(0.5)
    press(wait_for(lambda: menu_item(frame, ("View", "Timeline as List")), "View > Timeline as List"))
    twin = wait_for(lambda: find(frame, pyatspi.ROLE_LIST, "Timeline events"), "the timeline's list")
    wait_for(lambda: twin.childCount, "the list's rows")
    pump(0.5)
    return [twin.getChildAtIndex(row).name for row in range(twin.childCount)]


def labels_of(node) -> list[str]:
    """The names of what labels ``node`` (AT-SPI's "labelled by" relation: a label's buddy)."""
    found = []
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            found += [relation.getTarget(i).name for i in range(relation.getNTargets())]
    return found


def flashcards(frame, report: dict) -> None:
    """The question's label; Show answer and Good pressed through AT-SPI; the rating buttons' names."""
    question = wait_for(lambda: next((n for n in nodes(frame) if n.description == "Question" and showing(n)), None),
                        "the question's label")
    report["question_label"] = [question.name, question.getRoleName()]
    press(wait_for(lambda: find(frame, pyatspi.ROLE_PUSH_BUTTON, "Show answer"), "Show answer"))
    good = wait_for(lambda: find(frame, pyatspi.ROLE_PUSH_BUTTON, "Good"), "the Good button")
    report["rating_names"] = [find(frame, pyatspi.ROLE_PUSH_BUTTON, label).name
                              for label in ("Again", "Hard", "Good", "Easy")]
    pump(1.0)
    press(good)
    wait_for(lambda: any(said.startswith("Good") for said in heard), "the rating's announcement", 10)


def search(frame, report: dict) -> None:
    """Text typed into the box through AT-SPI's editable text; the hits as they are read."""
    box = wait_for(lambda: find(frame, pyatspi.ROLE_TEXT, "Search"), "the search box")
    box.queryEditableText().setTextContents("khrushchev letter")
    results = wait_for(lambda: find(frame, pyatspi.ROLE_LIST, "Search results"), "the results")
    wait_for(lambda: results.childCount, "the hits")
    report["hits"] = [results.getChildAtIndex(i).name for i in range(min(results.childCount, 8))]
    pump(1.5)  # the outcome is said once typing pauses


def stats(frame, report: dict) -> None:
    """Each chart shown, with its description."""
    pump(1.0)  # the figures arrive from the task runner
    report["charts"] = {node.name: node.description for node in nodes(frame)
                        if node.getState().contains(pyatspi.STATE_FOCUSABLE) and showing(node)
                        and node.name in ("Reviews per day, last 12 months", "Cards due, next 30 days",
                                          "True retention per week", "Mastery by section")}


def main() -> int:
    out, app_name = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "StudyGuide")
    pyatspi.Registry.registerEventListener(lambda event: heard.append(str(event.any_data)), "object:announcement")
    app = wait_for(lambda: application(app_name), f"the {app_name} application on the AT-SPI bus")
    tabs = wait_for(lambda: find(app, pyatspi.ROLE_PAGE_TAB_LIST), "the views' tabs (the library opened)")
    report: dict = {"unnamed": {}, "tabs": [tabs.getChildAtIndex(i).name for i in range(tabs.childCount)]}
    frame = app.getChildAtIndex(0)
    picker = wait_for(lambda: find(frame, pyatspi.ROLE_COMBO_BOX), "the guide picker")
    report["picker"] = [picker.name, labels_of(picker), picker.description]
    steps = {"Flashcards": flashcards, "Search": search, "Stats": stats}
    for index, view in enumerate(VIEWS):
        tabs.querySelection().selectChild(index)
        wait_for(lambda i=index: tabs.getChildAtIndex(i).getState().contains(pyatspi.STATE_SELECTED), view)
        pump(1.0)  # the view builds and paints
        report["unnamed"][view] = unnamed_focusable(frame)
        if view in steps:
            steps[view](frame, report)
    report["twin"] = timeline_as_list(frame, tabs)
    report["unnamed"]["Timeline as List"] = unnamed_focusable(frame)
    report["heard"] = heard
    with open(out, "w", encoding="utf-8") as file:
        json.dump(report, file, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
