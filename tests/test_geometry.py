"""The diagram's geometry as pure functions over points and boxes: no mobject, no scene."""

from __future__ import annotations

import itertools

import pytest

from scenes.drawing.geometry import Box, column_layout, edge_point, plan_labels
from scenes.drawing.style import LABEL_POSITIONS


def test_boxes_overlap_only_when_they_meet() -> None:
    a = Box(0, 0, 1, 1)
    assert a.overlaps(Box(0.5, 0.5, 2, 2))
    assert not a.overlaps(Box(1.1, 0, 2, 1))
    assert a.overlaps(Box(1.03, 0, 2, 1))  # within the margin
    assert not a.overlaps(Box(1.03, 0, 2, 1), margin=0.0)


def test_a_segment_crosses_a_box_only_through_it() -> None:
    box = Box(-0.5, -0.5, 0.5, 0.5)
    assert box.crossed_by(((-2.0, 0.0), (2.0, 0.0)))
    assert not box.crossed_by(((-2.0, 1.0), (2.0, 1.0)))
    assert Box.around((1.0, 2.0), 2.0, 4.0) == Box(0.0, 0.0, 2.0, 4.0)


@pytest.mark.parametrize("layers", [(1, 1), (2, 2, 1), (3, 1, 4), (4, 4, 4, 4, 4)])
def test_columns_spread_over_the_box_neuron_one_on_top(layers: tuple[int, ...]) -> None:
    layout = column_layout(layers, width=7.6, height=6.1, centre=(-3.05, -0.5, 0.0), radius=0.52)
    assert [len(c) for c in layout.centres] == list(layers)
    xs = [column[0][0] for column in layout.centres]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert xs[0] - 0.52 >= -3.05 - 7.6 / 2 and xs[-1] + 0.52 <= -3.05 + 7.6 / 2
    for column in layout.centres:
        assert len({x for x, _ in column}) == 1  # one column, one x
        ys = [y for _, y in column]
        assert ys == sorted(ys, reverse=True)
        for (_, y1), (_, y2) in itertools.pairwise(column):
            assert y1 - y2 >= 2 * 0.52  # neurons never overlap


def test_edge_points_run_from_source_to_target() -> None:
    assert edge_point(((0.0, 0.0), (2.0, 4.0)), 0.25) == (0.5, 1.0)


def test_labels_take_the_first_free_place_on_their_own_edge() -> None:
    edges = {(0, 0, 0): ((0.0, 0.0), (10.0, 0.0)), (0, 0, 1): ((0.0, 3.0), (10.0, 3.0))}
    slot = Box.around((0.0, 0.0), 1.0, 0.4)
    plan = plan_labels([], {}, edges, slot)
    assert plan is not None
    assert plan.weight_slots[(0, 0, 0)].centre == pytest.approx((10.0 * LABEL_POSITIONS[0], 0.0))
    # something in the way at the preferred place: the label moves along its edge
    blocker = Box.around((3.0, 0.0), 0.5, 0.5)
    moved = plan_labels([blocker], {}, edges, slot)
    assert moved is not None
    assert not moved.weight_slots[(0, 0, 0)].overlaps(blocker)


def test_labels_never_sit_where_edges_cross_and_give_up_when_crowded() -> None:
    crossing = {(0, 0, 0): ((0.0, 0.0), (10.0, 10.0)), (0, 0, 1): ((0.0, 10.0), (10.0, 0.0))}
    plan = plan_labels([], {}, crossing, Box.around((0.0, 0.0), 1.0, 0.4))
    assert plan is not None
    for key, box in plan.weight_slots.items():
        other = next(s for k, s in crossing.items() if k != key)
        assert not box.crossed_by(other)
    # every place along the edge blocked: no plan (the scenes then use side tables)
    wall = Box(-1.0, -1.0, 11.0, 1.0)
    assert plan_labels([wall], {}, {(0, 0, 0): ((0.0, 0.0), (10.0, 0.0))}, Box.around((0, 0), 1.0, 0.4)) is None
    # a bias slot on a neuron: no plan either
    assert plan_labels([Box(0, 0, 1, 1)], {(0, 0): Box(0.5, 0.5, 1.5, 1.5)}, {}, Box(0, 0, 1, 1)) is None
