"""A device of the sync tests, as a process of its own: ``study LIB RATINGS UNDO [EDIT]`` answers the
due and new cards of the library's first guide (then takes the last answer back when UNDO is 1;
with EDIT, rewords its first card and suspends or brings back its second); ``author LIB SEED`` makes
a few random changes to the library's own guides;
``browse LIB forget|due UNDO`` forgets (or sets due in 3 days) the first two studied cards, as the card
browser does (then undoes it when UNDO is 1);
``write-big FOLDER DEVICE MEGABYTES`` writes one large segment (for the kill -9 test)."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path


def study(home: Path, ratings: str, undo: bool, edit: str = "") -> None:
    from studyguide import paths
    from studyguide.library import Library
    from studyguide.review.scheduler import Rating

    library = Library(home=home, bundled_guide=Path(os.environ.get("SYNC_TEST_GUIDE", paths.bundled_guide_database())),
                      clock=lambda: datetime.now(timezone.utc))
    try:
        session = library.start_review(library.guides()[0].id)
        for rating in ratings:
            if session.current is None:
                break
            session.reveal()
            session.answer(Rating(int(rating)))
        if undo:
            session.undo()
        if edit:  # the learner rewords the guide's first card and suspends (or brings back) its second
            guide = library.guides()[0].id
            first, second = [c.id for c in library.load_guide(guide).cards][:2]
            library.review.set_card_text(guide, first, front=edit, back=None)
            library.review.set_suspended_cards([(guide, second)], suspended=len(edit) % 2 == 0)
    finally:
        library.close()


def author(home: Path, seed: int) -> None:
    """A few random authoring operations on this library's own guides (made first when it has none):
    sections, cards, events and images added, edited, moved and deleted, and guides renamed."""
    import random

    from studyguide import paths
    from studyguide.authoring import Authoring
    from studyguide.library import Library
    from tests.media_samples import png

    pick = random.Random(seed)
    library = Library(home=home, bundled_guide=Path(os.environ.get("SYNC_TEST_GUIDE", paths.bundled_guide_database())),
                      clock=lambda: datetime.now(timezone.utc))
    write = Authoring(library=library)
    try:
        mine = [g.id for g in library.guides() if library.is_user_guide(g.id)]
        guide = pick.choice(mine) if mine else write.new_guide("Notes", id="notes").ids[0]
        for _ in range(pick.randint(1, 4)):
            ids = [section_id for section_id, _title in library.content(guide).section_titles()]
            cards = [c.id for c in library.load_guide(guide).cards]
            events = [e.id for e in library.load_guide(guide).events]
            word = f"{pick.choice(['alpha', 'beta', 'gamma'])}-{seed}-{pick.randint(0, 9)}"
            choice = pick.choice(["section", "section", "edit", "move", "delete", "card", "card", "edit-card",
                                  "delete-card", "event", "delete-event", "image", "rename"])
            if choice == "section" or not ids:
                write.add_section(guide, f"Section {word}", f"Body {word}", tags=[word[:5]])
            elif choice == "edit":
                write.edit_section(guide, pick.choice(ids), body=f"Edited {word}")
            elif choice == "move":
                write.move_section(guide, pick.choice(ids), pick.randint(0, len(ids)))
            elif choice == "delete":
                write.delete_section(guide, pick.choice(ids))
            elif choice == "card" or (choice in ("edit-card", "delete-card") and not cards):
                write.add_card(guide, pick.choice(ids), f"Question {word}?", f"Answer {word}")
            elif choice == "edit-card":
                write.edit_card(guide, pick.choice(cards), back=f"Another answer {word}")
            elif choice == "delete-card":
                write.delete_card(guide, pick.choice(cards))
            elif choice == "event" or not events:
                write.add_event(guide, pick.choice(ids), f"Event {word}", str(1900 + pick.randint(0, 99)))
            elif choice == "delete-event":
                write.delete_event(guide, pick.choice(events))
            elif choice == "image":
                name = write.add_media(guide, png(rgb=(pick.randint(0, 255), 0, 0)), f"{word}.png")
                write.edit_section(guide, pick.choice(ids), body=f"Picture {word}\n\n![{word}](media/{name})")
            else:
                library.rename_guide(guide, f"Notes {word}")
    finally:
        write.close()
        library.close()


def browse(home: Path, kind: str, undo: bool) -> None:
    from studyguide import paths
    from studyguide.library import Library

    library = Library(home=home, bundled_guide=Path(os.environ.get("SYNC_TEST_GUIDE", paths.bundled_guide_database())),
                      clock=lambda: datetime.now(timezone.utc))
    try:
        guide = library.guides()[0].id
        studied = sorted(library.progress.card_states(guide))[:2] or [library.load_guide(guide).cards[0].id]
        keys = [(guide, card) for card in studied]
        _, snapshot = library.cards.forget(keys) if kind == "forget" else library.cards.set_due(keys, 3)
        if undo:
            library.cards.restore(keys, snapshot)
    finally:
        library.close()


def write_big(folder: Path, device: str, megabytes: int) -> None:
    from studyguide.store.journal_files import encode_segment, write_segment

    entries = [{"k": "undo", "of": [os.urandom(16).hex(), n, 0]} for n in range(megabytes * 16_000)]
    data = encode_segment(device_id=device, device_name="big", number=1, entries=entries, written_at="")
    print(len(data), flush=True)
    write_segment(folder, device, 1, data)


if __name__ == "__main__":
    if sys.argv[1] == "study":
        study(Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "1", *sys.argv[5:6])
    elif sys.argv[1] == "author":
        author(Path(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1] == "browse":
        browse(Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "1")
    else:
        write_big(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
