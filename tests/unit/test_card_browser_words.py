"""The card browser's words are found by the library's ranking index (issue 18: no FTS5 table in a guide)."""

from __future__ import annotations

import sqlite3


def ids(library, text: str, **kw) -> list[tuple[str, str]]:
    return list(library.cards.find(text, **kw).keys)


def test_words_phrases_prefixes_and_exclusions_find_cards_by_their_own_text(library) -> None:
    assert ids(library, "negotiate") == [("tiny", "begins-with")]  # any form of the word
    assert ids(library, "treaty paris") == [("tiny", "where-signed")]
    assert ids(library, '"the letter"') == [("tiny", "who-wrote")]
    assert ids(library, '"letter the"') == []
    assert ids(library, "negot*") == [("tiny", "begins-with")]
    assert ids(library, "the -treaty") == [("tiny", "who-wrote")]
    assert ids(library, "missiles") == []  # only a section has it: sections are not cards
    assert ids(library, "section:second") == [("tiny", "who-wrote")]
    assert ids(library, "zzyzx") == [] and len(ids(library, "")) == 3


def test_a_users_guide_is_found_as_edited_and_after_undo(authoring, library) -> None:
    guide = authoring.new_guide("Browse", "History").ids[0]
    section = authoring.add_section(guide, "Section").ids[0]
    card = authoring.add_card(guide, section, "Which zeppelin burned?", "The Hindenburg").ids[0]
    assert ids(library, "hindenburg") == [(guide, card)]
    assert ids(library, "hindenburg", guide_id="tiny") == []
    authoring.edit_card(guide, card, front="Which airship burned?", back="The Hindenburg")
    assert ids(library, "zeppelin") == [] and ids(library, "airship") == [(guide, card)]
    authoring.undo()
    assert ids(library, "zeppelin") == [(guide, card)] and ids(library, "airship") == []
    tables = {n for (n,) in sqlite3.connect(library.content(guide).path).execute("SELECT name FROM sqlite_master")}
    assert "search_index" not in tables


def test_a_finder_on_another_thread_uses_the_same_index(library) -> None:
    import threading

    finder = library.cards.finder()
    found: list[object] = []
    thread = threading.Thread(target=lambda: found.append(finder.find("patience").keys))
    thread.start()
    thread.join()
    assert found == [(("tiny", "begins-with"),)]
