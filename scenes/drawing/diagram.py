"""The network diagram every scene draws: neurons that know their edges, labels, and animations."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    BackgroundRectangle,
    Circle,
    DecimalNumber,
    Group,
    Line,
    MathTex,
    Mobject,
    ReplacementTransform,
    Scene,
    ShowPassingFlash,
    Text,
    VGroup,
    VMobject,
)

from nnmath.notation import rounded
from scenes.drawing.fades import Appear
from scenes.drawing.formula import Formula, Num
from scenes.drawing.numbers import NUMBER_FONT_SIZE, number
from scenes.drawing.theme import Theme

NEURON_RADIUS = 0.52
EDGE_WIDTH = 2.0
LABEL_FONT_SIZE = 28  # digits 0.2 units tall: 1/40 of the frame height
TITLE_FONT_SIZE = 28
# Where along an edge (from its source) a weight label may sit, in order of preference.
_LABEL_POSITIONS = (0.3, 0.24, 0.36, 0.42, 0.18, 0.48, 0.54, 0.6, 0.66, 0.72, 0.78)

# Drawing order (manim sorts by z-index), so animating a neuron or an edge never hides a number.
Z_EDGES, Z_NEURONS, Z_BACKGROUNDS, Z_NUMBERS = 0, 1, 2, 3

EdgeKey = tuple[int, int, int]  # (l, j, i): weight W[l][j, i], neuron i of layer l -> neuron j of layer l+1


class Neuron(Circle):
    """A neuron that knows its place and its incoming and outgoing edges."""

    def __init__(self, layer: int, index: int, theme: Theme, radius: float = NEURON_RADIUS, **kwargs: object) -> None:
        super().__init__(
            radius=radius,
            stroke_color=theme.neuron_stroke,
            stroke_width=2.5,
            fill_color=theme.neuron_fill,
            fill_opacity=1.0,
            **kwargs,
        )
        self.layer = layer
        self.index = index
        self.in_edges: list[Line] = []
        self.out_edges: list[Line] = []


class NetworkDiagram(VGroup):
    """Neurons, edges, weight and bias labels for one network, laid out inside a box.

    ``self.neurons[layer][j]``, ``self.edges[(l, j, i)]``, ``self.weight_labels[(l, j, i)]`` and
    ``self.bias_labels[(l, j)]`` (DecimalNumbers), ``self.values[(layer, j)]`` (the number shown in a
    neuron, once set). When the weights cannot all sit on their edges without overlapping
    (large networks), ``labels_on_edges`` is False and the scenes show them in a side table.

    The group itself holds the fixed parts (edges, neurons, titles). Numbers change during a video,
    so they and their backgrounds are separate scene mobjects ("overlay"), swapped with
    ``ReplacementTransform``; ``attach`` adds everything to a scene, ``overlay()`` lists the numbers.
    """

    def __init__(
        self,
        layers: Sequence[int],
        weights: Sequence[np.ndarray],
        biases: Sequence[np.ndarray],
        theme: Theme,
        decimals: int,
        width: float = 7.4,
        height: float = 5.6,
        center: Sequence[float] = (0.0, 0.0, 0.0),
        widest_value: str = "-0.0000",
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        # Neurons grow to hold the widest number they will show at full size (never below the floor).
        inside_width = number(float(widest_value), decimals, theme.text, LABEL_FONT_SIZE).width
        self.radius = max(NEURON_RADIUS, inside_width / 2 / 0.92)
        self.layers = tuple(layers)
        self.theme = theme
        self.decimals = decimals
        self.neurons: list[list[Neuron]] = []
        self.edges: dict[EdgeKey, Line] = {}
        self.weight_labels: dict[EdgeKey, DecimalNumber] = {}
        self.weight_backgrounds: dict[EdgeKey, BackgroundRectangle] = {}
        self.bias_labels: dict[tuple[int, int], DecimalNumber] = {}
        self.bias_groups: dict[tuple[int, int], VGroup] = {}
        self.values: dict[tuple[int, int], DecimalNumber] = {}
        self.badges: dict[tuple[int, int], VGroup] = {}  # δ under a neuron: (background, number)
        self._build_neurons(width, height, np.array(center, dtype=float))
        self._build_edges()
        self.edge_layer = VGroup(*self.edges.values())
        self.neuron_layer = VGroup(*(n for column in self.neurons for n in column))
        self.titles = self._build_titles()
        self.io_labels = self._build_io_labels()
        self.add(self.edge_layer, self.neuron_layer, self.titles, self.io_labels)
        self.labels_on_edges = self._place_labels(weights, biases)
        if not self.labels_on_edges:
            self.weight_labels.clear()
            self.weight_backgrounds.clear()
            self.bias_labels.clear()
            self.bias_groups.clear()

    # --- construction --------------------------------------------------------------------

    def _build_neurons(self, width: float, height: float, center: np.ndarray) -> None:
        columns = len(self.layers)
        margin_x = 0.75  # room for the x and ŷ labels beside the outer columns
        r = self.radius
        step_x = (width - 2 * margin_x - 2 * r) / (columns - 1)
        tallest = max(self.layers)
        usable = height - 0.9  # room for the layer titles above
        step_y = min(3.0, (usable - 2 * r) / max(tallest - 1, 1))
        for layer, size in enumerate(self.layers):
            x = -width / 2 + margin_x + r + layer * step_x
            column = []
            for j in range(size):
                y = ((size - 1) / 2 - j) * step_y - 0.45
                column.append(
                    Neuron(layer, j, self.theme, radius=r)
                    .move_to(center + np.array([x, y, 0.0]))
                    .set_z_index(Z_NEURONS)
                )
            self.neurons.append(column)
        self.step_x, self.step_y = step_x, step_y

    def _build_edges(self) -> None:
        for l in range(len(self.layers) - 1):
            for j, target in enumerate(self.neurons[l + 1]):
                for i, source in enumerate(self.neurons[l]):
                    edge = Line(
                        source.get_center(),
                        target.get_center(),
                        buff=self.radius,
                        stroke_color=self.theme.muted,
                        stroke_width=EDGE_WIDTH,
                    )
                    edge.key = (l, j, i)
                    edge.set_z_index(Z_EDGES)
                    self.edges[(l, j, i)] = edge
                    source.out_edges.append(edge)
                    target.in_edges.append(edge)

    def _build_titles(self) -> VGroup:
        """ "input" and "output" over their columns; "hidden" (or "hidden layers") centred over the rest."""
        top = max(n.get_top()[1] for column in self.neurons for n in column)
        y = top + 0.75
        titles = VGroup()
        for layer, name in ((0, "input"), (len(self.layers) - 1, "output")):
            titles.add(
                Text(name, font_size=TITLE_FONT_SIZE, color=self.theme.muted).move_to(
                    [self.neurons[layer][0].get_x(), y, 0]
                )
            )
        hidden = [self.neurons[layer][0].get_x() for layer in range(1, len(self.layers) - 1)]
        if hidden:
            name = "hidden" if len(hidden) == 1 else "hidden layers"
            titles.add(
                Text(name, font_size=TITLE_FONT_SIZE, color=self.theme.muted).move_to(
                    [(hidden[0] + hidden[-1]) / 2, y, 0]
                )
            )
        return titles

    def _build_io_labels(self) -> VGroup:
        labels = VGroup()
        for i, neuron in enumerate(self.neurons[0]):
            labels.add(MathTex(f"x_{{{i + 1}}}", font_size=34, color=self.theme.text).next_to(neuron, LEFT, buff=0.12))
        for k, neuron in enumerate(self.neurons[-1]):
            labels.add(
                MathTex(rf"\hat y_{{{k + 1}}}", font_size=34, color=self.theme.text).next_to(neuron, RIGHT, buff=0.12)
            )
        return labels

    def _place_labels(self, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]) -> bool:
        """Bias labels above neurons, weight labels along edges; False if they cannot all fit."""
        taken: list[Mobject] = [n for column in self.neurons for n in column] + list(self.io_labels)
        widest = number(-1.0, self.decimals, self.theme.text, LABEL_FONT_SIZE)
        for column in self.neurons[1:]:  # keep the room under each neuron free for its δ badge
            taken += [widest.copy().next_to(n, DOWN, buff=0.1) for n in column]
        for l, b in enumerate(biases):
            for j, value in enumerate(b):
                neuron = self.neurons[l + 1][j]
                formula = Formula(
                    "b",
                    "=",
                    Num(value),
                    decimals=self.decimals,
                    color=self.theme.muted,
                    number_color=self.theme.text,
                    font_size=LABEL_FONT_SIZE,
                )
                # The slot fits any value the bias will show (its gradient and new value may be wider).
                room = Formula(
                    "b", "=", Num(-1.0), decimals=self.decimals, color=self.theme.muted, font_size=LABEL_FONT_SIZE
                )
                room.next_to(neuron, UP, buff=0.08)
                formula.move_to(room, aligned_edge=LEFT)
                background = BackgroundRectangle(room, color=self.theme.background, fill_opacity=0.9, buff=0.04)
                self.bias_groups[(l, j)] = VGroup(background, formula.symbols()).set_z_index(Z_BACKGROUNDS)
                self.bias_labels[(l, j)] = formula.numbers[0].set_z_index(Z_NUMBERS)
                if any(_overlap(room, other) for other in taken):
                    return False
                taken.append(room)
        for l, w in enumerate(weights):
            for (j, i), value in np.ndenumerate(w):
                key = (l, j, i)
                label = number(value, self.decimals, self.theme.text, LABEL_FONT_SIZE)
                room = widest.copy()  # the slot fits any number the label will show (gradients are signed)
                edge = self.edges[key]
                others = [e for k, e in self.edges.items() if k != key]
                for t in _LABEL_POSITIONS:
                    room.move_to(edge.point_from_proportion(t))
                    # free, and on its own edge only: a label where two edges cross would be ambiguous
                    if not any(_overlap(room, other, margin=0.06) for other in taken) and not any(
                        _crosses(room, e) for e in others
                    ):
                        break
                else:
                    return False
                taken.append(room)
                self.weight_labels[key] = label.move_to(room).set_z_index(Z_NUMBERS)
                self.weight_backgrounds[key] = BackgroundRectangle(
                    room, color=self.theme.background, fill_opacity=0.85, buff=0.04
                ).set_z_index(Z_BACKGROUNDS)
        return True

    # --- queries ---------------------------------------------------------------------------

    def neuron(self, layer: int, j: int) -> Neuron:
        return self.neurons[layer][j]

    def edges_into(self, layer: int) -> list[Line]:
        """All edges from layer − 1 into ``layer``."""
        return [e for key, e in self.edges.items() if key[0] == layer - 1]

    def label_of(self, key: EdgeKey) -> VMobject:
        """The weight label of an edge, or the edge itself when labels live in a side table."""
        return self.weight_labels.get(key, self.edges[key])

    # --- values in neurons ------------------------------------------------------------------

    def value_at(self, layer: int, j: int, value: float, color: str) -> DecimalNumber:
        """A number sized and placed to sit inside neuron (layer, j); not yet shown."""
        mob = number(value, self.decimals, color, LABEL_FONT_SIZE)
        if mob.width > 2 * self.radius * 0.92:
            mob.scale_to_fit_width(2 * self.radius * 0.92)
        return mob.move_to(self.neurons[layer][j]).set_z_index(Z_NUMBERS)

    def put_value(self, layer: int, j: int, mob: DecimalNumber) -> None:
        """Register ``mob`` as the number shown in a neuron (the caller shows it)."""
        self.values[(layer, j)] = mob

    def fill_values(self, values: Sequence[np.ndarray], color: str) -> None:
        """Set every neuron's value at once (a scene that starts after the forward pass)."""
        for layer, column in enumerate(values):
            for j, value in enumerate(column):
                self.put_value(layer, j, self.value_at(layer, j, value, color))

    def badge(self, layer: int, j: int, value: float, color: str) -> VGroup:
        """A number just under neuron (layer, j) on a background (δ in the backward pass); not yet shown."""
        mob = number(value, self.decimals, color, LABEL_FONT_SIZE).next_to(self.neurons[layer][j], DOWN, buff=0.1)
        background = BackgroundRectangle(mob, color=self.theme.background, fill_opacity=0.9, buff=0.04)
        return VGroup(background.set_z_index(Z_BACKGROUNDS), mob.set_z_index(Z_NUMBERS))

    def put_badge(self, layer: int, j: int, badge: VGroup) -> None:
        self.badges[(layer, j)] = badge

    def change_values(self, values: Sequence[np.ndarray], color: str) -> list[Animation]:
        """Turn every neuron's number into ``values``."""
        animations: list[Animation] = []
        for layer, column in enumerate(values):
            for j, value in enumerate(column):
                new = self.value_at(layer, j, value, color)
                old = self.values.get((layer, j))
                animations.append(ReplacementTransform(old, new) if old is not None else Appear(new))
                self.put_value(layer, j, new)
        return animations

    # --- edge animations --------------------------------------------------------------------

    def forward_pulse(self, layer: int, color: str, run_time: float = 1.2) -> AnimationGroup:
        """A flash along every edge into ``layer``, left to right."""
        flashes = [
            ShowPassingFlash(e.copy().set_stroke(color, width=6), time_width=0.6) for e in self.edges_into(layer)
        ]
        return AnimationGroup(*flashes, run_time=run_time)

    def backward_pulse(self, layer: int, color: str, run_time: float = 1.2) -> AnimationGroup:
        """A flash along every edge into ``layer``, right to left (the error signal going back)."""
        flashes = [
            ShowPassingFlash(Line(e.get_end(), e.get_start()).set_stroke(color, width=6), time_width=0.6)
            for e in self.edges_into(layer)
        ]
        return AnimationGroup(*flashes, run_time=run_time)

    def restyle_edges(self, styles: dict[EdgeKey, tuple[str, float]]) -> list[Animation]:
        """Animate edges to (colour, width)."""
        return [self.edges[k].animate.set_stroke(color, width=width) for k, (color, width) in styles.items()]

    def gradient_styles(
        self, l: int, grads: np.ndarray, positive: str, negative: str
    ) -> dict[EdgeKey, tuple[str, float]]:
        """Colour = sign, width = magnitude (relative to the largest gradient of the layer)."""
        largest = float(np.max(np.abs(grads))) or 1.0
        return {
            (l, j, i): (positive if g >= 0 else negative, 1.5 + 7.0 * abs(g) / largest)
            for (j, i), g in np.ndenumerate(grads)
        }

    def neutral_styles(self) -> dict[EdgeKey, tuple[str, float]]:
        return {k: (self.theme.muted, EDGE_WIDTH) for k in self.edges}

    # --- labels -----------------------------------------------------------------------------

    def relabel(self, values: dict[EdgeKey, float], color: str) -> list[Animation]:
        """Cross-fade weight labels to other numbers (gradients, new weights) in ``color``."""
        animations: list[Animation] = []
        for key, value in values.items():
            old = self.weight_labels.get(key)
            if old is None:
                continue
            new = number(value, self.decimals, color, LABEL_FONT_SIZE).move_to(self.weight_backgrounds[key])
            new.set_z_index(Z_NUMBERS)
            animations.append(ReplacementTransform(old, new))
            self.weight_labels[key] = new
        return animations

    def relabel_biases(self, values: dict[tuple[int, int], float], color: str) -> list[Animation]:
        animations: list[Animation] = []
        for key, value in values.items():
            old = self.bias_labels.get(key)
            if old is None:
                continue
            new = number(value, self.decimals, color, LABEL_FONT_SIZE).move_to(old, aligned_edge=LEFT)
            new.set_z_index(Z_NUMBERS)
            animations.append(ReplacementTransform(old, new))
            self.bias_labels[key] = new
        return animations

    def tick_labels(self, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray], color: str) -> list[Animation]:
        """Every weight and bias label counts to its new value (and takes ``color``)."""
        animations: list[Animation] = []
        for (l, j, i), label in self.weight_labels.items():
            animations.append(_tick(label, weights[l][j, i], self.decimals, color))
        for (l, j), label in self.bias_labels.items():
            animations.append(_tick(label, biases[l][j], self.decimals, color, centred=False))
        return animations

    # --- on a scene -------------------------------------------------------------------------

    def label_mobjects(self) -> list[Mobject]:
        """The weight and bias labels with their backgrounds, drawn once the network is."""
        backgrounds = [*self.weight_backgrounds.values(), *self.bias_groups.values()]
        return [*backgrounds, *self.weight_labels.values(), *self.bias_labels.values()]

    def overlay(self) -> list[Mobject]:
        """Every separate mobject the diagram shows: labels, neuron values, badges."""
        badges = [part for badge in self.badges.values() for part in badge]
        return [*self.label_mobjects(), *self.values.values(), *badges]

    def attach(self, scene: Scene) -> None:
        """Add the diagram and everything it shows to ``scene`` at once."""
        scene.add(self, *self.overlay())

    def everything(self) -> Group:
        return Group(self, *self.overlay())


class Tick(Animation):
    """A DecimalNumber counting to ``target`` (kept above the label backgrounds while it is rebuilt)."""

    def __init__(self, decimal: DecimalNumber, target: float, centred: bool = True, **kwargs: object) -> None:
        self.start_value = decimal.get_value()
        self.target_value = target
        # A label keeps its place as its width changes: centred in its slot, or by its left edge.
        self.anchor = decimal.get_center() if centred else decimal.get_left()
        self.centred = centred
        super().__init__(decimal, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        self.mobject.set_value(self.start_value + (self.target_value - self.start_value) * t)
        if self.centred:
            self.mobject.move_to(self.anchor)
        else:
            self.mobject.move_to(self.anchor, aligned_edge=LEFT)
        self.mobject.set_z_index(Z_NUMBERS)


def _tick(label: DecimalNumber, value: float, decimals: int, color: str, centred: bool = True) -> Animation:
    label.set_color(color)
    return Tick(label, rounded(float(value), decimals), centred=centred)


def _crosses(box: Mobject, edge: Line, margin: float = 0.03) -> bool:
    """Whether the straight ``edge`` passes through the bounding box of ``box``."""
    low, high = box.get_corner(DOWN + LEFT)[:2] - margin, box.get_corner(UP + RIGHT)[:2] + margin
    points = np.linspace(edge.get_start()[:2], edge.get_end()[:2], 60)
    inside = np.all((points >= low) & (points <= high), axis=1)
    return bool(inside.any())


def _overlap(a: Mobject, b: Mobject, margin: float = 0.04) -> bool:
    """Whether two bounding boxes (grown by ``margin``) intersect."""
    a_min, a_max = a.get_corner(DOWN + LEFT), a.get_corner(UP + RIGHT)
    b_min, b_max = b.get_corner(DOWN + LEFT), b.get_corner(UP + RIGHT)
    return bool(
        a_min[0] - margin < b_max[0]
        and b_min[0] - margin < a_max[0]
        and a_min[1] - margin < b_max[1]
        and b_min[1] - margin < a_max[1]
    )


__all__ = ["LABEL_FONT_SIZE", "NUMBER_FONT_SIZE", "NetworkDiagram", "Neuron"]
