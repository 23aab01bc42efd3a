"""Step 3's δ of a layer's neurons: the focus neuron worked row by row (its sum, f′, δ), then the others a page
at a time; each badge under its neuron, each ring taking its δ's sign with it, the rounding note beside rows
that do not add up as shown."""

from __future__ import annotations

from functools import partial

from manim import VMobject

from nnmath.rounding import mixes_output
from scenes.delta_rows import given_values, hidden_rows, other_rows, pages, rounding_note_height, row_size
from scenes.drawing.formula import Formula
from scenes.drawing.motion import EdgeStyle, light_up, restyle_edges
from scenes.drawing.narration import beat
from scenes.drawing.shown_arithmetic import any_needs_note, needs_note, rounding_note
from scenes.drawing.style import (
    BEAT,
    MOVE,
    RESET,
    SETTLE,
    SHOW_ROW,
)
from scenes.formulas.activations import slope_formula
from scenes.formulas.backward_pass import (
    delta_formula,
    upstream_formula,
    upstream_terms,
)
from scenes.softmax_delta import height_of
from scenes.stage.board import Board
from scenes.stage.step import Step

EdgeStyles = dict[tuple[int, int, int], EdgeStyle]


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
        shown = step.room_with_note([*sources, upstream], [terms], [])  # the terms stay if room (and the note)
        scene.play(*step.panel.push_all(shown), run_time=SHOW_ROW)
        scene.wait(pause)
        step.read_note(shown)
        note = step.note_for(upstream)  # stays while the sum does
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
    # (none fits: only the sum stays, with its note if it has one, or nothing)
    sums = [[upstream, *([note] if note is not None else [])]] if upstream is not None else []
    kept, new_note = keep_with_notes(step, [kept, *sums, []], added, row, note)
    step.panel.make_room(kept, height_of([*added, *new_note], step.panel.spacing))
    if is_output and sources:
        scene.play(*step.panel.push_all(sources), run_time=SHOW_ROW)
    with_slope = new_note if slope is not None and needs_note(slope, ctx.rounding_gaps) else []  # f′'s own gap
    if slope is not None:
        scene.play(*step.panel.push_all([slope, *with_slope]), run_time=SHOW_ROW)
        step.read_note(with_slope)
        scene.wait(BEAT)
    new_note = [] if with_slope else new_note  # (on screen already, from f′'s row)
    sign = theme.of_sign(ctx.value(("delta", l, j)), ctx.decimals)  # the ring and the badge: δ's sign, as the key says
    beat(scene)  # the words before it read while the rows it uses are on screen
    scene.play(*step.panel.push_all([row, *new_note]), *light_up([neuron], theme.text), run_time=SHOW_ROW)
    step.read_note(new_note)
    badge = board.badge(layer, j, sign)
    # the ring takes δ's sign as δ comes into (or under) the neuron, not before; the badge fades in: a copy flying off
    # its row would cross the row's own digits
    scene.play(*board.show_badge(layer, j, badge, None), *light_up([neuron], sign), run_time=SHOW_ROW)
    if not is_output:
        scene.play(*restyle_edges(board.diagram, {e.key: styled[e.key] for e in neuron.out_edges}), run_time=RESET)
    scene.wait(SETTLE)


def keep_with_notes(
    step: Step, choices: list[list[VMobject]], added: list[VMobject], row: Formula, note: VMobject | None
) -> tuple[list[VMobject], list[VMobject]]:
    """The first of ``choices`` (what stays on the panel) that ``added`` fit under, with a new rounding note if δ's
    ``row`` needs one and the sum's ``note`` does not stay; the sum never stays without its note (the last choice,
    nothing, is taken if none fits). Returns what stays, and the new note (or nothing) to show with the first row of
    ``added`` that needs it."""
    for kept in choices:
        if note is not None and note not in kept and any_needs_note(kept, step.ctx.rounding_gaps):
            continue  # a kept row would lose its note
        noted = note is not None and note in kept
        new_note: list[VMobject] = []
        if not noted and any_needs_note(added, step.ctx.rounding_gaps):  # δ's row, or f′'s (1 − 0.7505² ≈ 0.4368)
            new_note.append(rounding_note(step.theme.muted))
        if step.panel.fits(kept, stacked(step, [*added, *new_note])) or kept is choices[-1]:
            return kept, new_note
    raise AssertionError("the last choice is always taken")


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
    # with the rounding note if a row needs it (``pages`` left room for it; with none, it would push them off)
    noted = any_needs_note(rows, ctx.rounding_gaps) and step.panel.fits(rows, rounding_note_height())
    with_note = [*rows, *([rounding_note(theme.muted)] if noted else [])]
    scene.play(*step.panel.push_all(with_note), *light_up(neurons, theme.text), run_time=SHOW_ROW)  # a highlight
    scene.wait(pause)
    step.read_note(with_note)
    signs = [theme.of_sign(ctx.value(("delta", l, j)), ctx.decimals) for j in others]
    # each ring takes δ's sign with its badge (before it, it would claim a sign for the value inside)
    shown = [
        [*board.show_badge(layer, j, board.badge(layer, j, sign), None), *light_up([neuron], sign)]
        for j, neuron, sign in zip(others, neurons, signs, strict=True)
    ]
    scene.play(*(animation for animations in shown for animation in animations), run_time=SHOW_ROW)
