"""The streamed reader's short way for two-column rows (issue 18) gives exactly the cards that
reading the whole file does (``tabular.read_table``), whatever the cells hold."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from studyguide.guides.markdown import GuideFormatError
from studyguide.guides.table_stream import TableRows, scan
from studyguide.guides.tabular import read_table

# Cells that exercise every rule the short way must keep: spaces and line breaks to fold or
# trim, a trailing "{#id}", reserved lines ("# ", "## cards"), blank cells, repeated fronts.
_PIECES = st.sampled_from(["word", " ", "  ", "\n", "\r\n", "\t", "{#x}", "# head", "## cards", "#", "é",
                           "\\", '"', "same", "{#", ""])
_CELL = st.lists(_PIECES, max_size=6).map("".join)
_ROW = st.one_of(st.tuples(_CELL, _CELL).map(list), st.lists(_CELL, min_size=1, max_size=5))  # mostly two cells
_HEADERS = st.sampled_from([None, ["front", "back"], ["back", "front"], ["question", "answer", "deck"],
                            ["front", "back", "tags"]])


def _streamed(path: Path, batch: int) -> tuple[list[tuple[object, ...]], list[tuple[str, str]], int]:
    rows = TableRows(path, scan(path), title="Title", batch=batch)
    cards = [card for part in rows.batches() for card in part]
    return cards, [(s.id, s.title) for s in rows.ids.sections()], rows.extra_rows


@settings(max_examples=300)
@given(header=_HEADERS, rows=st.lists(_ROW, min_size=1, max_size=12), batch=st.integers(1, 4))
def test_streamed_rows_equal_the_whole_file_read(tmp_path_factory, header: list[str] | None,
                                                 rows: list[list[str]], batch: int) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    assume(text.strip())  # an empty file is refused before any row is read, by both
    path = tmp_path_factory.mktemp("rows") / "cards.tsv"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        whole, warnings = read_table(text, name=path.name, guide_id="g", title="Title")
    except GuideFormatError as expected:
        try:
            _streamed(path, batch)
        except GuideFormatError as error:
            assert (str(error), error.line) == (str(expected), expected.line)
        else:
            raise AssertionError(f"the streamed read took what the whole read refused: {expected}")
        return
    cards, sections, extra_rows = _streamed(path, batch)
    by_file = sorted(cards, key=lambda c: c[2])  # file order; read_table's are in section order
    order = {ident: i for i, (ident, _) in enumerate(sections)}
    in_sections = sorted(by_file, key=lambda c: order[c[1]])
    assert [(c[0], c[1], c[3], c[4]) for c in in_sections] == [(c.id, c.section_id, c.front, c.back)
                                                               for c in whole.cards]
    assert sections == [(s.id, s.title) for s in whole.sections]
    assert bool(extra_rows) == any("extra columns" in w for w in warnings)
