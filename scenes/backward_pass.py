"""Step 3, the backward pass: δ from the output back, the chain rule, every gradient on its edge."""

from __future__ import annotations

from functools import partial

from manim import DOWN, RIGHT, Animation, GrowFromCenter, MathTex, Scene, Text, VMobject, Write

from nnmath.rounding import mixes_output
from scenes.backward_terms import slope_if_new, what_delta_is
from scenes.batch_steps import batch_formulas, batch_gradient
from scenes.delta_rows import given_values, hidden_rows, other_rows, pages, rounding_note_height, row_size
from scenes.drawing import symbols
from scenes.drawing.chain_rule import ChainRule
from scenes.drawing.colour_key import panel_top_under
from scenes.drawing.fades import Appear
from scenes.drawing.formula import Formula
from scenes.drawing.motion import EdgeStyle, gradient_styles, light_up, pulse_backward, rest_neurons, restyle_edges
from scenes.drawing.narration import beat, narrated, read_out
from scenes.drawing.shown_arithmetic import needs_note
from scenes.drawing.sign_key import SignKey
from scenes.drawing.style import (
    BEAT,
    FOCUS_STROKE,
    FORMULA_SIZE,
    LABEL_SIZE,
    LOOK,
    MOVE,
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
    SETTLE,
    SHOW_ROW,
    WRITE,
)
from scenes.drawing.tables import PairTable
from scenes.formulas.activations import slope_formula
from scenes.formulas.backward_pass import (
    TABLE_PLACES,
    backward_formulas,
    bias_rule,
    chain_entries,
    chain_symbols,
    delta_formula,
    delta_rule,
    gradient_rule,
    has_chain_rule,
    product_tokens,
    signed,
    upstream_formula,
    upstream_terms,
)
from scenes.long_chain import play_long_chain
from scenes.softmax_delta import height_of, why_y_hat_minus_y
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.states import after_forward, backward_key, on_scene
from scenes.stage.step import Step
from scenes.steps_table import PART
from scenes.words import backward_pass as words

EdgeStyles = dict[tuple[int, int, int], EdgeStyle]


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
        rule = MathTex(delta_rule(step.ctx, layer), font_size=RULE_SIZE, color=step.theme.text)
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


def delta_of_neuron(step: Step, board: Board, l: int, j: int, styled: EdgeStyles, pause: float) -> None:
    """(For a hidden neuron: ∂E/∂a summed over its out-edges;) δ = ∂E/∂a · f′(z), its badge under the neuron."""
    ctx, scene, theme, layer = step.ctx, step.scene, step.theme, l + 1
    neuron = board.diagram.neuron(layer, j)
    is_output = layer == ctx.output_layer
    upstream: Formula | None = None
    note: VMobject | None = None  # the rounding note of the sum, if it needs one
    if is_output and mixes_output(ctx.trace):  # δ = ŷ − y of this neuron was worked out with numbers just before
        sign = theme.of_sign(ctx.value(("delta", l, j)), ctx.decimals)  # the ring with the δ it is the sign of
        scene.play(*light_up([neuron], theme.text), run_time=SHOW_ROW)  # a highlight, not a sign
        badge = board.badge(layer, j, sign)
        scene.play(*board.show_badge(layer, j, badge, None), *light_up([neuron], sign), run_time=SHOW_ROW)
        scene.wait(SETTLE)
        return

    def rows(size: float) -> list[VMobject]:
        return [*hidden_rows(step, l, j, size), delta_formula(ctx, l, j, False, size)]

    sources = given_values(step, board, l, j, rows)  # what the sum or δ uses that the diagram does not show
    size = row_size(step, sources, rows)
    if not is_output:
        highlights = light_up(neuron.out_edges, theme.text)  # the edges whose weights the sum uses
        terms, upstream = upstream_terms(ctx, l, j), upstream_formula(ctx, l, j, size)
        scene.play(
            *light_up([neuron], theme.text), *highlights, step.panel.push(terms), run_time=MOVE
        )  # δ not yet known
        below = height_of([*sources, upstream], step.panel.spacing)
        step.panel.make_room([terms] if step.panel.fits([terms], below) else [], below)  # the terms stay if room
        scene.play(*step.panel.push_all([*sources, upstream]), run_time=SHOW_ROW)
        scene.wait(pause)
        note = step.note_rounding(upstream, keep=[*sources, upstream])  # stays while the sum does
    slope: Formula | None = None
    # f′'s working, as where its rule was written (δ multiplies by it): even where the rule came just before (that
    # sub-step's panel is cleared, and the ∂E/∂a sum or ∂E/∂ŷ comes between); none at a softmax output (δ = ŷ − y)
    if not (is_output and mixes_output(ctx.trace)):
        slope = slope_formula(ctx, layer, j, size)
    row = delta_formula(ctx, l, j, font_size=size)
    added = [*(sources if upstream is None else []), *([slope] if slope is not None else []), row]
    kept: list[VMobject] = [*sources, upstream] if upstream is not None else []  # the sum and its weights stay
    if upstream is not None and note is not None and not step.panel.fits([*kept, note], stacked(step, added)):
        worked = delta_formula(ctx, l, j, worked=True, font_size=size)  # f′ worked in δ's row: the note stays
        if step.panel.fits([*kept, note], stacked(step, [worked])):
            slope, row, added = None, worked, [worked]
    if note is not None and step.panel.fits([*kept, note], stacked(step, added)):
        kept.append(note)  # with the sum's rounding note, where there is room for it
    if upstream is not None and not step.panel.fits(kept, room_for(step, added, row)):
        worked = delta_formula(ctx, l, j, worked=True, font_size=size)  # no room for f′'s row: f′ worked in δ's
        if step.panel.fits(kept, room_for(step, [worked], worked)):
            slope, row, added = None, worked, [worked]
    if not step.panel.fits(kept, stacked(step, added)):  # (none fits: only the sum stays)
        kept = [upstream] if upstream is not None else []
    step.panel.make_room(kept, height_of(added, step.panel.spacing))
    if is_output and sources:
        scene.play(*step.panel.push_all(sources), run_time=SHOW_ROW)
    if slope is not None:
        scene.play(step.panel.push(slope), run_time=SHOW_ROW)
        scene.wait(BEAT)
    sign = theme.of_sign(ctx.value(("delta", l, j)), ctx.decimals)  # the ring and the badge: δ's sign, as the key says
    beat(scene)  # the words before it read while the rows it uses are on screen
    scene.play(step.panel.push(row), *light_up([neuron], theme.text), run_time=SHOW_ROW)  # a highlight, not a sign
    badge = board.badge(layer, j, sign)
    # the ring takes δ's sign as δ comes into (or under) the neuron, not before; the badge fades in: a copy flying off
    # its row would cross the row's own digits
    scene.play(*board.show_badge(layer, j, badge, None), *light_up([neuron], sign), run_time=SHOW_ROW)
    shown = [m for m in (*sources, slope, upstream) if m is not None and m in step.panel.items]
    # the sum (with what it uses, if it is there) stays with its δ: the sum and its weights stay or go together
    step.note_rounding(row, keep=[tuple(shown), row] if upstream in shown else [*shown, row])
    if not is_output:
        scene.play(*restyle_edges(board.diagram, {e.key: styled[e.key] for e in neuron.out_edges}), run_time=RESET)
    scene.wait(SETTLE)


def stacked(step: Step, rows: list[VMobject]) -> float:
    """The panel height ``rows`` take under the items kept (``Panel.fits`` counts the gap under those): no gap
    under the last (a sum's rounding note stays where it fits exactly, FINDINGS-8: mazur-2-2-2's δ₁⁽¹⁾)."""
    return height_of(rows, step.panel.spacing) - step.panel.spacing


def room_for(step: Step, rows: list[VMobject], last: Formula) -> float:
    """The panel height ``rows`` take under the items kept (``Panel.fits`` counts the gap under those), with the
    rounding note if ``last`` needs it (what stays with the rows stays with the note too)."""
    note = rounding_note_height() + step.panel.spacing if needs_note(last, step.ctx.rounding_gaps) else 0.0
    return height_of(rows, step.panel.spacing) - step.panel.spacing + note


def the_other_deltas(step: Step, board: Board, l: int, others: list[int], pause: float) -> None:
    """The rest of the layer, as many neurons a page as fit: per neuron (if hidden) ∂E/∂a = Σₖ wₖⱼ δₖ with its
    numbers (the weights and δ it uses written in it), then δ = ∂E/∂a · f′(z); each badge under its neuron."""
    rows: dict[int, list[VMobject]] = {}
    for j in others:  # each neuron's rows at the panel's size, or (if they fit only there) at the legibility floor
        sources = given_values(step, board, l, j, partial(other_rows, step, l, j))
        size = row_size(step, sources, partial(other_rows, step, l, j), noted=True)
        rows[j] = [*sources, *other_rows(step, l, j, size)]
    shown = pages(rows, step.panel.spacing, step.panel.top, step.ctx.rounding_gaps)
    for k, page in enumerate(shown):
        step.panel.clear()
        deltas_of_page(step, board, l, page, [rows[j] for j in page], pause)
        if k == len(shown) - 1:  # between pages, the clearing is the breath
            step.scene.wait(SETTLE)


def deltas_of_page(
    step: Step, board: Board, l: int, others: list[int], groups: list[list[VMobject]], pause: float
) -> None:
    """``groups`` (per neuron of ``others`` of layer l + 1: the values its rows use, its sum, its δ) on the panel,
    the neurons highlighted, then their badges, each ring taking its δ's sign with it."""
    ctx, scene, theme, layer = step.ctx, step.scene, step.theme, l + 1
    neurons = [board.diagram.neuron(layer, j) for j in others]
    rows = [row for group in groups for row in group]
    scene.play(*step.panel.push_all(rows), *light_up(neurons, theme.text), run_time=SHOW_ROW)  # a highlight
    scene.wait(pause)
    if step.panel.fits(rows, rounding_note_height()):  # (no room beside the rows: the note would push them off)
        step.note_rounding(*(r for r in rows if isinstance(r, Formula)), keep=[tuple(group) for group in groups])
    signs = [theme.of_sign(ctx.value(("delta", l, j)), ctx.decimals) for j in others]
    # each ring takes δ's sign with its badge (before it, it would claim a sign for the value inside)
    shown = [
        [*board.show_badge(layer, j, board.badge(layer, j, sign), None), *light_up([neuron], sign)]
        for j, neuron, sign in zip(others, neurons, signs, strict=True)
    ]
    scene.play(*(animation for animations in shown for animation in animations), run_time=SHOW_ROW)


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
        scene.play(step.panel.push(product), run_time=SHOW_ROW)
        scene.wait(READ_LONG)
        step.note_rounding(product)
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
        rule = MathTex(*gradient_rule(layer), font_size=RULE_SIZE, color=theme.text)
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
