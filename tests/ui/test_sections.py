"""Sections view: picking a section shows its rendered text, sources and links."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt


def _click_row(qtbot, view, row: int) -> None:
    rect = view.list.visualRect(view.model.index(row, 0))
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_lists_sections_in_guide_order(main_window):
    view = main_window.sections
    titles = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert titles == ["1. First steps", "2. Second steps", "3. Third steps"]


def test_clicking_a_section_renders_its_markdown_and_sources(qtbot, main_window):
    view = main_window.sections
    _click_row(qtbot, view, 1)
    text = view.text.toPlainText()
    assert "Second steps" in text
    assert "Khrushchev wrote a letter about the missiles." in text
    assert "Another source" in text
    assert "First steps" not in text


def test_markdown_is_rendered_not_shown_raw(qtbot, main_window):
    view = main_window.sections
    _click_row(qtbot, view, 0)
    text = view.text.toPlainText()
    assert "*patience*" not in text and "patience" in text
    assert "- one point" not in text and "one point" in text


def test_down_arrow_moves_to_the_next_section(qtbot, main_window):
    view = main_window.sections
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Down)
    assert view.current_section_id() == "second"


def test_section_without_sources_still_renders(qtbot, main_window):
    assert main_window.sections.show_section("third")
    assert "no cards and no events" in main_window.sections.text.toPlainText()


def test_unknown_section_is_refused(main_window):
    assert not main_window.sections.show_section("nope")


def _click_text(qtbot, browser, text: str) -> None:
    cursor = browser.document().find(text)
    assert not cursor.isNull(), text
    rect = browser.cursorRect(cursor)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() - QPoint(6, 0))


def test_clicking_an_event_link_opens_the_timeline_on_that_event(qtbot, main_window):
    view = main_window.sections
    view.show_section("second")
    cursor = view.text.document().find("A day event")
    assert cursor.charFormat().anchorHref() == "event:day-event"
    with qtbot.wait_signal(view.event_activated) as blocker:
        _click_text(qtbot, view.text, "A day event")
    assert blocker.args == ["day-event"]
    assert main_window.tabs.currentWidget() is main_window.timeline
    assert main_window.timeline.selected_event_id == "day-event"


def test_review_link_starts_a_session_on_that_section(qtbot, main_window):
    main_window.sections.show_section("first")
    with qtbot.wait_signal(main_window.sections.study_requested):
        _click_text(qtbot, main_window.sections.text, "Review the 2 cards")
    assert main_window.tabs.currentWidget() is main_window.flashcards
    assert main_window.flashcards.session.counts().new == 2


def test_html_in_a_guide_is_shown_as_text_never_rendered(qtbot):
    from studyguide.ui.widgets.markdown_view import MarkdownView

    view = MarkdownView()
    qtbot.add_widget(view)
    view.show_markdown('Plain <b>bold</b> <script>alert(1)</script> <img src="http://example.com/x.png"> **md**')
    text = view.toPlainText()
    assert "<b>bold</b>" in text and "<script>alert(1)</script>" in text
    assert '<img src="http://example.com/x.png">' in text
    assert "**md**" not in text and "md" in text


def test_new_cards_held_back_by_the_daily_limit_say_so(qtbot, main_window, library):
    from studyguide.domain.changes import Changes
    from studyguide.domain.review import ReviewSettings
    from studyguide.review.scheduler import Rating

    model = main_window.sections.model
    library.review.save_settings(ReviewSettings(new_per_day=1))
    session = library.start_review("tiny")
    session.reveal()
    session.answer(Rating.EASY)
    with qtbot.wait_signal(main_window.sections.counts_updated, timeout=10_000):  # counted on the task runner
        main_window.apply_changes(Changes(progress=True, due_counts=True), initiator=None)
    note = "Today's limit of 1 new card is reached: the new cards wait for tomorrow, or the reviewer offers more today."
    assert model.index(1, 0).data(model.CountsRole) == "1 new"
    assert note in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    main_window.sections.show_section("second")
    assert note in main_window.sections.text.toPlainText()
    library.review.study_more_new("tiny", 1)
    with qtbot.wait_signal(main_window.sections.counts_updated, timeout=10_000):  # counted on the task runner
        main_window.apply_changes(Changes(progress=True, due_counts=True), initiator=None)
    assert note not in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert note not in main_window.sections.text.toPlainText()  # the text on screen follows


def test_section_counts_are_counted_on_the_task_runner(qtbot, main_window, library, monkeypatch) -> None:
    import threading

    from studyguide.domain.changes import Changes

    threads: list[int] = []
    real = library.section_due_counts

    def counts(guide_id):
        threads.append(threading.get_ident())
        return real(guide_id)

    monkeypatch.setattr(library, "section_due_counts", counts)
    assert main_window.tabs.currentWidget() is main_window.sections
    with qtbot.wait_signal(main_window.sections.counts_updated, timeout=10_000):
        main_window.apply_changes(Changes(progress=True, due_counts=True), initiator=None)
    assert threads and threading.get_ident() not in threads


def test_the_counts_delegate_draws_once_there_are_counts_and_the_rows_keep_their_size(qtbot, library) -> None:
    """Until the counts come (after the window's first frame) the list's rows are drawn by Qt alone: a ``paint``
    written in Python would be called for every row of that frame."""
    from studyguide.domain.changes import Changes
    from studyguide.ui.section_counts import CountsDelegate, RowSize
    from studyguide.ui.sections import SectionsView

    view = SectionsView(library=library, hold_counts=True)
    qtbot.add_widget(view)
    view.set_guide("tiny")
    view.resize(700, 400)
    view.show()
    qtbot.wait_exposed(view)
    delegate = view.list.itemDelegate()
    assert isinstance(delegate, RowSize) and not isinstance(delegate, CountsDelegate)
    row = view.list.visualRect(view.list.model().index(0, 0))
    with qtbot.wait_signal(view.counts_updated, timeout=10_000):
        view.release_counts()
        view.on_changes(Changes(due_counts=True), initiator=None)
    assert isinstance(view.list.itemDelegate(), CountsDelegate)
    assert view.list.visualRect(view.list.model().index(0, 0)) == row  # the same rows, now with their counts
    assert row.height() >= 26
