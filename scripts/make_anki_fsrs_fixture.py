"""Make ``tests/data/anki/fsrs-params.apkg`` and ``fsrs-params-legacy.apkg`` with Anki itself.

Two decks, each with a preset of its own: "Params::Own" whose preset holds FSRS-6
parameters of its own (``fsrs_params_6``, as Anki's optimizer leaves them), "Params::Stock"
on a preset without any. Each deck has a card answered under SM-2 (FSRS off: no memory
state), so an import replays its answers, with the preset's parameters where it has them.
Run it as ``scripts/make_anki_fixtures.py`` says (a virtual environment with ``anki``)::

    /tmp/anki-venv/bin/python scripts/make_anki_fsrs_fixture.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from anki.collection import Collection, ExportAnkiPackageOptions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_anki_fixtures import OUT, add, answer  # noqa: E402

#: FSRS-6 parameters unlike the defaults (initial stabilities and the decay changed), all in bounds.
PARAMETERS = [0.5, 2.0, 5.0, 12.0, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614,
              0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.3]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        own = col.decks.id("Params::Own")  # "Params::Stock" is made by its note, on the stock preset
        preset = col.decks.add_config_returning_id("Optimized")
        conf = col.decks.get_config(preset)
        conf["fsrsParams6"] = PARAMETERS
        col.decks.update_config(conf)
        deck = col.decks.get(own)
        deck["conf"] = preset
        col.decks.save(deck)
        first = add(col, "Basic", "Params::Own", ["Own preset", "answered under SM-2"])
        second = add(col, "Basic", "Params::Stock", ["Stock preset", "answered under SM-2"])
        for note in (first, second):
            answer(col, col.card_ids_of_note(note)[0], [3, 1, 3])
        for name, legacy in (("fsrs-params", False), ("fsrs-params-legacy", True)):
            options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=False,
                                               legacy=legacy)
            col.export_anki_package(out_path=str(OUT / f"{name}.apkg"), options=options, limit=None)
        col.close()
    for name in ("fsrs-params", "fsrs-params-legacy"):
        print(f"{name}.apkg: {(OUT / f'{name}.apkg').stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
