"""The names a hidden layer's neurons take while their δ stands in them for their values (a hidden neuron has no
label; an output neuron's ŷₖ becomes δ⁽ᴸ⁾ₖ instead): δ⁽ˡ⁾ⱼ beside each neuron, or, where a layer's neurons have no
room for one each, δ⁽ˡ⁾ⱼ once over the layer's column.

Beside each neuron: in the room kept under it (``NetworkDiagram.badge_slots``) if that is clear for every neuron of
the layer, else at the free place nearest the neuron (``scenes.drawing.name_search``), clear of every edge, label,
title and name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, BackgroundRectangle, MathTex, Mobject, VGroup

from scenes.drawing import symbols
from scenes.drawing.geometry import Box, NeuronKey
from scenes.drawing.name_search import crosses, name_place
from scenes.drawing.style import LABEL_SIZE, SAFE_BOTTOM, SYMBOL_SIZE, Z_BACKGROUNDS, Z_NUMBERS

NetworkDiagram = Any  # scenes.drawing.diagram's, which imports this module: named loosely to keep imports pointing down

BACKING_BUFF = 0.04  # the name's opaque backing (edges stop at it)
APART = 0.05  # a name in the room under its neuron keeps this far from every other neuron and label
COLUMN_STEP = 0.01  # a column's name moves up from its top neuron by this much a try
NEAREST_COLUMN = 0.03  # the least gap between a column's name and its top neuron, a title or a label


def box_of(mob: Mobject) -> Box:
    low, high = mob.get_corner(DOWN + LEFT), mob.get_corner(UP + RIGHT)
    return Box(float(low[0]), float(low[1]), float(high[0]), float(high[1]))


def column_tex(layer: int) -> str:
    """δ⁽ˡ⁾ⱼ for a whole column (LaTeX)."""
    return rf"\delta^{{({layer})}}_j"


@dataclass
class DeltaNames:
    """Where each hidden neuron's name goes (``slots``), and the columns named once instead (``columns``)."""

    slots: dict[NeuronKey, Box] = field(default_factory=dict)
    columns: dict[int, Box] = field(default_factory=dict)


def plan_names(d: NetworkDiagram) -> DeltaNames:
    """Each hidden layer's names: under its neurons, else each near its neuron, else once over its column."""
    names = DeltaNames()
    for layer in range(1, len(d.layers) - 1):
        taken = [*fixed_boxes(d), *names.slots.values(), *names.columns.values()]
        slots = under_neurons(d, layer, taken) or near_neurons(d, layer, taken)
        if slots is not None:
            names.slots.update(slots)
        elif (column := over_column(d, layer, taken)) is not None:
            names.columns[layer] = column
    return names


def fixed_boxes(d: NetworkDiagram) -> list[Box]:
    """What a name keeps clear of: the titles, the x and ŷ labels (and δ⁽ᴸ⁾ₖ, which takes ŷₖ's place), the weight,
    bias and gradient slots."""
    boxes = [box_of(m) for m in (*d.titles, *d.io_labels)]
    boxes += [box_of(d.output_label(k, symbols.delta(len(d.layers) - 1, k))) for k in range(d.layers[-1])]
    if d.plan is not None:
        boxes += [*d.plan.bias_slots.values(), *d.plan.weight_slots.values()]
    return boxes + list((d.beside_slots or {}).values())


def backed_size(tex: str) -> tuple[float, float]:
    name = MathTex(tex, font_size=SYMBOL_SIZE)
    return name.width + 2 * BACKING_BUFF, name.height + 2 * BACKING_BUFF


def under_neurons(d: NetworkDiagram, layer: int, taken: list[Box]) -> dict[NeuronKey, Box] | None:
    """Each name from the top of the room kept under its neuron (low right of the neuron, over the subtitles' strip,
    if the room is under the lowest row); None unless every one keeps clear of the other neurons and labels."""
    slots: dict[NeuronKey, Box] = {}
    for j, neuron in enumerate(d.neurons[layer]):
        w, h = backed_size(symbols.delta(layer, j))
        room = d.badge_slots[(layer, j)]
        box = Box.around((room.centre[0], room.top - h / 2 + BACKING_BUFF), w, h)
        if box.bottom < SAFE_BOTTOM:
            left = float(neuron.get_right()[0]) + 0.08
            box = Box(left, SAFE_BOTTOM + 0.02, left + w, SAFE_BOTTOM + 0.02 + h)
        others = [box_of(n) for n in d.all_neurons() if n is not neuron] + [box_of(m) for m in d.io_labels]
        if any(box.overlaps(o, APART) for o in others):
            return None
        slots[(layer, j)] = box
    return slots


def near_neurons(d: NetworkDiagram, layer: int, taken: list[Box]) -> dict[NeuronKey, Box] | None:
    """Each name at the free place nearest its neuron; None unless every neuron of the layer has one."""
    edges = [edge.segment for edge in d.edges.values()]
    circles = {(n.layer, n.index): ((float(n.get_x()), float(n.get_y())), d.radius) for n in d.all_neurons()}
    slots: dict[NeuronKey, Box] = {}
    for j in range(d.layers[layer]):
        own = circles[(layer, j)]
        others = [c for key, c in circles.items() if key != (layer, j)]
        box = name_place(backed_size(symbols.delta(layer, j)), own, others, edges, [*taken, *slots.values()], d.area)
        if box is None:
            return None
        slots[(layer, j)] = box
    return slots


def over_column(d: NetworkDiagram, layer: int, taken: list[Box]) -> Box | None:
    """The column's name centred over its top neuron, halfway up the free room between it and what is over it
    (the column titles), clear of edges and labels; None if there is no such room."""
    w, h = column_size(layer)
    top = d.neurons[layer][0]
    x, y = float(top.get_x()), float(top.get_top()[1]) + NEAREST_COLUMN + h / 2
    edges = [edge.segment for edge in d.edges.values()]
    free: list[float] = []
    while y + h / 2 <= d.area.top:
        box = Box.around((x, y), w, h)
        sides = [np.array([v]) for v in (box.left, box.bottom, box.right, box.top)]
        if any(box.overlaps(o, NEAREST_COLUMN) for o in taken) or any(crosses(s, *sides)[0] for s in edges):
            if free:
                break  # the room right over the neuron ends here
        else:
            free.append(y)
        y += COLUMN_STEP
    return Box.around((x, (free[0] + free[-1]) / 2), w, h) if free else None


def column_size(layer: int) -> tuple[float, float]:
    name = MathTex(column_tex(layer), font_size=LABEL_SIZE)
    return name.width, name.height


def named(tex: str, box: Box, text: str, background: str | None) -> VGroup:
    """``tex`` filling ``box`` (a neuron's name, at ``SYMBOL_SIZE``, on an opaque backing of the ``background``
    colour; a column's, where no edge runs, at ``LABEL_SIZE`` and with no backing: ``background`` None)."""
    size = SYMBOL_SIZE if background is not None else LABEL_SIZE
    name = MathTex(tex, font_size=size, color=text).move_to((*box.centre, 0.0)).set_z_index(Z_NUMBERS)
    if background is None:
        return VGroup(name)
    backing = BackgroundRectangle(name, color=background, fill_opacity=1.0, buff=BACKING_BUFF)
    return VGroup(backing.set_z_index(Z_BACKGROUNDS), name)
