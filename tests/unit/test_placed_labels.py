"""``time_axis.placed_labels``: tick labels kept whole between the axis's ends, never overlapping."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from studyguide.domain.time_axis import placed_labels

_label = st.tuples(st.floats(-200, 1200), st.floats(1, 300), st.booleans())


@given(st.lists(_label, max_size=12), st.floats(0, 100), st.floats(150, 1000))
def test_placed_labels_are_whole_inside_and_apart(labels, left, room):
    right = left + room
    starts = placed_labels(labels, left, right)
    placed = sorted((start, start + width) for (_x, width, _major), start in zip(labels, starts, strict=True)
                    if start is not None)
    assert all(left - 1e-9 <= start and end <= right + 1e-9 for start, end in placed)
    assert all(one[1] + 8 <= other[0] + 1e-9 for one, other in pairwise(placed))


def test_a_label_by_the_left_edge_is_shifted_inward_not_cut():
    # "Jan 1, 1959" centred on a tick 20 px from the edge would start at -18.
    assert placed_labels([(20.0, 76.0, True), (400.0, 76.0, True)], 0.0, 880.0) == [0.0, 362.0]
    assert placed_labels([(870.0, 76.0, True)], 0.0, 880.0) == [804.0]


def test_a_shifted_label_that_would_meet_its_neighbour_is_left_out_before_a_major_one():
    assert placed_labels([(5.0, 60.0, False), (50.0, 60.0, True)], 0.0, 880.0) == [None, 20.0]
    assert placed_labels([(10.0, 900.0, True)], 0.0, 880.0) == [None]
