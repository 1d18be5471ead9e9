"""Import a package with Anki itself and print what Anki sees, as JSON (run by the ``anki`` venv's Python).

    python tests/anki_reader.py [--export OUT.apkg] PACKAGE.apkg [MORE.apkg ...]

Used by tests/unit/test_anki_export_real.py: a fresh collection imports the packages, in
order, with Anki's own importer (scheduling included), then its notes (note type, fields, tags, cards
with their deck, type, queue, interval and memory state), the review log, the deck names and
the media folder's files (name -> sha256) are printed. ``--export`` then writes the
collection out as Anki's own package (current format, with scheduling and media).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile

from anki.collection import (
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)


def main(packages: list[str], export_to: str | None = None) -> None:
    folder = tempfile.mkdtemp(prefix="anki-reader-")
    col = Collection(os.path.join(folder, "collection.anki2"))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False)
        for package in packages:
            col.import_anki_package(ImportAnkiPackageRequest(package_path=package, options=options))
        notes = []
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            kind = note.note_type()
            assert kind is not None
            cards = []
            for card in note.cards():
                memory = card.memory_state
                cards.append({"ord": card.ord, "deck": col.decks.name(card.did), "type": card.type,
                              "queue": card.queue, "ivl": card.ivl, "reps": card.reps, "lapses": card.lapses,
                              "stability": memory.stability if memory else None,
                              "difficulty": memory.difficulty if memory else None})
            notes.append({"type": kind["name"], "cloze": kind["type"] == 1,
                          "fields": [f["name"] for f in kind["flds"]], "values": list(note.fields),
                          "tags": list(note.tags), "cards": cards})
        revlog = [{"id": r[0], "ease": r[1], "ivl": r[2], "type": r[3], "time": r[4]}
                  for r in col.db.all("SELECT id, ease, ivl, type, time FROM revlog ORDER BY id")]
        media = {}
        for name in sorted(os.listdir(col.media.dir())):
            with open(os.path.join(col.media.dir(), name), "rb") as file:
                media[name] = hashlib.sha256(file.read()).hexdigest()
        decks = sorted(d.name for d in col.decks.all_names_and_ids())
        if export_to is not None:
            col.export_anki_package(out_path=export_to, limit=None, options=ExportAnkiPackageOptions(
                with_scheduling=True, with_deck_configs=True, with_media=True, legacy=False))
    finally:
        col.close()
        shutil.rmtree(folder)  # the collection and its media folder: nothing is left in the temporary folder
    json.dump({"notes": notes, "revlog": revlog, "media": media, "decks": decks}, sys.stdout)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--export"]:
        main(arguments[2:], export_to=arguments[1])
    else:
        main(arguments)
