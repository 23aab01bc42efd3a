"""Where the diagram's parts go, as pure functions over points and boxes (no mobjects, no scene).

The layout of a network is a function of its shape, like manim's graph layouts: columns spread over
a box, neurons centred in each column. Label placement is a search over candidate boxes: each label
takes the first candidate that is free and lies on its own edge only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scenes.drawing.style import COLUMN_MARGIN, LABEL_POSITIONS, MAX_ROW_STEP, TITLE_ROOM

Point = tuple[float, float]
Segment = tuple[Point, Point]
EdgeKey = tuple[int, int, int]  # (l, j, i): W[l][j, i], neuron i of layer l → neuron j of layer l + 1
NeuronKey = tuple[int, int]  # (layer, j)

CROSSING_SAMPLES = 60  # points tested along an edge for "passes through this box"


@dataclass(frozen=True)
class Box:
    """An axis-aligned box: what a label or a neuron covers."""

    left: float
    bottom: float
    right: float
    top: float

    @classmethod
    def around(cls, centre: Point, width: float, height: float) -> Box:
        x, y = centre
        return cls(x - width / 2, y - height / 2, x + width / 2, y + height / 2)

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def centre(self) -> Point:
        return ((self.left + self.right) / 2, (self.bottom + self.top) / 2)

    def moved_to(self, centre: Point) -> Box:
        return Box.around(centre, self.width, self.height)

    def overlaps(self, other: Box, margin: float = 0.04) -> bool:
        """Whether the two boxes, this one grown by ``margin``, intersect."""
        return (
            self.left - margin < other.right
            and other.left - margin < self.right
            and self.bottom - margin < other.top
            and other.bottom - margin < self.top
        )

    def crossed_by(self, segment: Segment, margin: float = 0.03) -> bool:
        """Whether the straight ``segment`` passes through this box (grown by ``margin``)."""
        (x0, y0), (x1, y1) = segment[0][:2], segment[1][:2]
        if (
            max(x0, x1) < self.left - margin
            or min(x0, x1) > self.right + margin
            or max(y0, y1) < self.bottom - margin
            or min(y0, y1) > self.top + margin
        ):
            return False  # the segment's own box is clear of it (most edges, most boxes): no point can be inside
        points = np.linspace(segment[0], segment[1], CROSSING_SAMPLES)
        low = np.array([self.left, self.bottom]) - margin
        high = np.array([self.right, self.top]) + margin
        return bool(np.all((points >= low) & (points <= high), axis=1).any())


@dataclass(frozen=True)
class ColumnLayout:
    """Neuron centres per layer, and the spacing between columns and between rows."""

    centres: tuple[tuple[Point, ...], ...]
    step_x: float
    step_y: float


def column_layout(
    layers: Sequence[int], width: float, height: float, centre: Sequence[float], radius: float
) -> ColumnLayout:
    """Columns evenly spread over the box (room for x and ŷ beside it, titles above), neuron 1 on top."""
    r = radius
    step_x = (width - 2 * COLUMN_MARGIN - 2 * r) / (len(layers) - 1)
    usable = height - TITLE_ROOM
    step_y = min(MAX_ROW_STEP, (usable - 2 * r) / max(max(layers) - 1, 1))
    cx, cy = float(centre[0]), float(centre[1])
    centres = tuple(
        tuple(
            (cx - width / 2 + COLUMN_MARGIN + r + layer * step_x, cy + ((size - 1) / 2 - j) * step_y - 0.45)
            for j in range(size)
        )
        for layer, size in enumerate(layers)
    )
    return ColumnLayout(centres, step_x, step_y)


def edge_point(segment: Segment, t: float) -> Point:
    """The point a share ``t`` of the way along ``segment``."""
    (x0, y0), (x1, y1) = segment
    return (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)


@dataclass(frozen=True)
class LabelPlan:
    """Where each bias and weight label sits (its slot fits any value it will show)."""

    bias_slots: dict[NeuronKey, Box]
    weight_slots: dict[EdgeKey, Box]


def plan_labels(
    taken: Sequence[Box],
    bias_slots: Mapping[NeuronKey, Box],
    edges: Mapping[EdgeKey, Segment],
    weight_slot: Box,
) -> LabelPlan | None:
    """Bias slots as given, then a weight slot on each edge; None if they cannot all fit.

    ``taken`` is what labels must keep clear of (neurons, the x and ŷ labels, the room for δ badges).
    A weight slot goes at the first of ``LABEL_POSITIONS`` along its edge that is free and where no
    other edge passes (a label where two edges cross would be ambiguous).
    """
    occupied = list(taken)
    for slot in bias_slots.values():
        if any(slot.overlaps(other) for other in occupied):
            return None
        occupied.append(slot)
    weight_slots: dict[EdgeKey, Box] = {}
    for key, segment in edges.items():
        others = [s for k, s in edges.items() if k != key]
        for t in LABEL_POSITIONS:
            slot = weight_slot.moved_to(edge_point(segment, t))
            free = not any(slot.overlaps(other, margin=0.06) for other in occupied)
            if free and not any(slot.crossed_by(s) for s in others):
                break
        else:
            return None
        occupied.append(slot)
        weight_slots[key] = slot
    return LabelPlan(dict(bias_slots), weight_slots)


BIAS_SHIFTS = tuple((dx, dy) for dy in (0.0, 0.25, 0.5) for dx in (0.0, 0.2, -0.2, 0.4, -0.4, 0.6, -0.6, 0.8, -0.8))


BADGE_SHIFTS = tuple(  # nearest first: down by at most 0.25, aside by at most 0.6, in steps of 0.05
    sorted(
        ((dx / 20, -dy / 20) for dy in range(6) for dx in range(-12, 13)),
        key=lambda shift: (abs(shift[0]) + abs(shift[1]), abs(shift[1])),
    )
)


def clear_of_edges(
    slot: Box, taken: Sequence[Box], edges: Sequence[Segment], shifts: Sequence[Point] = BIAS_SHIFTS
) -> Box:
    """``slot`` (a bias label's, over its neuron, or a δ badge's under it) moved by the least of ``shifts`` that no
    edge crosses and that keeps clear of ``taken``; as it is if none does (a label an edge crosses is hard to
    read)."""
    x, y = slot.centre
    for dx, dy in shifts:
        moved = slot.moved_to((x + dx, y + dy))
        if not any(moved.crossed_by(edge) for edge in edges) and not any(moved.overlaps(box) for box in taken):
            return moved
    return slot


BESIDE_GAP = 0.05  # between a weight's label and the gradient stacked beside it


def plan_beside(
    taken: Sequence[Box],
    plan: LabelPlan,
    slot: Box,
    keys: Sequence[EdgeKey],
) -> dict[EdgeKey, Box] | None:
    """A second label slot for each edge of ``keys`` (a gradient with its weight), stacked right under its
    weight's slot, or, if one of them has no room there, each right over it (one side for all: the pairs read
    alike): clear of ``taken``, of every bias and weight slot and of each other. None if neither side has room.
    An edge may pass under one (it has a background: it belongs to the weight it is stacked with, not to an edge)."""
    if not keys:
        return {}
    step = (plan.weight_slots[keys[0]].height + slot.height) / 2 + BESIDE_GAP
    for dy in (-step, step):
        occupied = [*taken, *plan.bias_slots.values(), *plan.weight_slots.values()]
        slots: dict[EdgeKey, Box] = {}
        for key in keys:
            x, y = plan.weight_slots[key].centre
            box = slot.moved_to((x, y + dy))
            if any(box.overlaps(other, margin=0.02) for other in occupied):
                break
            occupied.append(box)
            slots[key] = box
        else:
            return slots
    return None
