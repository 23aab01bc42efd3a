"""Where a neuron's name (δ⁽ˡ⁾ⱼ, while its δ stands in it for its value) goes: the free place nearest the neuron, as
pure functions over points and boxes (the search of ``scenes.drawing.label_search``, for a diagram).

Free: inside the diagram's area, crossed by no edge, clear of every neuron and of the boxes already taken (labels,
titles, names placed before); and nearer its own neuron than any other, so that it reads as that neuron's name.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from scenes.drawing.geometry import Box, Point, Segment

GRID = 0.03  # candidate centres lie on this grid
NEAREST = 0.04  # the least gap between a name and its neuron's outline
REACH = 0.3  # the most: farther, it no longer reads as the neuron's name
CLEAR_OF_EDGES = 0.04  # a name keeps this far from every edge's line
CLEAR_OF_BOXES = 0.05  # and this far from labels and other names
CLEAR_OF_NEURONS = 0.06  # and from other neurons' outlines
NEARER_OWN = 0.12  # its own neuron is at least this much nearer than any other
Circle = tuple[Point, float]  # centre, radius
Floats = npt.NDArray[np.float64]


def name_place(
    size: tuple[float, float],
    own: Circle,
    others: Sequence[Circle],
    edges: Sequence[Segment],
    taken: Sequence[Box],
    area: Box,
) -> Box | None:
    """The box of a name of ``size`` (width, height) at the free place nearest its neuron ``own``, or None."""
    (nx, ny), r = own
    w, h = size
    span = r + REACH + max(w, h)
    xs = np.arange(nx - span, nx + span + GRID / 2, GRID)
    cx, cy = (a.ravel() for a in np.meshgrid(xs, np.arange(ny - span, ny + span + GRID / 2, GRID)))
    gap = _gap(cx, cy, w, h, (nx, ny)) - r
    ok = (gap >= NEAREST) & (gap <= REACH)
    ok &= (
        (cx - w / 2 >= area.left) & (cx + w / 2 <= area.right) & (cy - h / 2 >= area.bottom) & (cy + h / 2 <= area.top)
    )
    for (ox, oy), o_r in others:
        other_gap = _gap(cx, cy, w, h, (ox, oy)) - o_r
        ok &= (other_gap >= CLEAR_OF_NEURONS) & (other_gap >= gap + NEARER_OWN)
    for box in taken:
        ok &= ~(
            (cx + w / 2 + CLEAR_OF_BOXES > box.left)
            & (cx - w / 2 - CLEAR_OF_BOXES < box.right)
            & (cy + h / 2 + CLEAR_OF_BOXES > box.bottom)
            & (cy - h / 2 - CLEAR_OF_BOXES < box.top)
        )
    pad = CLEAR_OF_EDGES
    for segment in edges:
        ok &= ~crosses(segment, cx - w / 2 - pad, cy - h / 2 - pad, cx + w / 2 + pad, cy + h / 2 + pad)
    if not ok.any():
        return None
    cost = gap + 1e-3 * np.hypot(cx - nx, cy - ny)  # nearest the outline, then the neuron's centre
    k = int(np.flatnonzero(ok)[np.argmin(cost[ok])])
    return Box.around((float(cx[k]), float(cy[k])), w, h)


def _gap(cx: Floats, cy: Floats, w: float, h: float, point: Point) -> Floats:
    """Distance from ``point`` to each box (centres ``cx``, ``cy``; all ``w`` × ``h``)."""
    dx = np.maximum(np.abs(cx - point[0]) - w / 2, 0.0)
    dy = np.maximum(np.abs(cy - point[1]) - h / 2, 0.0)
    return np.asarray(np.hypot(dx, dy), dtype=np.float64)


def crosses(segment: Segment, left: Floats, bottom: Floats, right: Floats, top: Floats) -> npt.NDArray[np.bool_]:
    """Whether ``segment`` passes through each box (Liang–Barsky clipping, for many boxes at once)."""
    (x0, y0), (x1, y1) = segment
    t0, t1 = np.zeros_like(left), np.ones_like(left)
    inside = np.ones(left.shape, dtype=bool)
    for p, d, low, high in ((x0, x1 - x0, left, right), (y0, y1 - y0, bottom, top)):
        if abs(d) < 1e-12:
            inside &= (low <= p) & (p <= high)
            continue
        ta, tb = (low - p) / d, (high - p) / d
        t0, t1 = np.maximum(t0, np.minimum(ta, tb)), np.minimum(t1, np.maximum(ta, tb))
    return np.asarray(inside & (t0 <= t1))
