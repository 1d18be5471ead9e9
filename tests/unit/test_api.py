"""studyguide.api end to end (issue 15): a guide made, filled, searched and reviewed by a script,
then found again after the library is closed and reopened."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyguide import api


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content_db: Path) -> Path:
    monkeypatch.setattr(api.paths, "bundled_guide_database", lambda: content_db)
    return tmp_path / "library"


def test_a_script_writes_searches_and_reviews_a_guide(home: Path) -> None:
    library = api.open_library(home)
    guide = library.new_guide("Cuban Notes")
    crisis = library.add_section(guide, "The Crisis", "The **quarantine** began.")
    later = library.add_section(guide, "Later Years", "A hotline.")
    basic = library.add_card(guide, crisis, "Who led Cuba?", "Fidel Castro", tags=["people"])
    reversed_ = library.add_card(guide, crisis, "Capital of Cuba", "Havana", type="reversed")
    cloze = library.add_card(guide, later, "{{c1::Kennedy}} met {{c2::Khrushchev::Soviet leader}}", "",
                             type="cloze")
    typein = library.add_card(guide, later, "Year of the missile crisis?", "1962", type="typein")
    event = library.add_event(guide, crisis, "Talks in the fall", "fall 1961", lane="US",
                              description="Quiet diplomacy")

    assert (len(basic), len(reversed_), len(cloze), len(typein)) == (1, 2, 2, 1)
    summary = next(g for g in library.guides() if g.id == guide)
    assert (summary.sections, summary.cards, summary.events, summary.editable) == (2, 6, 1, True)
    everything = {*basic, *reversed_, *cloze, *typein, event, crisis, later}
    hits = {h.item_id for h in library.search(f"guide:{guide} castro OR havana OR kennedy OR missile OR "
                                              "diplomacy OR quarantine OR hotline", limit=50)}
    assert hits == everything
    assert [h.item_id for h in library.search("tag:people")] == basic
    assert library.search("diplomacy")[0].kind == "event"

    review = library.review(guide)
    seen = []
    while review.current is not None and len(seen) < 6:
        card = review.current
        assert not card.revealed
        assert review.reveal() and review.current.revealed
        seen.append((card.id, card.type))
        review.answer(3)
    assert {cid for cid, _ in seen} == {*basic, *reversed_, *cloze, *typein}
    assert dict(seen)[typein[0]] == "typein"
    with pytest.raises(ValueError, match="1, 2, 3 or 4"):
        review.answer(5)
    library.close()

    with api.open_library(home) as reopened:
        assert {h.item_id for h in reopened.search(f"guide:{guide} castro OR havana OR kennedy OR missile OR "
                                                   "diplomacy OR quarantine OR hotline", limit=50)} == everything
        assert reopened.review(guide).current is None or reopened.review(guide).current.id not in dict(seen)


def test_bad_input_raises_with_the_reason_and_changes_nothing(home: Path) -> None:
    with api.open_library(home) as library:
        guide = library.new_guide("Notes")
        section = library.add_section(guide, "One")
        with pytest.raises(api.AuthoringError, match="is not a date"):
            library.add_event(guide, section, "Soon", "next week")
        with pytest.raises(api.AuthoringError, match="unknown card type"):
            library.add_card(guide, section, "Q", "A", type="essay")
        with pytest.raises(api.AuthoringError, match="read-only"):
            library.add_section(library.guides()[0].id, "Mine")
        summary = next(g for g in library.guides() if g.id == guide)
        assert (summary.sections, summary.cards, summary.events) == (1, 0, 0)


def test_a_script_adds_an_image_and_a_refused_file_is_an_authoring_error(home: Path, tmp_path: Path) -> None:
    from tests.media_samples import png

    library = api.open_library(home)
    try:
        guide = library.new_guide("Pictures")
        photo = tmp_path / "Harbour.png"
        photo.write_bytes(png())
        name = library.add_media(guide, photo)
        assert name.startswith("harbour-") and library.add_media(guide, png(), "again.png") == name
        section = library.add_section(guide, "Ports", f"![Havana harbour](media/{name})")
        assert [h.item_id for h in library.search("havana")] == [section]
        with pytest.raises(api.AuthoringError, match=r"x\.svg: SVG files are not shown"):
            library.add_media(guide, b"<svg/>", "x.svg")
    finally:
        library.close()
