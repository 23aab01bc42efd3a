"""Step 4's step tables, for every network: under the update rule with η, each layer's weights and biases in turn,
each place old over gradient over new, held while a cue names the table (where the diagram labels its edges, their
labels take the table's new values while it shows)."""

from __future__ import annotations

import math

from manim import DOWN, LEFT, RIGHT, MathTex, VGroup, VMobject

from nnmath.rounding import update_gaps
from scenes.drawing import symbols
from scenes.drawing.formula import Formula
from scenes.drawing.layout import GAP_ABOVE, meaning_lines
from scenes.drawing.narration import beat, read_out
from scenes.drawing.shown_arithmetic import rounding_note
from scenes.drawing.step_tables import StepTable, step_title
from scenes.drawing.style import FORMULA_SIZE, PANEL_BOTTOM, PANEL_WIDTH, READ, READ_GRADIENTS, SHOW_ROW, TICK
from scenes.drawing.theme import Color, slope_color
from scenes.formulas.notation import WEIGHT_INDICES
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.step import Step

UPDATE_RULE = r"w_{\text{new}} = w_{\text{old}} - \eta \, \frac{\partial E}{\partial w}"


def update_rule(batch: bool, inline: bool = False) -> str:
    """w_new = w_old − η ∂E/∂w; for a dataset's batch, the gradient of its mean error Ē (``inline``: on one line,
    ∂E/∂w, over a table)."""
    rule = UPDATE_RULE.replace(r"\frac{\partial E}{\partial w}", r"\partial E / \partial w") if inline else UPDATE_RULE
    return rule.replace(r"\partial E", rf"\partial {symbols.BATCH_ERROR}") if batch else rule


# Between the rule (with its note) and a table under it: a little closer than the panel's rows, so that a table with
# its rows' and columns' labels (j = 1, i = 1) keeps its digits as large as before they had them.
TABLE_GAP = 0.16
TABLE_HOLD = 6.0  # seconds a step table stays on screen at least: its nine-odd numbers a place are read


def show_tables(step: Step, board: Board) -> None:
    """Under the rule with η, each step table in turn, each with its beat of the caption (which names it), held
    ``TABLE_HOLD`` seconds at least; the caption's first beat (the neurons' clearing) is read first, then the rule
    comes with the first table. Where the diagram
    labels its edges, the table's parameters there give way to their new values while it shows (first read beside
    the old ones): each new value comes with its old value and gradient on screen. Under the rule, the rounding note
    if a new value is not what its old value and gradient give as shown (``update_gaps``): it stays over every table
    (the largest, 4 rows at the legibility floor, fits under it)."""
    ctx, scene, panel = step.ctx, step.scene, step.panel
    noted = bool(update_gaps(ctx.trace, ctx.decimals))
    header = rule_row(ctx, rounding_note(step.theme.muted) if noted else None)
    tables = all_tables(ctx, panel.top - header.height - TABLE_GAP - PANEL_BOTTOM)
    # the clip may be shown alone: which way wⱼᵢ goes, under the rule, where every table keeps its size under both
    named = rule_row(ctx, rounding_note(step.theme.muted) if noted else None, WEIGHT_INDICES)
    if max(t.height for t in tables) <= panel.top - named.height - TABLE_GAP - PANEL_BOTTOM:
        header = named
    for table in tables:
        setattr(table, GAP_ABOVE, TABLE_GAP)
    for n, ((kind, l), table) in enumerate(zip(table_order(ctx.depth), tables, strict=True)):
        read_out(scene)  # the beat before (the clearing, or the table before) read while its picture shows
        panel.make_room([header], table.height)
        beat(scene)  # this table's words, from when it appears
        # the rule with the first table: never on screen without numbers it works out
        scene.play(*(panel.push(m) for m in ([table] if n else [header, table])), run_time=SHOW_ROW)
        shown = SHOW_ROW
        if not n and noted and "rounding" not in ctx.notes_shown:
            scene.wait(READ)  # the note read, the first time the video shows it
            ctx.notes_shown.add("rounding")
            shown += READ
        if board.diagram.labels_on_edges:  # the old values read in the table and on the diagram, then the new ones
            scene.wait(READ)
            scene.play(*board.new_parameters(step.theme.update, kind, l), run_time=TICK)
            shown += READ + TICK
        scene.wait(max(READ if board.diagram.labels_on_edges else READ_GRADIENTS, TABLE_HOLD - shown))


def table_order(depth: int) -> list[tuple[str, int]]:
    """What each step table holds, in the order they show: (kind, weight layer), the weights before the biases."""
    return [(kind, l) for l in range(depth) for kind in ("weights", "biases")]


def all_tables(ctx: StepContext, room: float) -> list[StepTable]:
    """Every layer's step tables, weights then biases, each at most ``room`` tall if it fits at the floor."""
    return [table for l in range(ctx.depth) for table in step_tables(ctx, l, room)]


def rule_row(ctx: StepContext, note: VMobject | None = None, meaning: str = "") -> VGroup:
    """w_new = w_old − η ∂E/∂w with η's value beside it: what every table of the step works out (``meaning``: what
    the tables' symbols are, a line under it; ``note``: the rounding note, under them)."""
    theme = ctx.theme
    rule = MathTex(update_rule(ctx.config.is_dataset, inline=True), font_size=FORMULA_SIZE, color=theme.text)
    eta = Formula(r"\eta", "=", ctx.num("learning_rate", color=theme.update), decimals=ctx.decimals, color=theme.text)
    row = VGroup(rule, eta).arrange(RIGHT, buff=0.6)
    lines: list[VMobject] = [row, *([meaning_lines([meaning], theme.text, PANEL_WIDTH)] if meaning else [])]
    if note is not None and note.width > PANEL_WIDTH:
        note.scale_to_fit_width(PANEL_WIDTH)  # as the panel sets it alone
    lines += [note] if note is not None else []
    return VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.1) if len(lines) > 1 else row


def step_tables(ctx: StepContext, l: int, max_height: float = math.inf) -> list[StepTable]:
    """Weight layer ``l``'s weights, then its biases: each place old over gradient over new (each table at most
    ``max_height`` tall, if it fits at the legibility floor)."""
    t, theme, decimals = ctx.trace, ctx.theme, ctx.decimals
    error = symbols.BATCH_ERROR if ctx.config.is_dataset else "E"

    def slope(v: float) -> Color:
        return slope_color(theme, v, decimals)

    def text(v: float) -> Color:
        return theme.text

    def new(v: float) -> Color:
        return theme.update

    tables = []
    for symbol, field in (("w", "weights"), ("b", "biases")):
        stacked = [
            (name, getattr(t, name)[l], color_of)
            for name, color_of in ((field, text), (f"grad_{field}", slope), (f"new_{field}", new))
        ]
        title = step_title(symbol, l, error)
        tables.append(StepTable(l, stacked, title, decimals, theme.text, max_height=max_height))
    return tables
