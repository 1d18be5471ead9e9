"""Highlights and snippets made in Python with the ranking index's analyser (``search.highlight``)."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.search.highlight import ELLIPSIS, Marker
from studyguide.search.query import parse_query
from studyguide.store.ranking_query import stems

_VOCABULARY = ["negotiation", "negotiations", "negotiate", "negotiating", "dying", "die", "died", "lying", "tie",
               "happy", "happiness", "skies", "sky", "thirteen", "days", "day", "missile", "missiles", "Missiles",
               "ability", "possibility", "organization", "the", "a", "of", "I", "42", "x1", "cold", "war", "cold-war",
               "Khrushchev's", "naval", "blockade", "block", "ies", "ied", "news", "agreed", "hoping", "hope", "vying",
               "vie", "vies", "studying", "happily", "relational", "generously"]


def _marked(text: str, query: str, as_you_type: bool = False, expansions: dict[str, list[str]] | None = None) -> str:
    return Marker.of(parse_query(query, as_you_type=as_you_type), expansions).mark(text, "[", "]")


_SUFFIXES = """ational tional enci anci izer bli alli entli eli ousli ization ation ator alism iveness fulness ousness
aliti iviti biliti logi fulli lessli li ing ingly ed edly eed eedly ies ied s sses y ly ness ment ful ic able ible ant
ement ent ism ate iti ous ive ize al ance ence er ion e ying""".split() + [""]


@settings(max_examples=3000, deadline=None)
@given(word=st.builds(str.__add__, st.text(alphabet=string.ascii_lowercase + "eiys", min_size=1, max_size=8),
                      st.sampled_from(_SUFFIXES))
       | st.sampled_from([w.lower() for w in _VOCABULARY if w.isalnum()] + [f"{c}ying" for c in "bdlptvz"]))
def test_a_word_starts_with_its_stem_but_for_the_last_letter(word: str) -> None:
    # The rule the fast path rests on: only words starting as a query stem starts are stemmed.
    (stem,) = stems(word)
    assert word.startswith(stem[:max(1, len(stem) - 1)]) or (len(word) == 5 and word.endswith("ying")
                                                               and stem == word[0] + "ie"), (word, stem)


def test_every_form_of_a_word_is_marked_as_the_index_stems_it() -> None:
    text = "Negotiations failed; they were negotiating. Dying, he died. The skies were happy."
    assert _marked(text, "negotiate") == "[Negotiations] failed; they were [negotiating]. Dying, he died. The skies " \
                                         "were happy."
    assert _marked(text, "die sky happiness") == ("Negotiations failed; they were negotiating. [Dying], he [died]. "
                                                  "The [skies] were [happy].")
    assert _marked(text, "block") == text  # a complete word never marks a longer one


def test_a_phrase_is_marked_only_where_its_words_follow_each_other() -> None:
    text = "Thirteen days passed. Days went by, thirteen long days; thirteen-days later."
    assert _marked(text, '"thirteen days"') == "[Thirteen days] passed. Days went by, thirteen long days; " \
                                               "[thirteen-days] later."


def test_a_word_being_typed_marks_the_words_it_starts_and_its_stems() -> None:
    text = "Negotiators negotiated; the negligent happy man"
    assert _marked(text, "negot", as_you_type=True) == "[Negotiators] [negotiated]; the negligent happy man"
    assert _marked(text, "happi", as_you_type=True, expansions={"happi": ["happi"]}) == \
        "Negotiators negotiated; the negligent [happy] man"
    assert _marked(text, "negot") == text  # complete, not typed: no prefix


def test_text_beyond_ascii_is_read_by_the_analyser_with_its_offsets() -> None:
    text = "Ünïcode: Khrushchëv’s négotiations, straße, ﬁnal."
    assert _marked(text, "khrushchev negotiate strasse final") == \
        "Ünïcode: [Khrushchëv]’s [négotiations], [straße], [ﬁnal]."
    assert _marked(text, "négo", as_you_type=True) == "Ünïcode: Khrushchëv’s [négotiations], straße, ﬁnal."


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(_VOCABULARY), max_size=40),
       separators=st.lists(st.sampled_from([" ", ", ", ". ", "-", "_", "  ", "'", " (", ") "]), min_size=40,
                           max_size=40),
       query=st.lists(st.sampled_from(_VOCABULARY + ['"thirteen days"', '"cold war"', "-war", "OR"]),
                      min_size=1, max_size=4).map(" ".join),
       as_you_type=st.booleans())
def test_the_fast_path_marks_what_stemming_every_word_marks(words, separators, query, as_you_type) -> None:
    text = "".join(w + s for w, s in zip(words, separators, strict=False))
    marker = Marker.of(parse_query(query, as_you_type=as_you_type))
    assert marker.spans(text) == marker.spans(text, every_word=True)


def test_a_snippet_is_fourteen_words_around_the_best_stretch_with_ellipses() -> None:
    filler = " ".join(f"word{n}" for n in range(40))
    text = f"{filler} the naval blockade began {filler} naval only {filler}."
    snippet = Marker.of(parse_query("naval blockade")).snippet(text, "[", "]")
    assert snippet.startswith(ELLIPSIS) and snippet.endswith(ELLIPSIS)
    assert "the [naval] [blockade] began" in snippet
    assert len(snippet.strip(ELLIPSIS).split()) == 14


def test_a_short_text_is_its_own_snippet_and_an_unmatched_one_starts_at_the_start() -> None:
    marker = Marker.of(parse_query("lakehurst"))
    assert marker.snippet("In Lakehurst.", "[", "]") == "In [Lakehurst]."
    long_text = " ".join(f"w{n}" for n in range(30))
    assert marker.snippet(long_text, "[", "]") == " ".join(f"w{n}" for n in range(14)) + ELLIPSIS
    assert Marker.of(parse_query("-war")).snippet("cold war", "[", "]") == "cold war"


def test_a_snippet_counts_a_words_forms_as_one_term() -> None:
    # "day" and "days" are one term: the stretch with both words of the query wins, not the one
    # with two forms of one word.
    text = "The day came, then more days. " + "Filler words here. " * 6 + "Then thirteen days passed."
    snippet = Marker.of(parse_query("thirteen days")).snippet(text, "[", "]")
    assert "[thirteen] [days] passed." in snippet and "[day] came" not in snippet, snippet
