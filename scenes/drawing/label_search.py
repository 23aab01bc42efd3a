"""Labels for marked points of a plot, each at the free place nearest its point, with a leader line
when it sits away: clear of curves, axes, dots and other labels, inside the frame below the title.

A leader is dashed and thin, in a neutral colour (the theme's muted grey, given by the caller): never a curve's
colour, so it cannot be read as part of a curve (lecturer review 12: a solid red leader from E at the start down
to its label read as E falling to 0.1 before any update was drawn)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from manim import DOWN, LEFT, RIGHT, UP, DashedLine, Dot, Mobject, VGroup, VMobject

from scenes.drawing.style import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT
from scenes.drawing.theme import Color

DOT_RADIUS = 0.08
Box = tuple[float, float, float, float]  # left, bottom, right, top
Points = npt.NDArray[np.float64]  # (n, 2): what a label must not cover
# Below the step title's line, inside the frame, above the strip where a player shows the subtitles.
LABEL_REGION: Box = (SAFE_LEFT, SAFE_BOTTOM, SAFE_RIGHT, 3.05)
GRID = 0.06  # candidate label centres lie on this grid
CLEAR_OF_LINES = 0.1  # a label keeps this far from curves, axes and dots
CLEAR_OF_LABELS = 0.12  # and this far from other labels
CLEAR_OF_DOT = 0.12  # the nearest a label comes to its own dot
LEADER_FROM = 0.3  # a label farther than this from its dot gets a leader line
SIDE_CLEAR = 0.05  # a short leader meets its label's top or bottom edge, at least this far from the side's ends
SIDE_LEADER_FROM = 0.7  # a leader this long may meet the label's side: it reads as a line, not a minus sign
LEADER_CROSSING = 0.8  # a leader that crosses a curve counts as this much farther away
BELOW = 0.1  # a label below its point counts as this much farther away (labels read best above)
LEADER_WIDTH = 1.5  # thinner than any curve (``scenes.drawing.loss_curve``)
LEADER_DASH = 0.06
ALTERNATIVE_NEARER = 0.5  # the two-line label is used where it sits at least this much nearer its point
MAX_REACH = 20.0  # a label may sit anywhere in LABEL_REGION, if nearer is taken


@dataclass
class Marker:
    """A label on the main loss curve and the point it names: a marked step (with its dot, ``E_k = …``)
    or a note; ``leader`` joins them when the label sits away from the point."""

    name: str
    point: np.ndarray
    label: VMobject
    color: Color
    dot: Dot | None = None
    leader: DashedLine | None = None
    reach: float = MAX_REACH  # the farthest the label may sit from its point
    strict: bool = False  # its leader may not cross a curve
    optional: bool = False  # left out where there is no free place for it
    alternative: VMobject | None = None  # the same words on two lines, tried if ``label`` fits nowhere
    placed: bool = False
    fell_back: bool = False  # no free place for it: it sits above its point, as it comes (a bug in a layout)

    def parts(self) -> VGroup:
        if not self.placed:
            return VGroup()
        return VGroup(*(m for m in (self.dot, self.leader, self.label) if m is not None))


def sampled(polylines: Sequence[Sequence[np.ndarray]], spacing: float = 0.03) -> Points:
    """Points along each polyline, at most ``spacing`` apart."""
    points: list[np.ndarray] = []
    for polyline in polylines:
        corners = [np.asarray(p, dtype=float)[:2] for p in polyline]
        for a, b in itertools.pairwise(corners):
            n = max(int(np.linalg.norm(b - a) / spacing), 1)
            points.extend(a + (b - a) * t for t in np.linspace(0.0, 1.0, n + 1))
        points.extend(corners[:1])
    return np.array(points) if points else np.zeros((0, 2))


def box_of(mob: Mobject, pad: float = 0.0) -> Box:
    left, bottom = mob.get_corner(DOWN + LEFT)[:2]
    right, top = mob.get_corner(UP + RIGHT)[:2]
    return (float(left) - pad, float(bottom) - pad, float(right) + pad, float(top) + pad)


def place_labels(
    markers: list[Marker],
    lines: Sequence[Sequence[np.ndarray]],
    curves: Sequence[Sequence[np.ndarray]],
    fixed: Sequence[Box],
    leader_color: Color,
) -> None:
    """Put each marker's label, in order, at the free place nearest its point; add a leader (dashed, thin, in
    ``leader_color``: a neutral colour, none a curve is drawn in) if it is away.

    Free: inside LABEL_REGION, clear of ``lines`` (axes, curves, the zoom band), of every dot, of the
    ``fixed`` boxes and of labels and leaders placed before, with a leader that crosses no label. A
    leader that crosses a curve (``curves``) is allowed (unless the marker says otherwise) but costs
    LEADER_CROSSING.
    """
    dots = [m.dot.get_center()[:2] for m in markers if m.dot is not None]
    obstacles = np.vstack([sampled(lines), *(sampled([[d, d]]) for d in dots)])
    curve_points = sampled(curves)
    boxes = list(fixed)
    for m in markers:
        found = best_place(m, obstacles, curve_points, boxes)
        if m.alternative is not None and (found is None or found[0] > LEADER_FROM):
            m.label, m.alternative = m.alternative, m.label  # on two lines: nearer its point, or anywhere at all
            other = best_place(m, obstacles, curve_points, boxes)
            if other is None or (found is not None and found[0] <= other[0] + ALTERNATIVE_NEARER):
                m.label, m.alternative = m.alternative, m.label
            else:
                found = other
        place = None if found is None else found[1]
        if place is None and m.optional:
            continue
        if place is None:  # no free place (a label wider than the frame): above its point, as it comes
            m.fell_back = True
            place = np.asarray(m.point, dtype=float)[:2] + np.array(
                [0.0, m.label.height / 2 + CLEAR_OF_DOT + DOT_RADIUS]
            )
        m.placed = True
        m.label.move_to((*place, 0.0))
        anchor = np.asarray(m.point, dtype=float)[:2]
        if box_gap(anchor, m.label) > LEADER_FROM:
            end = nearest_on_box(anchor, place, m.label.width / 2, m.label.height / 2)
            direction = (end - anchor) / np.linalg.norm(end - anchor)
            start = anchor + direction * ((DOT_RADIUS if m.dot else 0.0) + 0.04)
            m.leader = DashedLine(
                np.array([*start, 0.0]),
                np.array([*(end - direction * 0.06), 0.0]),
                color=leader_color,
                stroke_width=LEADER_WIDTH,
                dash_length=LEADER_DASH,
            )
            obstacles = np.vstack([obstacles, sampled([[start, end]])])
        boxes.append(box_of(m.label))


def best_place(
    marker: Marker, obstacles: Points, curves: Points, boxes: Sequence[Box]
) -> tuple[float, np.ndarray] | None:
    """The centre for ``marker``'s label nearest its point among the free ones, and its cost (the gap, and more
    for a place below or a leader across a curve), or None."""
    anchor = np.asarray(marker.point, dtype=float)[:2]
    half_w, half_h = marker.label.width / 2, marker.label.height / 2
    left, bottom, right, top = LABEL_REGION
    xs = np.arange(left + half_w, right - half_w, GRID)
    ys = np.arange(bottom + half_h, top - half_h, GRID)
    cx, cy = (a.ravel() for a in np.meshgrid(xs, ys))
    gap = np.hypot(  # between the point and the label's box
        np.maximum(np.abs(cx - anchor[0]) - half_w, 0.0), np.maximum(np.abs(cy - anchor[1]) - half_h, 0.0)
    )
    ok = (gap >= CLEAR_OF_DOT + (DOT_RADIUS if marker.dot else 0.0)) & (gap <= marker.reach)
    ok &= clear_of(xs, ys, obstacles, half_w + CLEAR_OF_LINES, half_h + CLEAR_OF_LINES)
    for b_left, b_bottom, b_right, b_top in boxes:
        ok &= ~(
            (cx + half_w + CLEAR_OF_LABELS > b_left)
            & (cx - half_w - CLEAR_OF_LABELS < b_right)
            & (cy + half_h + CLEAR_OF_LABELS > b_bottom)
            & (cy - half_h - CLEAR_OF_LABELS < b_top)
        )
    cost = gap + BELOW * (cy < anchor[1])
    candidates = np.flatnonzero(ok)
    best: tuple[float, np.ndarray] | None = None
    for k in candidates[np.argsort(cost[candidates], kind="stable")]:
        centre = np.array([cx[k], cy[k]])
        score = float(cost[k])
        if best is not None and score >= best[0]:
            break  # every later place costs more
        if gap[k] > LEADER_FROM:
            if abs(cy[k] - anchor[1]) < half_h + SIDE_CLEAR and gap[k] < SIDE_LEADER_FROM:
                continue  # a short leader into the label's side would read as a minus sign before (or after) it
            leader = sampled([[anchor, nearest_on_box(anchor, centre, half_w, half_h)]], 0.02)[:-1]
            leader = leader[np.linalg.norm(leader - anchor, axis=1) > DOT_RADIUS + 0.05]
            if not len(leader) or any(crosses(leader, b) for b in boxes):
                continue
            if len(curves) and np.min(np.linalg.norm(leader[:, None, :] - curves[None, :, :], axis=2)) < 0.03:
                if marker.strict:
                    continue
                score += LEADER_CROSSING
            if len(obstacles) and np.min(np.linalg.norm(leader[:, None, :] - obstacles[None, :, :], axis=2)) < 0.02:
                score += LEADER_CROSSING / 2  # it crosses an axis or another leader
        if best is None or score < best[0] - 1e-9:
            best = (score, centre)
    return best


def clear_of(xs: np.ndarray, ys: np.ndarray, points: Points, pad_w: float, pad_h: float) -> npt.NDArray[np.bool_]:
    """For each centre of the grid ``xs`` × ``ys`` (ravelled as ``np.meshgrid(xs, ys)``), whether no point lies within
    ``pad_w`` across and ``pad_h`` up or down of it. A point is near the columns it is near across and the rows it is
    near up or down, so the grid's near pairs are counted as one product of two 0/1 matrices (point × row, point ×
    column), not by comparing every centre with every point: the same test on the same differences, whole numbers
    summed exactly."""
    near_x = (np.abs(xs[None, :] - points[:, None, 0]) < pad_w).astype(np.float32)
    near_y = (np.abs(ys[None, :] - points[:, None, 1]) < pad_h).astype(np.float32)
    return (near_y.T @ near_x == 0).ravel()


def nearest_on_box(point: np.ndarray, centre: np.ndarray, half_w: float, half_h: float) -> np.ndarray:
    """The point of the box (``centre`` ± half sizes) nearest ``point``."""
    return np.array(
        [
            np.clip(point[0], centre[0] - half_w, centre[0] + half_w),
            np.clip(point[1], centre[1] - half_h, centre[1] + half_h),
        ]
    )


def box_gap(point: np.ndarray, mob: Mobject) -> float:
    left, bottom, right, top = box_of(mob)
    return float(np.hypot(max(left - point[0], 0.0, point[0] - right), max(bottom - point[1], 0.0, point[1] - top)))


def crosses(points: Points, box: Box) -> bool:
    left, bottom, right, top = box
    pad = CLEAR_OF_LINES / 2
    return bool(
        np.any(
            (points[:, 0] > left - pad)
            & (points[:, 0] < right + pad)
            & (points[:, 1] > bottom - pad)
            & (points[:, 1] < top + pad)
        )
    )
