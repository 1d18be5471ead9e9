"""guides.note_edits: a cloze card's edited answer goes back into its note's deletions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.card_types import cloze_numbers, cloze_side
from studyguide.domain.guide import Note
from studyguide.domain.review import CardEdit
from studyguide.guides.note_edits import _cloze, edited_notes

_PLAIN = st.text(alphabet="abcde ", min_size=1, max_size=8)


@st.composite
def cloze_texts(draw) -> str:
    parts, number = [], 0
    for index in range(draw(st.integers(1, 6))):
        if draw(st.booleans()) or index == 0:
            number = draw(st.integers(1, number + 1))
            hint = draw(st.sampled_from(["", "::who"]))
            parts.append(f"{{{{c{number}::x{index}y{hint}}}}}")  # answers unique: x0y, x1y...
        parts.append(draw(_PLAIN))
    return " ".join(parts).strip()


@given(cloze_texts(), st.sampled_from(["", "Extra words"]))
def test_an_unchanged_answer_gives_back_the_same_note(text: str, extra: str) -> None:
    note = Note(id="n", section_id="s", type="cloze", front=text, back=extra)
    for number in cloze_numbers(text):
        answer = cloze_side(text, number, answer=True) + (f"\n\n{extra}" if extra else "")

        assert _cloze(note, number, answer) == note


def test_an_edited_answer_keeps_the_other_deletions_and_the_hint() -> None:
    note = Note(id="n", section_id="s", type="cloze", front="{{c1::Paris::a city}} is in {{c2::France}}", back="")
    guide_edits = {"n-c2": CardEdit(front="Paris is in [...]", back="Paris is in **the French Republic**")}
    from studyguide.domain.guide import Guide, GuideInfo

    guide = Guide(info=GuideInfo(id="g", title="G"), notes=(note,))

    edited = edited_notes(guide, guide_edits)

    assert edited.notes[0].front == "{{c1::Paris::a city}} is in {{c2::the French Republic}}"
    assert [c.id for c in edited.cards] == ["n-c1", "n-c2"]
