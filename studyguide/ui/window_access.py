"""The main window for screen readers and the keyboard: the guide picker's label, the views' names.

A container that takes the focus and has no name (the tab widget, a view) is read by a
screen reader as an unnamed "filler": each gets its name, and a description of its keys.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QToolBar, QWidget

from studyguide.ui.accessibility import Announcer, plain_text

#: How long typing in the search box must pause before the number of matches is said.
SEARCH_PAUSE_MS = 700

#: The views' names, in tab order, and what their keys are.
VIEWS = (
    ("Sections", "Up and Down move through the sections; Tab goes to the section's text and its links."),
    ("Flashcards", "Space or Enter shows the answer; 1 to 4 rate it."),
    ("Timeline", "Left and Right step through the events, Home and End go to the first and last; "
                 "plus and minus zoom, 0 fits all."),
    ("Search", "Type to search; Down moves into the results, Enter opens one."),
    ("Stats", "Tab goes through the charts; each is read as a summary."),
)


def guide_toolbar(picker: QComboBox) -> QToolBar:
    """The toolbar holding the guide picker, labelled "Guide:" (Alt+G puts the focus on it).

    On Linux a combo box is read by its current text; its label comes through the
    "labelled by" relation that the label's buddy gives.
    """
    picker.setAccessibleName("Guide")
    picker.setAccessibleDescription("The guide every view shows")
    toolbar = QToolBar("Guide")
    toolbar.setMovable(False)
    label = QLabel(" &Guide: ")
    label.setBuddy(picker)
    toolbar.addWidget(label)
    toolbar.addWidget(picker)
    return toolbar


def describe_window(tabs: QTabWidget, views: Sequence[QWidget]) -> None:
    """Name the main window's tab widget and views (in ``VIEWS`` order), describe their keys, and have
    the Search view say its outcome (``announce_search``)."""
    tabs.setAccessibleName("Views")
    tabs.setAccessibleDescription("Ctrl+1 to Ctrl+5 switch views")
    tabs.tabBar().setAccessibleName("Views")
    for index, (view, (name, keys)) in enumerate(zip(views, VIEWS, strict=True)):
        if not tabs.tabToolTip(index):  # the page tab's description too
            tabs.setTabToolTip(index, f"{name} (Ctrl+{index + 1}): {keys}")
        if not view.accessibleName():
            view.setAccessibleName(name)
        if not view.accessibleDescription():
            view.setAccessibleDescription(keys)
        if name == "Search":
            view.announcer = announce_search(view, view.status)  # type: ignore[attr-defined]


def announce_search(search: QWidget, status: QLabel) -> Announcer:
    """Say the search's outcome ("15 matches …", "No matches for …") once typing pauses.

    Args:
        search: The Search view (its ``results_shown`` signal marks each search shown).
        status: Its status line, whose words are said.
    """
    announcer = Announcer(search)
    pause = QTimer(announcer)
    pause.setSingleShot(True)
    pause.setInterval(SEARCH_PAUSE_MS)
    pause.timeout.connect(lambda: announcer.say(plain_text(status)))
    search.results_shown.connect(lambda _count: pause.start())  # type: ignore[attr-defined]
    return announcer
