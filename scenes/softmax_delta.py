"""Step 3 at a softmax output, once with numbers: why δ = ∂E/∂z is simply ŷ − y there (the slope's formula, its
values with the numbers put in, the sum over the outputs, then the cancellation with Σₘ yₘ = 1 written)."""

from __future__ import annotations

from collections.abc import Sequence

from manim import MathTex, Text, VMobject, Write

from scenes.drawing.layout import dropping_first, glossed, glosses
from scenes.drawing.motion import light_up, rest_neurons
from scenes.drawing.narration import beat, narrated, read_out
from scenes.drawing.style import (
    BEAT,
    FOCUS_STROKE,
    FORMULA_SIZE,
    PANEL_BOTTOM,
    PAUSE,
    READ,
    READ_LONG,
    RESET,
    RULE_SIZE,
    SHOW,
    SHOW_ROW,
    TEXT_SIZE,
    WRITE,
)
from scenes.formulas.backward_pass import (
    LOSS_SLOPE,
    SOFTMAX_SLOPE,
    WHY_THEY_CANCEL,
    cancellation,
    softmax_delta_rule,
    softmax_slope_row,
    softmax_sum_formula,
    y_hat_minus_y,
)
from scenes.formulas.backward_values import softmax_terms, values_used
from scenes.formulas.notation import ln_meaning
from scenes.stage.board import Board
from scenes.stage.step import Step
from scenes.words import backward_pass as words
from scenes.words.error_calc import output_index

ROOM_MARGIN = 0.05  # what is left under the panel's last row when a group of rows "fits"


def height_of(items: Sequence[VMobject], spacing: float) -> float:
    """The panel height ``items`` take, stacked under an item already there."""
    return sum(m.height for m in items) + spacing * len(items)


def why_y_hat_minus_y(step: Step, board: Board) -> None:
    """Once, with numbers: why ∂E/∂z at a softmax output is simply ŷ − y. Every ŷₘ depends on zₖ, so δₖ sums
    ∂E/∂ŷₘ · ∂ŷₘ/∂zₖ over m: the slope's formula first, then each ∂ŷₘ/∂zₖ with its numbers put in, then the sum;
    then why it is ŷ − y (the slope's ŷₘ cancel the loss's 1/ŷₘ, and Σₘ yₘ = 1)."""
    ctx, scene, theme = step.ctx, step.scene, step.theme
    layer, k = ctx.output_layer, step.config.focus[-1][0]
    with narrated(scene, "backward-softmax", words.backward_softmax(ctx, k)):
        rule: VMobject = MathTex(softmax_delta_rule(layer, k), font_size=RULE_SIZE, color=theme.text)
        rule = glossed(rule, output_index("m"), theme.text)  # its Σₘ: the clip's first m, said beside it
        outputs = board.diagram.column(layer)
        lit = light_up([board.diagram.neuron(layer, k)], theme.text, FOCUS_STROKE)  # a highlight, not a sign
        scene.play(step.panel.push(rule, Write), *lit, run_time=WRITE)
        slope = glossed(
            MathTex(SOFTMAX_SLOPE, font_size=FORMULA_SIZE, color=theme.text), output_index("k, m"), theme.text
        )
        scene.play(step.panel.push(slope, Write), run_time=WRITE)
        scene.wait(BEAT)
        slopes = [softmax_slope_row(ctx, m, k) for m in range(len(step.t.y))]
        # (with the rounding note, if a slope's shown numbers do not give it: the rules give way, the first first)
        shown = step.room_with_note(slopes, *dropping_first([rule, slope]))
        scene.play(*step.panel.push_all(shown), *light_up(outputs, theme.text), run_time=SHOW_ROW)
        scene.wait(READ)
        step.read_note(shown)
        # what the sum multiplies stays on screen while it does: the slopes' values, as worked out or (with no room
        # for their working) in a table with the ∂E/∂ŷₘ from the error step
        terms, sum_row = softmax_terms(ctx, k), softmax_sum_formula(ctx, k)
        worked = [rule, slope, *slopes]  # the slopes' working stays only whole (the table has their values)
        shown = step.room_with_note([terms, sum_row], worked, *dropping_first([rule, slope]))
        scene.play(step.panel.push(terms), run_time=SHOW_ROW)
        scene.play(*(step.panel.push(m) for m in shown[1:]), run_time=SHOW_ROW)  # the sum, with its note
        scene.wait(READ)
        step.read_note(shown)
        the_cancellation(step, [terms, sum_row], layer)
        scene.play(*rest_neurons(outputs, theme), run_time=RESET)
        read_out(step.scene)
        step.panel.clear()


def keep_fitting(step: Step, items: Sequence[VMobject], height: float) -> list[VMobject]:
    """The last of ``items`` on the panel that fit with ``height`` more under them (the first go first)."""
    kept = [m for m in items if m in step.panel.items]
    while kept and not step.panel.fits(kept, height):
        kept.pop(0)
    return kept


def write_lines(step: Step, cancel: Sequence[VMobject]) -> None:
    """The cancellation's lines one by one, the loss's slope and that times the softmax's each with its own words;
    where a line does not fit under those before, the first of them make room (the line it follows stays; the
    loss's slope and the line that puts it in go together)."""
    for n, line in enumerate(cancel):
        if n < 2:
            beat(step.scene)
        need = line.height + step.panel.spacing
        if n and not step.panel.fits(list(step.panel.items), need):
            kept = keep_fitting(step, cancel[:n], need)
            step.panel.make_room([m for m in kept if m is not cancel[1] or cancel[0] in kept], need)
        step.scene.play(step.panel.push(line, Write), run_time=WRITE)
        step.scene.wait(BEAT)


def the_cancellation(step: Step, sum_rows: list[VMobject], layer: int) -> None:
    """Why the sum is ŷₖ − yₖ: the loss's slope ∂E/∂ŷₘ (each line its own beat of the words), that times the
    softmax's slope, the sum with Σₘ yₘ = 1, then the numbers (``sum_rows``: the sum and the table of what it
    multiplies, which stay with it)."""
    ctx, scene, theme, k = step.ctx, step.scene, step.theme, step.config.focus[-1][0]
    cancel: list[VMobject] = [MathTex(line, font_size=FORMULA_SIZE, color=theme.text) for line in cancellation(layer)]
    # the loss, E = −Σₘ yₘ ln ŷₘ: what its m and ln are, beside it (the rule saying m may have given way by now)
    # (k as well: the line under it, which goes with it, sums over m for one output k)
    cancel[0] = glossed(cancel[0], glosses(output_index("k, m"), ln_meaning(LOSS_SLOPE)), theme.text)
    # δₖ = … = ŷₖ Σₘ yₘ − yₖ: it stays once the loss and the slope that said k have gone, so both said again
    cancel[2] = glossed(cancel[2], output_index("k, m"), theme.text)
    why = Text(WHY_THEY_CANCEL, font_size=TEXT_SIZE, color=theme.muted, line_spacing=0.8)
    result = y_hat_minus_y(ctx, k)
    target = values_used(ctx, layer - 1, k, weights=False)  # yₖ, which the result uses (ŷₖ is in its neuron)
    # Beside the sum if there is room (without the muted line if need be: the last line and caption say it too).
    room = step.panel.top - PANEL_BOTTOM - height_of(sum_rows, step.panel.spacing) + step.panel.spacing - ROOM_MARGIN
    fitting = ([*cancel, why, *target, result], [*cancel, *target, result])
    shown = next((items for items in fitting if height_of(items, step.panel.spacing) <= room), None)
    if shown is None:  # long sums (many outputs and digits): the cancellation on a panel of its own
        shown = [*cancel, why, *target, result]
        step.panel.clear()
    else:
        step.panel.make_room(sum_rows, height_of(shown, step.panel.spacing))
    write_lines(step, cancel)
    if why in shown:
        need = why.height + step.panel.spacing
        if not step.panel.fits(list(step.panel.items), need):  # the loss's slope goes with the line that uses it
            step.panel.make_room(keep_fitting(step, cancel[2:], need), need)
        scene.play(step.panel.push(why), run_time=SHOW)
    scene.wait(PAUSE)
    # the last lines stay with the numbers (the first go)
    shown = step.room_with_note([*target, result], *dropping_first(list(step.panel.items)))
    beat(scene)  # δₖ's numbers as its row comes in
    scene.play(*step.panel.push_all(shown), run_time=SHOW_ROW)
    scene.wait(READ_LONG)
    step.read_note(shown)
