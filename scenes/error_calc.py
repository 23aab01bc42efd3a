"""Step 2, the error: ŷ beside y, the loss with numbers substituted, and ∂E/∂ŷ."""

from __future__ import annotations

from collections.abc import Sequence

from manim import (
    LEFT,
    RIGHT,
    UP,
    Create,
    MathTex,
    Scene,
    Text,
    VGroup,
    VMobject,
    Write,
)

from nnmath import LOSSES
from nnmath.losses import Template, latex_tokens, zero_markers
from scenes.batch_steps import batch_error, batch_formulas
from scenes.drawing import symbols
from scenes.drawing.colour_key import colour_key, panel_top_under, room_beside, slope_fields
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num, Token, piece_formula
from scenes.drawing.layout import glossed, glosses
from scenes.drawing.moves import assemble_all, extend_key
from scenes.drawing.narration import beat, narrated, wait_to_read
from scenes.drawing.style import (
    EMPHASIS_SIZE,
    FADE,
    FORMULA_SIZE,
    LABEL_SIZE,
    MOVE,
    PANEL_LEFT,
    PANEL_WIDTH,
    PAUSE,
    READ,
    READ_LONG,
    READ_ROW,
    RULE_SIZE,
    SHOW_ROW,
    WRITE,
)
from scenes.drawing.theme import BATCH_ERRORS, Color, slope_color
from scenes.error_gaps import GapLine, line_ends
from scenes.formulas.notation import ln_meaning
from scenes.gradient_idea import gradient_formulas, the_gradient
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.states import after_forward, forward_key, on_scene
from scenes.stage.step import Step
from scenes.steps_table import PART
from scenes.words import error_calc as words
from scenes.words.error_calc import first_then_rest, worked_output


def play_error_calc(scene: Scene, ctx: StepContext, board: Board | None = None) -> Board:
    """Play step 2 on ``scene``."""
    board = on_scene(scene, ctx, board, after_forward)
    step = Step(scene, ctx, PART["ErrorCalc"])
    # ∂E/∂ŷ by its sign as shown: one that reads 0 (a softmax output's wrong class) is in neither slope colour
    fields = ["forward", "target", "error", *slope_fields(*ctx.trace.dE_dyhat, decimals=ctx.decimals)]
    key = colour_key(ctx.theme, fields, room_beside(step.title))
    # the slope colours join the key where a slope is first shown and said (``the_signal``), not before
    first_key = colour_key(ctx.theme, fields[:3], room_beside(step.title))
    # A dataset's batch adds each sample's Eₛ and their mean Ē in the error colour: the key then names them too.
    batch_key = colour_key(ctx.theme, fields, room_beside(step.title), BATCH_ERRORS) if ctx.config.is_dataset else None
    step.panel.top = min(panel_top_under(k) for k in (key, batch_key) if k is not None)
    prediction_against_target(step, board, first_key)
    values = the_loss(step)
    the_signal(step, values, (first_key, key))
    the_gradient(step, key, worked_output(ctx))
    if batch_key is not None:  # the other samples of the batch, and the batch's Ē
        batch_error(step, (key, batch_key))
        key = batch_key
    step.end(Vanish(key), *board.show_sign_key(forward_key(ctx)))  # as the forward pass left the board
    return board


def prediction_against_target(step: Step, board: Board, key: VGroup) -> None:
    """Each ŷ flies from its neuron onto a number line beside its target y."""
    scene, t = step.scene, step.t
    with narrated(scene, "error-compare", words.error_compare(step.ctx)):
        step.show_title(*board.replace_key(key))
        # The worked output on its own, the others together (the same comparison again).
        every = [GapLine(step.ctx, k) for k in range(len(t.y))]
        together = step.panel.fits([], sum(gap.height + step.panel.spacing for gap in every))
        if together:  # placed at once, in the diagram's order 1, 2, 3 …
            step.panel.clear()
            for gap in every:
                step.panel.add(gap)
        for outputs in first_then_rest(len(t.y), worked_output(step.ctx)):
            gaps = [every[k] for k in outputs]
            if not together:  # the worked one, then the others: room for a group first, else the panel would drop
                # the earlier ones from its items while they stay on screen
                step.panel.make_room([], sum(gap.height + step.panel.spacing for gap in gaps))
                for gap in gaps:
                    step.panel.add(gap)
            sources = [
                (gap.prediction, {0: board.value_in(step.ctx.output_layer, k)})
                for k, gap in zip(outputs, gaps, strict=True)
            ]
            lines = [a for gap in gaps for a in (Create(gap.line), Appear(gap.ends), Appear(gap.prediction_dot))]
            assemble_all(scene, sources, *lines, run_time=MOVE)
            targets = [
                a
                for gap in gaps
                for a in (Appear(gap.target_dot), Appear(gap.target), Create(gap.gap), Appear(gap.note))
            ]
            beat(scene)  # this group's ŷ against y, from when its targets come in
            scene.play(*targets, run_time=MOVE)
        if (true := words.true_class(step.ctx)) is not None:  # a one-hot y, first shown: what it means
            meaning = Text(words.true_class_definition(true), font_size=LABEL_SIZE, color=step.theme.text)
            lowest = min(m.get_bottom()[1] for m in step.panel.items)  # under the gaps, which stay
            meaning.move_to((PANEL_LEFT, lowest - step.panel.spacing / 2, 0), aligned_edge=UP + LEFT)
            scene.play(Appear(step.panel.items.add(meaning)[-1]), run_time=SHOW_ROW)
        wait_to_read(scene, READ_LONG, then=FADE)
        step.panel.clear()


def the_loss(step: Step) -> list[Formula]:
    """ŷ and y (which the formulas use, kept on screen), the loss formula, each output's term with numbers, and
    their sum E; returns the rows of ŷ and y."""
    ctx, scene, t = step.ctx, step.scene, step.t
    n, loss = len(t.y), LOSSES[step.config.loss]
    first = worked_output(ctx)
    with narrated(scene, "error-loss", words.error_loss(ctx)):
        values = [vector_row(ctx, r"\hat y", "y_hat", ctx.theme.forward), vector_row(ctx, "y", "y", ctx.theme.target)]
        scene.play(*step.panel.push_all(values), run_time=SHOW_ROW)
        formula: VMobject = MathTex(loss.latex, font_size=RULE_SIZE, color=step.theme.text)
        if meanings := glosses(words.loss_index(loss.name), ln_meaning(loss.latex)):  # its k, its ln, beside it
            formula = glossed(formula, meanings, step.theme.text)
        scene.play(step.panel.push(formula, Write), run_time=WRITE)
        scene.wait(PAUSE)
        # The worked term with its numbers put in (and a term that is 0), under the formula they come from.
        worked: list[VMobject] = [formula]
        defined: list[VMobject] = []  # the line saying what Eₒₖ is, once shown
        for outputs in first_then_rest(n, first):
            rows = term_rows(step, outputs, [*worked[:1], *defined])  # under the formula (ŷ and y may make room)
            # where Eₒₖ is first used: what it is (one output's term is E itself, unnamed)
            names = [term_names(step.theme.text)] if outputs == [first] and n > 1 else []
            # what Eₒₖ means stays while any Eₒₖ row is on screen (see term_fallbacks); a row that does not add up as
            # shown comes with the rounding note
            shown = step.room_with_note(
                [*rows, *names], [*values, *worked, *defined], *term_fallbacks(values, worked, defined)
            )
            scene.play(*step.panel.push_all(shown), run_time=SHOW_ROW)
            defined = [*defined, *names]
            scene.wait(READ_ROW)
            step.read_note(shown)
            if outputs == [first]:  # the row worked out in full stays beside the others' (ŷ and y may go)
                worked.append(rows[0])
        total = [loss_total(ctx)] if n > 1 else []  # one output's row already ends in E
        truth = true_class_rows(step)  # cross-entropy, one-hot: E = −ln ŷₖ, the true class's
        whose = (
            [Text(words.whose_error(ctx), font_size=LABEL_SIZE, color=step.theme.text)] if ctx.config.is_dataset else []
        )
        if total or truth or whose:  # (E = −ln ŷₖ = −ln 0.3907 = 0.9399 with the rounding note, if it needs it)
            shown = step.room_with_note(
                [*total, *truth, *whose], [*values, *worked, *defined], *term_fallbacks(values, worked, defined)
            )
            scene.play(*step.panel.push_all(shown), run_time=SHOW_ROW)
            step.read_note(shown)
        note = step.note_for(*total)  # (E = −ln ŷₖ goes before the slopes: its note stays only for the sum)
        beat(scene)  # E's numbers read once its rows, and the sum of them, are on screen where they stay
        wait_to_read(scene, READ_LONG, then=FADE)
        # E stays while its slope comes next, its words read before it goes (with its note, if E needs it)
        keep_only(step, [*values, *total, *([note] if note is not None else [])])
    return values


TERM_SYMBOL = rf"{symbols.LOSS_TERM}\colon"  # E_{o_k}: beside what it is
TERM_SIZE = EMPHASIS_SIZE  # its k, a subscript's subscript, large enough to read at 480p


def term_names(color: Color) -> VGroup:
    """ "E_{o_k}: the error at output k", the symbol typeset as the rows write theirs (``symbols.LOSS_TERM``), the
    words on its baseline."""
    symbol = MathTex(TERM_SYMBOL, font_size=TERM_SIZE, color=color)
    meaning = Text(words.term_names(), font_size=LABEL_SIZE, color=color)
    meaning.next_to(symbol, RIGHT, buff=0.15)
    meaning.shift((symbol[0][0].get_bottom()[1] - meaning[0].get_bottom()[1]) * UP)  # E's foot on the line of "the"
    return VGroup(symbol, meaning)


def term_fallbacks(values: list[Formula], worked: list[VMobject], defined: list[VMobject]) -> list[list[VMobject]]:
    """What stays, in turn, where new rows do not fit under ŷ and y, the formula, the worked row and what Eₒₖ means
    (``defined``): the worked row goes first (the others' rows show a term worked out under the formula too), then
    ŷ and y, then the formula; what Eₒₖ means stays while an Eₒₖ row is on screen."""
    return [[*values, *worked[:1], *defined], [*worked, *defined], [*worked[1:], *defined], defined]


def term_rows(step: Step, outputs: list[int], keep: list[VMobject]) -> list[Formula]:
    """Eₖ for ``outputs``: the worked output's with its numbers put in, and so is a term that adds 0 to E
    (cross-entropy's −0 · ln ŷₖ, which would read as a bare 0) where they fit under ``keep``; the others' results."""
    ctx, loss, first = step.ctx, LOSSES[step.config.loss], worked_output(step.ctx)

    def row(k: int, full: bool) -> Formula:
        result = ctx.num("loss_terms", k, color=step.theme.error)
        symbol = symbols.loss_term(k) if len(ctx.trace.y) > 1 else "E"  # one output's term is E itself
        if full:
            return per_output_row(ctx, k, symbol, loss.term, result)
        return result_row(ctx, symbol, result)

    rows = [row(k, k == first or not words.adds_to_error(ctx.trace, k)) for k in outputs]
    kept = [m for m in keep if m in step.panel.items]
    if not step.panel.fits(kept, sum(r.height + step.panel.spacing for r in rows)):
        rows = [row(k, k == first) for k in outputs]
    return rows


def vector_row(ctx: StepContext, symbol: str, entry: str, color: str) -> Formula:
    """ŷ = 0.7514 (one output) or ŷ = (0.2, 0.3, 0.5): a vector of trace values, each in ``color``."""
    n = len(ctx.trace.y)
    numbers: list[Token] = [ctx.num(entry, k, color=color) for k in range(n)]
    if n > 1:
        numbers = [
            "(",
            *(token for k, num in enumerate(numbers) for token in ([num, ","] if k < n - 1 else [num])),
            ")",
        ]
    return Formula(symbol, "=", *numbers, decimals=ctx.decimals, color=ctx.theme.text, max_width=PANEL_WIDTH)


def keep_only(step: Step, keep: Sequence[VMobject]) -> None:
    """Clear the panel but for ``keep``, stacked from its top in that order (``Panel.restack``: what of it had gone
    to make room, ŷ and y, comes back in its place once the others have moved)."""
    step.panel.restack(keep)


def loss_total(ctx: StepContext) -> Formula:
    """E = term + term + … = E, for several outputs (one output's term row ends in E already)."""
    theme, n = ctx.theme, len(ctx.trace.y)
    tokens: list[Token] = ["E", "="]
    for k in range(n):
        tokens += (["+"] if k else []) + [ctx.num("loss_terms", k, color=theme.error)]
    tokens += ["=", ctx.num("loss", color=theme.error)]
    return Formula(*tokens, decimals=ctx.decimals, color=theme.text, max_width=PANEL_WIDTH, font_size=FORMULA_SIZE)


def true_class_rows(step: Step) -> list[VMobject]:
    """For cross-entropy with a one-hot target, under the sum: E = −ln ŷₖ = −ln 0.3907 = 0.9399 and which class is
    the true one (the terms of the others are 0)."""
    ctx, theme = step.ctx, step.theme
    k = words.true_class(ctx)
    if k is None:
        return []
    y_hat = ctx.num("y_hat", k, color=theme.forward)
    formula = Formula(
        *("E", "=", "-", r"\ln", symbols.y_hat(k), "=", "-", r"\ln", y_hat, "=", ctx.num("loss", color=theme.error)),
        decimals=ctx.decimals,
        color=theme.text,
        max_width=PANEL_WIDTH,
        font_size=FORMULA_SIZE,
    )
    return [formula, Text(words.true_class_words(k), font_size=LABEL_SIZE, color=theme.text)]


def the_signal(step: Step, values: list[Formula], keys: tuple[VGroup, VGroup]) -> None:
    """∂E/∂ŷ, per output with numbers (ŷ and y still above): where the backward pass starts. The key gains the
    slope colours (``keys``: the key before, the key with them) as the rows in them appear."""
    ctx, scene, t = step.ctx, step.scene, step.t
    loss = LOSSES[step.config.loss]
    first = worked_output(ctx)
    with narrated(scene, "error-signal", words.error_signal(ctx)):
        rule = MathTex(loss.derivative_latex, font_size=RULE_SIZE, color=step.theme.text)
        scene.play(step.panel.push(rule, Write), *extend_key(*keys), run_time=WRITE)
        worked: list[VMobject] = []
        for outputs in first_then_rest(len(t.y), first):
            # every output worked out as the first (a slope of 0 reads −(0.0000 / 0.3359), as the key writes it):
            # its y and ŷ in its row, after the rule and y above may have gone; bare results if they do not fit
            rows = [per_output_row(ctx, k, slope_of(k), loss.slope, slope_num(ctx, k)) for k in outputs]
            if worked and not fits_under(step, worked, rows):
                rows = [result_row(ctx, slope_of(k), slope_num(ctx, k)) for k in outputs]
            if worked and not fits_under(step, worked, rows):  # every slope on one row: the worked one may go
                rows = [slopes_row(ctx)]
            # the slope's rule stays: it says what every row works out (ŷ and y go first, their numbers in the rows)
            # (a row that does not add up as shown comes with the rounding note, which stays while the row does)
            shown = step.room_with_note(rows, [*values, rule, *worked], [rule, *worked], worked)
            scene.play(*step.panel.push_all(shown), run_time=SHOW_ROW)
            scene.wait(READ)
            step.read_note(shown)
            if outputs == [first]:
                worked = [*shown, *([note] if (note := step.note_for(*rows)) and note not in shown else [])]
        beat(scene)  # the slopes read once every row is on screen
        wait_to_read(scene, PAUSE, then=FADE)
        step.panel.clear()


def fits_under(step: Step, keep: Sequence[VMobject], rows: Sequence[VMobject]) -> bool:
    """Whether ``rows`` fit in the panel under ``keep`` (what of it is on screen)."""
    kept = [m for m in keep if m in step.panel.items]
    return step.panel.fits(kept, sum(row.height + step.panel.spacing for row in rows))


def slopes_row(ctx: StepContext) -> Formula:
    """∂E/∂ŷ = (…): every output's slope on one row, each in the colour of its sign (as the subtitle lists them),
    where the others' rows do not fit under the worked one."""
    n = len(ctx.trace.y)
    numbers: list[Token] = []
    for k in range(n):
        numbers += [slope_num(ctx, k), *([","] if k < n - 1 else [])]
    return Formula(SLOPES, "=", "(", *numbers, ")", decimals=ctx.decimals, color=ctx.theme.text, max_width=PANEL_WIDTH)


SLOPES = symbols.partial("E", r"\hat y")  # ∂E/∂ŷ, the vector of every output's slope


def slope_of(k: int) -> str:
    return symbols.partial("E", symbols.y_hat(k))


def slope_num(ctx: StepContext, k: int) -> Num:
    """∂E/∂ŷₖ in the colour of its sign."""
    return ctx.num("dE_dyhat", k, color=slope_color(ctx.theme, ctx.trace.dE_dyhat[k], ctx.decimals))


def result_row(ctx: StepContext, symbol: str, result: Num) -> Formula:
    """``symbol = result``: another output, worked out the same way as the first."""
    return Formula(symbol, "=", result, decimals=ctx.decimals, color=ctx.theme.text)


def per_output_row(ctx: StepContext, k: int, symbol: str, template: Template, result: Num) -> Formula:
    """``symbol = <template with yₖ and ŷₖ substituted> = result`` for output k."""
    theme = ctx.theme
    y, y_hat = ctx.num("y", k, color=theme.target, factor=True), ctx.num("y_hat", k, color=theme.forward, factor=True)
    zeros = zero_markers(ctx.trace.y[k], ctx.trace.y_hat[k], ctx.decimals)
    tokens: list[Token] = list(latex_tokens(template, y, y_hat, len(ctx.trace.y), zeros))
    return Formula(symbol, "=", *tokens, "=", result, decimals=ctx.decimals, color=theme.text, max_width=PANEL_WIDTH)


def error_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The error step's own formulas (``StepScene.formulas``): the loss, its slope, their templates' pieces."""
    loss, n = LOSSES[ctx.config.loss], len(ctx.trace.y)
    pieces = [part for part in latex_tokens((*loss.term, *loss.slope), None, None, n) if isinstance(part, str)]
    rules = [(loss.latex,), (loss.derivative_latex,), *gradient_formulas(), *([(TERM_SYMBOL,)] if n > 1 else [])]
    pieces += [r"\hat y", "y", "(", ",", ")", SLOPES]  # the rows of ŷ and y, and of every ∂E/∂ŷ
    true = words.true_class(ctx)
    pieces += [] if true is None else ["-", r"\ln", symbols.y_hat(true)]  # E = −ln ŷₖ under the sum
    ends = dict.fromkeys((str(end),) for k in range(n) for end in line_ends(ctx.trace, k))  # the number lines'
    return [*rules, *ends, *(piece_formula(piece) for piece in dict.fromkeys(pieces))]


class ErrorCalc(StepScene):
    """Step 2 on its own: `manim render scenes/error_calc.py ErrorCalc`."""

    part_formulas = staticmethod(lambda ctx: [*error_formulas(ctx), *batch_formulas(ctx)])

    @staticmethod
    def play_in_video(scene: Scene, ctx: StepContext, board: Board | None) -> Board | None:
        return play_error_calc(scene, ctx, board)

    def construct(self) -> None:
        play_error_calc(self, self.ctx)
