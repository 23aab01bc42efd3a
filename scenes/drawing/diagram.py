"""The network diagram: neurons that know their edges, titles, the x and ŷ labels, and label slots.

The diagram is the fixed drawing of a network. The numbers it shows change during the video, so
they are separate mobjects made here (sized and placed for their slot) and kept by whoever shows
them (``scenes.stage.board.Board``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cached_property

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, BackgroundRectangle, Circle, Line, MathTex, Mobject, Rectangle, Text, VGroup

from nnmath.notation import shown_text
from scenes.drawing import symbols
from scenes.drawing.delta_names import DeltaNames, column_tex, named, plan_names
from scenes.drawing.formula import Formula, Num
from scenes.drawing.geometry import (
    BADGE_SHIFTS,
    Box,
    EdgeKey,
    LabelPlan,
    NeuronKey,
    Segment,
    clear_of_edges,
    column_layout,
    plan_beside,
    plan_labels,
)
from scenes.drawing.numbers import Entry, TraceNumber
from scenes.drawing.style import (
    COLUMN_TITLE_GAP,
    COLUMN_TITLE_SIZE,
    DIAGRAM_CENTER,
    DIAGRAM_HEIGHT,
    DIAGRAM_WIDTH,
    EDGE_WIDTH,
    LABEL_SIZE,
    NEURON_MARGIN,
    NEURON_RADIUS,
    NEURON_STROKE,
    RING_INSET,
    SAFE_BOTTOM,
    SYMBOL_SIZE,
    Z_BACKGROUNDS,
    Z_EDGES,
    Z_NEURONS,
    Z_NUMBERS,
)
from scenes.drawing.theme import Color, Theme

LABEL_BUFF = 0.08  # a bias label above its neuron
BADGE_BUFF = 0.1  # a δ badge below its neuron
BACKGROUND_BUFF = 0.04


class Neuron(Circle):
    """A neuron that knows its place and its incoming and outgoing edges."""

    def __init__(self, layer: int, index: int, theme: Theme, radius: float) -> None:
        super().__init__(
            radius=radius,
            stroke_color=theme.neuron_stroke,
            stroke_width=NEURON_STROKE,
            fill_color=theme.neuron_fill,
            fill_opacity=1.0,
        )
        self.layer = layer
        self.index = index
        self.in_edges: list[Edge] = []
        self.out_edges: list[Edge] = []


class Edge(Line):
    """The edge of weight W[l][j, i]: from neuron i of layer l to neuron j of layer l + 1."""

    def __init__(self, key: EdgeKey, source: Neuron, target: Neuron, theme: Theme) -> None:
        super().__init__(
            source.get_center(),
            target.get_center(),
            buff=source.radius,
            stroke_color=theme.muted,
            stroke_width=EDGE_WIDTH,
        )
        self.key = key

    @property
    def segment(self) -> Segment:
        start, end = self.get_start(), self.get_end()
        return ((float(start[0]), float(start[1])), (float(end[0]), float(end[1])))


def box_of(mob: Mobject) -> Box:
    low, high = mob.get_corner(DOWN + LEFT), mob.get_corner(UP + RIGHT)
    return Box(float(low[0]), float(low[1]), float(high[0]), float(high[1]))


def placeholder(box: Box) -> Rectangle:
    """An invisible rectangle covering ``box`` (to measure from or to put a background behind)."""
    return Rectangle(width=box.width, height=box.height, stroke_width=0).move_to((*box.centre, 0.0))


class NetworkDiagram(VGroup):
    """Neurons, edges, column titles and the x / ŷ labels of one network, laid out inside a box.

    ``self.neurons[layer][j]``, ``self.edges[(l, j, i)]``; ``self.plan`` holds the slots of the weight
    and bias labels, or is None when they cannot all sit on the diagram without overlapping (large
    networks: the scenes then show parameters in a side table).
    """

    def __init__(
        self,
        layers: Sequence[int],
        theme: Theme,
        decimals: int,
        widest_value: str | Sequence[str] = "-0.0000",
        width: float = DIAGRAM_WIDTH,
        height: float = DIAGRAM_HEIGHT,
        center: Sequence[float] = DIAGRAM_CENTER,
    ) -> None:
        super().__init__()
        self.layers = tuple(layers)
        self.theme = theme
        self.decimals = decimals
        # Neurons grow to hold the widest number they will show at full size (never below the floor), at the digits
        # it is written with (a δ is a gradient, which may have more than ``decimals``: −0.00016).
        # (``widest_value``: the longest numbers, each measured: digits of one length differ a little in width)
        longest = [widest_value] if isinstance(widest_value, str) else list(widest_value)
        reach = max(half_diagonal(self._widest(value, decimals, theme)) for value in longest)
        self.radius = max(NEURON_RADIUS, reach + NEURON_MARGIN + RING_INSET)
        layout = column_layout(self.layers, width, height, center, self.radius)
        self.neurons = [
            [
                Neuron(layer, j, theme, self.radius).move_to((x, y, 0.0)).set_z_index(Z_NEURONS)
                for j, (x, y) in enumerate(column)
            ]
            for layer, column in enumerate(layout.centres)
        ]
        self.edges = self._connect()
        self.edge_layer = VGroup(*self.edges.values())
        self.neuron_layer = VGroup(*(n for column in self.neurons for n in column))
        self.titles = self._titles()
        self.io_labels = self._io_labels()
        self.add(self.edge_layer, self.neuron_layer, self.titles, self.io_labels)
        self.taken: list[Box] = []  # what labels keep clear of (``_plan_labels``)
        self.plan = self._plan_labels()
        self.beside_slots = self._plan_beside()
        self.badge_slots = self._plan_badges()
        self.badges_below = self._badges_fit_below(layout.step_y)
        cx, cy = float(center[0]), float(center[1])  # where names may go: the diagram's box, above the strip
        self.area = Box(cx - width / 2, max(cy - height / 2, SAFE_BOTTOM), cx + width / 2, cy + height / 2)

    # --- construction ------------------------------------------------------------------------------

    @staticmethod
    def _widest(value: str, decimals: int, theme: Theme) -> TraceNumber:
        """``value`` as a neuron shows it at full size, at the digits it is written with."""
        places = len(value.split(".")[1]) if "." in value and "×" not in value else decimals
        return TraceNumber(float(shown_text(value)), ("widest",), max(decimals, places), theme.text, LABEL_SIZE)

    def _connect(self) -> dict[EdgeKey, Edge]:
        edges: dict[EdgeKey, Edge] = {}
        for l in range(len(self.layers) - 1):
            for j, target in enumerate(self.neurons[l + 1]):
                for i, source in enumerate(self.neurons[l]):
                    edge = Edge((l, j, i), source, target, self.theme)
                    edge.set_z_index(Z_EDGES)
                    edges[(l, j, i)] = edge
                    source.out_edges.append(edge)
                    target.in_edges.append(edge)
        return edges

    def _titles(self) -> VGroup:
        """ "input" and "output" over their columns; "hidden" (or "hidden layers") centred over the rest."""
        top = max(n.get_top()[1] for column in self.neurons for n in column)
        y = top + COLUMN_TITLE_GAP
        named = [(self.neurons[0][0].get_x(), "input"), (self.neurons[-1][0].get_x(), "output")]
        hidden = [self.neurons[layer][0].get_x() for layer in range(1, len(self.layers) - 1)]
        if hidden:
            named.append(((hidden[0] + hidden[-1]) / 2, "hidden" if len(hidden) == 1 else "hidden layers"))
        return VGroup(
            *(Text(name, font_size=COLUMN_TITLE_SIZE, color=self.theme.muted).move_to((x, y, 0)) for x, name in named)
        )

    def _io_labels(self) -> VGroup:
        def label(tex: str, neuron: Neuron, side: np.ndarray) -> MathTex:
            return MathTex(tex, font_size=SYMBOL_SIZE, color=self.theme.text).next_to(neuron, side, buff=0.12)

        inputs = [label(symbols.x(i), n, LEFT) for i, n in enumerate(self.neurons[0])]
        outputs = [label(symbols.y_hat(k), n, RIGHT) for k, n in enumerate(self.neurons[-1])]
        return VGroup(*inputs, *outputs)

    def output_labels(self) -> list[Mobject]:
        """The labels beside the output neurons (ŷₖ), in order."""
        return list(self.io_labels[len(self.neurons[0]) :])

    def output_label(self, k: int, tex: str) -> MathTex:
        """Output neuron k's label written as ``tex``, where ŷₖ sits: a target to turn the label into."""
        return MathTex(tex, font_size=SYMBOL_SIZE, color=self.theme.text).next_to(self.neurons[-1][k], RIGHT, buff=0.12)

    def _plan_labels(self) -> LabelPlan | None:
        """Bias labels above neurons, weight labels along edges, the room under each neuron kept for δ."""
        widest = self._number(-1.0, ("widest",), self.theme.text)
        taken = [box_of(n) for column in self.neurons for n in column] + [box_of(m) for m in self.io_labels]
        taken += [
            box_of(widest.copy().next_to(n, DOWN, buff=BADGE_BUFF)) for column in self.neurons[1:] for n in column
        ]
        edges = {key: edge.segment for key, edge in self.edges.items()}
        over: dict[NeuronKey, Box] = {}  # each bias right over its neuron
        clear: dict[NeuronKey, Box] = {}  # moved where no edge crosses it, if it can be
        for l in range(len(self.layers) - 1):
            for j, neuron in enumerate(self.neurons[l + 1]):
                # The slot fits any value the bias will show (its gradient and new value may be wider).
                room = box_of(
                    self._bias_formula(-1.0, ("widest",), self.theme.muted).next_to(neuron, UP, buff=LABEL_BUFF)
                )
                over[(l, j)] = room
                clear[(l, j)] = clear_of_edges(room, [*taken, *clear.values()], list(edges.values()))
        self.taken = taken
        # Biases clear of the edges if the weights still fit; else right over their neurons (rather than tables).
        return plan_labels(taken, clear, edges, box_of(widest)) or plan_labels(taken, over, edges, box_of(widest))

    def _plan_badges(self) -> dict[NeuronKey, Box]:
        """Under each neuron of layers 1 … L, the room for its δ badge (with its background): right under it, or
        moved a little (``BADGE_SHIFTS``) where no edge crosses it and no label is, so that no line runs through a δ."""
        widest = self._number(-1.0, ("widest",), self.theme.text)
        taken = [box_of(n) for column in self.neurons for n in column] + [box_of(m) for m in self.io_labels]
        if self.plan is not None:
            taken += [*self.plan.bias_slots.values(), *self.plan.weight_slots.values()]
        taken += list((self.beside_slots or {}).values())
        edges, pad = [edge.segment for edge in self.edges.values()], BACKGROUND_BUFF
        under: dict[NeuronKey, Box] = {}
        for layer, column in enumerate(self.neurons[1:], start=1):
            for j, neuron in enumerate(column):
                tight = box_of(widest.copy().next_to(neuron, DOWN, buff=BADGE_BUFF))
                under[(layer, j)] = Box(tight.left - pad, tight.bottom - pad, tight.right + pad, tight.top + pad)
        lowest = min(box.bottom for box in under.values()) - 0.05  # a badge moves no nearer the frame's bottom
        taken.append(Box(-20.0, -20.0, 20.0, lowest))
        slots: dict[NeuronKey, Box] = {}
        for key, box in under.items():
            slots[key] = clear_of_edges(box, [*taken, *slots.values()], edges, BADGE_SHIFTS)
        return slots

    def _plan_beside(self) -> dict[EdgeKey, Box] | None:
        """A second slot on every edge, beside its weight's: a gradient shown with the weight it belongs to
        (None when there is no room for all of them, or no weight labels on the diagram)."""
        if self.plan is None:
            return None
        widest = box_of(self._number(-1.0, ("widest",), self.theme.text))
        return plan_beside(self.taken, self.plan, widest, list(self.edges))

    def _badges_fit_below(self, step_y: float) -> bool:
        """Whether a δ badge fits under every neuron: between the rows, and above the frame's bottom."""
        room = BADGE_BUFF + self._number(-1.0, ("widest",), self.theme.text).height + 2 * BACKGROUND_BUFF + 0.05
        crowded = max(self.layers[1:]) > 1 and step_y - 2 * self.radius < room  # the input has no δ
        lowest = min(n.get_bottom()[1] for column in self.neurons[1:] for n in column)
        return not crowded and lowest - room > SAFE_BOTTOM

    def _number(self, value: float, entry: Entry, color: Color) -> TraceNumber:
        return TraceNumber(value, entry, self.decimals, color, LABEL_SIZE)

    def _bias_formula(self, value: float, entry: Entry, number_color: Color) -> Formula:
        return Formula(
            "b",
            "=",
            Num(value, entry),
            decimals=self.decimals,
            color=self.theme.muted,
            number_color=number_color,
            font_size=LABEL_SIZE,
        )

    # --- queries -------------------------------------------------------------------------------------

    @property
    def labels_on_edges(self) -> bool:
        return self.plan is not None

    @property
    def gradients_beside_weights(self) -> bool:
        """Whether each edge has room for a gradient beside its weight label."""
        return self.beside_slots is not None

    def neuron(self, layer: int, j: int) -> Neuron:
        return self.neurons[layer][j]

    def column(self, layer: int) -> list[Neuron]:
        return self.neurons[layer]

    def all_neurons(self) -> list[Neuron]:
        return [n for column in self.neurons for n in column]

    def edges_into(self, layer: int) -> list[Edge]:
        """All edges from layer − 1 into ``layer``."""
        return [e for key, e in self.edges.items() if key[0] == layer - 1]

    # --- the numbers it shows (made here, shown by the caller) ------------------------------------------

    def number_in(self, layer: int, j: int, value: float, entry: Entry, color: Color) -> TraceNumber:
        """A number sized and placed to sit inside neuron (layer, j)."""
        mob = self._number(value, entry, color)
        room = self.radius - RING_INSET - NEURON_MARGIN  # its box, corners too, keeps a margin from a lit ring's ink
        if half_diagonal(mob) > room:
            mob.scale(room / half_diagonal(mob))
        return mob.move_to(self.neurons[layer][j]).set_z_index(Z_NUMBERS)

    def badge(
        self, layer: int, j: int, value: float, entry: Entry, color: Color
    ) -> tuple[BackgroundRectangle, TraceNumber]:
        """A number on its background just under neuron (layer, j) (δ in the backward pass), or in the
        neuron, in place of its value, when the rows are too close for a badge between them."""
        if not self.badges_below:
            mob = self.number_in(layer, j, value, entry, color)
            background = BackgroundRectangle(mob, color=self.theme.neuron_fill, fill_opacity=1.0, buff=0.0)
            return background.set_z_index(Z_BACKGROUNDS), mob
        mob = self._number(value, entry, color).move_to((*self.badge_slots[(layer, j)].centre, 0.0))
        background = BackgroundRectangle(mob, color=self.theme.background, fill_opacity=0.9, buff=BACKGROUND_BUFF)
        return background.set_z_index(Z_BACKGROUNDS), mob.set_z_index(Z_NUMBERS)

    @cached_property
    def names(self) -> DeltaNames:
        """Where hidden neurons' names go while their δ stands in them (typeset only once asked for)."""
        return plan_names(self)

    def delta_name(self, layer: int, j: int) -> VGroup | None:
        """δ⁽ˡ⁾ⱼ beside hidden neuron (layer, j), on a backing: what the neuron shows while its δ stands in for its
        value (an output neuron's label says it instead); None where its layer is named once (``column_name``)."""
        box = self.names.slots.get((layer, j))
        return None if box is None else named(symbols.delta(layer, j), box, self.theme.text, self.theme.background)

    def column_name(self, layer: int) -> VGroup | None:
        """δ⁽ˡ⁾ⱼ over hidden layer ``layer``'s column, where its neurons have no room for a name each."""
        box = self.names.columns.get(layer)
        return None if box is None else named(column_tex(layer), box, self.theme.text, None)

    def weight_label(self, key: EdgeKey, value: float, entry: Entry, color: Color) -> TraceNumber:
        """A number centred in the slot of edge ``key`` (only when ``labels_on_edges``)."""
        assert self.plan is not None
        slot = self.plan.weight_slots[key]
        return self._number(value, entry, color).move_to((*slot.centre, 0.0)).set_z_index(Z_NUMBERS)

    def beside_label(
        self, key: EdgeKey, value: float, entry: Entry, color: Color
    ) -> tuple[BackgroundRectangle, TraceNumber]:
        """A number (a gradient) in the slot beside edge ``key``'s weight, on its background (only when
        ``gradients_beside_weights``)."""
        assert self.beside_slots is not None
        slot = self.beside_slots[key]
        mob = self._number(value, entry, color).move_to((*slot.centre, 0.0)).set_z_index(Z_NUMBERS)
        background = BackgroundRectangle(mob, color=self.theme.background, fill_opacity=1.0, buff=BACKGROUND_BUFF)
        return background.set_z_index(Z_BACKGROUNDS), mob

    def weight_background(self, key: EdgeKey) -> BackgroundRectangle:
        """An opaque backing for edge ``key``'s label: the edge (and its highlight) stop at the number, not through it."""
        assert self.plan is not None
        slot = placeholder(self.plan.weight_slots[key])
        background = BackgroundRectangle(slot, color=self.theme.background, fill_opacity=1.0, buff=BACKGROUND_BUFF)
        return background.set_z_index(Z_BACKGROUNDS)

    def bias_label(self, key: NeuronKey, value: float, entry: Entry) -> tuple[VGroup, TraceNumber]:
        """``b = value`` above neuron ``key``: (background with "b =", the number), left-aligned in its slot."""
        assert self.plan is not None
        slot = self.plan.bias_slots[key]
        formula = self._bias_formula(value, entry, self.theme.text)
        formula.move_to((slot.left, slot.centre[1], 0.0), aligned_edge=LEFT)
        background = BackgroundRectangle(
            placeholder(slot), color=self.theme.background, fill_opacity=0.9, buff=BACKGROUND_BUFF
        )
        group = VGroup(background, formula.symbols()).set_z_index(Z_BACKGROUNDS)
        return group, formula.numbers[0].set_z_index(Z_NUMBERS)


def half_diagonal(mob: Mobject) -> float:
    """Half the diagonal of ``mob``'s box: the farthest its corners reach from its centre."""
    return float(math.hypot(mob.width / 2, mob.height / 2))


__all__ = ["Edge", "NetworkDiagram", "Neuron", "box_of", "half_diagonal"]
