"""The forward pass through one layer: its focus neuron in full (z = Σ w·a + b with every number gathered from
the diagram, then a = f(z)), then the others, each with its own numbers."""

from __future__ import annotations

from collections.abc import Iterator

from manim import MathTex, Write

from scenes.drawing.fades import Appear
from scenes.drawing.formula import Formula
from scenes.drawing.layout import glossed
from scenes.drawing.motion import light_up, pulse_forward, rest_edges, rest_neurons
from scenes.drawing.moves import assemble, fly
from scenes.drawing.narration import beat, narrated, read_out, wait_to_read
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.style import (
    ASSEMBLE,
    BEAT,
    FADE,
    FLY,
    LOOK,
    PANEL_SPACING,
    RESET,
    ROW_IN,
    RULE_SIZE,
    SETTLE,
    SHOW_ROW,
    WRITE,
)
from scenes.formulas.activations import activation_rule, defines_activation
from scenes.formulas.forward_pass import (
    a_formula,
    compact_rule,
    z_formula,
)
from scenes.formulas.notation import Y_HAT_MEANING
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.step import Step
from scenes.words import forward_pass as words


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


def z_sources(board: Board, layer: int, j: int) -> list[TraceNumber | None]:
    """Where each number of the z row comes from on the diagram: w and a per input, then b (None: no label)."""
    l = layer - 1
    sources: list[TraceNumber | None] = []
    for i in range(board.ctx.config.layers[l]):
        sources += [board.label_of((l, j, i)), board.value_in(l, i)]
    sources.append(board.bias_of(l, j))
    return sources
