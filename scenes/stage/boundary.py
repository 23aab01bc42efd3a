"""A mobject's box measured with numpy over whole arrays, not one Python value at a time.

Every ``get_center``, ``get_corner``, ``next_to``, ``move_to`` and ``arrange`` asks manim for the points that bound
a mobject (``VMobject.get_points_defining_boundary``): the start and end anchors of every curve of every member of
its family. manim lists them by zipping the rows of two arrays into a list (``get_anchors``) and making an array of
those rows again: most of the time of building a number's glyphs (``DecimalNumber`` places each glyph with
``next_to``), so of constructing a step with many numbers (benchmarks/README.md). Here each member's anchors are
interleaved into one array by slicing, and the members' arrays joined once: the same rows, in the same order, so
the same box, centre and boundary point to the last bit.

A member whose class has anchors of its own, or whose start and end anchors do not pair up (manim raises then),
goes through manim.

A mobject's width and height (``length_over_dim``) are the largest and the smallest coordinate of all the points of
its family, which manim finds with Python's ``max`` and ``min`` value by value, member by member. Here numpy's
``max`` and ``min`` over the family's points at once: the same number, since each is one of the points' coordinates.
Only where two candidates are equal but not the same can the order manim compares them in decide: a zero (0.0 or
−0.0) and a NaN go through manim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

import numpy as np
from manim import Mobject, VMobject

_MANIMS = VMobject.get_points_defining_boundary
_ANCHORS = VMobject.get_anchors
_MANIMS_REDUCE = Mobject.reduce_across_dimension


def _points_defining_boundary(self: VMobject) -> np.ndarray:
    """manim's ``VMobject.get_points_defining_boundary``: every family member's anchors (start, end, start, …)."""
    arrays = []
    for member in self.get_family():
        if getattr(type(member), "get_anchors", None) is not _ANCHORS:
            return _MANIMS(self)
        points = member.points
        if len(points) == 1:  # manim: the one point itself
            arrays.append(points)
            continue
        step = cast(VMobject, member).n_points_per_cubic_curve  # a member of a VMobject's family is one
        starts, ends = points[::step], points[step - 1 :: step]
        if len(starts) != len(ends):
            return _MANIMS(self)
        if len(starts):
            anchors = np.empty((2 * len(starts), *points.shape[1:]), dtype=points.dtype)
            anchors[0::2], anchors[1::2] = starts, ends
            arrays.append(anchors)
    if not arrays:
        return np.array(())  # as manim's: no rows at all
    return np.concatenate(arrays) if len(arrays) > 1 else arrays[0].copy()


def _reduce_across_dimension(self: Mobject, reduce_func: Callable[[Iterable[float]], float], dim: int) -> float | None:
    """manim's ``Mobject.reduce_across_dimension`` for ``max`` and ``min``: the extreme coordinate ``dim`` of all the
    points of the mobject and its submobjects, recursively (None: there are none)."""
    if reduce_func is not max and reduce_func is not min:
        return _MANIMS_REDUCE(self, reduce_func, dim)
    columns = []
    stack: list[Mobject] = [self]
    while stack:
        mob = stack.pop()
        if type(mob).reduce_across_dimension not in (_reduce_across_dimension, _MANIMS_REDUCE):  # a class with its own
            return _MANIMS_REDUCE(self, reduce_func, dim)
        if len(mob.points):
            columns.append(mob.points[:, dim])
        stack.extend(mob.submobjects)
    if not columns:
        return None
    values = np.concatenate(columns) if len(columns) > 1 else columns[0]
    found = values.max() if reduce_func is max else values.min()
    if found == 0 or np.isnan(found):  # which zero, or where a NaN stops it, is manim's order's to say
        return _MANIMS_REDUCE(self, reduce_func, dim)
    return found


def measure_boxes_in_one_array() -> None:
    """Make ``VMobject.get_points_defining_boundary`` slice each member's anchors at once, and
    ``Mobject.reduce_across_dimension`` reduce all the points at once (idempotent)."""
    VMobject.get_points_defining_boundary = _points_defining_boundary  # type: ignore[method-assign]
    Mobject.reduce_across_dimension = _reduce_across_dimension  # type: ignore[method-assign]


def measure_boxes_as_manim_does() -> None:
    VMobject.get_points_defining_boundary = _MANIMS  # type: ignore[method-assign]
    Mobject.reduce_across_dimension = _MANIMS_REDUCE  # type: ignore[method-assign]
