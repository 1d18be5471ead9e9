"""A guide as an Anki package: Anki's own note types, a subdeck per section, tags, media, history.

Each note of the guide becomes one Anki note of the stock note type of its kind, with
Anki's stock fields and templates and nothing else: ``basic`` -> "Basic", ``reversed`` ->
"Basic (and reversed card)" (one note, two cards), ``cloze`` -> "Cloze"
(``{{c1::answer::hint}}`` as written), ``typein`` -> "Basic (type in the answer)". A guide
without notes (the bundled guide) gives a basic note per card.

Notes go into ``Guide title::Section title`` decks (a section named with its path,
``A / B``, as ``Guide::A::B``) and keep their tags. Each note's GUID is
``studyguide:<guide id>/<note id>`` (``note_guid``): re-exporting updates the notes in Anki
instead of duplicating them (a note moved to another section keeps its GUID), and importing
the package back into StudyGuide, directly or after Anki, finds every note's id there, so
its cards keep their ids and their progress. The package also holds ``SECTIONS_MEMBER``
(each deck's section id and title), which Anki ignores; a package Anki wrote again has
lost it, and its sections are then named after their decks.

With history, each studied card gets its scheduling (type, queue, due, interval,
repetitions, lapses, FSRS memory state in the card's ``data``) and each answer a ``revlog``
row; ``store.anki.write_package`` writes them into genanki's collection.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from studyguide.domain.card_types import card_ids
from studyguide.domain.guide import Guide, Note
from studyguide.domain.media import is_safe_name
from studyguide.domain.review import CardPhase
from studyguide.domain.study_history import StudyHistory
from studyguide.guides.tabular import valid_id
from studyguide.store.anki import AnkiCardRow, AnkiReviewRow

#: Our note types, by kind: (name, fields, templates (name, question, answer), is cloze).
_CARD = ("{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}")
NOTE_TYPES: dict[str, tuple[str, tuple[str, ...], tuple[tuple[str, str, str], ...], bool]] = {
    "basic": ("Basic", ("Front", "Back"), (("Card 1", *_CARD),), False),
    "reversed": ("Basic (and reversed card)", ("Front", "Back"),
                 (("Card 1", *_CARD), ("Card 2", "{{Back}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}")), False),
    "typein": ("Basic (type in the answer)", ("Front", "Back"),
               (("Card 1", "{{Front}}\n\n{{type:Back}}", "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}"),), False),
    "cloze": ("Cloze", ("Text", "Back Extra"), (("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}"),),
              True),
}
#: Fields after the stock ones in exports before note GUIDs carried our ids (still read back).
OWN_FIELDS = ("Section", "StudyGuide ID")
#: The prefix of our notes' GUIDs (``note_guid``).
GUID_PREFIX = "studyguide:"
#: A member of our packages that Anki does not read: each deck's section id and title, so that a
#: re-import gives the sections their ids (a package Anki wrote has none: titles from deck names).
SECTIONS_MEMBER = "studyguide-sections.json"
_CSS = (".card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n"
        " background-color: white;\n}\n")
_CLOZE_CSS = _CSS + ".cloze {\n font-weight: bold;\n color: blue;\n}\n.nightMode .cloze {\n color: lightblue;\n}\n"
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(media/(?P<name>[a-z0-9][a-z0-9_.-]*)\)")
_DEFAULT_FACTOR = 2500
#: The review log's type (0 learning, 1 review, 2 relearning) of an answer given in each phase.
_LOGGED_TYPE: dict[int | None, int] = {CardPhase.LEARNING: 0, CardPhase.REVIEW: 1, CardPhase.RELEARNING: 2}


def anki_id(*parts: str) -> int:
    """A positive 31-bit id from text, stable across runs (Anki wants ints < 2**63)."""
    return int(hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8], 16) & 0x7FFFFFFF | 1 << 30


def field_html(text: str) -> str:
    """Anki fields are HTML: the text escaped, its line breaks kept; an image of the guide,
    ``![alt](media/NAME)``, becomes ``<img src="NAME" alt="alt">`` (sounds keep Anki's ``[sound:NAME]``)."""
    escaped = html.escape(text).replace("\n", "<br>")
    return _IMAGE.sub(lambda m: f'<img src="{m["name"]}" alt="{m["alt"]}">' if is_safe_name(m["name"]) else m[0],
                      escaped)


def notes_of(guide: Guide) -> list[Note]:
    """The guide's notes; a basic note per card for a guide that has only cards."""
    if guide.notes:
        return list(guide.notes)
    return [Note(id=c.id, section_id=c.section_id, type="basic", front=c.front, back=c.back, position=c.position)
            for c in guide.cards]


def build_package(guide: Guide) -> Any:
    """The ``genanki.Package`` of the guide: its decks, note types and notes."""
    import genanki  # 50 ms to import (yaml, chevron): loaded only when exporting to Anki

    models = {}
    for kind, (name, fields, templates, cloze) in NOTE_TYPES.items():
        models[kind] = genanki.Model(  # ids of their own: before, these note types had two fields more
            anki_id("note type", kind, "stock fields"), name,
            fields=[{"name": f, "font": "Arial"} for f in fields],
            templates=[{"name": t, "qfmt": q, "afmt": a} for t, q, a in templates],
            css=_CLOZE_CSS if cloze else _CSS, model_type=genanki.Model.CLOZE if cloze else genanki.Model.FRONT_BACK)
    top = genanki.Deck(anki_id("deck", guide.info.id), guide.info.title)
    decks = {"": top}
    for note, title, name in _decks_of(guide):
        if title not in decks:
            decks[title] = genanki.Deck(anki_id("deck", guide.info.id, note.section_id), name)
        made = genanki.Note(model=models.get(note.type, models["basic"]),
                            fields=[field_html(note.front), field_html(note.back)],
                            guid=note_guid(guide.info.id, note.id), tags=list(note.tags))
        decks[title].add_note(made)
    return genanki.Package([deck for deck in decks.values() if deck.notes or deck is top])


def _decks_of(guide: Guide) -> Iterable[tuple[Note, str, str]]:
    """Each note with its section's title and its deck's name (``Guide::Section``, a section
    ``A / B`` as ``Guide::A::B``; a note without a section: the guide's deck)."""
    sections = {s.id: s for s in guide.sections}
    for note in notes_of(guide):
        section = sections.get(note.section_id)
        title = section.title if section is not None else ""
        path = "::".join(part.strip() or "_" for part in title.replace(" / ", "::").split("::"))
        yield note, title, f"{guide.info.title}::{path}" if title else guide.info.title


def sections_member(guide: Guide) -> bytes:
    """``SECTIONS_MEMBER``: each deck's section, ``{"sections": {deck name: [section id, title]}}``."""
    found: dict[str, list[str]] = {}
    for note, title, name in _decks_of(guide):
        if title:
            found.setdefault(name, [note.section_id, title])
    return json.dumps({"sections": found}, ensure_ascii=False, indent=1).encode("utf-8")


def suspended_cards(guide: Guide, suspended: Iterable[str]) -> list[tuple[str, int]]:
    """(GUID, ord) of the Anki cards of the ``suspended`` card ids."""
    stopped = set(suspended)
    return [anki_card(guide.info.id, note, card_id) for note in notes_of(guide) for card_id in card_ids(note)
            if card_id in stopped]


def anki_card(guide_id: str, note: Note, card_id: str) -> tuple[str, int]:
    """(GUID, ord) of the Anki card that ``card_id`` of ``note`` becomes."""
    if note.type == "cloze":
        ord_ = int(card_id.rsplit("-c", 1)[1]) - 1
    else:
        ord_ = 1 if note.type == "reversed" and card_id == f"{note.id}-reversed" else 0
    return note_guid(guide_id, note.id), ord_


def note_guid(guide_id: str, note_id: str) -> str:
    """The GUID of a guide's note in Anki: ``studyguide:<guide id>/<note id>``."""
    return f"{GUID_PREFIX}{guide_id}/{note_id}"


def own_note_id(guid: str) -> str:
    """The note id in a GUID ``note_guid`` made; "" for any other GUID."""
    if not guid.startswith(GUID_PREFIX):
        return ""
    guide, _, note = guid[len(GUID_PREFIX):].partition("/")
    return note if valid_id(guide) and valid_id(note) else ""


def _days(span: timedelta) -> int:
    return max(1, round(span.total_seconds() / 86400))


def schedule_rows(guide: Guide, history: StudyHistory) -> tuple[list[AnkiCardRow], list[AnkiReviewRow]]:
    """Anki's card states and review log rows for ``history`` (cards not in the package are left out)."""
    where: dict[str, tuple[str, int]] = {}
    for note in notes_of(guide):
        for card_id in card_ids(note):
            where[card_id] = anki_card(guide.info.id, note, card_id)
    reviews: list[AnkiReviewRow] = []
    reps: dict[str, int] = {}
    lapses: dict[str, int] = {}
    last_interval: dict[str, int] = {}
    last_ms = 0
    for answer in history.answers:
        if answer.card_id not in where:
            continue
        reps[answer.card_id] = reps.get(answer.card_id, 0) + 1
        if answer.rating == 1 and answer.phase_before == CardPhase.REVIEW:
            lapses[answer.card_id] = lapses.get(answer.card_id, 0) + 1
        span = answer.due_after - answer.reviewed_at
        interval = _days(span) if span >= timedelta(days=1) else -max(1, int(span.total_seconds()))
        kind = _LOGGED_TYPE.get(answer.phase_before, 0)
        stamp = max(int(answer.reviewed_at.timestamp() * 1000), last_ms + 1)  # revlog ids are unique
        last_ms = stamp
        guid, ord_ = where[answer.card_id]
        reviews.append(AnkiReviewRow(guid=guid, ord=ord_, id=stamp, ease=answer.rating, interval=interval,
                                     last_interval=last_interval.get(answer.card_id, 0), factor=_DEFAULT_FACTOR,
                                     time_ms=min(max(answer.duration_ms or 0, 0), 60_000), kind=kind))
        last_interval[answer.card_id] = interval
    cards = []
    for state in history.cards:
        if state.card_id not in where:
            continue
        guid, ord_ = where[state.card_id]
        last = state.last_review or state.due
        data: dict[str, Any] = {}
        if state.stability is not None and state.difficulty is not None:
            data = {"s": round(state.stability, 4), "d": round(state.difficulty, 3), "dr": history.desired_retention}
        if state.last_review is not None:
            data["lrt"] = int(state.last_review.timestamp())
        review = state.phase == CardPhase.REVIEW
        day_learning = not review and state.due - last >= timedelta(days=1)
        interval = _days(state.due - last) if review else 0
        cards.append(AnkiCardRow(guid=guid, ord=ord_, kind=state.phase, queue=2 if review else 3 if day_learning
                                 else 1, due=state.due, day_based=review or day_learning, interval=interval,
                                 factor=_DEFAULT_FACTOR,
                                 reps=reps.get(state.card_id, 0), lapses=lapses.get(state.card_id, 0),
                                 data=json.dumps(data, separators=(",", ":")) if data else ""))
    return cards, reviews


def own_ids(value: str, tags: str) -> tuple[str, str]:
    """(note id, section id) from our ``StudyGuide ID`` field: ``section/note``, or (in exports
    before note types) the card id alone with the section id as the note's first tag; "" for none."""
    section, _, note = html.unescape(value).strip().rpartition("/")
    if not section:
        section = tags.split()[0] if tags.split() else ""
    return (note if valid_id(note) else ""), (section if valid_id(section) else "")
