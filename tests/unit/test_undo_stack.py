"""The Qt-free undo history (studyguide.operations) and the review session's kept counts on undo."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.changes import Changes
from studyguide.domain.review import DueCounts
from studyguide.operations import Done, Op, UndoStack
from studyguide.review.scheduler import Rating


def _toggle(state: list[int], value: int) -> Op:
    """An operation setting state[0] to value, whose undo sets back what was there."""

    def apply(_result: object) -> Done:
        old, state[0] = state[0], value
        return Done(Changes(progress=True), undo=_toggle(state, old))

    return Op(f"Set {value}", apply)


def _run(stack: UndoStack, pop, record) -> None:
    step = pop()
    if step is not None:
        record(step, step.reverse.apply(None))


@given(st.lists(st.one_of(st.integers(1, 99), st.sampled_from(["undo", "redo"])), max_size=80))
def test_undo_and_redo_replay_any_history(actions) -> None:
    """Undo and redo always land on a state the user saw, and redo is forgotten by a new step."""
    state, stack = [0], UndoStack(limit=1000)
    seen = [0]  # the states in order, with the position of the current one
    position = 0
    for action in actions:
        if action == "undo":
            if stack.undo_label() is not None:
                _run(stack, stack.pop_undo, stack.undone)
                position -= 1
        elif action == "redo":
            if stack.redo_label() is not None:
                _run(stack, stack.pop_redo, stack.redone)
                position += 1
        else:
            stack.record(f"Set {action}", _toggle(state, action).apply(None))
            del seen[position + 1:]
            seen.append(action)
            position += 1
            assert stack.redo_label() is None
        assert state[0] == seen[position]


def test_the_history_keeps_at_most_its_limit_and_names_the_steps() -> None:
    state, stack = [0], UndoStack(limit=30)
    for value in range(1, 41):
        stack.record(f"Set {value}", _toggle(state, value).apply(None))
    assert len(stack) == 30 and stack.undo_label() == "Set 40"
    while stack.undo_label() is not None:
        _run(stack, stack.pop_undo, stack.undone)
    assert state[0] == 10  # the 30 newest steps were taken back, no more
    assert stack.redo_label() == "Set 11"


def test_a_step_with_nothing_done_leaves_the_history_alone() -> None:
    state, stack = [0], UndoStack()
    stack.record("Set 1", _toggle(state, 1).apply(None))
    stack.record("Answer", Done(Changes()))  # no card was on screen
    assert stack.undo_label() == "Set 1"
    stack.record("Restore", Done(Changes(progress=True), clears_history=True))
    assert stack.undo_label() is None


def test_undo_puts_back_the_sessions_counts_without_counting_again(library) -> None:
    session = library.start_review("tiny")
    before = session.counts()
    session.reveal()
    session.answer(Rating.GOOD)
    session._count_waiting = lambda _at: pytest.fail("counted again")  # kept from before the answer
    session.undo()
    assert session.counts() == before
    tally = [0, 0, 0]
    for _card_id, kind in session.queued():
        tally[kind] += 1
    assert session.counts() == DueCounts(*tally)  # and the kept counts are what a recount gives


def _typed(state: list[str], value: str, burst: object) -> Op:
    """An autosave setting state[0] to value in ``burst``; its undo sets back what was there."""

    def apply(_result: object) -> Done:
        old, state[0] = state[0], value
        return Done(Changes(content=True), undo=_typed(state, old, None), burst=burst)

    return Op("Edit Section", apply)


def _do(stack: UndoStack, op: Op) -> None:
    stack.record(op.label, op.apply(None), op)


def test_the_saves_of_one_burst_are_one_step_that_undoes_and_redoes_it_whole() -> None:
    state, stack = ["a"], UndoStack()
    for text in ("ab", "abc", "abcd"):
        _do(stack, _typed(state, text, burst="s1"))
    assert len(stack) == 1 and stack.undo_label() == "Edit Section"
    for _ in range(3):  # Undo, Redo, Undo... between the states before and after the burst
        _run(stack, stack.pop_undo, stack.undone)
        assert state == ["a"] and len(stack) == 0
        _run(stack, stack.pop_redo, stack.redone)
        assert state == ["abcd"] and len(stack) == 1


def test_a_burst_ends_with_another_step_an_undo_or_another_burst() -> None:
    state, other, stack = ["a"], [0], UndoStack()
    _do(stack, _typed(state, "ab", burst="s1"))
    _do(stack, _toggle(other, 5))  # something else in between
    _do(stack, _typed(state, "abc", burst="s1"))
    assert len(stack) == 3
    _run(stack, stack.pop_undo, stack.undone)
    assert state == ["ab"]
    _do(stack, _typed(state, "abX", burst="s1"))  # typing again after an undo: a new step
    _do(stack, _typed(state, "abXY", burst="s2"))  # the editor reopened: a new burst
    assert len(stack) == 4
    _run(stack, stack.pop_undo, stack.undone)
    assert state == ["abX"]


def test_a_thousand_saves_of_a_burst_undo_in_one_call_without_deep_recursion() -> None:
    state, stack = [""], UndoStack()
    for n in range(1000):
        _do(stack, _typed(state, "x" * (n + 1), burst="long"))
    _run(stack, stack.pop_undo, stack.undone)
    assert state == [""] and len(stack) == 0
