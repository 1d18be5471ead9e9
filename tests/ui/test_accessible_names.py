"""Every control has an accessible name: the views, the guide picker, search hits, the charts."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from studyguide.search.query import parse_query
from studyguide.search.results import MARK_END, MARK_START, SearchHit, SearchResult


def accessible(widget: QWidget, text: QAccessible.Text = QAccessible.Text.Name) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(text)


def unnamed_focusable(top: QWidget) -> list[str]:
    """The widgets Tab can reach (shown and enabled) that a screen reader would read without a name."""
    return [f"{type(w).__name__} in {type(w.parent()).__name__}" for w in [top, *top.findChildren(QWidget)]
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not accessible(w)]


def test_every_focusable_widget_of_every_view_has_a_name(qtbot, main_window):
    for index in range(main_window.tabs.count()):
        main_window.tabs.setCurrentIndex(index)
        qtbot.wait_until(lambda: main_window.tabs.currentWidget().isVisible())
        assert unnamed_focusable(main_window) == [], main_window.tabs.tabText(index)


def test_the_views_are_named_and_describe_their_keys(main_window):
    assert accessible(main_window.tabs) == "Views"
    names = [accessible(view) for view in main_window.views]
    assert names == ["Sections", "Flashcards", "Timeline", "Search", "Stats"]
    assert "Space" in accessible(main_window.flashcards, QAccessible.Text.Description)


def test_the_guide_picker_is_labelled_and_alt_g_focuses_it(qtbot, main_window):
    label = next(w for w in main_window.findChildren(QWidget) if getattr(w, "buddy", lambda: None)()
                 is main_window.guide_picker)
    assert label.text().strip() == "&Guide:"
    qtbot.keyClick(main_window, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is main_window.guide_picker


def test_tab_mnemonics_leave_the_menus_their_alt_keys(main_window):
    def mnemonic(text: str) -> str | None:
        found = re.search(r"&(\w)", text)
        return found.group(1).lower() if found else None

    menus = {mnemonic(action.text()) for action in main_window.menuBar().actions()} - {None}
    tabs = [mnemonic(main_window.tabs.tabText(i)) for i in range(main_window.tabs.count())]
    assert not menus & set(tabs), (menus, tabs)
    assert len([t for t in tabs if t]) == len({t for t in tabs if t})  # no two tabs share one


def test_the_zoom_buttons_are_named_in_words(main_window):
    assert accessible(main_window.timeline.buttons["in"]) == "Zoom in"
    assert accessible(main_window.timeline.buttons["out"]) == "Zoom out"


def test_a_search_hit_reads_as_its_kind_question_and_answer(qtbot, main_window):
    from studyguide.ui.search import SearchResultsModel

    model = SearchResultsModel()
    hit = SearchHit("card", "tiny", "A Tiny Guide", "where-signed", "first",
                    f"Where was the {MARK_START}treaty{MARK_END} signed?", "In Paris.", -1.0)
    model.set_hits([hit])
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Card: Where was the treaty signed? Answer: In Paris. In A Tiny Guide.")
    view = main_window.search
    main_window.tabs.setCurrentWidget(view)
    view._show(view._generation, SearchResult(query=parse_query("treaty"), hits=(hit,)))
    row = QAccessible.queryAccessibleInterface(view.results).child(0)
    assert row.text(QAccessible.Text.Name).startswith("Card: Where was the treaty signed? Answer: In Paris.")


def test_each_chart_has_a_name_and_a_summary_in_words(qtbot, main_window):
    stats = main_window.stats
    with qtbot.wait_signal(stats.updated):
        main_window.tabs.setCurrentWidget(stats)
    charts = {stats.heatmap: "Reviews per day, last 12 months", stats.forecast: "Cards due, next 30 days",
              stats.retention: "True retention per week", stats.mastery: "Mastery by section"}
    for chart, name in charts.items():
        assert accessible(chart) == name
        assert accessible(chart, QAccessible.Text.Description), name
    assert accessible(stats.heatmap, QAccessible.Text.Description).startswith("No answers in the last 365 days")
    assert accessible(stats.mastery, QAccessible.Text.Description).startswith("First steps: 0 of 2 cards mastered")


def test_every_focusable_widget_is_named_in_a_guide_of_ones_own(qtbot, guide_window, authoring):
    guide = authoring.new_guide("Cold War", "History").ids[0]
    section = authoring.add_section(guide, "Berlin", "The Wall went up in **August 1961**.").ids[0]
    authoring.add_event(guide, section, "The Wall", "August 13, 1961")
    window = guide_window(guide, active=True)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait_until(lambda: window.tabs.currentWidget().isVisible())
        assert unnamed_focusable(window) == [], window.tabs.tabText(index)
    window.tabs.setCurrentWidget(window.sections)
    qtbot.keyClick(window.sections.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # the section editor
    qtbot.wait_until(lambda: window.section_editing.editor.isVisible())
    assert unnamed_focusable(window) == []


def test_labels_that_carry_news_are_read_as_their_text_and_described_by_what_they_are(qtbot, main_window):
    main_window.tabs.setCurrentWidget(main_window.flashcards)
    flashcards = main_window.flashcards
    assert accessible(flashcards.front) == "Where was the treaty signed?"
    assert accessible(flashcards.front, QAccessible.Text.Description) == "Question"
    assert "New" in accessible(flashcards.counts)  # the counts, not just "Cards waiting"
    due = main_window.review_actions.due_label
    qtbot.wait_until(lambda: bool(due.text()))
    assert accessible(due).startswith("Due now:")
    assert accessible(due, QAccessible.Text.Description) == "Cards due"


def test_the_search_says_its_outcome_once_typing_pauses(qtbot, main_window):
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = main_window.search
    with qtbot.wait_signal(search.results_shown):
        qtbot.keyClicks(search.box, "treaty")
    qtbot.wait_until(lambda: bool(search.announcer.said), timeout=3000)
    assert len(search.announcer.said) == 1  # once for the pause, not once per key
    assert re.match(r"\d+ match", search.announcer.said[-1]) and "Enter to open" in search.announcer.said[-1]
    with qtbot.wait_signal(search.results_shown):
        search.box.setText("zzzqqq")
    qtbot.wait_until(lambda: len(search.announcer.said) == 2, timeout=3000)
    assert "zzzqqq" in search.announcer.said[-1]


def test_the_search_help_is_read_whole(qtbot, main_window):
    from studyguide.ui.accessibility import plain_text
    from studyguide.ui.search import HELP

    main_window.tabs.setCurrentWidget(main_window.search)
    assert plain_text(main_window.search.status) == HELP  # "prop:r<0.8 narrow it." was cut at "<"
    main_window.search.box.setText("treaty")
    main_window.search.search_now()
    main_window.search.box.setText("")
    main_window.search.search_now()
    assert plain_text(main_window.search.status) == HELP


def test_each_view_tab_says_its_key(main_window):
    bar = QAccessible.queryAccessibleInterface(main_window.tabs.tabBar())
    tabs = [bar.child(i) for i in range(main_window.tabs.count())]
    assert [tab.text(QAccessible.Text.Name) for tab in tabs] == ["Sections", "Flashcards", "Timeline", "Search",
                                                                 "Stats"]
    assert tabs[1].text(QAccessible.Text.Description).startswith("Flashcards (Ctrl+2): Space or Enter")
