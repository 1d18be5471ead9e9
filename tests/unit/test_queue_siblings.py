"""Two cards of one note are not shown one right after the other while another card waits (tour10):
a card's reverse straight after it, or a cloze's second deletion after its first, is answered from
the card just seen. Qt-free."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studyguide.review.queue import NEW, CardQueue, note_of


def _shown(queue: CardQueue) -> list[str]:
    order = []
    while (first := queue.first()) is not None:
        order.append(first[0])
        queue.pop()
    return order


def test_a_reverse_and_a_second_deletion_wait_for_another_card() -> None:
    queue = CardQueue(head=[(cid, NEW) for cid in ("sierra", "sierra-reversed", "havana-c1", "havana-c2", "flag")])
    # was: sierra, sierra-reversed, havana-c1, havana-c2, flag
    assert _shown(queue) == ["sierra", "havana-c1", "sierra-reversed", "havana-c2", "flag"]


def test_siblings_with_nothing_else_waiting_are_still_shown() -> None:
    assert _shown(CardQueue(head=[("sierra", NEW), ("sierra-reversed", NEW)])) == ["sierra", "sierra-reversed"]


def test_a_card_put_in_front_stays_in_front_even_a_sibling() -> None:
    queue = CardQueue(head=[("sierra", NEW), ("sierra-reversed", NEW), ("flag", NEW)])
    assert queue.first() == ("sierra", NEW)
    queue.pop()
    queue.put_in_front("sierra-reversed", NEW)  # asked for (a search hit, an undo)
    assert queue.first() == ("sierra-reversed", NEW)


def test_note_of_reads_the_card_ids_rule() -> None:
    assert {note_of(c) for c in ("n", "n-reversed", "n-c1", "n-c12")} == {"n"}
    assert note_of("cuba-1962") == "cuba-1962"


@given(st.lists(st.sampled_from(["a", "a-reversed", "b", "b-c1", "b-c2", "c"]), unique=True))
def test_every_card_is_shown_once_and_siblings_only_meet_when_nothing_else_waits(cards: list[str]) -> None:
    shown = _shown(CardQueue(head=[(cid, NEW) for cid in cards]))
    assert sorted(shown) == sorted(cards)
    for i in range(1, len(shown)):
        if note_of(shown[i]) == note_of(shown[i - 1]):
            assert all(note_of(c) == note_of(shown[i]) for c in shown[i:])  # only siblings were left
