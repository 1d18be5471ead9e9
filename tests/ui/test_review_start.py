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


def test_a_large_guides_first_new_cards_are_read_ahead_off_the_ui_thread(qtbot, make_library, tmp_path, clock,
                                                                          monkeypatch) -> None:
    import json
    import sqlite3
    from datetime import timedelta

    from studyguide.domain.guide import Card, Guide, GuideInfo, Section
    from studyguide.guides.build import build_guide
    from studyguide.store.review_queue import QueuePages

    cards = tuple(Card(f"c{n:03d}", "s0", f"Question {n}?", f"Answer {n}.", position=n) for n in range(300))
    path = build_guide(Guide(info=GuideInfo(id="big", title="Big"), sections=(Section("s0", "S", "Text."),),
                             cards=cards), tmp_path / "big.sqlite")
    library = make_library(bundled=path)
    due = (clock() - timedelta(days=1)).isoformat()
    state = json.dumps({"card_id": 1, "state": 2, "step": None, "stability": 5.0, "difficulty": 5.0, "due": due,
                        "last_review": due})
    db = sqlite3.connect(library.progress.path)
    with db:  # the first 200 studied and due: the new cards come after them
        db.executemany("INSERT INTO card_state (guide_id, card_id, state, due, phase, stability) "
                       "VALUES ('big', ?, ?, ?, 2, 5.0)", [(card.id, state, due) for card in cards[:200]])
    db.close()
    library.review.due.forget()
    monkeypatch.setattr(review_start, "START_OFF_THREAD_FROM", 0)
    starter = review_start.SessionStarter(library=library)
    sessions = []
    starter.started.connect(sessions.append)
    with qtbot.wait_signal(starter.new_read_ahead, timeout=10_000):
        starter.start("big", None)
    read = QueuePages.new
    ui_thread = threading.main_thread()

    def new(pages, after, count):
        assert not (after is None and threading.current_thread() is ui_thread), "read on the UI thread"
        return read(pages, after, count)

    monkeypatch.setattr(QueuePages, "new", new)
    queued = sessions[0].queued()
    assert [cid for cid, kind in queued if kind == 0] == [card.id for card in cards[200:220]]
    qtbot.wait_until(lambda: not starter.busy)
