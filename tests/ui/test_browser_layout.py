"""The browser's remembered column widths and order survive anything written in window.ini."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QHeaderView

from studyguide.domain.card_filter import COLUMN_KEYS
from studyguide.ui.browser_layout import MIN_WIDTH, ORDER_KEY, WIDTHS_KEY, restore_layout, save_layout

_pieces = st.one_of(st.sampled_from(COLUMN_KEYS), st.text(max_size=8))
_items = st.one_of(_pieces, st.builds(lambda k, w: f"{k}:{w}", _pieces, st.integers(-5, 5000)))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(widths=st.lists(_items, max_size=12), order=st.lists(_items, max_size=20))
def test_any_noted_layout_restores_every_column_and_saves_back(qapp, tmp_path, widths, order):
    model = QStandardItemModel(1, len(COLUMN_KEYS))
    header = QHeaderView(Qt.Orientation.Horizontal)
    header.setModel(model)
    store = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    store.setValue(WIDTHS_KEY, ",".join(widths))
    store.setValue(ORDER_KEY, ",".join(order))
    restore_layout(store, header, COLUMN_KEYS)
    assert sorted(header.logicalIndex(v) for v in range(header.count())) == list(range(len(COLUMN_KEYS)))
    assert all(header.sectionSize(n) >= MIN_WIDTH for n in range(len(COLUMN_KEYS)))
    save_layout(store, header, COLUMN_KEYS)
    again = QHeaderView(Qt.Orientation.Horizontal)
    again.setModel(model)
    restore_layout(store, again, COLUMN_KEYS)
    columns = range(len(COLUMN_KEYS))
    assert [again.logicalIndex(v) for v in columns] == [header.logicalIndex(v) for v in columns]
    assert [again.sectionSize(n) for n in columns] == [header.sectionSize(n) for n in columns]
