"""Step 4, the weight update: w_new = w_old − η ∂E/∂w, every parameter moves, E before → after."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Animation, Arrow, MathTex, Scene, Text, VGroup, VMobject, Write

from scenes.drawing import symbols
from scenes.drawing.colour_key import colour_key, panel_top_under, room_beside, slope_fields
from scenes.drawing.fades import Appear
from scenes.drawing.formula import Formula, piece_formula
from scenes.drawing.motion import light_up, neutral_styles, pulse_forward, restyle_edges
from scenes.drawing.moves import assemble, swap_keys
from scenes.drawing.narration import beat, narrated, read_out, wait_to_read
from scenes.drawing.sign_key import SignKey
from scenes.drawing.step_tables import step_brackets, step_indices, step_title
from scenes.drawing.style import (
    EMPHASIS_SIZE,
    FADE,
    FOCUS_STROKE,
    LABEL_SIZE,
    MOVE,
    PANEL_WIDTH,
    PULSE,
    READ,
    READ_ALL,
    READ_FOCUS,
    SHOW,
    SHOW_ROW,
    STEP_TITLE_SIZE,
    WRITE,
)
from scenes.drawing.theme import MEAN_ERROR, slope_color
from scenes.formulas.backward_pass import delta_labels
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.states import after_backward, on_scene, update_key
from scenes.stage.step import Step
from scenes.steps_table import PART
from scenes.update_tables import show_tables, update_rule
from scenes.words import weight_update as words


def play_weight_update(scene: Scene, ctx: StepContext, board: Board | None = None) -> Board:
    """Play step 4 on ``scene`` (a dataset: the update with the batch's mean gradient, ``StepContext.for_update``)."""
    ctx = ctx.for_update()
    if board is not None:
        board.ctx = ctx
    board = on_scene(scene, ctx, board, after_backward)
    step = Step(scene, ctx, PART["WeightUpdate"])
    t = ctx.trace  # every slope the board colours: the edges' gradients, the δ badges
    grads = [float(v) for g in (*t.grad_weights, *t.delta) for v in np.ravel(g)]
    names = MEAN_ERROR if ctx.config.is_dataset else None  # a dataset's update compares the batch's Ē
    fields = ["forward", *slope_fields(*grads), "update"]  # no E is drawn until the update's check (FINDINGS-11 #10)
    key = colour_key(ctx.theme, fields, room_beside(step.title), names)
    key.add(highlight_entry(ctx).next_to(key, DOWN, buff=0.1, aligned_edge=RIGHT))  # the thick white edges
    step.panel.top = panel_top_under(key)
    # this step's own key says what the slope colours mean, beside its other colours: it replaces the sign key
    eta = the_rule(step, board.replace_key(key))
    focus_weights(step, board, eta)
    # While step tables show (no values but the inputs, no error) a shorter key, so even a large network's tables
    # fit under the rule, above the subtitles' strip. Then no slope is coloured: a key without them.
    tables_key = colour_key(ctx.theme, fields, room_beside(step.title), {"forward": INPUTS})
    after_key = colour_key(ctx.theme, after_slopes(board), room_beside(step.title), names)
    key = every_parameter(step, board, (key, tables_key, after_key))
    did_it_help(step, board)
    sign_key = update_key(ctx, board)
    board.show_sign_key(sign_key)  # the board had no key of its own (``replace_key``): it fades in here
    step.end(*swap_keys(key, sign_key))
    return board


def highlight_entry(ctx: StepContext) -> VGroup:
    """The key's entry for the thick line in the text colour that marks the weight being updated."""
    return SignKey.entry(ctx.theme.text, "being updated", ctx.theme.text)


INPUTS = "inputs x"  # the values the diagram keeps while the step tables show


def after_slopes(board: Board) -> list[str]:
    """The colours on screen once the update has taken its step: the new values, the target beside the new ŷ, E
    before and after, and the new weights where the diagram labels its edges (else none is drawn in that colour)."""
    return ["forward", "target", *(["update"] if board.diagram.labels_on_edges else []), "error"]


WHY = "The gradient points uphill,\nthe way E grows: each weight\nsteps the other way, downhill."
BATCH_WHY = "Ē: the batch's mean error.\nIts gradient points uphill,\nthe way Ē grows: each weight\nsteps the other way, downhill."


ETA_MEANING = "learning rate:\nthe size of a step"


def update_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The weight update's own formulas (``StepScene.formulas``)."""
    error = symbols.BATCH_ERROR if ctx.config.is_dataset else "E"
    tables = [
        formula
        for l in range(ctx.depth)
        for formula in (
            (step_title("w", l, error),),
            (step_title("b", l, error),),
            *step_brackets(ctx.config.layers[l + 1]),
            *step_indices(ctx.config.layers[l + 1], ctx.config.layers[l]),
        )
    ]
    batch = ctx.config.is_dataset  # the rule, and the inline rule over the tables
    check = [piece_formula(piece) for piece in words.was_and_target()]  # around the new ŷ's old value and target
    # the board the backward pass left: output neurons labelled δ while their δ stands in them
    return [(update_rule(batch),), (update_rule(batch, inline=True),), *tables, *check, *delta_labels(ctx)]


def the_rule(step: Step, key: list[Animation]) -> Formula:
    """Why the update subtracts, gradient descent's rule, and η; returns the η row (its number flies into the
    focus rows)."""
    scene, theme = step.scene, step.theme
    with narrated(scene, "update-rule", words.update_rule(step.ctx)):
        step.show_title(*key)
        batch = step.config.is_dataset
        why = Text(BATCH_WHY if batch else WHY, font_size=LABEL_SIZE, color=theme.text, line_spacing=0.8)
        rule = MathTex(update_rule(batch), font_size=STEP_TITLE_SIZE, color=theme.text)
        eta = Formula(
            r"\eta", "=", step.ctx.num("learning_rate", color=theme.update), decimals=step.decimals, color=theme.text
        )
        meaning = Text(ETA_MEANING, font_size=LABEL_SIZE, color=theme.text, line_spacing=0.8)
        meaning.next_to(eta, RIGHT, buff=0.5)
        scene.play(step.panel.push(why), run_time=SHOW_ROW)
        scene.wait(READ)
        scene.play(step.panel.push(rule, Write), run_time=WRITE)
        row = VGroup(eta, meaning)
        step.panel.make_room([rule], row.height)  # the sentence on why gives way, never the rule η belongs to
        scene.play(step.panel.push(row), run_time=SHOW)
        wait_to_read(scene, READ)
    return eta


def focus_weights(step: Step, board: Board, eta: Formula) -> None:
    """w_new = w_old − η · ∂E/∂w for each layer's focus weight, its numbers flying in from the diagram."""
    ctx, scene, c = step.ctx, step.scene, step.config
    with narrated(scene, "update-focus", words.update_focus(ctx)):
        rows = {l: update_formula(ctx, l, *c.focus[l]) for l in reversed(range(ctx.depth))}
        # The rule and η stay above the rows; the sentence on why makes room if they would not fit.
        header = list(step.panel.items[-2:])
        step.panel.make_room(header, sum(row.height + step.panel.spacing for row in rows.values()))
        for n, (l, row) in enumerate(rows.items()):
            j, i = c.focus[l]
            if n:
                read_out(scene)  # the row before it read while it is on screen (the panel may clear for this one)
            # this row's words as its numbers fly in: the row before stays until they start, then gives way if need be
            # (one fade: the numbers come in right after it), with the rounding note, which comes again with this row
            # if it needs it (η's line goes if there is no room under the rule and η, then the rule)
            beat(scene)
            shown = step.room_with_note([row], list(step.panel.items), header, header[:1], [], hold=False)
            for m in shown:
                step.panel.add(m)
            sources = {0: board.label_of((l, j, i))}
            if eta in step.panel.items:
                sources[1] = eta.numbers[0]
            # a highlight, in the text colour: the edge still carries its old weight (green is for new values)
            focus = light_up([board.diagram.edges[(l, j, i)]], step.theme.text, FOCUS_STROKE)
            assemble(scene, row, sources, *focus, *(Appear(m) for m in shown[1:]), run_time=PULSE)
            scene.wait(READ_FOCUS)
            step.read_note(shown)
        wait_to_read(scene, 0.0, then=FADE)
        step.panel.clear()


def update_formula(ctx: StepContext, l: int, j: int, i: int) -> Formula:
    """w⁽ˡ⁾ⱼᵢ = w_old − η · ∂E/∂w = w_new."""
    theme = ctx.theme
    return Formula(
        symbols.weight(l, j, i),
        "=",
        ctx.num("weights", l, j, i, factor=True),
        "-",
        ctx.num("learning_rate", color=theme.update),
        r"\cdot",
        ctx.num(
            "grad_weights",
            l,
            j,
            i,
            color=slope_color(theme, ctx.trace.grad_weights[l][j, i], ctx.decimals),
            factor=True,
        ),
        "=",
        ctx.num("new_weights", l, j, i, color=theme.update),
        decimals=ctx.decimals,
        color=theme.text,
        max_width=PANEL_WIDTH,
    )


def every_parameter(step: Step, board: Board, keys: tuple[VGroup, VGroup, VGroup]) -> VGroup:
    """Every weight and bias takes its step: each layer's weights, then its biases, in a step table (old over
    gradient over new) under the rule with η, while the diagram keeps the old values on its edges until the table's
    new values take their places (``show_tables``). The neurons' values go with the old parameters that made them,
    until the forward pass after the update. ``tables_key`` (the key to the tables: the slopes' colours) takes the
    place of ``key``, then, as the slopes' colours leave, ``new_key`` takes its place; returns it."""
    ctx, scene = step.ctx, step.scene
    key, tables_key, new_key = keys
    with narrated(scene, "update-all", words.update_all(ctx, board.diagram.labels_on_edges)):
        animations = restyle_edges(board.diagram, neutral_styles(board.diagram)) + board.clear_badges()
        animations += board.clear_values()
        scene.play(*animations, *swap_keys(key, tables_key), run_time=MOVE)
        step.panel.top = panel_top_under(tables_key)
        show_tables(step, board)
        wait_to_read(scene, READ, then=FADE)
        step.panel.clear()
        scene.play(*swap_keys(tables_key, new_key), run_time=FADE)  # the tables coloured each gradient by its sign
        step.panel.top = panel_top_under(new_key)
    return new_key


def did_it_help(step: Step, board: Board) -> None:
    """A forward pass with the new weights; E before → after, with an honest verdict."""
    ctx, scene, t, decimals, theme = step.ctx, step.scene, step.t, step.decimals, step.theme
    verdict = words.update_verdict(t, batch=step.config.is_dataset)
    with narrated(scene, "update-check", words.update_check(ctx)):
        for layer in range(1, ctx.output_layer + 1):  # each layer's new values as the signal reaches it
            scene.play(pulse_forward(board.diagram, layer, theme.forward, run_time=SHOW))
            scene.play(*board.change_layer_values(layer, "a_after", theme.forward), run_time=SHOW)
        beat(scene)  # the new ŷ's words from when it reaches the output
        batch = step.config.is_dataset
        before = Formula(
            symbols.loss_before(batch),
            "=",
            ctx.num("loss", color=theme.error),
            decimals=decimals,
            color=theme.text,
            font_size=EMPHASIS_SIZE,
        )
        after_color = theme.error
        after = Formula(
            symbols.loss_after(batch),
            "=",
            ctx.num("loss_after", color=after_color),
            decimals=decimals,
            color=theme.text,
            font_size=EMPHASIS_SIZE,
        )
        comparison = VGroup(before, after).arrange(DOWN, buff=0.9, aligned_edge=LEFT)
        x = before.get_left()[0] + 0.35
        arrow = Arrow([x, before.get_bottom()[1], 0], [x, after.get_top()[1], 0], buff=0.1, color=theme.muted)
        note = Text(verdict, font_size=LABEL_SIZE, color=theme.text)
        verdict_group = VGroup(comparison, arrow, note.next_to(comparison, DOWN, buff=0.4, aligned_edge=LEFT))
        was, close, target = words.was_and_target()
        yhat: list[VMobject] = [
            Formula(
                symbols.a(ctx.output_layer, k, step.config),
                "=",
                ctx.num("y_hat_after", k, color=theme.forward),
                was,
                ctx.num("y_hat", k, color=theme.forward),
                close,
                target,
                ctx.num("y", k, color=theme.target),  # the target's colour, as everywhere (the key names it)
                decimals=decimals,
                color=theme.text,
                max_width=PANEL_WIDTH,
            )
            for k in range(len(t.y_hat_after))
        ]
        if batch:  # the diagram is the worked sample's; Ē is the batch's
            yhat.insert(0, Text(words.worked_sample_now(ctx), font_size=LABEL_SIZE, color=theme.text))
        # As the words go: the new ŷ the forward pass gave, then the error before → after and the verdict.
        scene.play(*step.panel.push_all(yhat), run_time=SHOW_ROW)
        step.panel.make_room(yhat, verdict_group.height)
        step.panel.add(verdict_group)
        scene.play(Appear(before), run_time=SHOW)
        beat(scene)  # the error's words once E before is on screen, as E after comes in
        scene.play(Appear(arrow), Appear(after), run_time=SHOW_ROW)
        scene.play(Appear(note), run_time=SHOW_ROW)
        wait_to_read(scene, READ_ALL, then=FADE)
        step.panel.clear()


class WeightUpdate(StepScene):
    """Step 4 on its own: `manim render scenes/weight_update.py WeightUpdate`."""

    part_formulas = staticmethod(update_formulas)

    @staticmethod
    def play_in_video(scene: Scene, ctx: StepContext, board: Board | None) -> Board | None:
        return play_weight_update(scene, ctx, board)

    def construct(self) -> None:
        play_weight_update(self, self.ctx)
