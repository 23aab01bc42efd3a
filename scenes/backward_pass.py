"""Step 3, the backward pass: δ from the output back, the chain rule, every gradient on its edge."""

from __future__ import annotations

from manim import DOWN, RIGHT, Animation, GrowFromCenter, MathTex, Scene, Text, VMobject, Write

from nnmath.rounding import mixes_output
from scenes.backward_terms import slope_if_new, what_delta_is
from scenes.batch_steps import batch_formulas, batch_gradient
from scenes.drawing import symbols
from scenes.drawing.chain_rule import ChainRule
from scenes.drawing.colour_key import panel_top_under
from scenes.drawing.fades import Appear
from scenes.drawing.formula import Formula
from scenes.drawing.layout import glossed, glosses
from scenes.drawing.motion import gradient_styles, light_up, pulse_backward, rest_neurons, restyle_edges
from scenes.drawing.narration import beat, narrated, read_out
from scenes.drawing.sign_key import SignKey
from scenes.drawing.style import (
    BEAT,
    FOCUS_STROKE,
    FORMULA_SIZE,
    LABEL_SIZE,
    LOOK,
    PANEL_BOTTOM,
    PANEL_RIGHT,
    PANEL_WIDTH,
    PAUSE,
    PULSE,
    READ,
    READ_GRADIENTS,
    READ_LONG,
    RESET,
    ROW_IN,
    RULE_SIZE,
    SHOW_ROW,
    WRITE,
)
from scenes.drawing.tables import PairTable
from scenes.formulas.backward_pass import (
    TABLE_PLACES,
    backward_formulas,
    bias_rule,
    chain_entries,
    chain_symbols,
    delta_rule,
    gradient_rule,
    has_chain_rule,
    product_tokens,
    signed,
)
from scenes.formulas.notation import INPUTS_ARE, WEIGHT_INDICES
from scenes.layer_deltas import EdgeStyles, delta_of_neuron, the_other_deltas
from scenes.long_chain import play_long_chain
from scenes.softmax_delta import height_of, why_y_hat_minus_y
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.states import after_forward, backward_key, on_scene
from scenes.stage.step import Step
from scenes.steps_table import PART
from scenes.words import backward_pass as words


def play_backward_pass(scene: Scene, ctx: StepContext, board: Board | None = None) -> Board:
    """Play step 3 on ``scene``; leaves every edge styled by its gradient and labelled by its weight."""
    board = on_scene(scene, ctx, board, after_forward)
    step = Step(scene, ctx, PART["BackwardPass"])
    key = backward_key(ctx, highlight=True)  # what the colours mean, on screen while anything is coloured or lit
    step.panel.top = panel_top_under(key)  # the formulas start clear of the key
    the_signal_enters(step, board, key)
    what_delta_is(step)
    if mixes_output(ctx.trace):
        why_y_hat_minus_y(step, board)
    styled: EdgeStyles = {}  # edge styles set so far (the gradients of the layers already done)
    for l in reversed(range(ctx.depth)):
        slope_if_new(step, l + 1)
        deltas_of_layer(step, board, l, styled)
        if has_chain_rule(ctx, l):
            chain_rule(step, board, l)
        styled.update(gradients_of_layer(step, board, l))
    play_long_chain(scene, ctx, board)  # the first layer's gradient written out along its paths, then summed
    summary(step, board)
    if ctx.config.is_dataset:  # the other samples' gradients, and the batch gradient on the edges
        batch_gradient(step, board)
    step.end()
    return board


def the_signal_enters(step: Step, board: Board, key: SignKey) -> None:
    """∂E/∂ŷ at the output neurons (coloured by sign: the key appears with it)."""
    ctx, scene, theme = step.ctx, step.scene, step.theme
    with narrated(scene, "backward-signal", words.backward_signal(ctx)):
        step.show_title(*board.show_sign_key(key))
        beat(scene)  # the signal's numbers as its rows come in
        rows = [
            Formula(
                symbols.partial("E", symbols.y_hat(k)),
                "=",
                signed(ctx, "dE_dyhat", k),
                decimals=step.decimals,
                color=theme.text,
            )
            for k in range(len(step.t.dE_dyhat))
        ]
        scene.play(*step.panel.push_all(rows))
        scene.play(*light_up(board.diagram.column(ctx.output_layer), theme.text))
        scene.wait(READ)
        read_out(step.scene)
        step.panel.clear()


def deltas_of_layer(step: Step, board: Board, l: int, styled: EdgeStyles) -> None:
    """δ of every neuron of layer l + 1: the general rule, then each neuron with its numbers."""
    layer = l + 1
    is_output = layer == step.ctx.output_layer
    with narrated(step.scene, f"backward-delta-{layer}", words.backward_deltas(step.ctx, l)):
        if not is_output:
            step.scene.play(pulse_backward(board.diagram, layer + 1, step.theme.text))  # δ of both signs: neutral
        rule: VMobject = MathTex(delta_rule(step.ctx, layer), font_size=RULE_SIZE, color=step.theme.text)
        if not is_output:  # f′(zⱼ) Σₖ wₖⱼ δₖ: what its k is, under it while it is on screen
            rule = glossed(rule, words.next_layer_index(layer), step.theme.text)
        brisk = not has_chain_rule(step.ctx, l)  # a middle layer: as the one before, at a brisker pace
        step.scene.play(step.panel.push(rule, Write), run_time=SHOW_ROW if brisk else PULSE)
        j = step.config.focus[l][0]
        delta_of_neuron(step, board, l, j, styled, LOOK if brisk else PAUSE)
        others = [k for k in range(step.config.layers[layer]) if k != j]
        if others:
            beat(step.scene)  # neuron j's words read while its rows are on screen; then the others'
            the_other_deltas(step, board, l, others, LOOK if brisk else PAUSE)
            beat(step.scene)  # every δ, once the last badge has landed
        step.scene.wait(BEAT)
        read_out(step.scene)
        step.panel.clear()


def chain_rule(step: Step, board: Board, l: int) -> None:
    """The focus weight's gradient as a product of three factors, each under its brace, then the product."""
    ctx, scene, decimals = step.ctx, step.scene, step.decimals
    j, i = step.config.focus[l]
    entries = chain_entries(ctx, l, j, i)
    with narrated(scene, f"backward-chain-{l + 1}", words.backward_chain(ctx, l, [ctx.value(e) for e in entries])):
        # ∂E/∂a and δ by their sign (the key's colours), the other factors as text
        factors = [signed(ctx, *entry) if entry[0] in ("dE_da", "delta") else ctx.num(*entry) for entry in entries]
        chain = ChainRule(*chain_symbols(ctx, l), factors, decimals, step.theme.text, step.theme.muted)
        step.panel.add(chain)
        focus = light_up([board.diagram.edges[(l, j, i)]], step.theme.text, FOCUS_STROKE)
        scene.play(*focus, Write(chain.equation), run_time=WRITE)
        for brace, factor in zip(chain.braces, chain.factors, strict=True):
            scene.play(GrowFromCenter(brace), Appear(factor), run_time=ROW_IN)
            scene.wait(BEAT)
        beat(scene)  # the product's words as it is written
        product = Formula(
            "=",
            *product_tokens([ctx.num(*entry, factor=True) for entry in entries]),
            "=",
            signed(ctx, "grad_weights", l, j, i),
            decimals=decimals,
            color=step.theme.text,
            max_width=PANEL_WIDTH,
        )
        shown = step.room_with_note([product], list(step.panel.items))  # (with the note, if it needs one)
        scene.play(*step.panel.push_all(shown), run_time=SHOW_ROW)
        scene.wait(READ_LONG)
        step.read_note(shown)
        read_out(step.scene)
        step.panel.clear()


def gradients_of_layer(step: Step, board: Board, l: int) -> EdgeStyles:
    """Every gradient of weight layer l beside its weight, which stays (or, with no room, in a table beside the
    diagram); edges take its colour (the sign) and width (the size). Returns the edge styles."""
    ctx, scene, theme, t, layer = step.ctx, step.scene, step.theme, step.t, l + 1
    styles = gradient_styles(t.grad_weights, theme.backward, theme.backward_negative, [l])  # one scale: all layers
    with narrated(
        scene, f"backward-gradients-{layer}", words.backward_gradients(ctx, l, board.diagram.gradients_beside_weights)
    ):
        rule: VMobject = MathTex(*gradient_rule(layer), font_size=RULE_SIZE, color=theme.text)
        meanings = [INPUTS_ARE] if l == 0 else []  # the first layer's rule multiplies by a⁽⁰⁾: what it is
        if board.diagram.gradients_beside_weights and l == ctx.depth - 1:  # the clip's first wⱼᵢ: which way it goes
            meanings.insert(0, WEIGHT_INDICES)  # (a table says so under it instead)
        if meanings:
            rule = glossed(rule, glosses(*meanings), theme.text)
        scene.play(step.panel.push(rule, Write), run_time=PULSE)
        animations = restyle_edges(board.diagram, styles)
        if board.diagram.gradients_beside_weights:
            animations += board.show_gradients(l, theme.of_sign)
        else:  # a table: each gradient under its weight (and, the first time, how to read it)
            places = [Text(TABLE_PLACES, font_size=LABEL_SIZE, color=theme.muted, line_spacing=0.8)]
            places = places if l == ctx.depth - 1 else []
            table = pair_table(step, l, height_of(places, step.panel.spacing))
            rows: list[VMobject] = [table, *places]
            animations += step.panel.push_all(rows)
            animations += bias_beside(step, table, layer) if rule not in step.panel.items else []
        scene.play(*animations, run_time=WRITE)
        scene.wait(READ_GRADIENTS if has_chain_rule(ctx, l) else READ)  # a middle layer: as the one before
        read_out(step.scene)
        step.panel.clear()
    return styles


def bias_beside(step: Step, table: PairTable, layer: int) -> list[Animation]:
    """∂E/∂b⁽ˡ⁾ⱼ = δ⁽ˡ⁾ⱼ beside the table's title, where the rule went to make room for the table: a bias's gradient
    (the diagram draws no biases) on screen while the words say it; nothing where it does not fit there."""
    bias = MathTex(bias_rule(layer), font_size=FORMULA_SIZE, color=step.theme.text)
    title = table[0][0]
    bias.next_to(title, RIGHT, buff=BIAS_GAP).align_to(title, DOWN)
    if bias.get_right()[0] > PANEL_RIGHT:
        return []
    step.panel.items.add(bias)  # cleared with the table
    return [Appear(bias)]


BIAS_GAP = 0.3  # between the table's title and the bias's rule beside it


def pair_table(step: Step, l: int, under: float) -> PairTable:
    """Weight layer l's weights over their gradients, its numbers as large as fit under the rule (and ``under``
    more), or, where they do not fit there at all, as large as fit the panel once the rule has gone."""
    t, theme, panel = step.t, step.theme, step.panel
    below_rule = panel.items[-1].get_bottom()[1] - panel.spacing if len(panel.items) else panel.top
    for top in (below_rule, panel.top):
        room = top - PANEL_BOTTOM - under
        table = PairTable(l, t.weights[l], t.grad_weights[l], step.decimals, theme.text, theme.of_sign, max_height=room)
        if table.height <= room:
            break
    return table


def summary(step: Step, board: Board) -> None:
    """The gradients on the edges (numbers, colour and thickness) while the closing cue says what they tell; then
    the numbers go, the colour and thickness stay, the key with them (until the update clears the badges)."""
    with narrated(step.scene, "backward-summary", words.backward_summary(step.ctx)):
        plain = board.show_sign_key(backward_key(step.ctx))  # nothing is lit white any more: the key says no "followed"
        step.scene.play(*rest_neurons(board.diagram.all_neurons(), step.theme), *plain, run_time=RESET)
        step.scene.wait(READ)
    cleared = board.clear_gradients()  # after the cue, which points at these numbers (none if they were in tables)
    if cleared:
        step.scene.play(*cleared, run_time=PULSE)
        step.scene.wait(BEAT)


class BackwardPass(StepScene):
    """Step 3 on its own: `manim render scenes/backward_pass.py BackwardPass`."""

    part_formulas = staticmethod(lambda ctx: [*backward_formulas(ctx), *batch_formulas(ctx)])

    @staticmethod
    def play_in_video(scene: Scene, ctx: StepContext, board: Board | None) -> Board | None:
        return play_backward_pass(scene, ctx, board)

    def construct(self) -> None:
        play_backward_pass(self, self.ctx)
