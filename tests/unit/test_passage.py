"""Where in its section a card comes from: the sentence holding most of its words (``domain.passage``)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.passage import plain, sentences, source_passage

BODY = """Negotiation begins with *patience*. The treaty was signed in **Paris**.

- one point
- another point

In June 1961 [Kennedy](section:people) met Khrushchev in Vienna. It went badly."""


def test_a_basic_card_comes_from_the_sentence_holding_its_question_and_answer():
    assert source_passage("What does negotiation begin with?", "Patience.", BODY) == "Negotiation begins with patience."
    assert source_passage("Where was the treaty signed?", "In Paris.", BODY) == "The treaty was signed in Paris."


def test_a_cloze_card_comes_from_its_own_sentence():
    front = "In June 1961 {{c1::Kennedy}} met Khrushchev in {{c2::Vienna::a city}}."
    assert source_passage(front, "", BODY) == "In June 1961 Kennedy met Khrushchev in Vienna."


def test_a_card_the_text_does_not_hold_has_no_passage():
    assert source_passage("Who wrote the letter?", "Khrushchev.", BODY) is None  # one shared word only
    assert source_passage("What is the capital of Peru?", "Lima.", BODY) is None


def test_the_sentences_read_as_rendered():
    assert sentences(BODY)[:4] == ["Negotiation begins with patience.", "The treaty was signed in Paris.",
                                   "one point", "another point"]
    assert plain("A [link](https://x) and `code` and {{c1::cloze}} {#id}") == "A link and code and cloze"


@given(st.text(), st.text(), st.text())
def test_any_text_gives_a_sentence_of_the_body_or_none(front, back, body):
    found = source_passage(front, back, body)
    assert found is None or found in sentences(body)
