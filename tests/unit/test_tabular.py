"""Unit tests for studyguide.guides.tabular: CSV/TSV of cards, encodings, delimiters, bad rows."""

from __future__ import annotations

import codecs
import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.guides.markdown import GuideFormatError, read_guide, write_guide
from studyguide.guides.tabular import (
    ImportCancelledError,
    clean_back,
    clean_front,
    decode_text,
    read_table,
)
from tests.conftest import DATA


def table(text: str, name: str = "cards.csv", **kw):
    return read_table(text, name=name, guide_id="cards", title="Cards", **kw)


def test_header_row_names_the_columns_in_any_order() -> None:
    guide, _ = table("Answer,Question,Section\nParis,Where was it signed?,Treaties\n")

    assert [(c.front, c.back) for c in guide.cards] == [("Where was it signed?", "Paris")]
    assert [s.title for s in guide.sections] == ["Treaties"]
    assert guide.cards[0].section_id == guide.sections[0].id


def test_without_a_header_columns_are_front_back_section_tags() -> None:
    guide, _ = table("Castro\tLed the rebels\t\tcuba::people\nKennedy\tPresident\tUSA\n", name="x.tsv")

    assert [c.front for c in guide.cards] == ["Castro", "Kennedy"]
    assert [s.title for s in guide.sections] == ["cuba / people", "USA"]


def test_delimiter_is_detected_for_semicolons_and_tabs() -> None:
    semi, _ = table("a;b\nc;d\n")
    tabs, _ = table("a\tb, with comma\nc\td\n", name="x.txt")

    assert [(c.front, c.back) for c in semi.cards] == [("a", "b"), ("c", "d")]
    assert tabs.cards[0].back == "b, with comma"


def test_embedded_newlines_and_ragged_rows_keep_every_cell() -> None:
    text = 'front,back\n"two\nline front","answer\n\nwith blank line",extra cell\nshort,row\n'
    guide, warnings = table(text)

    assert guide.cards[0].front == "two line front"
    assert guide.cards[0].back == "answer\nwith blank line\nextra cell"
    assert guide.cards[1].back == "row"
    assert warnings == ["1 rows had extra columns; their text was added to the card's back."]


def test_a_row_with_one_column_is_refused_with_its_line_after_a_multiline_row() -> None:
    text = 'front,back\n"a\nb\nc",d\nlonely\n'

    with pytest.raises(GuideFormatError) as caught:
        table(text)

    assert caught.value.line == 5
    assert "no back" in str(caught.value)


def test_unclosed_quote_is_reported_not_swallowed() -> None:
    with pytest.raises(GuideFormatError, match="cannot be read as CSV"):
        table('front,back\n"a,b\n' + "x" * 10 + '"c"d,e\n')


def test_card_ids_are_stable_and_unique() -> None:
    first, _ = table("a,1\nb,2\na,3\n")
    again, _ = table("z,0\na,1 changed\nb,2\na,3\n")

    ids = [c.id for c in first.cards]
    assert len(set(ids)) == 3
    assert {c.front: c.id for c in again.cards if c.front == "b"}["b"] == ids[1]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])
def test_encodings_are_detected(encoding: str) -> None:
    text = "front,back\nCafé,Crème brûlée\n"

    guide, _ = table(decode_text(text.encode(encoding), "x.csv"))

    assert guide.cards[0].front == "Café" and guide.cards[0].back == "Crème brûlée"


def test_latin1_fixture_with_semicolons_and_a_header() -> None:
    guide, _ = table(decode_text((DATA / "cards-latin1.csv").read_bytes(), "cards-latin1.csv"))

    assert guide.cards[1].back == "Missile sites,\nnear San Cristóbal"
    assert [s.title for s in guide.sections] == ["Cuba", "Crisis"]


@pytest.mark.parametrize("data, message", [
    (b"", "is empty"), (b"  \n\n", "is empty"), (codecs.BOM_UTF8, "is empty"),
    (bytes(range(256)) * 8, "binary"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary"),
])
def test_empty_and_binary_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(GuideFormatError, match=message):
        decode_text(data, "x.csv")


def test_no_cards_at_all_is_an_error() -> None:
    with pytest.raises(GuideFormatError, match="has no cards"):
        table("front,back\n\n\n")


def test_html_and_script_are_kept_as_text() -> None:
    guide, _ = table('front,back\n"<b>bold</b>","<script>alert(1)</script><img src=http://x/y.png>"\n')

    assert guide.cards[0].back == "<script>alert(1)</script><img src=http://x/y.png>"


def test_cancel_stops_the_read() -> None:
    with pytest.raises(ImportCancelledError):
        table("a,b\n" * 10, cancelled=lambda: True)


def test_progress_is_reported() -> None:
    seen: list[float] = []

    table("a,b\n" * 5000, progress=lambda fraction, _label: seen.append(fraction))

    assert len(seen) >= 2 and seen == sorted(seen) and all(0 <= f < 1 for f in seen)


def test_cleaned_text_survives_the_markdown_format() -> None:
    front = clean_front("  What is\n# this {#not-an-id} ")
    back = clean_back("# heading-like\n\n## Cards\nA: fine\n")
    guide, _ = table("x,y\n")
    card = guide.cards[0]
    from dataclasses import replace

    guide = replace(guide, cards=(replace(card, front=front, back=back),))

    assert read_guide(write_guide(guide)) == guide


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cells, min_size=0, max_size=5), min_size=1, max_size=8))
def test_malformed_tables_either_read_whole_or_fail_cleanly(rows: list[list[str]]) -> None:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    text = out.getvalue()
    try:
        guide, _ = table(text)
    except GuideFormatError:
        return
    # All or nothing: every non-empty row became a card, and the guide writes and reads back.
    assert len(guide.cards) >= 1
    assert read_guide(write_guide(guide)) == guide


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_random_text_never_raises_anything_but_a_format_error(text: str) -> None:
    with contextlib.suppress(GuideFormatError):
        table(text)
