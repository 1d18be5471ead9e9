"""Writing guides through the Qt-free authoring service (issue 15): every write an undoable operation,
the search index following each edit at once."""

from __future__ import annotations

import sqlite3

import pytest

from studyguide.authoring import Authoring, AuthoringError
from studyguide.review.scheduler import Rating


def found(library, query: str) -> list[str]:
    return [h.item_id for h in library.search.search(query, as_you_type=query.endswith("*")).hits]


def guide_with_section(authoring) -> tuple[str, str]:
    guide = authoring.new_guide("My Notes", "History").ids[0]
    return guide, authoring.add_section(guide, "The Crisis", "About *missiles*").ids[0]


def test_new_guide_is_listed_writable_and_undone_by_undo(authoring, library) -> None:
    added = authoring.new_guide("My Notes", "History")

    assert added.ids == ("my-notes",) and added.changes.guides
    assert library.is_user_guide("my-notes") and library.content("my-notes").info.subject == "History"
    authoring.undo()
    assert "my-notes" not in [g.id for g in library.guides()]
    authoring.redo()
    assert "my-notes" in [g.id for g in library.guides()]
    with pytest.raises(AuthoringError, match="exists"):
        authoring.new_guide("Other", id="my-notes")
    with pytest.raises(AuthoringError, match="empty"):
        authoring.new_guide("  ")


def test_sections_add_rename_move_delete_each_undoable(authoring, library) -> None:
    guide, first = guide_with_section(authoring)
    second = authoring.add_section(guide, "Aftermath", tags=["cold-war"]).ids[0]
    card = authoring.add_card(guide, second, "Hotline set up?", "1963").ids[0]
    authoring.add_event(guide, second, "Hotline", "August 1963")

    authoring.rename_section(guide, first, "Thirteen Days")
    assert library.content(guide).section(first).title == "Thirteen Days"
    assert found(library, "section:thirteen") == [first]
    authoring.move_section(guide, second, 0)
    assert [s for s, _ in library.content(guide).section_titles()] == [second, first]
    authoring.delete_section(guide, second)
    assert library.content(guide).card(card) is None and found(library, "hotline") == []
    authoring.undo()  # the section comes back with its card, event and tag
    assert library.content(guide).card(card) is not None
    assert sorted(found(library, "hotline")) == sorted([card, "hotline"])
    assert found(library, "tag:cold-war") == [second]
    authoring.undo()
    authoring.undo()
    assert [t for _, t in library.content(guide).section_titles()] == ["The Crisis", "Aftermath"]


def test_every_card_type_makes_its_cards_found_by_search_at_once(authoring, library) -> None:
    guide, section = guide_with_section(authoring)

    basic = authoring.add_card(guide, section, "Who led Cuba?", "Fidel Castro", tags=["people"]).ids
    reversed_ = authoring.add_card(guide, section, "Capital of Cuba", "Havana", type="reversed").ids
    cloze = authoring.add_card(guide, section, "{{c1::Kennedy}} met {{c2::Khrushchev}} in Vienna", "",
                               type="cloze").ids
    typein = authoring.add_card(guide, section, "Year of the crisis?", "1962", type="typein").ids

    assert basic == ("who-led-cuba",)
    assert reversed_ == ("capital-of-cuba", "capital-of-cuba-reversed")
    assert cloze == ("kennedy-met-khrushchev-in-vienna-c1", "kennedy-met-khrushchev-in-vienna-c2")
    assert authoring.card_type_of(guide, typein[0]) == "typein"
    assert found(library, "castro") == list(basic)
    assert sorted(found(library, "havana")) == sorted(reversed_)
    assert sorted(found(library, "vienna")) == sorted(cloze)
    assert found(library, "tag:people") == list(basic) and found(library, "tag:people castro") == list(basic)
    assert sorted(found(library, "cuba -tag:people")) == sorted(reversed_)
    assert found(library, "khrush*") != []  # the vocabulary learnt the new word (prefix search)


def test_editing_a_cloze_keeps_the_schedules_of_the_numbers_that_remain(authoring, library, clock) -> None:
    guide, section = guide_with_section(authoring)
    ids = authoring.add_card(guide, section, "{{c1::Kennedy}} and {{c2::Khrushchev}}", "", type="cloze").ids
    session = library.start_review(guide)
    for _ in ids:
        session.reveal()
        session.answer(Rating.GOOD)

    edited = authoring.edit_card(guide, ids[0], front="{{c1::Kennedy}} and {{c3::Castro}}").ids

    assert edited == (ids[0], ids[0].replace("-c1", "-c3"))
    assert [c.id for c in library.content(guide).cards()] == list(edited)
    queue = library.start_review(guide)
    assert queue.current is not None and queue.current.card.id == edited[1]  # c1 is scheduled, c3 is new
    assert sorted(found(library, "castro")) == sorted(edited) and found(library, "khrushchev guide:my-notes") == []
    authoring.undo()
    assert [c.id for c in library.content(guide).cards()] == list(ids)


def test_delete_card_and_undo(authoring, library) -> None:
    guide, section = guide_with_section(authoring)
    ids = authoring.add_card(guide, section, "Capital of Cuba", "Havana", type="reversed").ids

    authoring.delete_card(guide, ids[1])
    assert library.content(guide).card_count() == 0 and found(library, "havana") == []
    authoring.undo()
    assert library.content(guide).card_count() == 2 and len(found(library, "havana")) == 2


def test_events_take_the_fuzzy_date_language_and_refuse_bad_dates(authoring, library) -> None:
    guide, section = guide_with_section(authoring)

    event = authoring.add_event(guide, section, "Vienna summit", "June 1961", lane="US").ids[0]
    with pytest.raises(AuthoringError, match="is not a date"):
        authoring.add_event(guide, section, "Soon", "next week")
    with pytest.raises(AuthoringError, match="day 30 does not exist"):
        authoring.add_event(guide, section, "Never", "February 30, 1962")

    assert [e.id for e in library.content(guide).events()] == [event]
    assert found(library, "summit after:1960") == [event]
    authoring.edit_event(guide, event, when="fall 1961", title="Berlin")
    assert library.content(guide).events()[0].when.label() == "fall 1961"
    assert found(library, "summit") == [] and found(library, "berlin") == [event]
    authoring.delete_event(guide, event)
    assert library.content(guide).events() == []
    authoring.undo()
    authoring.undo()
    assert library.content(guide).events()[0].title == "Vienna summit"


def test_bad_input_changes_nothing(authoring, library) -> None:
    guide, section = guide_with_section(authoring)
    cards_before = library.content(guide).card_count()

    for call in (lambda: authoring.add_card(guide, section, "{{c1}} no", "", type="cloze"),
                 lambda: authoring.add_card(guide, "nowhere", "Q", "A"),
                 lambda: authoring.add_card(guide, section, "Q", "A", type="essay"),
                 lambda: authoring.add_card(guide, section, "Q", "A", tags=["two words"]),
                 lambda: authoring.add_section("no-such-guide", "T")):
        with pytest.raises(AuthoringError):
            call()
    assert library.content(guide).card_count() == cards_before and len(authoring.history) == 2


def test_the_bundled_guide_is_read_only_and_its_copy_keeps_progress(authoring, library, make_library) -> None:
    bundled = library.guides()[0].id
    with pytest.raises(AuthoringError, match="make an editable copy"):
        authoring.add_section(bundled, "Mine")
    session = library.start_review(bundled)
    answered = session.current.card.id
    session.reveal()
    session.answer(Rating.EASY)

    authoring.make_editable_copy(bundled)

    assert library.is_user_guide(bundled) and [g.id for g in library.guides()].count(bundled) == 1
    assert library.start_review(bundled).current.card.id != answered  # its schedule came along
    section = library.content(bundled).sections()[0].id
    new = authoring.add_card(bundled, section, "Zanzibarword?", "Yes").ids
    assert found(library, "zanzibarword kind:card") == list(new)
    added = authoring.add_section(bundled, "Quokkaword").ids  # its search row comes after every card's
    assert found(library, "quokkaword kind:section") == list(added)
    assert found(library, "quokkaword kind:card,event") == []
    reopened = make_library()
    assert reopened.is_user_guide(bundled) and reopened.content(bundled).card(new[0]) is not None
    for _ in range(3):
        authoring.undo()  # the section, the card, then the copy: deleting it brings the bundled guide back
    assert not library.is_user_guide(bundled) and library.content(bundled).card(answered) is not None


def test_edits_log_their_items_for_the_ranking_index_rather_than_rebuild_it(authoring, library) -> None:
    guide, section = guide_with_section(authoring)
    first = authoring.add_card(guide, section, "First?", "One").ids[0]
    path = library.content(guide).path
    logged = sqlite3.connect(path).execute("SELECT max(seq) FROM search_changes").fetchone()[0]

    second = authoring.add_card(guide, section, "Second?", "Two").ids[0]
    assert sqlite3.connect(path).execute("SELECT kind, item_id FROM search_changes WHERE seq > ?",
                                         [logged]).fetchall() == [("card", second)]
    assert found(library, "second two guide:my-notes") == [second]
    authoring.undo()
    assert found(library, "second guide:my-notes") == [] and found(library, "first one guide:my-notes") == [first]
    tables = {n for (n,) in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert not {"search_index", "search_terms", "search_rows"} & tables  # the text is kept once


def test_edit_section_body_tags_and_sources_is_undoable(authoring, library) -> None:
    guide, section = guide_with_section(authoring)

    changes = authoring.edit_section(guide, section, body="Now about *warheads*", tags=["exam"],
                                     sources=["Griffith"]).changes

    assert changes.content and changes.search_index
    assert library.content(guide).section(section).sources == ("Griffith",)
    assert found(library, "warheads") == [section] and found(library, "tag:exam") == [section]
    assert authoring.section_tags(guide, section) == ("exam",)
    authoring.undo()
    assert found(library, "warheads") == [] and found(library, "tag:exam") == []
    assert found(library, "missiles guide:my-notes") == [section]


def test_every_public_write_returns_its_changes_and_ids() -> None:
    import inspect

    reads = {"close", "run", "undo", "redo", "counts", "card_type_of", "notes", "note_as_read", "section_tags"}
    # Storing an image is no step of its own: it is content-addressed (the same bytes, the same
    # name) and the edit that inserts its reference is the undoable step (docs/storage.md).
    reads |= {"add_media"}
    writes = [name for name, _ in inspect.getmembers(Authoring, inspect.isfunction)
              if not name.startswith("_") and name not in reads]
    assert {"new_guide", "make_editable_copy", "add_section", "rename_section", "edit_section", "move_section",
            "delete_section", "add_card", "edit_card", "delete_card", "add_event", "edit_event",
            "delete_event", "edit_cards", "delete_cards"} == set(writes)
    assert {name: inspect.signature(getattr(Authoring, name)).return_annotation for name in writes} == dict.fromkeys(
        writes, "Added")
