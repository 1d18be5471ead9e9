"""A misspelt word typed whole gets its suggestion as you type, as on the command line.

"kruschev" (Khrushchev's most common misspelling: two letters missing) was corrected by `studyguide search`
but the Search view, which treats the word being typed as a prefix, said only "No matches": the prefix
comparison looked at the indexed words cut to the typed length plus or minus one, so two missing letters
were never reached."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("typed", "suggested"), [
    ("kruschev", "Khrushchev"), ("khrushev", "Khrushchev"), ("Kruschev letter", "Khrushchev letter"),
    ("krusch", "Khrushchev"),  # a start typed with two letters missing
])
def test_two_letters_missing_are_found_as_you_type_too(library, typed: str, suggested: str) -> None:
    typing = library.search.search(typed, as_you_type=True)
    assert typing.suggestion is not None and typing.suggestion.casefold() == suggested.casefold()
    if typed != "krusch":
        whole = library.search.search(typed, as_you_type=False)
        assert whole.suggestion is not None and whole.suggestion.casefold() == suggested.casefold()


def test_as_you_type_correction_shows_the_suggestions_results(library) -> None:
    result = library.search.search("kruschev", as_you_type=True, correct=True)
    assert result.corrected and result.hits
