"""Step 1, the forward pass: inputs enter, each layer computes z = Σ w·a + b and a = f(z), ŷ."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from manim import Animation, Create, MathTex, Scene, Text, Transform, VGroup, VMobject, Write

from nnmath.rounding import add_to_one_as_shown, mixes_output
from scenes.drawing import symbols
from scenes.drawing.colour_key import panel_top_under
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Token
from scenes.drawing.layout import glossed
from scenes.drawing.motion import light_up, pulse_forward, rest_edges, rest_neurons
from scenes.drawing.moves import assemble, assemble_all, fly
from scenes.drawing.narration import beat, narrated, read_out, wait_to_read
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.shown_arithmetic import ROUNDING_NOTE
from scenes.drawing.style import (
    ASSEMBLE,
    BEAT,
    FADE,
    FLY,
    FOCUS_STROKE,
    LABEL_SIZE,
    LOOK,
    MOVE,
    PANEL_SPACING,
    PAUSE,
    PULSE,
    READ,
    READ_LONG,
    RESET,
    ROW_IN,
    RULE_SIZE,
    SETTLE,
    SHOW_ROW,
    WRITE,
)
from scenes.formulas.activations import activation_rule, defines_activation
from scenes.formulas.forward_pass import (
    SOFTMAX_SUM,
    a_formula,
    compact_rule,
    forward_formulas,
    probabilities_add_up,
    softmax_formula,
    softmax_rule,
    softmax_sum,
    z_formula,
)
from scenes.formulas.notation import Y_HAT_MEANING
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.states import forward_key
from scenes.stage.step import Step
from scenes.steps_table import PART
from scenes.words import forward_pass as words
from scenes.words.error_calc import OUTPUT_INDICES


def play_forward_pass(scene: Scene, ctx: StepContext, board: Board | None = None) -> Board:
    """Play step 1 on ``scene``; draws the network first unless ``board`` is already on screen."""
    step = Step(scene, ctx, PART["ForwardPass"])
    key = forward_key(ctx)  # stays with the board: the values keep their colour
    step.panel.top = panel_top_under(key)
    board = the_network(step, board, key)
    the_inputs(step, board)
    for layer in range(1, ctx.output_layer + 1):
        if layer == ctx.output_layer and mixes_output(ctx.trace):
            softmax_layer(step, board, layer)
        else:
            one_layer(step, board, layer)
    the_prediction(step, board)
    step.end()
    return board


def show_network(scene: Scene, ctx: StepContext, board: Board | None = None) -> Board:
    """Draw the network (``board``'s, or a new one): edges, neurons, then every weight and bias."""
    board = Board(ctx) if board is None else board
    d = board.diagram
    scene.play(Create(d.edge_layer), Appear(d.neuron_layer), Appear(d.titles), run_time=WRITE)
    scene.play(Appear(d.io_labels), *(Appear(m) for m in board.label_mobjects()), run_time=MOVE)
    scene.remove(d.edge_layer, d.neuron_layer, d.titles, d.io_labels)
    scene.add(d)
    scene.bring_to_front(*board.label_mobjects())
    return board


def the_network(step: Step, board: Board | None, key: VGroup) -> Board:
    drawn = board is not None
    board = Board(step.ctx) if board is None else board
    with narrated(step.scene, "forward-network", words.forward_network(step.ctx, board.diagram.labels_on_edges)):
        step.show_title(*board.show_sign_key(key))
        if not drawn:
            show_network(step.scene, step.ctx, board)
        wait_to_read(step.scene, READ)
    return board


def the_inputs(step: Step, board: Board) -> None:
    """The sample's x values fly from the panel into the input neurons."""
    ctx, scene, theme = step.ctx, step.scene, step.theme
    with narrated(scene, "forward-inputs", words.forward_inputs(ctx)):
        tokens: list[Token] = ["x", "=", "("]
        for i in range(len(step.t.x)):
            tokens += [ctx.num("x", i, color=theme.forward)] + ([","] if i < len(step.t.x) - 1 else [])
        x_row = Formula(*tokens, ")", decimals=step.decimals, color=theme.text)
        scene.play(step.panel.push(x_row, Write))
        values = [board.number_in(0, i, "a", theme.forward) for i in range(len(step.t.x))]
        scene.play(*(fly(x_row.numbers[i], values[i]) for i in range(len(values))), run_time=PULSE)
        for i, mob in enumerate(values):
            board.keep_value(0, i, mob)
        wait_to_read(scene, PAUSE, then=FADE)
        step.panel.clear()


def one_layer(step: Step, board: Board, layer: int) -> None:
    """The layer's focus neuron in full (z with every number, then a = f(z)); the others in one go."""
    ctx = step.ctx
    j = focus_neuron(ctx, layer)
    others = [k for k in range(step.config.layers[layer]) if k != j]
    with narrated(step.scene, f"forward-layer-{layer}", words.forward_layer(ctx, layer, j)):
        step.scene.play(pulse_forward(board.diagram, layer, step.theme.forward))
        one_neuron(step, board, layer, j)
        if others:
            beat(step.scene)  # its words read while its rows are on screen; then the others'
            the_other_neurons(step, board, layer, others)
            beat(step.scene)  # every a, once the last has landed in its neuron
        wait_to_read(step.scene, BEAT, then=FADE)
        step.panel.clear()


def focus_neuron(ctx: StepContext, layer: int) -> int:
    """The neuron of ``layer`` computed in full: the one the focus weight (``display.focus``) leads into."""
    return ctx.config.focus[layer - 1][0]


def one_neuron(step: Step, board: Board, layer: int, j: int) -> None:
    """z⁽ˡ⁾ⱼ gathers its numbers from the diagram; a⁽ˡ⁾ⱼ = f(z) flies into the neuron."""
    scene, theme = step.scene, step.theme
    neuron = board.diagram.neuron(layer, j)
    the_z_row(step, board, layer, j)
    if defines_activation(step.t, layer):  # the first neuron to apply f: f's rule, then its numbers
        beat(scene)  # z read while its row is new; then f's rule
        rule = MathTex(activation_rule(step.t.activations[layer]), font_size=RULE_SIZE, color=theme.text)
        scene.play(step.panel.push(rule, Write), run_time=WRITE)
        scene.wait(LOOK)
    read_out(scene)  # the words so far read while their rows are on screen: the panel may clear for a's row
    a_row = a_formula(step.ctx, layer, j)
    # the clip's first ŷ: what it is, beside it
    named = glossed(a_row, Y_HAT_MEANING, theme.text) if layer == step.ctx.output_layer else a_row
    # f of the shown z, worked by hand (tanh(−0.6844) ≈ −0.5943 where it gives another last digit), with its note
    note = step.room_with_note([a_row], list(step.panel.items))[1:]
    shown = step.panel.push_all([named, *note])
    beat(scene)  # a = f(z)'s numbers as its row comes in
    scene.play(*shown, run_time=ROW_IN)
    step.read_note(note)
    value = board.number_in(layer, j, "a", theme.forward)
    scene.play(fly(a_row.numbers[-1], value), run_time=FLY)
    board.keep_value(layer, j, value)
    scene.play(*rest_neurons([neuron], theme), *rest_edges(neuron.in_edges, theme), run_time=RESET)
    scene.wait(SETTLE)


def the_z_row(step: Step, board: Board, layer: int, j: int) -> Formula:
    """z⁽ˡ⁾ⱼ = Σ w·a + b, its numbers gathered from the diagram while the neuron and its in-edges light up."""
    scene, theme = step.scene, step.theme
    neuron = board.diagram.neuron(layer, j)
    z_row = z_formula(step.ctx, layer, j)
    shown = step.room_with_note([z_row])  # a sum that does not add up as shown comes with the note saying why
    for m in shown:
        step.panel.add(m)
    highlight = [*light_up([neuron], theme.text), *light_up(neuron.in_edges, theme.text, width=None)]
    notes = [Appear(m) for m in shown[1:]]
    assemble(scene, z_row, dict(enumerate(z_sources(board, layer, j))), *highlight, *notes, run_time=ASSEMBLE)
    scene.wait(LOOK)
    step.read_note(shown)
    return z_row


def the_other_neurons(step: Step, board: Board, layer: int, others: list[int]) -> None:
    """The rest of the layer under the rule z = Σ w·a + b for every neuron: each neuron's sum with its numbers (its
    weights, inputs and bias), then a = f(z), its value flying into the neuron."""
    for k, _ in each_other_sum(step, board, layer, others):
        row = a_formula(step.ctx, layer, k)
        shown = step.room_with_note([row], list(step.panel.items))  # with the note where f(z) reads "≈"
        step.scene.play(*step.panel.push_all(shown), run_time=ROW_IN)
        step.read_note(shown)
        value = board.number_in(layer, k, "a", step.theme.forward)
        step.scene.play(fly(row.numbers[-1], value), run_time=FLY)
        board.keep_value(layer, k, value)
        finish_neuron(step, board, layer, k)


def each_other_sum(step: Step, board: Board, layer: int, others: list[int]) -> Iterator[tuple[int, Formula]]:
    """The layer's rule, then for each neuron of ``others`` its z row with every number, the neuron and its
    in-edges lit (room made under the rule as needed); yields the neuron and its z row while that is on screen."""
    scene, theme = step.scene, step.theme
    step.panel.clear()
    rule = compact_rule(step, layer)
    scene.play(step.panel.push(rule, Write), run_time=WRITE)
    for k in others:
        z_row = z_formula(step.ctx, layer, k)
        # room for the sum (with the note saying why, if it does not add up as shown) and a's row under it: the
        # rule goes if all do not fit
        below = a_formula(step.ctx, layer, k).height + PANEL_SPACING
        shown = step.room_with_note([z_row], [rule], [], below=below)
        neuron = board.diagram.neuron(layer, k)
        lit = [*light_up([neuron], theme.text), *light_up(neuron.in_edges, theme.text, width=None)]
        scene.play(*step.panel.push_all(shown), *lit, run_time=SHOW_ROW)
        scene.wait(LOOK)
        step.read_note(shown)
        yield k, z_row


def finish_neuron(step: Step, board: Board, layer: int, k: int) -> None:
    neuron = board.diagram.neuron(layer, k)
    step.scene.play(*rest_neurons([neuron], step.theme), *rest_edges(neuron.in_edges, step.theme), run_time=RESET)


# --- a softmax output: every ŷ needs every z of its layer -------------------------------------------


def softmax_layer(step: Step, board: Board, layer: int) -> None:
    """A softmax output mixes its layer: first every z (the focus neuron's in full), each settling in its
    neuron; then ŷ from all of them."""
    ctx = step.ctx
    j = focus_neuron(ctx, layer)
    others = [k for k in range(step.config.layers[layer]) if k != j]
    with narrated(step.scene, f"forward-layer-{layer}", words.forward_softmax_sums(ctx, layer, j)):
        # until softmax has every z, the output neurons hold z: labelled z, not ŷ
        step.scene.play(pulse_forward(board.diagram, layer, step.theme.forward), *name_outputs(board, symbols.z))
        neuron = board.diagram.neuron(layer, j)
        z_row = the_z_row(step, board, layer, j)
        settle(step, board, layer, [(j, z_row.numbers[-1])], "z")
        step.scene.play(*rest_neurons([neuron], step.theme), *rest_edges(neuron.in_edges, step.theme), run_time=RESET)
        if others:
            beat(step.scene)  # its z read while its row is on screen; then the others'
            the_other_sums(step, board, layer, others)
            beat(step.scene)  # every z, once the last has landed in its neuron
        wait_to_read(step.scene, BEAT, then=FADE)
        step.panel.clear()
    the_softmax(step, board, layer, j, others)


def name_outputs(board: Board, tex: Callable[[int, int], str]) -> list[Animation]:
    """The output neurons' labels rewritten as ``tex(layer, k)`` (z while softmax waits, then ŷ)."""
    d = board.diagram
    layer = len(d.neurons) - 1
    return [Transform(label, d.output_label(k, tex(layer, k))) for k, label in enumerate(d.output_labels())]


def settle(
    step: Step, board: Board, layer: int, numbers: list[tuple[int, TraceNumber]], name: str, *also: Animation
) -> None:
    """Each (k, number) flies into neuron k of ``layer`` as trace entry ``(name, layer, k)``, replacing what it
    held (``also``: played with it)."""
    theme = step.theme
    values = {k: board.number_in(layer, k, name, theme.forward) for k, _ in numbers}
    old = [board.values[(layer, k)] for k, _ in numbers if (layer, k) in board.values]
    step.scene.play(*(fly(number, values[k]) for k, number in numbers), *(Vanish(m) for m in old), *also, run_time=FLY)
    for k, value in values.items():
        board.keep_value(layer, k, value)


def the_other_sums(step: Step, board: Board, layer: int, others: list[int]) -> None:
    """The rest of the layer's z under the rule z = Σ w·a + b for every neuron, each with its numbers; each z flies
    into its neuron."""
    for k, z_row in each_other_sum(step, board, layer, others):
        settle(step, board, layer, [(k, z_row.numbers[-1])], "z")
        finish_neuron(step, board, layer, k)
    step.scene.wait(SETTLE)


def the_softmax(step: Step, board: Board, layer: int, j: int, others: list[int]) -> None:
    """ŷₖ = exp(zₖ) / S with S = Σₘ exp(zₘ): S gathers every z from the neurons, then each ŷ (the focus output
    first) takes its z's place in the neuron."""
    ctx, scene, theme = step.ctx, step.scene, step.theme
    with narrated(scene, f"forward-softmax-{layer}", words.forward_softmax(ctx, layer, j)):
        rule = glossed(MathTex(softmax_rule(layer), font_size=RULE_SIZE, color=theme.text), Y_HAT_MEANING, theme.text)
        # what k and m are, beside S's rule (the clip may be shown alone)
        named = glossed(MathTex(SOFTMAX_SUM, font_size=RULE_SIZE, color=theme.text), OUTPUT_INDICES, theme.text)
        scene.play(step.panel.push(rule, Write), step.panel.push(named, Write), run_time=WRITE)
        neurons = board.diagram.column(layer)
        total = softmax_sum(ctx, layer)
        # S worked from the shown z by a calculator may differ in the last digit, and so may ŷ: the note says why,
        # coming with the first row that needs it (the rules make room for it, the first first)
        shown = step.room_with_note([total], [rule, named], [named])
        for m in shown:
            step.panel.add(m)
        sources = {m: board.value_in(layer, m) for m in range(len(neurons))}
        notes = [Appear(m) for m in shown[1:]]
        assemble(scene, total, sources, *light_up(neurons, theme.text), *notes, run_time=ASSEMBLE)
        scene.wait(LOOK)
        step.read_note(shown)
        order = [j, *others]
        rows = [softmax_formula(ctx, layer, k) for k in order]
        shown = step.room_with_note(rows, [rule, named, total], [total])  # the ŷ rows under S if all do not fit
        placed = [(row, {0: board.value_in(layer, k)}) for k, row in zip(order, rows, strict=True)]
        for m in shown:
            step.panel.add(m)
        assemble_all(scene, placed, *(Appear(m) for m in shown[len(rows) :]), run_time=SHOW_ROW)
        scene.wait(READ)
        step.read_note(shown)
        results = [(k, row.numbers[-1]) for k, row in zip(order, rows, strict=True)]
        settle(step, board, layer, results, "a", *name_outputs(board, lambda _, k: symbols.y_hat(k)))
        scene.play(*rest_neurons(neurons, theme), run_time=RESET)
        wait_to_read(scene, SETTLE, then=FADE)
        step.panel.clear()


# --- the formulas ------------------------------------------------------------------------------------


def z_sources(board: Board, layer: int, j: int) -> list[TraceNumber | None]:
    """Where each number of the z row comes from on the diagram: w and a per input, then b (None: no label)."""
    l = layer - 1
    sources: list[TraceNumber | None] = []
    for i in range(board.ctx.config.layers[l]):
        sources += [board.label_of((l, j, i)), board.value_in(l, i)]
    sources.append(board.bias_of(l, j))
    return sources


def the_prediction(step: Step, board: Board) -> None:
    """The output neurons light up with ŷ."""
    ctx, scene, theme = step.ctx, step.scene, step.theme
    with narrated(scene, "forward-prediction", words.forward_prediction(ctx)):
        outputs = board.diagram.column(ctx.output_layer)
        rows: list[VMobject] = [
            Formula(
                symbols.a(ctx.output_layer, k, step.config),
                "=",
                ctx.num("y_hat", k, color=theme.forward),
                decimals=step.decimals,
                color=theme.text,
                font_size=RULE_SIZE,
            )
            for k in range(len(outputs))
        ]
        if mixes_output(step.t):  # softmax: the ŷ are probabilities (the rounded ones shown may not add to 1)
            rows.append(MathTex(probabilities_add_up(len(outputs)), font_size=RULE_SIZE, color=theme.text))
            if not add_to_one_as_shown(step.t.y_hat, step.decimals):
                rows.append(Text(ROUNDING_NOTE, font_size=LABEL_SIZE, color=theme.muted, line_spacing=0.8))
        scene.play(*light_up(outputs, theme.text, FOCUS_STROKE), *step.panel.push_all(rows))
        wait_to_read(scene, READ_LONG, then=1.0 + FADE)
        scene.play(*rest_neurons(outputs, theme))
        step.panel.clear()


class ForwardPass(StepScene):
    """Step 1 on its own: `manim render scenes/forward_pass.py ForwardPass`."""

    part_formulas = staticmethod(forward_formulas)

    @staticmethod
    def play_in_video(scene: Scene, ctx: StepContext, board: Board | None) -> Board | None:
        return play_forward_pass(scene, ctx, board)

    def construct(self) -> None:
        play_forward_pass(self, self.ctx)
