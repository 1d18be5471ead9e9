"""Unit tests for Quizlet's export text (studyguide/guides/quizlet.py) and its import, export and CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from studyguide.domain.guide import Card, Guide, GuideInfo
from studyguide.domain.media import IMAGE_REFERENCE, SOUND_REFERENCE
from studyguide.guides import quizlet
from studyguide.guides.export import export_guide
from studyguide.guides.importing import GuideFormatError, read_file
from studyguide.guides.quizlet import SeparatorError, detect, parse_separator, read_quizlet, split, to_text
from studyguide.guides.tabular import clean_back, clean_front
from tests.conftest import DATA
from tests.unit.test_cli import run

QUIZLET = DATA / "quizlet"
CUSTOM = (" ~ ", "\n---\n")  # the separators crisis-custom.txt was exported with


@pytest.mark.parametrize("typed, separator", [
    ("tab", "\t"), ("Tab", "\t"), ("\\t", "\t"), ("comma", ","), ("semicolon", ";"), ("newline", "\n"),
    ("New line", "\n"), ("\\n", "\n"), ("\\n---\\n", "\n---\n"), (" ~ ", " ~ "), ("|", "|"), (" ", " "),
])
def test_separators_are_named_escaped_or_literal(typed: str, separator: str) -> None:
    assert parse_separator(typed) == separator


def test_an_empty_separator_is_refused() -> None:
    with pytest.raises(SeparatorError, match="cannot be empty"):
        parse_separator("")


def test_the_common_separators_are_detected() -> None:
    assert detect((QUIZLET / "capitals-tab.txt").read_text()) == ("\t", "\n")
    assert detect((QUIZLET / "spanish-comma-semicolon.txt").read_text()) == (",", ";")
    # One row cut at a comma of a sentence is no detection: the custom export is not guessed.
    assert detect((QUIZLET / "crisis-custom.txt").read_text()) is None
    assert detect("just a sentence, with a comma") is None


def test_a_custom_export_reads_with_its_separators_and_keeps_multi_line_definitions() -> None:
    result = read_file(QUIZLET / "crisis-custom.txt", separators=CUSTOM)

    assert result.kind == "quizlet"
    assert [(c.front, c.back) for c in result.guide.cards] == [
        ("ExComm", "The Executive Committee of the National Security Council,\n"
                   "which advised Kennedy during the crisis"),
        ("U-2", "The American spy plane that photographed the missile sites\non October 14, 1962"),
        ("Quarantine", "The naval blockade of Cuba, announced on October 22"),
        ("Jupiter", "American missiles in Turkey and Italy"),
    ]
    assert [s.title for s in result.guide.sections] == ["crisis custom"]


def test_a_tab_separated_text_file_is_read_as_quizlet_without_asking() -> None:
    result = read_file(QUIZLET / "capitals-tab.txt")

    assert result.kind == "quizlet" and len(result.guide.cards) == 4
    assert result.guide.cards[2].front == "Washington, D.C."


def test_one_separator_given_finds_the_other() -> None:
    result = read_file(QUIZLET / "spanish-comma-semicolon.txt", separators=(",", None))

    assert [c.front for c in result.guide.cards] == ["el gato", "el perro", "la casa", "el libro"]


def test_a_row_that_does_not_split_stops_the_import_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "set.txt"
    path.write_text("a\tb\nc\td\nno tab here\ne\tf\n", encoding="utf-8")

    with pytest.raises(GuideFormatError, match=r"set.txt does not split into cards with tab .*row 3 has no tab"):
        read_file(path, separators=("\t", "\n"))


def test_nothing_splitting_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(GuideFormatError, match="does not look like a Quizlet export.*--term-separator"):
        read_file(QUIZLET / "crisis-custom.txt", separators=(None, None))


def test_the_preview_read_never_refuses_for_separators(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"  # nothing in it is a separator: not even a guess
    path.write_text("ExComm the committee\nU2 the spy plane\n", encoding="utf-8")
    result = read_file(path, quizlet=True)

    assert result.kind == "quizlet" and not result.guide.cards
    assert result.quizlet is not None and result.quizlet.term_separator == ""
    preview = result.quizlet.preview(" the ", "\n")
    assert preview.ok and preview.total == 2 and preview.rows[0] == ("ExComm", "committee")
    assert len(result.quizlet.guide(" the ", "\n").cards) == 2


def test_the_preview_read_guesses_custom_separators() -> None:
    """Was: nothing detected, the rows shown unsplit, the learner left to guess " ~ " and a "---" line."""
    result = read_file(QUIZLET / "crisis-custom.txt", quizlet=True)

    assert result.quizlet is not None
    assert (result.quizlet.term_separator, result.quizlet.row_separator) == CUSTOM
    assert [c.front for c in result.guide.cards] == ["ExComm", "U-2", "Quarantine", "Jupiter"]


@pytest.mark.parametrize("name, separators", [("crisis-custom.txt", CUSTOM), ("capitals-tab.txt", ("\t", "\n"))])
def test_export_writes_the_same_text_back(tmp_path: Path, name: str, separators: tuple[str, str]) -> None:
    guide = read_file(QUIZLET / name, separators=separators).guide

    out = export_guide(guide, "quizlet", tmp_path / "out.txt", separators=separators)

    assert out.read_bytes() == (QUIZLET / name).read_bytes()
    assert [(c.front, c.back) for c in read_file(out, separators=separators).guide.cards] == \
        [(c.front, c.back) for c in guide.cards]


def test_export_by_the_txt_extension_uses_tab_and_new_line(tmp_path: Path) -> None:
    guide = read_file(QUIZLET / "spanish-comma-semicolon.txt", separators=(",", ";")).guide

    out = export_guide(guide, "txt", tmp_path / "spanish.txt")

    assert out.read_text(encoding="utf-8") == "el gato\tthe cat\nel perro\tthe dog\nla casa\tthe house\n" \
                                              "el libro\tthe book\n"


def test_export_writes_pictures_and_sounds_as_words() -> None:
    guide = Guide(info=GuideInfo(id="g", title="G"), cards=(
        Card(id="a", section_id="s", front="Where? ![](media/map-0123456789abcdef.png)",
             back="![Cuba](media/cuba-0123456789abcdef.jpg) [sound:say-0123456789abcdef.mp3]"),))

    assert to_text(guide) == ("Where? [image]\t[image: Cuba] [sound]\n", 1)


def test_export_replaces_separators_found_in_a_card() -> None:
    guide = Guide(info=GuideInfo(id="g", title="G"),
                  cards=(Card(id="a", section_id="s", front="one\ttwo", back="line\nbreak"),))

    assert to_text(guide, "\t", "\n") == ("one two\tline break\n", 1)


# Round trip: any separators, any text in which they do not occur.
_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789àéüßΩ漢?!'.", min_size=1, max_size=8)
_field = st.lists(_word, min_size=1, max_size=5).map(" ".join)
_separator = st.text(alphabet="\t\n ;,|~=-:>*/", min_size=1, max_size=4).filter(lambda s: s.strip(" ") != "")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_field, _field), min_size=1, max_size=12), _separator, _separator)
def test_round_trip_with_any_separators(pairs: list[tuple[str, str]], term: str, row: str) -> None:
    # The separators share no character but spaces, and neither holds the other.
    assume(not (set(term) & set(row)) - {" "} and term not in row and row not in term)
    text = row.join(f"{front}{term}{back}" for front, back in pairs)

    assert split(text, term, row).rows == tuple(pairs)
    guide = read_quizlet(text, name="set.txt", guide_id="set", title="Set", term_separator=term,
                         row_separator=row)
    assert [(c.front, c.back) for c in guide.cards] == pairs
    assert to_text(guide, term, row) == (text + "\n", 0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20)), min_size=1,
                max_size=8), st.text(min_size=1, max_size=3), st.text(min_size=1, max_size=3))
@example(pairs=[("0", "[sound:0]")], term="1", row="J").via("a sound reference: written as [sound], left out")
def test_round_trip_with_any_text_the_separators_do_not_occur_in(pairs: list[tuple[str, str]], term: str,
                                                                 row: str) -> None:
    # Any Unicode text already in the form a card keeps (one-line front, no blank lines in the back).
    assume(all(clean_front(f) == f and clean_back(b) == b and f and b for f, b in pairs))
    # A picture or a sound reference is written as words (Quizlet's text has no media): not kept.
    assume(not any(IMAGE_REFERENCE.search(t) or SOUND_REFERENCE.search(t) for pair in pairs for t in pair))
    assume("\r" not in term + row and term.strip() and row.strip() and term not in row and row not in term)
    rows = [f"{front}{term}{back}" for front, back in pairs]
    text = row.join(rows)
    # The separators occur nowhere but where they were put (not inside a card, nor across its edges).
    assume(text.split(row) == rows and all(r.count(term) == 1 and r.index(term) == len(f)
                                           for r, (f, _b) in zip(rows, pairs, strict=True)))

    guide = read_quizlet(text, name="set.txt", guide_id="set", title="Set", term_separator=term,
                         row_separator=row)

    assert [(c.front, c.back) for c in guide.cards] == pairs
    assert to_text(guide, term, row) == (text + "\n", 0)


def test_cli_imports_with_separators_and_exports_them_back(tmp_path: Path) -> None:
    home = tmp_path / "home"
    plain = run(home, "import", str(QUIZLET / "crisis-custom.txt"), "--term-separator", " ~ ",
                "--row-separator", "\\n---\\n")
    assert plain.returncode == 0, plain.stderr
    assert "crisis custom: 1 section, 4 cards" in plain.stdout

    out = tmp_path / "out.txt"
    exported = run(home, "export", "crisis-custom", "-o", str(out), "--term-separator", " ~ ",
                   "--row-separator", "\\n---\\n")
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes() == (QUIZLET / "crisis-custom.txt").read_bytes()

    named = run(home, "import", str(QUIZLET / "spanish-comma-semicolon.txt"), "--term-separator", "comma",
                "--row-separator", "semicolon")
    assert named.returncode == 0 and "4 cards" in named.stdout

    detected = run(home, "import", str(QUIZLET / "capitals-tab.txt"))
    assert "read as a Quizlet export: tab between term and definition, new line between rows" in detected.stdout


def test_cli_refuses_an_export_that_does_not_split(tmp_path: Path) -> None:
    result = run(tmp_path, "import", str(QUIZLET / "crisis-custom.txt"), "--term-separator", "tab")

    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "does not look like a Quizlet export" in result.stderr
    assert not list((tmp_path / "guides").glob("*.sqlite")) if (tmp_path / "guides").exists() else True


def test_describe_names_separators_as_people_say_them() -> None:
    assert [quizlet.describe(s) for s in ("\t", "\n", ";", " ~ ")] == ["tab", "new line", "semicolon",
                                                                        "\u201c ~ \u201d"]


@pytest.mark.parametrize("name", ["notes.md", "guide.txt"])
def test_markdown_or_a_guide_is_never_taken_for_quizlet_however_its_lines_split(tmp_path: Path, name: str) -> None:
    # Found by the authored round trip: an exported guide whose lines all held a tab (a cloze
    # of a tab, "{{c2::\t}}") came back as a Quizlet set.
    text = "term\tdefinition\nother\tthing\n"
    if name == "guide.txt":
        text = "---\ntitle: Tabs\nsubject: Test\nid: tabs\n---\n\n# One {#one}\n\na\tb\n"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert read_file(path).kind != "quizlet"
