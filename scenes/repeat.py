"""The epilogue: the cycle repeats; the loss curve of many steps, the same training with other learning rates
(``scenes.repeat_rates``), and for a network with a hidden layer the size of δ in each layer.

The main loss curve ties back to the update just watched: a zoom on the first ZOOM_STEPS updates, drawn
wide, marks E at the start and after 1 update (the error before and after that update) and after ZOOM_STEPS;
the whole run beside it marks E after the last. (E with an index is a term of the loss or a sample's loss
elsewhere in the video, so the epilogue writes "after 1 update: E = …" in words.) Labels are placed where they cover neither the curves, the axes nor each other, with a leader
line to their dot when they sit away from it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    Group,
    GrowFromCenter,
    MathTex,
    Mobject,
    Scene,
    Text,
    VGroup,
    VMobject,
)

from nnmath import gradient_words
from nnmath.notation import scientific_parts, sup
from nnmath.vanishing import size_decimals
from scenes.drawing.bars import DOT_RADIUS as DOT_SIZE
from scenes.drawing.bars import LogBars, scale_value
from scenes.drawing.colour_key import colour_key
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num, piece_formula
from scenes.drawing.label_search import DOT_RADIUS, Marker, box_of, place_labels
from scenes.drawing.layout import step_title
from scenes.drawing.log_plot import times_power
from scenes.drawing.loss_curve import ZOOM_STEPS, ZoomedRun, tick_formulas
from scenes.drawing.narration import beat, narrated, read_out
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.style import (
    BARS_HEIGHT,
    BARS_WIDTH,
    CHART_SIZE,
    DRAW_CURVE,
    DRAW_LONG_CURVE,
    FORMULA_SIZE,
    GROW_BAR,
    LABEL_SIZE,
    LOOK,
    READ,
    READ_ALL,
    READ_LONG,
    RESET,
    SAFE_BOTTOM,
    SENTENCE_WIDTH,
    SHOW,
    SHOW_ROW,
    TEXT_SIZE,
)
from scenes.drawing.theme import Color
from scenes.repeat_rates import learning_rates, rate_formulas
from scenes.run_panel import value_formulas, value_label
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import REPEAT_STEPS, StepContext
from scenes.stage.states import after_update
from scenes.words import repeat as words

NOTE_REACH = 2.0  # the note on the watched update sits this close to it, or is left out
GAP_UNDER_TITLE = 0.2  # the gradient chart's heading keeps this far below the title
MIN_BARS_HEIGHT = 1.2  # the bars are never drawn shorter than this, to make room for the words
HEADING_SIZE = 40  # the chart's heading: its small letters 11 px at 480p, its capitals 17 (review: 8–10 px)
CHART_Y = -0.35  # the gradient chart's centre, where it fits
STRIP_CLEARANCE = 0.05  # the chart's lowest line keeps this far above SAFE_BOTTOM


def play_repeat(scene: Scene, ctx: StepContext, leaving: Mobject | None = None) -> None:
    """Play the epilogue on ``scene``; ``leaving`` (what the update left on screen) fades first."""
    title = step_title(None, "Repeat", ctx.theme.text)
    deep = ctx.gradient_sizes.has_lesson
    many_steps(scene, ctx, title, leaving)
    learning_rates(scene, ctx, title, last=not deep)
    if deep:
        vanishing_gradients(scene, ctx, title, last=True)


def many_steps(scene: Scene, ctx: StepContext, title: Mobject, leaving: Mobject | None) -> None:
    """The loss curve of REPEAT_STEPS updates: the update just watched up close, then E after the last."""
    theme, history = ctx.theme, ctx.history
    with narrated(scene, "repeat-curve", words.repeat_curve(ctx)):
        if leaving is not None:
            scene.wait(RESET)
            scene.play(Vanish(leaving), run_time=SHOW_ROW)
        run = ZoomedRun(history, theme)
        key = colour_key(theme, ["error"])  # the curve and its labels are E
        first, second, note, tenth, last = curve_markers(ctx, run, [title, key])

        scene.play(Appear(title))
        scene.play(Create(run.zoom.axes), Appear(run.zoom_names), run_time=SHOW_ROW)
        scene.play(Appear(first.parts()), Appear(key), run_time=SHOW)  # the key with the first thing in red
        scene.wait(LOOK)
        scene.play(Create(run.watched), Appear(note.parts()), run_time=SHOW_ROW)
        beat(scene)  # the update's numbers, from when E after it comes in
        scene.play(Appear(second.parts()), run_time=SHOW)
        scene.wait(READ)
        beat(scene)  # the caption's next words: the zoom's end, as its curve is drawn
        scene.play(Create(run.rest), run_time=DRAW_CURVE)
        beat(scene)  # E after the zoom's last update, from when its label comes in
        scene.play(Appear(tenth.parts()), run_time=SHOW)
        scene.wait(LOOK)
        scene.play(Create(run.whole.axes), Appear(run.whole_names), Appear(run.region), Appear(run.band))
        scene.play(Create(run.whole.graph), run_time=DRAW_LONG_CURVE)
        scene.play(Appear(last.parts()), run_time=SHOW)
        beat(scene)  # E after the last update, read once the curve has reached it
        scene.wait(READ_LONG)
        read_out(scene)  # the last label stays until the caption that reads it is read
    # the curve goes once its words are read, between them and the learning rates' (no subtitle reads it going)
    scene.play(Vanish(run), Vanish(key), *(Vanish(m.parts()) for m in (first, second, note, tenth, last)))


def curve_markers(ctx: StepContext, run: ZoomedRun, fixed: list[Mobject]) -> list[Marker]:
    """E at the start, after 1 update, the note on that update, after ZOOM_STEPS and after the last, placed clear
    of ``run``'s lines and of ``fixed`` (the title and the key)."""
    theme = ctx.theme
    first, second, tenth, last = (marker(ctx, k, run.point(k)) for k in (0, 1, ZOOM_STEPS, REPEAT_STEPS))
    note = Marker(
        "the note on the watched update",
        (run.zoom.point(0) + run.zoom.point(1)) / 2,
        Text("the update\nyou watched", font_size=LABEL_SIZE, color=theme.text, line_spacing=0.8),
        theme.text,
        reach=NOTE_REACH,
        strict=True,
        optional=True,
    )
    markers = [first, second, note, tenth, last]
    curves = [run.zoom.vertices(), run.whole.vertices()]
    # E at the start first: beside its point, where a student reads the curve from (placed after E after 1, it was
    # pushed far below and its leader read as E falling: lecturer review 12); E after 1 finds room under it.
    placing = [first, second, note, tenth, last]
    place_labels(placing, run.lines(), curves, [*(box_of(m) for m in fixed), *run.boxes()], theme.muted)
    return markers


def marker(ctx: StepContext, step: int, point: np.ndarray) -> Marker:
    """The dot and label of E after ``step`` updates (red unless below E at the start, as the update step colours E
    after it)."""
    theme = ctx.theme
    color = theme.error
    value = ctx.num("history", step, color=color)
    label = loss_label(ctx, loss_after(step), value, FORMULA_SIZE)
    two_lines = VGroup(
        MathTex(when_words(step), font_size=FORMULA_SIZE, color=theme.text),
        loss_label(ctx, "E", value, FORMULA_SIZE),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    dot = Dot(point, radius=DOT_RADIUS, color=color)
    return Marker(f"E after {step}", point, label, color, dot, alternative=two_lines)


def loss_label(ctx: StepContext, lhs: str, value: Num, font_size: float) -> VMobject:
    """``lhs`` = value, as the subtitle writes it: m × 10ⁿ when fixed-point would hide it; a run that has
    diverged reads ``lhs`` > 10⁶."""
    color = value.color or ctx.theme.text
    return value_label(lhs, value.value, value.entry, ctx.decimals, color, ctx.theme.text, font_size, ctx.error_floor)


def when_words(step: int) -> str:
    """When E is read, in LaTeX: "at the start:", "after 1 update:", "after 10 updates:"."""
    when = "at the start" if step == 0 else f"after {step} update" + ("" if step == 1 else "s")
    return rf"\text{{{when}:}}"


def loss_after(step: int) -> str:
    """E after ``step`` updates on one line, in LaTeX: "at the start: E", "after 10 updates: E"."""
    return when_words(step)[:-1] + r" }E"


def layer_name(l: int) -> str:
    """Layer ``l + 1``'s name under its bar: the δ of its neurons."""
    return rf"\delta^{{\textstyle ({l + 1})}}"  # the layer number as tall as δ: legible at 480p


def repeat_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The epilogue's own formulas (``StepScene.formulas``): the labels of the curves (either way a label may
    read), the learning-rate panels', and for a network with a hidden layer the bars' heading and names."""
    formulas: list[tuple[str, ...]] = [
        formula for step in (0, 1, ZOOM_STEPS, REPEAT_STEPS)
        for lhs in (loss_after(step), "E")
        for formula in value_formulas(lhs, ctx.value(("history", step)), ctx.decimals, ctx.error_floor)
    ]  # fmt: skip
    formulas += [(when_words(step),) for step in (0, 1, ZOOM_STEPS, REPEAT_STEPS)]
    formulas += tick_formulas(ctx.history) + rate_formulas(ctx)
    sizes = ctx.gradient_sizes
    if sizes.has_lesson:
        formulas += [(gradients_heading(ctx),), *((layer_name(l),) for l in range(ctx.depth))]
        formulas += [(scale_value(p),) for p in range(-24, 10)]  # the dots' scale, whatever the sizes
        for v in sizes.sizes:
            if size_decimals(float(v), ctx.decimals) > ctx.decimals + 2:
                formulas.append(piece_formula(times_power(scientific_parts(float(v))[1])))
    return formulas


GRADIENTS_HEADING = (
    r"\text{mean } |\delta| \text{ in each layer } (\delta = \partial E / \partial z) \text{, log scale}"
)


def gradients_heading(ctx: StepContext) -> str:
    """What the bars are means of: a dataset's over the first batch's samples too (the update uses them all), on a
    second line (on one, shrunk to the width, it fell under the charts' size)."""
    if not ctx.config.is_dataset:
        return GRADIENTS_HEADING
    return (
        r"\begin{gathered}\text{mean } |\delta| \text{ in each layer } (\delta = \partial E_s / \partial z) "
        r"\text{, log scale} \\ \text{over the first batch's " + str(ctx.batch.size) + r" samples}\end{gathered}"
    )


@dataclass(frozen=True)
class GradientChart:
    """The gradient-size part's pieces, laid out: the heading, the bars with their values, the scale's note and
    the sentence on what the numbers show."""

    heading: MathTex
    bars: LogBars
    labels: VGroup
    scale_note: Text
    sentence: Text

    def everything(self) -> VGroup:
        return VGroup(self.heading, self.bars, self.labels, self.scale_note, self.sentence)


def gradient_chart(ctx: StepContext, title: Mobject) -> GradientChart:
    """The pieces of :func:`vanishing_gradients`, between the title and SAFE_BOTTOM (above the subtitles' strip):
    where the sentence runs long (or the network is deep) the bars are drawn lower."""
    ceiling, floor = title.get_bottom()[1] - GAP_UNDER_TITLE, SAFE_BOTTOM + STRIP_CLEARANCE
    height = BARS_HEIGHT
    chart = laid_out_chart(ctx, height)
    for _ in range(3):  # shorter bars, the text as it is (never smaller than a student reads)
        overflow = chart.everything().height - (ceiling - floor)
        if overflow <= 0 or height <= MIN_BARS_HEIGHT:
            break
        height = max(height - overflow - 0.01, MIN_BARS_HEIGHT)
        chart = laid_out_chart(ctx, height)
    parts = chart.everything().move_to((0, CHART_Y, 0))  # centred a little low when there is room
    parts.shift(UP * max(floor - parts.get_bottom()[1], 0.0))  # clear of the bottom edge …
    parts.shift(DOWN * max(parts.get_top()[1] - ceiling, 0.0))  # … and of the title
    return chart


def laid_out_chart(ctx: StepContext, height: float) -> GradientChart:
    """The chart with bars ``height`` tall, arranged top to bottom."""
    theme, sizes = ctx.theme, ctx.gradient_sizes
    heading = MathTex(gradients_heading(ctx), font_size=HEADING_SIZE, color=theme.text)
    if heading.width > SENTENCE_WIDTH:  # too wide: smaller, never under the charts' size
        heading.scale(max(SENTENCE_WIDTH / heading.width, CHART_SIZE / HEADING_SIZE))
    names = [layer_name(l) for l in range(ctx.depth)]
    labels = VGroup(*(size_label(ctx, l, float(v)) for l, v in enumerate(sizes.sizes)))
    clear = max(label.width for label in labels)
    bars = LogBars(sizes.sizes, names, theme.neuron_stroke, theme.muted, BARS_WIDTH, height, clear)
    for l, label in enumerate(labels):  # at the right of its dot
        label.next_to(bars.top_of(l), RIGHT, buff=0.15 + DOT_SIZE)
    scale_note = Text(scale_words(bars), font_size=LABEL_SIZE, color=theme.muted)
    said = gradient_words.screen_meaning(sizes, ctx.config.hidden_activation, ctx.decimals)
    if ctx.config.is_dataset:  # the dataset's longer heading leaves no room for the why: the subtitle says it
        said = gradient_words.short_meaning(sizes)
    sentence = wrapped(said, theme.text)
    VGroup(heading, VGroup(bars, labels), scale_note, sentence).arrange(DOWN, buff=0.3)
    return GradientChart(heading, bars, labels, scale_note, sentence)


def vanishing_gradients(scene: Scene, ctx: StepContext, title: Mobject, last: bool) -> None:
    """For a network with a hidden layer: the mean |δ| of each layer as dots on a log scale, then what the
    numbers show (``nnmath.gradient_words``: only that)."""
    chart = gradient_chart(ctx, title)
    bars, labels = chart.bars, chart.labels
    with narrated(scene, "repeat-gradients", words.repeat_gradients(ctx)):
        scene.play(Appear(chart.heading), Create(bars.baseline), Create(bars.grid), Appear(bars.names),
                   Appear(bars.ticks), run_time=SHOW_ROW)  # fmt: skip
        scene.play(Appear(chart.scale_note), run_time=SHOW)
        for l in reversed(range(ctx.depth)):  # from the output back to the input, as the gradient flows
            scene.play(GrowFromCenter(bars.dots[l]), Appear(labels[l]), run_time=GROW_BAR)
        scene.wait(LOOK)
    with narrated(scene, "repeat-gradients-meaning", words.gradients_meaning(ctx)):
        scene.play(Appear(chart.sentence), run_time=SHOW_ROW)
        scene.wait(READ_ALL)
    scene.play(Vanish(chart.everything()), *([Vanish(title)] if last else []))


def scale_words(bars: LogBars) -> str:
    """What the dots' scale is, as drawn: one dashed line above the base line, or several, ten times apart (or
    10ᵏ times where the sizes span many decades); a hollow dot under the base line, where a size is 0."""
    times = "ten times" if bars.step == 1 else f"10{sup(bars.step)} times"
    words = f"log scale: the dashed line is {times} the base line"
    if (bars.high - bars.low) // bars.step > 1:
        words = f"log scale: each line is {times} the one below"
    if (bars.values <= 0).any():
        words += "; a hollow dot is 0 (no place on a log scale)"
    return words


def size_label(ctx: StepContext, l: int, value: float) -> VMobject:
    """Layer l + 1's mean |δ| over its bar: two significant digits, or m × 10ⁿ as the subtitle writes it."""
    f, color = ctx.decimals, ctx.theme.text  # a size |δ|, not a signed slope
    places = size_decimals(value, f)
    if places <= f + 2:
        return TraceNumber(value, ("grad_size", l), places, color, CHART_SIZE)
    mantissa, exponent = scientific_parts(value)
    num = Num(float(mantissa), ("mantissa", "grad_size", l), color)
    return Formula(num, times_power(exponent), decimals=1, color=ctx.theme.text, font_size=CHART_SIZE)


def wrapped(sentence: str, color: Color) -> Text:
    """A sentence at TEXT_SIZE, broken between words into lines no wider than SENTENCE_WIDTH."""
    one_line = Text(sentence, font_size=TEXT_SIZE)
    per_line = max(int(len(sentence) * SENTENCE_WIDTH / one_line.width), 1)
    return Text(textwrap.fill(sentence, per_line), font_size=TEXT_SIZE, color=color, line_spacing=0.8)


class Repeat(StepScene):
    """The epilogue on its own: `manim render scenes/repeat.py Repeat`.

    It opens on the network as the weight-update clip ends, so the stitched full video runs on.
    """

    part_formulas = staticmethod(repeat_formulas)

    @staticmethod
    def play_in_video(scene: Scene, ctx: StepContext, board: Board | None) -> Board | None:
        scene.play(Vanish(Group(*scene.mobjects)))  # the quiz's network
        play_repeat(scene, ctx)
        return None

    def construct(self) -> None:
        board = after_update(self.ctx)
        board.attach(self)
        play_repeat(self, self.ctx, leaving=board.everything())


__all__ = ["REPEAT_STEPS", "Repeat", "play_repeat"]
