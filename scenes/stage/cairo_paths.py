"""A mobject's outline handed to cairo as manim hands it, worked out once while its points stay the same.

Every frame, manim's camera turns each drawn mobject's points into cairo's path: it splits them into subpaths
(a dozen small NumPy operations) and passes every Bézier curve's coordinates one NumPy number at a time. That is
the larger part of drawing a frame here (a glyph has a few dozen points, a frame some seventy mobjects), and a
mobject that is redrawn while only its colour or opacity changes (a fade, a highlight) repeats it unchanged.
Here the split and the coordinates, as Python numbers, are kept with the mobject, with the bytes of the points
they came from: while the points are the same, cairo is given the same calls with the same numbers, so the
frames are the same, pixel for pixel (``benchmarks/frame_hashes.py`` compares whole renders).
"""

from __future__ import annotations

from typing import Any

import cairo
import numpy as np
from manim import Camera, VMobject

_KEPT = "_backprop_cairo_path"  # the attribute a mobject keeps its outline in
_MANIMS = Camera.set_cairo_context_path

# A subpath: where it starts, its curves' (x1, y1, x2, y2, x3, y3), and whether it closes.
_Subpath = tuple[tuple[float, float], list[tuple[float, ...]], bool]


def _outline(vmobject: VMobject, points: np.ndarray) -> list[_Subpath]:
    """The subpaths manim's ``set_cairo_context_path`` draws for ``points``, in its order."""
    nppcc = vmobject.n_points_per_cubic_curve
    split_indices = vmobject.get_subpath_split_indices_from_points(points, n_dims=2)
    xy: list[float] = points[:, :2].ravel().tolist()  # the same doubles as manim's NumPy numbers
    subpaths: list[_Subpath] = []
    for start, end in split_indices.tolist():
        if end - start < nppcc:
            continue
        curves = [tuple(xy[(i + 1) * 2 : (i + 1) * 2 + 6]) for i in range(start, end - nppcc + 1, nppcc)]
        closes = bool(vmobject.consider_points_equals_2d(points[start], points[end - 1]))
        subpaths.append(((xy[start * 2], xy[start * 2 + 1]), curves, closes))
    return subpaths


class _Outline:
    """A mobject's subpaths and the points they came from; shared, not copied, by a copy of the mobject (it is
    never changed, and the copy checks its own points against it before using it)."""

    __slots__ = ("key", "subpaths")

    def __init__(self, key: tuple[Any, ...], subpaths: list[_Subpath]) -> None:
        self.key, self.subpaths = key, subpaths

    def __copy__(self) -> _Outline:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _Outline:
        return self


def _set_path(camera: Camera, ctx: cairo.Context[Any], vmobject: VMobject) -> Camera:
    """manim's ``Camera.set_cairo_context_path``, its subpaths kept with the mobject while its points stay."""
    if type(camera) is not Camera:  # a camera that moves points before drawing them: manim's own
        return _MANIMS(camera, ctx, vmobject)
    points = vmobject.points
    if not np.all(np.isfinite(points)):  # as manim: a mobject with a bad point draws nothing
        points = np.zeros((1, 3))
    if len(points) == 0:
        return camera
    key = (points.shape, points.tobytes(), vmobject.n_points_per_cubic_curve, vmobject.tolerance_for_point_equality)
    kept: _Outline | None = vmobject.__dict__.get(_KEPT)
    if kept is None or kept.key != key:
        kept = _Outline(key, _outline(vmobject, points))
        vmobject.__dict__[_KEPT] = kept
    ctx.new_path()
    curve_to = ctx.curve_to
    for start, curves, closes in kept.subpaths:
        ctx.new_sub_path()
        ctx.move_to(*start)
        for curve in curves:
            curve_to(*curve)
        if closes:
            ctx.close_path()
    return camera


def keep_cairo_paths() -> None:
    """Make cairo's camera keep each mobject's outline while its points stay the same (idempotent)."""
    Camera.set_cairo_context_path = _set_path  # type: ignore[assignment,method-assign]
