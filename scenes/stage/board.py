"""The diagram on the scene and the numbers it shows right now, passed from step to step.

The numbers change during the video (weights become gradients and then new weights, neurons fill
with activations, δ badges come and go); the steps change them only through these methods, each
returning the animations that show the change.
"""

from __future__ import annotations

from collections.abc import Callable

from manim import Animation, BackgroundRectangle, Group, Mobject, Scene, Transform, VGroup, VMobject

from scenes.drawing import symbols
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.geometry import EdgeKey, NeuronKey
from scenes.drawing.moves import FIRST_HALF, SECOND_HALF, cross_fade, fly, swap_keys, trade_keys
from scenes.drawing.numbers import Entry, TraceNumber
from scenes.drawing.theme import Color
from scenes.stage.context import StepContext

COLUMN = -1  # ``Board.delta_names``' key (layer, COLUMN): the name over a whole column
ColorOf = Callable[[float], Color]  # a label's colour from its value (e.g. by the sign of a gradient)


class Board:
    """``diagram`` plus its weight and bias labels, neuron values and δ badges.

    ``parameters`` names the trace entries the labels start from: ``""`` for the weights and
    biases before the update, ``"new_"`` for after it.
    """

    def __init__(self, ctx: StepContext, parameters: str = "", label_color: Color | None = None) -> None:
        self.ctx = ctx
        self.diagram = ctx.new_diagram()
        self.weight_labels: dict[EdgeKey, TraceNumber] = {}
        self.weight_backgrounds: dict[EdgeKey, BackgroundRectangle] = {}
        self.bias_labels: dict[NeuronKey, TraceNumber] = {}
        self.bias_groups: dict[NeuronKey, VGroup] = {}
        self.values: dict[NeuronKey, TraceNumber] = {}
        self.badges: dict[NeuronKey, tuple[BackgroundRectangle, TraceNumber]] = {}
        self.hidden_values: dict[NeuronKey, TraceNumber] = {}  # values a δ shown in the neuron stands in for
        self.delta_names: dict[NeuronKey, VGroup] = {}  # δ⁽ˡ⁾ⱼ by a hidden neuron showing its δ (or its column)
        self.gradients: dict[EdgeKey, tuple[BackgroundRectangle, TraceNumber]] = {}  # beside their weights
        self.sign_key: Mobject | None = None  # the key to the colours of δ and gradients, while they are shown
        if self.diagram.labels_on_edges:
            self._label(parameters, label_color or ctx.theme.text)

    def _label(self, parameters: str, color: Color) -> None:
        d, value = self.diagram, self.ctx.value
        for key in d.edges:
            entry: Entry = (f"{parameters}weights", *key)
            self.weight_labels[key] = d.weight_label(key, value(entry), entry, color)
            self.weight_backgrounds[key] = d.weight_background(key)
        for l in range(self.ctx.depth):
            for j in range(self.ctx.config.layers[l + 1]):
                entry = (f"{parameters}biases", l, j)
                self.bias_groups[(l, j)], self.bias_labels[(l, j)] = d.bias_label((l, j), value(entry), entry)
                self.bias_labels[(l, j)].set_color(color)

    # --- on a scene ------------------------------------------------------------------------------------

    def label_mobjects(self) -> list[Mobject]:
        """The weight and bias labels with their backgrounds, drawn once the network is."""
        backgrounds = [*self.weight_backgrounds.values(), *self.bias_groups.values()]
        return [*backgrounds, *self.weight_labels.values(), *self.bias_labels.values()]

    def overlay(self) -> list[Mobject]:
        """Every number the diagram shows, with its background: labels, neuron values, badges."""
        badges = [part for badge in (*self.badges.values(), *self.gradients.values()) for part in badge]
        key = [self.sign_key] if self.sign_key is not None else []
        return [*self.label_mobjects(), *self.values.values(), *badges, *self.delta_names.values(), *key]

    def attach(self, scene: Scene) -> None:
        """Add the diagram and everything it shows to ``scene`` at once."""
        scene.add(self.diagram, *self.overlay())

    def everything(self) -> Group:
        return Group(self.diagram, *self.overlay())

    # --- where a formula's numbers come from -------------------------------------------------------------

    def label_of(self, key: EdgeKey) -> TraceNumber | None:
        """The weight label of an edge (None when the diagram is too crowded for labels)."""
        return self.weight_labels.get(key)

    def bias_of(self, l: int, j: int) -> TraceNumber | None:
        """The bias label into neuron j of layer l + 1 (None when the diagram is too crowded for labels)."""
        return self.bias_labels.get((l, j))

    def value_in(self, layer: int, j: int) -> TraceNumber:
        return self.values[(layer, j)]

    # --- neuron values -----------------------------------------------------------------------------------

    def number_in(self, layer: int, j: int, name: str, color: Color) -> TraceNumber:
        """Trace entry ``(name, layer, j)`` (``a`` or ``a_after``) sized for neuron (layer, j); not yet shown."""
        entry = (name, layer, j)
        return self.diagram.number_in(layer, j, self.ctx.value(entry), entry, color)

    def keep_value(self, layer: int, j: int, mob: TraceNumber) -> None:
        """Count ``mob`` as the number neuron (layer, j) shows (the caller has put it on screen)."""
        self.values[(layer, j)] = mob

    def fill_values(self, name: str, color: Color) -> None:
        """Every neuron shows trace entry ``name`` at once (a step that starts after the forward pass)."""
        for layer, size in enumerate(self.ctx.config.layers):
            for j in range(size):
                self.keep_value(layer, j, self.number_in(layer, j, name, color))

    # --- δ badges ----------------------------------------------------------------------------------------

    def badge(self, layer: int, j: int, color: Color) -> tuple[BackgroundRectangle, TraceNumber]:
        """δ of neuron (layer, j) under it, on a background; not yet shown."""
        entry = ("delta", layer - 1, j)
        return self.diagram.badge(layer, j, self.ctx.value(entry), entry, color)

    def show_badge(
        self, layer: int, j: int, badge: tuple[BackgroundRectangle, TraceNumber], source: TraceNumber | None
    ) -> list[Animation]:
        """The badge appears (its number flying from ``source``); a δ shown in the neuron stands in for its value."""
        background, number = badge
        animations: list[Animation] = [
            Appear(background),
            fly(source, number) if source is not None else Appear(number),
        ]
        if not self.diagram.badges_below and (layer, j) in self.values:
            self.hidden_values[(layer, j)] = self.values.pop((layer, j))
            animations.append(Vanish(self.hidden_values[(layer, j)]))
            animations += self._output_named(layer, j, symbols.delta(layer, j))
            animations += [Appear(name) for name in self._hidden_named(layer, j)]
        self.badges[(layer, j)] = badge
        return animations

    def _output_named(self, layer: int, j: int, tex: str) -> list[Animation]:
        """An output neuron's label rewritten as ``tex`` (δ while its δ stands in the neuron, ŷ again after);
        nothing for a hidden neuron, which has no label."""
        if layer != self.ctx.depth:
            return []
        return [Transform(self.diagram.output_labels()[j], self.diagram.output_label(j, tex))]

    def place_badge(self, layer: int, j: int, badge: tuple[BackgroundRectangle, TraceNumber]) -> None:
        """As ``show_badge``, at once (a step that starts after the backward pass)."""
        if not self.diagram.badges_below and (layer, j) in self.values:
            self.hidden_values[(layer, j)] = self.values.pop((layer, j))
            if layer == self.ctx.depth:  # the label says what the neuron shows: δ
                self.diagram.output_labels()[j].become(self.diagram.output_label(j, symbols.delta(layer, j)))
            else:
                self._hidden_named(layer, j)
        self.badges[(layer, j)] = badge

    def _hidden_named(self, layer: int, j: int) -> list[VGroup]:
        """The name a hidden neuron showing its δ takes (none for an output neuron, whose label says it): δ⁽ˡ⁾ⱼ near
        it, or, where its layer has no room for those, δ⁽ˡ⁾ⱼ over its column (with the layer's first δ). Returns
        the names new on the board."""
        d = self.diagram
        if layer == self.ctx.depth:
            return []
        if (name := d.delta_name(layer, j)) is not None:
            self.delta_names[(layer, j)] = name
            return [name]
        if (layer, COLUMN) not in self.delta_names and (name := d.column_name(layer)) is not None:
            self.delta_names[(layer, COLUMN)] = name
            return [name]
        return []

    def replace_key(self, key: Mobject) -> list[Animation]:
        """The board's key goes as ``key`` (a step's own, which the step takes away itself) appears."""
        if self.sign_key is None:
            return [Appear(key)]
        animations = swap_keys(self.sign_key, key)
        self.sign_key = None
        return animations

    def show_sign_key(self, key: Mobject) -> list[Animation]:
        """``key`` (what the colours of the board mean: values, δ badges, gradient-styled edges) appears, in place of
        the board's key before it, and stays with the board (until ``clear_badges`` or the next key)."""
        old, self.sign_key = self.sign_key, key
        if old is not None and old is not key:
            return trade_keys(old, key)  # the rows both keys have stay on screen
        return [Appear(key)]

    def clear_badges(self, keep_key: bool = False) -> list[Animation]:
        """Every δ badge fades away (and the values they stood in for come back), the sign key with them unless
        ``keep_key`` (the edges still show signs)."""
        animations = [Vanish(part) for badge in self.badges.values() for part in badge]
        if self.sign_key is not None and not keep_key:
            animations.append(Vanish(self.sign_key))
            self.sign_key = None
        animations += [Appear(value) for value in self.hidden_values.values()]
        animations += [Vanish(name) for name in self.delta_names.values()]
        for layer, j in self.hidden_values:  # an output neuron shows ŷ again, and says so
            animations += self._output_named(layer, j, symbols.y_hat(j))
        self.values.update(self.hidden_values)
        self.badges, self.hidden_values, self.delta_names = {}, {}, {}
        return animations

    # --- weight and bias labels ----------------------------------------------------------------------------

    def show_gradients(self, l: int, color_of: ColorOf) -> list[Animation]:
        """The gradients of weight layer ``l`` appear beside their weights' labels, which stay (only when the
        diagram has ``gradients_beside_weights``)."""
        animations: list[Animation] = []
        for key in self.diagram.edges:
            if key[0] != l:
                continue
            entry: Entry = ("grad_weights", *key)
            value = self.ctx.value(entry)
            self.gradients[key] = self.diagram.beside_label(key, value, entry, color_of(value))
            animations += [Appear(part) for part in self.gradients[key]]
        return animations

    def clear_gradients(self) -> list[Animation]:
        """Every gradient shown beside its weight fades away."""
        animations = [Vanish(part) for shown in self.gradients.values() for part in shown]
        self.gradients = {}
        return animations

    def new_parameters(self, color: Color, kind: str, l: int) -> list[Animation]:
        """Weight layer ``l``'s weight labels (``kind`` "weights") or bias labels ("biases") give way to their values
        after the update, in ``color``: the old number fades out, then the new one fades in where it was (no number
        in between, no old value in the new colour)."""
        d, value = self.diagram, self.ctx.value
        animations: list[Animation] = []
        for key, old in list(self.weight_labels.items()):
            if (kind, l) != ("weights", key[0]):
                continue
            entry: Entry = ("new_weights", *key)
            self.weight_labels[key] = d.weight_label(key, value(entry), entry, color)
            animations += cross_fade(old, self.weight_labels[key])
        for (layer, j), old in list(self.bias_labels.items()):
            if (kind, l) != ("biases", layer):
                continue
            entry = ("new_biases", l, j)
            label, new = d.bias_label((l, j), value(entry), entry)
            self.bias_labels[(l, j)] = new.set_color(color)
            animations += self._new_bias_words(l, j, label[1])
            animations += cross_fade(old, new)
        return animations

    def _new_bias_words(self, l: int, j: int, words: VMobject) -> list[Animation]:
        """The "b =" of bias (l, j)'s label goes with its old number and comes back with the new one (a lecturer's
        review: "b =" stood alone between them); its backing stays, so the edges behind it stay hidden."""
        group = self.bias_groups[(l, j)]
        old_words = group.submobjects[1]
        group.remove(old_words)  # on its own for its fade; the group on screen keeps the backing, with the new words
        group.add(words)
        return [Vanish(old_words, rate_func=FIRST_HALF), Appear(words, rate_func=SECOND_HALF)]

    def clear_values(self, first_layer: int = 1) -> list[Animation]:
        """The neurons' numbers from ``first_layer`` on fade away (they belong to parameters that are gone)."""
        cleared = [key for key in self.values if key[0] >= first_layer]
        return [Vanish(self.values.pop(key)) for key in cleared]

    def change_layer_values(self, layer: int, name: str, color: Color) -> list[Animation]:
        """Layer ``layer``'s neurons show trace entry ``name`` (``a_after``: after the update)."""
        animations: list[Animation] = []
        for j in range(self.ctx.config.layers[layer]):
            new = self.number_in(layer, j, name, color)
            animations += cross_fade(self.values.get((layer, j)), new)
            self.keep_value(layer, j, new)
        return animations
