"""The timeline's time scale (crowded stretches get room), fitting, readable zoom and ticks: pure, no Qt."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from studyguide.domain import timeline as tl
from studyguide.domain.dates import position_of
from studyguide.domain.timescale import TimeScale, day_label, scaled_ticks


def day(year: int, month: int, d: int) -> tuple[float, float]:
    return position_of(year, month, d), position_of(year, month, d) + 1 / 365


#: The shape of the bundled guide: a few years of context, then days of crisis.
CRISIS = [(1959.0, 1960.0), (1961.0, 1962.0), (1962.0, 1963.0), day(1962, 10, 16), day(1962, 10, 22),
          (position_of(1962, 10, 16), position_of(1962, 10, 29)), day(1962, 10, 27), day(1962, 10, 28)]


def test_an_empty_or_single_date_scale_is_the_identity() -> None:
    for spans in ([], [(1962.0, 1962.0)]):
        scale = TimeScale.for_spans(spans, [100.0] * len(spans))
        assert scale.to_scaled(1962.5) == 1962.5 and scale.to_years(-44.0) == -44.0


def test_a_cluster_of_days_gets_room_and_empty_years_shrink() -> None:
    scale = TimeScale.for_spans(CRISIS, [200.0] * len(CRISIS))
    first, last = CRISIS[0][0], max(s[1] for s in CRISIS)
    total = last - first
    assert scale.to_scaled(first) == first and scale.to_scaled(last) == pytest.approx(last)
    days = scale.to_scaled(CRISIS[4][0]) - scale.to_scaled(CRISIS[3][0])  # Oct 16 -> Oct 22
    assert (CRISIS[4][0] - CRISIS[3][0]) / total < 0.005  # on a linear axis: a sliver
    assert days / total > 0.08
    # Two empty years (1959 to 1961) get less than their linear share.
    assert (scale.to_scaled(1961.0) - scale.to_scaled(1959.0)) / total < 2 / total


def test_a_linear_time_share_of_one_is_the_identity() -> None:
    scale = TimeScale.for_spans(CRISIS, [200.0] * len(CRISIS), time_share=1.0)
    for position in (1959.0, 1960.5, CRISIS[4][0], 1963.0, 1970.0):
        assert scale.to_scaled(position) == pytest.approx(position)


def test_many_start_dates_are_grouped_into_at_most_max_pieces() -> None:
    spans = [(1000 + i / 7, 1000 + i / 7 + 0.01) for i in range(1000)]
    scale = TimeScale.for_spans(spans, [50.0] * 1000, max_pieces=16)
    assert len(scale.knots) <= 17
    assert scale.to_scaled(spans[0][0]) == spans[0][0]


def test_a_scale_must_increase() -> None:
    with pytest.raises(ValueError):
        TimeScale((1.0, 2.0), (1.0, 1.0))
    with pytest.raises(ValueError):
        TimeScale.for_spans([(1.0, 2.0)], [])


spans_strategy = st.lists(
    st.tuples(st.floats(-3000, 3000, allow_nan=False), st.floats(0, 50, allow_nan=False),
              st.floats(0, 400, allow_nan=False)),
    min_size=1, max_size=40)


@given(spans_strategy, st.floats(-4000, 4000, allow_nan=False))
def test_the_scale_is_increasing_and_inverts(raw, position) -> None:
    spans = [(a, a + length) for a, length, _ in raw]
    scale = TimeScale.for_spans(spans, [w for *_, w in raw])
    assert scale.to_years(scale.to_scaled(position)) == pytest.approx(position, abs=1e-6)
    scaled = scale.scaled_spans(sorted(spans))
    assert all(a <= b for a, b in scaled)
    firsts = [a for a, _ in scaled]
    assert firsts == sorted(firsts)
    for outer in spans:  # containment (periods holding events) survives the scale
        for inner in spans:
            if tl.contains(outer, inner):
                (o_first, o_last), (i_first, i_last) = scale.scaled_spans([outer, inner])
                # Spans a float apart may scale to the same span: still held, never outside.
                assert o_first <= i_first and i_last <= o_last


@given(spans_strategy, st.floats(100, 3000))
@example([(0.0, 0.0, 0.0), (2.2e-309, 0.0, 0.0)], 100.0)  # apart by a subnormal: the zoom overflowed
def test_fit_zoom_puts_every_mark_and_label_inside_the_width(raw, width) -> None:
    spans = [(a, a + length) for a, length, _ in raw]
    labels = [w for *_, w in raw]
    px = tl.fit_zoom(spans, labels, width=width)
    if px is None:
        assert all(s == spans[0] for s in spans) and spans[0][0] == spans[0][1]
        return
    origin = min(a for a, _ in spans)
    for (first, last), label in zip(spans, labels, strict=True):
        assert (last - origin) * px <= width + 1e-6
        if label <= width / 2:
            assert (first - origin) * px + label <= width + 1e-6


def test_fit_zoom_fills_the_width_with_the_last_label() -> None:
    px = tl.fit_zoom([(0.0, 0.0), (10.0, 10.0)], [100.0, 300.0], width=1000)
    assert px == pytest.approx(70.0)  # the last label ends exactly at the right edge
    assert tl.fit_zoom([(5.0, 5.0)], [100.0], width=1000) is None


def test_readable_zoom_zooms_in_on_a_small_item_and_keeps_a_period_in_view() -> None:
    a_day = (0.0, 1 / 365)
    assert tl.readable_zoom(a_day, current=100.0, view_width=1000, min_px=48) == pytest.approx(48 * 365)
    assert tl.readable_zoom(a_day, current=365 * 100, view_width=1000, min_px=48) == 365 * 100
    decade = (0.0, 10.0)
    assert tl.readable_zoom(decade, current=1000.0, view_width=1000, min_px=48) == pytest.approx(80.0)


def test_ticks_can_name_the_month_of_their_first_tick() -> None:
    oct15 = position_of(1962, 10, 15)
    plain = tl.ticks(oct15, position_of(1962, 11, 20), px_per_year=365 * 14)
    named = tl.ticks(oct15, position_of(1962, 11, 20), px_per_year=365 * 14, context_first=True)
    first = next(i for i, t in enumerate(named) if t.position >= oct15)
    assert plain[first].label == "15" and named[first].label == "Oct 15"
    assert [t.label for t in named[first + 1:]] == [t.label for t in plain[first + 1:]]


def test_scaled_ticks_are_spaced_and_name_the_days_of_a_crowded_stretch() -> None:
    scale = TimeScale.for_spans(CRISIS, [200.0] * len(CRISIS))
    px = 1200 / (scale.to_scaled(1963.0) - 1959.0)
    found = scaled_ticks(scale, 1959.0, 1963.0, px_per_unit=px)
    xs = [t.position * px for t in found]
    assert all(b - a >= 90 - 1e-6 for a, b in pairwise(xs))
    labels = [t.label for t in found]
    assert "1960" in labels and any(label.startswith("Oct ") for label in labels), labels


@given(st.floats(-3000, 3000, allow_nan=False), st.floats(0.01, 1e5), st.floats(0.1, 1000))
def test_scaled_ticks_never_crowd(first, length, px) -> None:
    scale = TimeScale.for_spans(CRISIS, [150.0] * len(CRISIS))
    found = scaled_ticks(scale, first, first + min(length, 5000 / px), px_per_unit=px)
    xs = [t.position * px for t in found]
    assert all(b - a >= 90 - 1e-6 for a, b in pairwise(xs))


def test_day_label_names_the_day() -> None:
    assert day_label(position_of(1962, 10, 27)) == "Oct 27"
    assert day_label(position_of(1962, 1, 1)) == "1962"
    assert day_label(position_of(-44, 3, 15)) == "Mar 15"
    assert day_label(position_of(1964, 12, 31)) == "Dec 31"


def test_spans_a_float_apart_stay_held_when_they_scale_to_one_span() -> None:
    # Found by hypothesis: (0, 3.7e-118) holds (0, 0), and both scale to (0.75, 0.75).
    scale = TimeScale((-1.0, 0.0, 1.0), (-1.0, 0.75, 1.0))
    (o_first, o_last), (i_first, i_last) = scale.scaled_spans([(0.0, 3.7e-118), (0.0, 0.0)])
    assert o_first <= i_first and i_last <= o_last
