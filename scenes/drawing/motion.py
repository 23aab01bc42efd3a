"""Animations of the diagram, named for what the viewer sees: a signal runs along the edges, a neuron
lights up and rests, edges take their gradient's colour and width."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from manim import Animation, AnimationGroup, Line, ShowPassingFlash, Transform, VMobject

from scenes.drawing.diagram import Edge, NetworkDiagram, Neuron
from scenes.drawing.geometry import EdgeKey
from scenes.drawing.style import (
    EDGE_WIDTH,
    GRADIENT_MIN_WIDTH,
    GRADIENT_WIDTH_RANGE,
    HIGHLIGHT_STROKE,
    NEURON_STROKE,
    PULSE,
    PULSE_WIDTH,
)
from scenes.drawing.theme import Color, Theme

EdgeStyle = tuple[Color, float]  # (colour, width)


def stroke_to(mob: VMobject, color: Color, width: float | None = None) -> Animation:
    """``mob``'s outline turns ``color`` (and ``width``)."""
    return Transform(mob, mob.copy().set_stroke(color, width=width))


def pulse_forward(diagram: NetworkDiagram, layer: int, color: Color, run_time: float = PULSE) -> AnimationGroup:
    """A flash along every edge into ``layer``, left to right."""
    flashes = [
        ShowPassingFlash(e.copy().set_stroke(color, width=PULSE_WIDTH), time_width=0.6)
        for e in diagram.edges_into(layer)
    ]
    return AnimationGroup(*flashes, run_time=run_time)


def pulse_backward(diagram: NetworkDiagram, layer: int, color: Color, run_time: float = PULSE) -> AnimationGroup:
    """A flash along every edge into ``layer``, right to left (the error signal going back)."""
    flashes = [
        ShowPassingFlash(Line(e.get_end(), e.get_start()).set_stroke(color, width=PULSE_WIDTH), time_width=0.6)
        for e in diagram.edges_into(layer)
    ]
    return AnimationGroup(*flashes, run_time=run_time)


def light_up(mobs: Iterable[VMobject], color: Color, width: float | None = HIGHLIGHT_STROKE) -> list[Animation]:
    """Neurons or edges outlined in ``color``: the ones being computed."""
    return [stroke_to(m, color, width) for m in mobs]


def rest_neurons(neurons: Iterable[Neuron], theme: Theme) -> list[Animation]:
    """Neurons back to their resting outline."""
    return [stroke_to(n, theme.neuron_stroke, NEURON_STROKE) for n in neurons]


def rest_edges(edges: Iterable[Edge], theme: Theme) -> list[Animation]:
    """Edges back to their resting colour (their width kept)."""
    return [stroke_to(e, theme.muted) for e in edges]


def restyle_edges(diagram: NetworkDiagram, styles: Mapping[EdgeKey, EdgeStyle]) -> list[Animation]:
    """Edges to (colour, width)."""
    return [stroke_to(diagram.edges[k], color, width) for k, (color, width) in styles.items()]


def gradient_styles(
    grads: Sequence[np.ndarray], positive: Color, negative: Color, layers: Iterable[int] | None = None
) -> dict[EdgeKey, EdgeStyle]:
    """Colour = sign, width = magnitude on ONE scale for the whole network (relative to its largest gradient, so
    any two edges compare), never thinner than ``GRADIENT_MIN_WIDTH``: the edges of weight layers ``layers`` (all
    by default), ``grads[l]`` being layer l's gradients."""
    largest = max((float(np.max(np.abs(g))) for g in grads if np.size(g)), default=0.0) or 1.0
    return {
        (l, j, i): (positive if g >= 0 else negative, GRADIENT_MIN_WIDTH + GRADIENT_WIDTH_RANGE * abs(g) / largest)
        for l in (range(len(grads)) if layers is None else layers)
        for (j, i), g in np.ndenumerate(grads[l])
    }


def neutral_styles(diagram: NetworkDiagram) -> dict[EdgeKey, EdgeStyle]:
    return {k: (diagram.theme.muted, EDGE_WIDTH) for k in diagram.edges}
