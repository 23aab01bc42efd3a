"""What the learning-rate panels' marks mean, over them (``scenes.repeat_rates`` lays them out): the colour key (η and
E; ŷ and its target where a run's panel shows ŷ jump past it), what the long-dashed line is (E at the start, with its
value) and when the error under each plot is read."""

from __future__ import annotations

from manim import DOWN, ORIGIN, RIGHT, UP, DashedLine, Mobject, Text, VGroup

from nnmath import run_panels, run_terms
from scenes.drawing import symbols
from scenes.drawing.colour_key import COLUMN_GAP as KEY_COLUMN_GAP
from scenes.drawing.colour_key import TITLE_GAP, colour_key, explains, room_beside
from scenes.drawing.log_plot import AXIS_NUMBER_SIZE, LEVEL_DASH
from scenes.drawing.style import E0_LINE_STROKE, LABEL_SIZE
from scenes.drawing.theme import MEAN_ERROR
from scenes.run_panel import value_label
from scenes.stage.context import StepContext

GUIDE_GAP = 0.12  # the reading guide under the key's line


START_WORDS = r"\text{at the start: }"  # the dashed line's label, as the main curve's first label reads
SWATCH_LENGTH = 0.6


def start_lhs(ctx: StepContext) -> str:
    """The start line's label's left side: "at the start: E" (Ē for a dataset)."""
    return START_WORDS + symbols.error(ctx.regimes.per_epoch)


def start_key(ctx: StepContext, under: Mobject) -> VGroup:
    """What the long-dashed line in every panel is: a piece of it beside "at the start: E = 0.2748", under ``under``
    (the colour key), right-aligned with it."""
    theme, regimes = ctx.theme, ctx.regimes
    run = regimes.compared[0]
    swatch = DashedLine(ORIGIN, RIGHT * SWATCH_LENGTH, dash_length=LEVEL_DASH).set_stroke(theme.text, E0_LINE_STROKE)
    label = value_label(
        start_lhs(ctx), float(run.history[0]), ("rate_history", 0, 0), ctx.decimals, theme.error, theme.text,
        AXIS_NUMBER_SIZE, regimes.floor,
    )  # fmt: skip
    row = VGroup(swatch, label).arrange(RIGHT, buff=0.15)
    return row.next_to(under, DOWN, buff=0.12, aligned_edge=RIGHT)


RATE_ONLY = {"update": "learning rate η"}  # the update colour's words where only η is drawn in it
OUTPUT_ONLY = {"forward": "output ŷ"}  # the values colour's words where only ŷ is drawn in it (a jump's panel)


def key_names(ctx: StepContext) -> dict[str, str]:
    """The key's words for the panels: the update colour is η alone, the values colour ŷ alone; E is Ē for a
    dataset."""
    return {**RATE_ONLY, **OUTPUT_ONLY, **(MEAN_ERROR if ctx.config.is_dataset else {})}


def key_fields(ctx: StepContext) -> list[str]:
    """The colours the panels draw: η and E; where a run's panel shows ŷ jump past its target, ŷ and the target."""
    regimes = ctx.regimes
    jumps = any(run_terms.jump(run, regimes) is not None for _, run in run_panels.shown(regimes))
    return ["update", "error", *(["forward", "target"] if jumps else [])]


def rate_key(ctx: StepContext, title: Mobject) -> VGroup:
    """The colour key at the top right: on one line beside the title where it fits (a key of four, for a jump's
    panel, would take another line from the panels), else in two columns."""
    key = colour_key(ctx.theme, key_fields(ctx), names=key_names(ctx))
    if len(key) > 2:
        line = key.copy().arrange(RIGHT, buff=KEY_COLUMN_GAP)
        if line.width <= room_beside(title):
            key = line.move_to(key, aligned_edge=UP + RIGHT)
    return key


def key_before_jump(ctx: StepContext, key: VGroup) -> VGroup:
    """The key while no jump's panel is on screen: ``key``'s η and E rows, in their places (ŷ and the target join
    them with the jump's panel, :func:`scenes.drawing.moves.extend_key`: a key lists only colours on screen); ``key``
    itself where it has no more rows."""
    fields = key_fields(ctx)
    if len(fields) == 2:
        return key
    return explains(VGroup(*(row.copy() for row in key.submobjects[:2])), fields[:2])


def reading_guide(ctx: StepContext, title: Mobject, key: Mobject) -> Text:
    """Once for every panel, right of the title (under the key where the key reaches over it): when the error under
    each plot is read ("under each plot: / E after 100 updates"), which under each of four narrow plots took two
    lines; a run read at another step (one that diverges) says its own step under its plot."""
    regimes = ctx.regimes
    e, steps = run_terms.error_of(regimes), run_terms.counted(regimes, regimes.steps)
    guide = Text(f"under each plot:\n{e} after {steps}", font_size=LABEL_SIZE, color=ctx.theme.muted, line_spacing=0.8)
    guide.next_to(title, RIGHT, buff=TITLE_GAP).align_to(title, UP)
    if key.get_left()[0] < guide.get_right()[0] + TITLE_GAP:  # the key reaches over it: under the key's lines
        guide.shift(DOWN * (guide.get_top()[1] - key.get_bottom()[1] + GUIDE_GAP))
    return guide
