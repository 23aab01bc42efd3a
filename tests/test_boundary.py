"""A box measured from one array of anchors is manim's: the same rows in the same order, so the same box."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Circle, Dot, Line, MathTex, Square, Text, VGroup, VMobject

from scenes.drawing.numbers import TraceNumber
from scenes.stage import boundary
from scenes.stage.parsed_paths import share_parsed_paths


def drawings() -> list[VMobject]:
    share_parsed_paths()  # as a scene does
    shared = Dot()
    one_point = VMobject()
    one_point.points = np.array([[0.25, -1.5, 0.0]])
    return [
        VGroup(MathTex(r"\delta_2 = \hat y_2 - y_2"), TraceNumber(-0.6093, ("delta", 1, 1), 4, "#9F83FB")),
        VGroup(Square(), shared, VGroup(Circle(), shared), Line([-3, 0, 0], [2, 1, 0])),  # a member twice
        Text("a = σ(z)"),
        VGroup(),  # no points at all
        VGroup(VGroup(), one_point),  # a member of one point
        one_point,
    ]


@pytest.mark.parametrize("k", range(6))
def test_the_boundary_is_manims_row_for_row(k: int) -> None:
    mob = drawings()[k]
    ours = boundary._points_defining_boundary(mob)
    manims = boundary._MANIMS(mob)
    assert ours.shape == manims.shape and ours.dtype == manims.dtype
    assert np.array_equal(ours, manims)
    assert ours is not mob.points  # a new array, as manim's


def test_the_box_and_the_layout_are_manims() -> None:
    """Places found through the faster boundary (a number's glyphs, ``next_to``, ``arrange``) are manim's exactly."""

    def laid_out() -> list[np.ndarray]:
        number = TraceNumber(-12.3456, ("z", 1, 0), 4, "#9F83FB")
        row = VGroup(MathTex("z ="), number, Square(0.3)).arrange(buff=0.2).next_to(Circle(), direction=[0, -1, 0])
        return [m.points.copy() for m in row.get_family()] + [row.get_corner([1, 1, 0]), row.get_center()]

    try:
        boundary.measure_boxes_as_manim_does()
        before = laid_out()
        boundary.measure_boxes_in_one_array()
        after = laid_out()
    finally:
        boundary.measure_boxes_as_manim_does()
    assert len(before) == len(after) and all(np.array_equal(a, b) for a, b in zip(before, after, strict=True))


def test_anchors_that_do_not_pair_up_fail_as_in_manim() -> None:
    odd = VMobject()
    odd.points = np.zeros((6, 3))  # a curve and a half
    with pytest.raises(ValueError):
        boundary._MANIMS(odd)
    with pytest.raises(ValueError):
        boundary._points_defining_boundary(odd)


@pytest.mark.parametrize("k", range(6))
def test_widths_and_heights_are_manims(k: int) -> None:
    mob = drawings()[k]
    for reduce in (max, min):
        for dim in range(3):
            ours = boundary._reduce_across_dimension(mob, reduce, dim)
            manims = boundary._MANIMS_REDUCE(mob, reduce, dim)
            assert (ours is None and manims is None) or (type(ours) is type(manims) and ours == manims), (reduce, dim)


def test_a_zero_keeps_the_sign_manims_order_gives_it() -> None:
    """0.0 and −0.0 are equal: which one manim's comparisons keep is its order's to say, so such a box is manim's."""
    group = VGroup(VMobject(), VMobject())
    group[0].points, group[1].points = np.array([[-0.0, 1.0, 0.0]]), np.array([[0.0, -1.0, 0.0]])
    for reduce in (max, min):
        ours = boundary._reduce_across_dimension(group, reduce, 0)
        assert ours == 0 and np.signbit(ours) == np.signbit(boundary._MANIMS_REDUCE(group, reduce, 0))
