"""A large guide's review session starts on the task runner: the view says it is reading, then shows
the first card when the result signal arrives; a small guide's starts at once (nothing flashes)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from studyguide.review import service as service_module
from studyguide.ui import review_start


@pytest.fixture
def threads(monkeypatch) -> list[threading.Thread]:
    """The threads the first screens of sessions were read on."""
    seen: list[threading.Thread] = []
    original = service_module.begin_session

    def recorded(**kwargs):
        seen.append(threading.current_thread())
        return original(**kwargs)

    monkeypatch.setattr(service_module, "begin_session", recorded)
    return seen


def test_a_large_guides_session_starts_off_the_ui_thread(qtbot, main_window, library, threads, monkeypatch) -> None:
    monkeypatch.setattr(review_start, "START_OFF_THREAD_FROM", 0)  # the tiny guide counts as large
    view = main_window.flashcards
    view.starter.forget_sizes()
    with qtbot.wait_signal(view.session_started, timeout=10_000):
        view.set_guide("tiny")
        main_window.tabs.setCurrentWidget(view)
        assert view.session is None and view.front.text() == "Reading your cards\u2026"
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    assert view.front.text() == "Where was the treaty signed?"
    assert view.session.counts() == library.due_counts("tiny")
    # The session answers as one started on the UI thread does.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    with qtbot.wait_signal(view.answer_recorded):
        qtbot.keyClick(view, Qt.Key.Key_3)
    assert library.progress.review_count("tiny", "where-signed") == 1
    assert view.front.text() == "What does negotiation begin with?"


def test_only_the_latest_start_is_shown(qtbot, main_window, library, threads, monkeypatch) -> None:
    monkeypatch.setattr(review_start, "START_OFF_THREAD_FROM", 0)
    view = main_window.flashcards
    main_window.tabs.setCurrentWidget(view)
    view.starter.forget_sizes()
    section = library.content("tiny").section(library.content("tiny").cards()[-1].section_id)
    qtbot.wait_until(lambda: not view.starter.busy)
    shown = []
    view.session_started.connect(lambda: shown.append(view.session))
    view.set_guide("tiny")
    view.set_guide("tiny", section_id=section.id)  # asked before the first arrived
    qtbot.wait_until(lambda: not view.starter.busy)
    assert len(threads) >= 2 and len(shown) == 1  # the earlier start's result was dropped, not shown
    assert view.session.current.card.section_id == section.id
    assert "one section" in view.scope.text()


def test_a_small_guides_session_starts_at_once(qtbot, main_window, threads) -> None:
    view = main_window.flashcards
    view.set_guide("tiny")
    main_window.tabs.setCurrentWidget(view)
    assert view.session is not None and not threads  # no placeholder, no job
    assert view.front.text() == "Where was the treaty signed?"
