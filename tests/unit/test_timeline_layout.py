"""Unit tests for studyguide.domain.timeline: row packing, layout and axis ticks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyguide.domain.timeline import (
    Placement,
    ZoomLayouts,
    chronological,
    contains,
    layout,
    layout_columns,
    pack_rows,
    ticks,
    to_x,
)

# --- pack_rows: hand-drawn cases -------------------------------------------------------------


@pytest.mark.parametrize(
    ("extents", "rows"),
    [
        pytest.param([], [], id="nothing"),
        pytest.param([(0, 10)], [0], id="one"),
        # |---|   |---|   |---|
        pytest.param([(0, 10), (20, 30), (40, 50)], [0, 0, 0], id="apart-one-row"),
        # |------|
        #    |------|
        pytest.param([(0, 10), (5, 15)], [0, 1], id="overlap-two-rows"),
        # |----------|
        #   |--|
        #        |--|
        pytest.param([(0, 100), (10, 20), (50, 60)], [0, 1, 1], id="nested-share-second-row"),
        # Three on top of each other need three rows.
        pytest.param([(0, 10), (0, 10), (0, 10)], [0, 1, 2], id="stacked"),
        # Touching is not enough: the default gap is 8 px.
        pytest.param([(0, 10), (10, 20)], [0, 1], id="touching-needs-gap"),
        pytest.param([(0, 10), (17.9, 30)], [0, 1], id="gap-just-short"),
        pytest.param([(0, 10), (18, 30)], [0, 0], id="gap-exact"),
        # |----|           row 0 frees up at 10 ...
        #   |-----------|  row 1
        #          |--|    ... so this one goes back to row 0
        pytest.param([(0, 10), (5, 50), (30, 40)], [0, 1, 0], id="freed-row-reused"),
        # Input order is kept in the output even when unsorted.
        pytest.param([(30, 40), (5, 50), (0, 10)], [0, 1, 0], id="input-order-kept"),
        pytest.param([(100, 110), (0, 10), (50, 60)], [0, 0, 0], id="unsorted-apart"),
        # Lowest free row wins, not the last one used.
        pytest.param([(0, 10), (2, 30), (4, 60), (20, 25)], [0, 1, 2, 0], id="lowest-free-row"),
    ],
)
def test_pack_rows(extents: list[tuple[float, float]], rows: list[int]) -> None:
    assert pack_rows(extents) == rows


def test_pack_rows_with_zero_gap_lets_touching_extents_share() -> None:
    assert pack_rows([(0, 10), (10, 20)], gap=0) == [0, 0]


def test_pack_rows_larger_gap_pushes_to_next_row() -> None:
    assert pack_rows([(0, 10), (30, 40)], gap=25) == [0, 1]
    assert pack_rows([(0, 10), (30, 40)], gap=20) == [0, 0]


# --- layout ---------------------------------------------------------------------------------


def test_to_x_is_linear_in_position() -> None:
    assert to_x(1962.0, origin=1960.0, px_per_year=100) == 200
    assert to_x(1960.0, origin=1960.0, px_per_year=100) == 0
    assert to_x(1959.5, origin=1960.0, px_per_year=100) == -50


def test_layout_positions_are_proportional_to_dates() -> None:
    spans = [(1959.0, 1960.0), (1961.0, 1961.0), (1962.5, 1962.75)]

    placements = layout(spans, [10, 10, 10], origin=1959.0, px_per_year=200)

    assert [p.x0 for p in placements] == [0, 400, 700]
    assert placements[0].x1 == 200
    assert placements[2].x1 == 750


def test_layout_gives_an_instant_the_minimum_mark_width() -> None:
    (placement,) = layout([(1962.0, 1962.0)], [0], origin=1960, px_per_year=10, min_mark=6)

    assert placement == Placement(x0=20, x1=26, row=0)


def test_layout_puts_overlapping_labels_in_different_rows() -> None:
    # Two events a month apart, with labels wider than that month.
    spans = [(1962.0, 1962.0), (1962.1, 1962.1), (1965.0, 1965.0)]

    placements = layout(spans, [120, 120, 120], origin=1960, px_per_year=100)

    assert [p.row for p in placements] == [0, 1, 0]


def test_layout_requires_one_width_per_span() -> None:
    with pytest.raises(ValueError):
        layout([(1962.0, 1963.0)], [10, 20], origin=1960, px_per_year=10)


def _extent(placement: Placement, width: float) -> tuple[float, float]:
    return placement.x0, max(placement.x1, placement.x0 + width)


years = st.floats(min_value=-500, max_value=2100, allow_nan=False, allow_infinity=False)
items = st.lists(
    st.tuples(years, st.floats(min_value=0, max_value=30), st.floats(min_value=0, max_value=400)),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(items=items, px_per_year=st.floats(min_value=0.05, max_value=365 * 400))
def test_layout_never_overlaps_labels_in_one_row(
    items: list[tuple[float, float, float]], px_per_year: float
) -> None:
    spans = [(first, first + length) for first, length, _ in items]
    widths = [width for _, _, width in items]

    placements = layout(spans, widths, origin=-600, px_per_year=px_per_year)

    assert len(placements) == len(spans)
    for (first, _), placement in zip(spans, placements, strict=True):
        assert placement.x0 == pytest.approx(to_x(first, origin=-600, px_per_year=px_per_year))
        assert placement.x1 >= placement.x0
    for i, (a, wa) in enumerate(zip(placements, widths, strict=True)):
        for b, wb in zip(placements[i + 1 :], widths[i + 1 :], strict=True):
            if a.row != b.row:
                continue
            (l1, r1), (l2, r2) = sorted([_extent(a, wa), _extent(b, wb)])
            assert l2 >= r1, f"row {a.row}: {(l1, r1)} overlaps {(l2, r2)}"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e4, 1e4), st.floats(0, 1e3)), max_size=50))
def test_pack_rows_uses_rows_without_holes(raw: list[tuple[float, float]]) -> None:
    extents = [(left, left + width) for left, width in raw]

    rows = pack_rows(extents)

    assert len(rows) == len(extents)
    assert set(rows) == set(range(len(set(rows))))


# --- ticks ----------------------------------------------------------------------------------


def _min_gap_px(result, px_per_year: float) -> float:
    positions = [tick.position * px_per_year for tick in result]
    return min(b - a for a, b in zip(positions, positions[1:], strict=False))


def test_ticks_are_years_when_zoomed_out() -> None:
    result = ticks(1955, 1966, px_per_year=100)

    assert [t.label for t in result] == [str(y) for y in range(1955, 1967)]
    assert all(t.position == int(t.label) for t in result)


def test_ticks_step_over_years_when_further_out() -> None:
    result = ticks(1900, 2000, px_per_year=10)

    assert [t.position for t in result] == [float(y) for y in range(1900, 2001, 10)]
    assert all(t.major for t in result)


def test_ticks_label_bce_years() -> None:
    result = ticks(-60, -30, px_per_year=10)

    assert [t.label for t in result] == ["60 BCE", "50 BCE", "40 BCE", "30 BCE"]


def test_ticks_are_months_when_zoomed_in() -> None:
    result = ticks(1962.0, 1963.0, px_per_year=1500)

    labels = [t.label for t in result]
    assert labels[:3] == ["Jan 1962", "Feb", "Mar"]
    assert "Oct" in labels and "Jan 1963" in labels
    assert [t.major for t in result if t.label.startswith("Jan")] == [True, True]


def test_ticks_are_days_when_very_zoomed_in() -> None:
    result = ticks(1962.79, 1962.84, px_per_year=365 * 120)

    labels = [t.label for t in result]
    assert "16" in labels and "28" in labels
    assert "Nov 1" in labels
    assert all(label.isdigit() or label.startswith(("Oct", "Nov")) for label in labels)


def test_ticks_empty_for_empty_range_or_zoom() -> None:
    assert ticks(1962, 1962, px_per_year=100) == []
    assert ticks(1963, 1962, px_per_year=100) == []
    assert ticks(1962, 1963, px_per_year=0) == []


@pytest.mark.parametrize(
    ("first", "last", "px_per_year"),
    [
        (-500, 2000, 0.2),  # centuries
        (1900, 2000, 10),  # decades
        (1950, 1970, 95),  # years
        (1960, 1965, 1300),  # months
        (1962.7, 1962.9, 365 * 95),  # days (1962 is not a leap year)
    ],
)
def test_ticks_are_at_least_min_spacing_apart(
    first: float, last: float, px_per_year: float
) -> None:
    result = ticks(first, last, px_per_year=px_per_year, min_spacing=90)

    assert len(result) >= 2
    assert _min_gap_px(result, px_per_year) >= 90


def test_month_ticks_respect_min_spacing_at_the_switch_zoom() -> None:
    result = ticks(1960, 1963, px_per_year=1080, min_spacing=90)

    assert _min_gap_px(result, 1080) >= 90


def test_year_ticks_respect_min_spacing_at_the_smallest_zoom() -> None:
    result = ticks(-3000, 2100, px_per_year=0.05, min_spacing=90)

    assert _min_gap_px(result, 0.05) >= 90


# --- fast packing, columns, containment ------------------------------------------------------


def _naive_pack(extents: list[tuple[float, float]], gap: float = 8.0) -> list[int]:
    """The obvious O(n * rows) greedy packing, to check the heap version against."""
    order = sorted(range(len(extents)), key=lambda i: extents[i])
    row_ends: list[float] = []
    rows = [0] * len(extents)
    for index in order:
        left, right = extents[index]
        for row, end in enumerate(row_ends):
            if left >= end + gap:
                row_ends[row] = right
                rows[index] = row
                break
        else:
            row_ends.append(right)
            rows[index] = len(row_ends) - 1
    return rows


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e4, 1e4), st.floats(0, 1e3)), max_size=60))
def test_pack_rows_matches_the_naive_greedy_packing(raw: list[tuple[float, float]]) -> None:
    extents = [(left, left + width) for left, width in raw]
    assert pack_rows(extents) == _naive_pack(extents)


def test_layout_columns_match_layout() -> None:
    spans = [(1962.0, 1962.0), (1962.1, 1963.5), (1965.0, 1965.2), (1962.05, 1962.06)]
    widths = [120, 40, 80, 60]
    order = chronological(spans)
    placements = layout(spans, widths, origin=1960, px_per_year=100)
    x0s, x1s, rows = layout_columns(spans, widths, origin=1960, px_per_year=100, order=order)

    assert [(p.x0, p.x1, p.row) for p in placements] == list(zip(x0s, x1s, rows, strict=True))
    assert order == [0, 3, 1, 2]


def test_contains_is_true_only_for_spans_inside_a_period() -> None:
    thirteen_days = (1962.79, 1962.83)
    assert contains(thirteen_days, (1962.80, 1962.81))
    assert contains(thirteen_days, (1962.79, 1962.80))
    assert not contains(thirteen_days, (1962.75, 1962.80))
    assert not contains(thirteen_days, thirteen_days)


def test_zoom_layouts_keep_recent_layouts_and_match_layout_columns() -> None:
    spans = [(1959.0, 1960.0), (1961.3, 1961.3), (1962.79, 1962.83), (1962.8, 1962.8)]
    widths = [150.0, 120.0, 90.0, 200.0]
    layouts = ZoomLayouts(spans, widths, margin_px=90, keep=2)

    first = layouts.get(100.0)
    assert layouts.origin(100.0) == pytest.approx(1959.0 - 0.9)
    assert first == layout_columns(spans, widths, origin=1959.0 - 0.9, px_per_year=100.0)
    assert layouts.get(100.0) is first
    layouts.get(150.0)
    layouts.get(100.0)  # used again: now the most recent
    layouts.get(225.0)  # evicts 150, the least recently used
    assert layouts.has(100.0) and layouts.has(225.0) and not layouts.has(150.0)


def test_zoom_layouts_of_nothing() -> None:
    assert ZoomLayouts([], [], margin_px=90).get(10.0) == ([], [], [])
