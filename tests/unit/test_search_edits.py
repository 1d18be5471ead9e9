"""Search shows and finds a card as the learner edited it (edits live in the progress database)."""

from __future__ import annotations

from studyguide.search.engine import strip_marks


def _edit(library, card_id: str, front: str, back: str) -> None:
    session = library.start_review("tiny")
    while session.current is not None and session.current.card.id != card_id:
        session.suspend_current()  # reach the card (suspensions are not text edits)
    assert session.current is not None
    session.edit_current(front=front, back=back)


def test_an_edited_card_is_shown_and_found_by_its_new_text(library) -> None:
    assert {h.item_id for h in library.search.search("treaty").hits} >= {"where-signed"}
    library.search.search("zeppelin")  # the engine has read the (empty) edits once already

    _edit(library, "where-signed", "Where did the zeppelin land?", "In Lakehurst.")

    (hit,) = library.search.search("zeppelin").hits
    assert (hit.kind, hit.item_id, hit.section_id) == ("card", "where-signed", "first")
    assert strip_marks(hit.title) == "Where did the zeppelin land?"
    assert strip_marks(hit.snippet) == "In Lakehurst."
    # The guide's own wording no longer finds the card; the rest of the guide still matches.
    assert "where-signed" not in {h.item_id for h in library.search.search("treaty").hits}
    assert library.search.search("treaty").hits


def test_edits_reach_a_search_thread_and_filters(library) -> None:
    engine = library.search.for_this_thread()
    try:
        _edit(library, "who-wrote", "Which airship burned?", "The Hindenburg.")
        assert [h.item_id for h in engine.search("kind:card hindenburg").hits] == ["who-wrote"]
        assert engine.search("kind:section hindenburg").hits == ()
        assert [h.item_id for h in engine.search("airsh", as_you_type=True).hits] == ["who-wrote"]
        assert [h.item_id for h in engine.search("section:second hindenburg").hits] == ["who-wrote"]
        assert engine.search("section:first hindenburg").hits == ()
        assert engine.search("-section:second hindenburg").hits == ()
    finally:
        engine.close()
