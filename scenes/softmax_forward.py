"""A softmax output layer in the forward pass: every ŷ needs every z of its layer, so first each z (the focus
neuron's in full) settles in its neuron, then S = Σₘ exp(zₘ) and each ŷₖ = exp(zₖ) / S take their place."""

from __future__ import annotations

from collections.abc import Callable

from manim import Animation, MathTex, Transform, Write

from scenes.drawing import symbols
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.layout import glossed
from scenes.drawing.motion import light_up, pulse_forward, rest_neurons
from scenes.drawing.moves import assemble, assemble_all, fly
from scenes.drawing.narration import beat, narrated, wait_to_read
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.style import (
    ASSEMBLE,
    BEAT,
    FADE,
    FLY,
    LOOK,
    READ,
    RESET,
    RULE_SIZE,
    SETTLE,
    SHOW_ROW,
    WRITE,
)
from scenes.formulas.forward_pass import (
    SOFTMAX_SUM,
    softmax_formula,
    softmax_rule,
    softmax_sum,
)
from scenes.formulas.notation import Y_HAT_MEANING
from scenes.forward_layers import each_other_sum, finish_neuron, focus_neuron, the_z_row
from scenes.stage.board import Board
from scenes.stage.step import Step
from scenes.words import forward_pass as words
from scenes.words.error_calc import OUTPUT_INDICES


def softmax_layer(step: Step, board: Board, layer: int) -> None:
    """A softmax output mixes its layer: first every z (the focus neuron's in full), each settling in its
    neuron; then ŷ from all of them."""
    ctx = step.ctx
    j = focus_neuron(ctx, layer)
    others = [k for k in range(step.config.layers[layer]) if k != j]
    with narrated(step.scene, f"forward-layer-{layer}", words.forward_softmax_sums(ctx, layer, j)):
        # until softmax has every z, the output neurons hold z: labelled z, not ŷ
        step.scene.play(pulse_forward(board.diagram, layer, step.theme.forward), *name_outputs(board, symbols.z))
        z_row = the_z_row(step, board, layer, j)
        settle(step, board, layer, [(j, z_row.numbers[-1])], "z")
        finish_neuron(step, board, layer, j)
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
