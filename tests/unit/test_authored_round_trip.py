"""A user's guide exports to the Markdown guide format and back without loss (issue 15):
every section (title, body, sources, tags), note (type, front, back, tags) and event."""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyguide.authoring import Authoring
from studyguide.domain.card_types import one_line
from studyguide.domain.guide import Guide
from studyguide.guides.markdown import read_guide, write_guide
from studyguide.library import Library

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\u00e9\u00fc", min_size=1,
                max_size=8)
_LINE = st.lists(st.one_of(_WORD, st.sampled_from(["**bold**", "*it*", "(x)", "1962.", "a,", "why?"])),
                 min_size=1, max_size=6).map(" ".join)
_TEXT = st.lists(_LINE, min_size=1, max_size=3).map("\n".join)  # a card's text: no blank line
_BODY = st.lists(st.one_of(_LINE, st.just("")), min_size=1, max_size=5).map(lambda ls: "\n".join(ls).strip())
_TAGS = st.lists(st.text(alphabet="abcdefghij-", min_size=1, max_size=6), max_size=3, unique=True)
_CLOZE = st.lists(st.tuples(st.integers(1, 4), _WORD, st.one_of(st.none(), _WORD), _WORD), min_size=1,
                  max_size=4).map(lambda parts: " ".join(
                      f"{{{{c{n}::{a}{'::' + h if h else ''}}}}} {w}" for n, a, h, w in parts))
_DATES = st.sampled_from(["1959", "fall 1961", "c. 1962", "April 12, 1962", "October 16\u201328, 1962", "44 BC",
                          "1959\u20131962", "June 1961"])
_CARD = st.one_of(
    st.tuples(st.sampled_from(["basic", "reversed", "typein"]), _TEXT, _TEXT, _TAGS),
    st.tuples(st.just("cloze"), _CLOZE, st.one_of(st.just(""), _TEXT), _TAGS),
)
_SECTION = st.tuples(_LINE, _BODY, _TAGS, st.lists(_CARD, max_size=4),
                     st.lists(st.tuples(_LINE, _DATES, st.one_of(st.just(""), _TEXT), st.one_of(st.just(""), _LINE)),
                              max_size=2))


def _strip_positions(guide: Guide) -> tuple[object, ...]:
    return (guide.info,
            [(s.id, s.title, s.body, s.sources, s.tags) for s in guide.sections],
            sorted((n.id, n.section_id, n.type, n.front, n.back, n.tags) for n in guide.notes),
            sorted((e.id, e.section_id, e.title, e.when, e.description, e.lane) for e in guide.events))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SECTION, min_size=1, max_size=3))
def test_a_user_guide_survives_markdown_both_ways(sections: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bundled = Path(__file__).parent.parent / "data" / "tiny-guide.md"
        from studyguide.guides.build import build_from_source

        build_from_source(bundled, Path(tmp) / "bundled.sqlite")
        library = Library(home=Path(tmp) / "a", bundled_guide=Path(tmp) / "bundled.sqlite",
                          clock=lambda: datetime.now(timezone.utc))
        authoring = Authoring(library=library)
        try:
            guide_id = authoring.new_guide("Round Trip", "Tests").ids[0]
            for title, body, tags, cards, events in sections:
                section = authoring.add_section(guide_id, title, body, tags).ids[0]
                for kind, front, back, card_tags in cards:
                    authoring.add_card(guide_id, section, front, back, kind, card_tags)
                for event_title, when, description, lane in events:
                    authoring.add_event(guide_id, section, event_title, when, description, lane)
            written = library.load_guide(guide_id)
            assert len(written.notes) == sum(len(s[3]) for s in sections)
            assert [s.tags for s in written.sections] == [tuple(s[2]) for s in sections]

            read = read_guide(write_guide(written))

            assert _strip_positions(read) == _strip_positions(written)
            assert sorted(c.id for c in read.cards) == sorted(c.id for c in written.cards)
            library.delete_guide(guide_id)
            library.install_guide(read)  # and back into a library, as an import
            library.reload_guides()
            assert _strip_positions(library.load_guide(guide_id)) == _strip_positions(written)
            assert {(c.id, c.front, c.back) for c in library.load_guide(guide_id).cards} == {
                (c.id, c.front, c.back) for c in written.cards}
        finally:
            authoring.close()
            library.close()


def test_the_format_2_example_of_the_docs_reads() -> None:
    import re

    text = (Path(__file__).parent.parent.parent / "docs" / "guide-format.md").read_text(encoding="utf-8")
    example = re.search(r"## Format 2.*?```markdown\n(.*?)\n```", text, re.S).group(1)
    guide = read_guide(example)

    assert [c.id for c in guide.cards] == ["capital-of-cuba", "capital-of-cuba-reversed", "vienna-c1", "vienna-c2"]
    assert guide.sections[0].tags == ("cold-war",) and guide.notes[0].tags == ("places",)
    assert guide.cards[3].front == "Kennedy met [Soviet leader] in Vienna"


# Open text: newlines (blank lines too), spaces at the ends, the format's own keywords and
# Markdown at line starts, unicode. An event description "0\n0" came back "0 0".
_PIECES = st.sampled_from(["\n", "\n\n", " ", "  ", "\t", "# ", "## Cards", "## events", "Q:", "A:", "Type:",
                           "Tags:", "Lane:", "Source:", "Section:", "Card:", "Event:", "```", "~~~", "---", "{#x}",
                           " {#a-b}", "|", "{{c1::x}}", "*", "> ", "- ", "\\", "\"", "{", "}", "\u00e9", "\u2028",
                           "\x85", "\u00a0", "\r", "\r\n", "\U0001f600", "0"])
_OPEN = st.lists(st.one_of(st.text(max_size=4), _PIECES), max_size=8).map("".join)
_SOME = _OPEN.filter(lambda t: t.strip() != "")
_TITLE = _OPEN.filter(lambda t: one_line(t) != "")
_OPEN_TAGS = st.lists(st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc"),
                                            blacklist_characters=","), min_size=1, max_size=5),
                      max_size=3, unique_by=str.casefold)
_OPEN_CARD = st.one_of(
    st.tuples(st.sampled_from(["basic", "reversed", "typein"]), _SOME, _SOME, _OPEN_TAGS),
    st.tuples(st.just("cloze"), st.tuples(_OPEN, _OPEN).map(lambda p: f"{p[0]}{{{{c2::{p[1] or 'x'}}}}}"),
              _OPEN, _OPEN_TAGS),
)
_OPEN_SECTION = st.tuples(_TITLE, _OPEN, _OPEN_TAGS, st.lists(_OPEN, max_size=2), st.lists(_OPEN_CARD, max_size=3),
                          st.lists(st.tuples(_TITLE, _DATES, _OPEN, _OPEN), max_size=2))


def _every_field(guide: Guide) -> tuple[object, ...]:
    return (guide.info,
            [(s.id, s.title, s.body, s.sources, s.tags) for s in guide.sections],
            [(n.id, n.section_id, n.type, n.front, n.back, n.tags) for n in guide.notes],
            [(c.id, c.section_id, c.front, c.back) for c in guide.cards],
            [(e.id, e.section_id, e.title, e.when, e.description, e.lane) for e in guide.events])


def test_any_text_a_user_writes_survives_export_and_import(tmp_path) -> None:
    from studyguide.guides.build import build_from_source

    build_from_source(Path(__file__).parent.parent / "data" / "tiny-guide.md", tmp_path / "bundled.sqlite")
    library = Library(home=tmp_path / "a", bundled_guide=tmp_path / "bundled.sqlite",
                      clock=lambda: datetime.now(timezone.utc))
    authoring = Authoring(library=library)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(_OPEN_SECTION, min_size=1, max_size=3), _TITLE, _OPEN)
    def survives(sections: list, guide_title: str, subject: str) -> None:
        guide_id = authoring.new_guide(guide_title, subject, id="round-trip").ids[0]
        try:
            for title, body, tags, sources, cards, events in sections:
                section = authoring.add_section(guide_id, title, body, tags).ids[0]
                authoring.edit_section(guide_id, section, sources=sources)
                for kind, front, back, card_tags in cards:
                    authoring.add_card(guide_id, section, front, back, kind, card_tags)
                for event_title, when, description, lane in events:
                    authoring.add_event(guide_id, section, event_title, when, description, lane)
            written = library.load_guide(guide_id)
            assert [(s.body, s.sources) for s in written.sections] == [(s[1], tuple(s[3])) for s in sections]
            assert [e.description for e in written.events] == [e[2] for s in sections for e in s[5]]

            dest = library.export_guide(guide_id, "md", tmp_path / "export.md", edits={})
            read = library.read_file(dest).guide

            assert _every_field(read) == _every_field(written)
            authoring.close()  # its write connection to the guide replaced below
            library.delete_guide(guide_id)
            library.install_guide(read)
            library.reload_guides()
            assert _every_field(library.load_guide(guide_id)) == _every_field(written)
        finally:
            authoring.close()
            library.delete_guide(guide_id)

    try:
        survives()
    finally:
        authoring.close()
        library.close()


def test_an_event_description_with_a_line_break_survives_a_guide_without_cards(tmp_path) -> None:
    from studyguide.guides.build import build_from_source

    build_from_source(Path(__file__).parent.parent / "data" / "tiny-guide.md", tmp_path / "bundled.sqlite")
    library = Library(home=tmp_path / "a", bundled_guide=tmp_path / "bundled.sqlite",
                      clock=lambda: datetime.now(timezone.utc))
    authoring = Authoring(library=library)
    try:
        guide_id = authoring.new_guide("Events Only").ids[0]
        section = authoring.add_section(guide_id, "S").ids[0]
        authoring.add_event(guide_id, section, "E", "1962", "0\n0")

        read = read_guide(write_guide(library.load_guide(guide_id)))

        assert read.events[0].description == "0\n0"
    finally:
        authoring.close()
        library.close()


def test_the_exact_form_example_of_the_docs_reads() -> None:
    import re

    text = (Path(__file__).parent.parent.parent / "docs" / "guide-format.md").read_text(encoding="utf-8")
    example = re.search(r"is written\nexactly.*?```markdown\n(.*?)\n```", text, re.S).group(1)
    guide = read_guide("---\nid: g\ntitle: G\nformat: 2\n---\n\n" + example)

    assert guide.sections[0].body == "# A heading of my own\n\nText." and guide.sections[0].tags == ("cold-war",)
    assert guide.notes[0].back == "One\n\nTwo" and guide.events[0].description == "0\n0"
    assert read_guide(write_guide(guide)) == guide


def test_a_guide_with_tabs_in_its_text_is_imported_as_a_guide_not_a_quizlet_export(tmp_path) -> None:
    from studyguide.guides.build import build_from_source

    build_from_source(Path(__file__).parent.parent / "data" / "tiny-guide.md", tmp_path / "bundled.sqlite")
    library = Library(home=tmp_path / "a", bundled_guide=tmp_path / "bundled.sqlite",
                      clock=lambda: datetime.now(timezone.utc))
    authoring = Authoring(library=library)
    try:
        guide_id = authoring.new_guide("Tabs").ids[0]
        section = authoring.add_section(guide_id, "S").ids[0]
        authoring.add_event(guide_id, section, "E", "1962", "0\t## Cards")
        dest = library.export_guide(guide_id, "md", tmp_path / "export.md", edits={})

        result = library.read_file(dest)

        assert result.kind == "markdown" and result.guide.events[0].description == "0\t## Cards"
    finally:
        authoring.close()
        library.close()
