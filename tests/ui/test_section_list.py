"""The section list at scale: titles handed to the view in batches, rows found beyond the first batch."""

from __future__ import annotations

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


def test_the_view_scrolls_to_a_far_section(qtbot):
    from PySide6.QtWidgets import QListView

    model = SectionListModel()
    model.set_titles(_titles(5000))
    view = QListView()
    qtbot.add_widget(view)
    view.setModel(model)
    view.show()
    view.scrollToBottom()  # the view asks for the next batch when it reaches the end
    qtbot.wait_until(lambda: model.rowCount() > SectionListModel.BATCH)
    view.setCurrentIndex(model.index(model.row_of("s4321"), 0))
    assert view.currentIndex().row() == 4321
