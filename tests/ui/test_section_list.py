"""The section list at scale: titles handed to the view in batches, rows found beyond the first batch."""

from __future__ import annotations

import pytest

from studyguide.domain.review import DueCounts
from studyguide.ui.sections import SectionListModel


def _titles(count: int) -> list[tuple[str, str]]:
    return [(f"s{n}", f"Section {n}") for n in range(count)]


def test_a_long_list_is_handed_over_in_batches(qtmodeltester):
    model = SectionListModel()
    model.set_titles(_titles(2 * SectionListModel.BATCH + 7))
    assert model.rowCount() == SectionListModel.BATCH and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * SectionListModel.BATCH + 7 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_finding_a_row_beyond_the_batch_hands_it_over(qtmodeltester):
    model = SectionListModel()
    model.set_titles(_titles(3 * SectionListModel.BATCH))
    row = model.row_of(f"s{2 * SectionListModel.BATCH + 3}")
    assert row == 2 * SectionListModel.BATCH + 3 and model.rowCount() > row
    assert model.index(row, 0).data() == f"{row + 1}. Section {row}"
    assert model.index(row, 0).data(SectionListModel.SectionRole) == f"s{row}"
    assert model.row_of("nope") == -1
    model.set_counts({f"s{row}": DueCounts(new=2, learning=1, review=0)})
    assert model.index(row, 0).data(SectionListModel.CountsRole) == "1 due \u00b7 2 new"
    qtmodeltester.check(model)


def _scrolled_to_the_end(qtbot, model: SectionListModel):
    """A list view of ``model`` scrolled to its end: the view asks for the next batch (page) there."""
    from PySide6.QtWidgets import QListView

    view = QListView()
    qtbot.add_widget(view)
    view.setModel(model)
    view.show()
    view.scrollToBottom()
    qtbot.wait_until(lambda: model.rowCount() > SectionListModel.BATCH)
    return view


def test_the_view_scrolls_to_a_far_section(qtbot):
    model = SectionListModel()
    model.set_titles(_titles(5000))
    view = _scrolled_to_the_end(qtbot, model)
    view.setCurrentIndex(model.index(model.row_of("s4321"), 0))
    assert view.currentIndex().row() == 4321


class _Pages:
    """A store's ``section_titles_page`` over ``count`` sections, remembering what it was asked."""

    def __init__(self, count: int) -> None:
        self.rows = [(f"s{n}", f"Section {n}", (n, f"s{n}")) for n in range(count)]
        self.read = 0

    def __call__(self, after, limit):
        start = 0 if after is None else after[0] + 1
        page = self.rows[start:start + limit]
        self.read += len(page)
        return page


def test_a_long_list_reads_one_page_then_more_as_the_view_scrolls(qtbot, qtmodeltester):
    pages = _Pages(100_000)
    model = SectionListModel()
    model.set_reader(pages)
    assert pages.read == SectionListModel.BATCH  # not 100,000 titles to show a list
    _scrolled_to_the_end(qtbot, model)
    assert pages.read < 10 * SectionListModel.BATCH
    assert model.index(model.rowCount() - 1, 0).data() == f"{model.rowCount()}. Section {model.rowCount() - 1}"
    # A far section is found with its key: pages are read up to it, not all of them.
    row = model.row_of("s4321", (4321, "s4321"))
    assert row == 4321 and pages.read < 4321 + 2 * SectionListModel.BATCH
    qtmodeltester.check(model)


def test_a_short_list_read_by_pages_ends(qtmodeltester):
    pages = _Pages(SectionListModel.BATCH + 3)
    model = SectionListModel()
    model.set_reader(pages)
    model.fetchMore()
    assert model.rowCount() == SectionListModel.BATCH + 3 and not model.canFetchMore()
    assert model.row_of("nope", (10**9, "nope")) == -1
    qtmodeltester.check(model)


def test_the_sections_view_reads_a_long_guides_titles_a_page_at_a_time(qtbot, tmp_path, make_library, monkeypatch):
    from studyguide.domain.guide import Guide, GuideInfo, Section
    from studyguide.guides.build import build_guide
    from studyguide.store.content import ContentStore
    from studyguide.ui.sections import SectionsView

    count = 3 * SectionListModel.BATCH + 11
    # Positions are not the order the sections were written in: the list follows positions.
    sections = tuple(Section(f"s{n:05d}", f"Section {n}", "Text.", position=(n * 7) % count) for n in range(count))
    path = build_guide(Guide(info=GuideInfo(id="long", title="Long"), sections=sections), tmp_path / "long.sqlite")
    library = make_library(bundled=path)
    monkeypatch.setattr(ContentStore, "section_titles", lambda _self: pytest.fail("every title read"))
    view = SectionsView(library=library)
    qtbot.add_widget(view)
    view.set_guide("long")
    view.show()
    by_position = sorted(sections, key=lambda s: s.position)
    assert view.model.rowCount() == SectionListModel.BATCH
    assert view.model.index(0, 0).data(SectionListModel.SectionRole) == by_position[0].id
    far = by_position[-2]
    assert view.show_section(far.id) and view.current_section_id() == far.id
    assert view.list.currentIndex().row() == count - 2


def test_long_titles_leave_the_counts_in_sight(qtbot):
    from PySide6.QtWidgets import QListView

    from studyguide.ui.section_counts import CountsDelegate

    pages = _Pages(3 * SectionListModel.BATCH)
    pages.rows = [(key[1], "A title far too long to fit " * 6 if key[0] % 3 == 0 else "Short", key)
                  for _id, _title, key in pages.rows]
    model = SectionListModel()
    model.set_reader(pages)
    model.set_counts({section_id: DueCounts(new=3, learning=0, review=0) for section_id, _t, _k in pages.rows})
    view = QListView()
    qtbot.add_widget(view)
    view.setModel(model)
    view.setItemDelegate(CountsDelegate(view))
    view.setUniformItemSizes(True)  # as the Sections view has it
    view.resize(280, 300)
    view.show()
    view.scrollToBottom()  # rows read and added as the list scrolls: laid out again
    qtbot.wait_until(lambda: model.rowCount() > SectionListModel.BATCH)
    view.doItemsLayout()
    # No row wider than the list: the counts stay at its right edge, the titles are shortened.
    assert view.horizontalScrollBar().maximum() == 0
    assert view.visualRect(model.index(0, 0)).right() <= view.viewport().width()
