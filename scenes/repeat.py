"""The epilogue: the cycle repeats; the loss curve of many steps, three learning rates side by side (too small,
about right, too large: chosen by training this network), and for a deep network the gradient's size per layer.

The main loss curve ties back to the update just watched: a zoom on the first ZOOM_STEPS steps, drawn
wide, marks E₀ and E₁ (the error before and after that update) and E₁₀; the whole run beside it marks
E₁₀₀. Labels are placed where they cover neither the curves, the axes nor each other, with a leader
line to their dot when they sit away from it.
"""

from __future__ import annotations

import textwrap

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Dot,
    Group,
    GrowFromEdge,
    MathTex,
    Mobject,
    Scene,
    Text,
    VGroup,
    VMobject,
)

from nnmath.notation import sub, visible_decimals
from nnmath.regimes import CONVERGES, DIVERGED, DIVERGES, LARGEST_TRIED, OSCILLATES, OVERSHOOTS, SLOW, STUCK, Regime
from nnmath.vanishing import DEEP_LAYERS, size_decimals
from scenes.drawing.bars import LogBars
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num, piece_formula
from scenes.drawing.label_search import DOT_RADIUS, Marker, box_of, place_labels
from scenes.drawing.layout import step_title
from scenes.drawing.loss_curve import MAX_RISE, ZOOM_STEPS, LossCurve, ZoomedRun, plot_top
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import number
from scenes.drawing.style import (
    BARS_HEIGHT,
    BARS_WIDTH,
    DRAW_CURVE,
    DRAW_LONG_CURVE,
    E0_LINE_STROKE,
    GROW_BAR,
    LABEL_SIZE,
    LOOK,
    RATE_PANEL_GAP,
    RATE_PLOT_HEIGHT,
    RATE_PLOT_WIDTH,
    READ,
    READ_ALL,
    READ_LONG,
    RESET,
    SENTENCE_WIDTH,
    SHOW,
    SHOW_ROW,
    SMALL_FORMULA_SIZE,
    TEXT_SIZE,
)
from scenes.drawing.theme import Color
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import REPEAT_STEPS, StepContext
from scenes.stage.states import after_update
from scenes.words import repeat as words

NOTE_REACH = 2.0  # the note on the watched update sits this close to it, or is left out


def play_repeat(scene: Scene, ctx: StepContext, leaving: Mobject | None = None) -> None:
    """Play the epilogue on ``scene``; ``leaving`` (what the update left on screen) fades first."""
    title = step_title(None, "Repeat", ctx.theme.text)
    deep = len(ctx.config.layers) >= DEEP_LAYERS
    many_steps(scene, ctx, title, leaving)
    three_learning_rates(scene, ctx, title, last=not deep)
    if deep:
        vanishing_gradients(scene, ctx, title, last=True)


def many_steps(scene: Scene, ctx: StepContext, title: Mobject, leaving: Mobject | None) -> None:
    """The loss curve of REPEAT_STEPS training steps: the update just watched (E₀ → E₁) up close, then E₁₀₀."""
    theme, history = ctx.theme, ctx.history
    with narrated(scene, "repeat-curve", words.repeat_curve(ctx)):
        if leaving is not None:
            scene.wait(RESET)
            scene.play(Vanish(leaving), run_time=SHOW_ROW)
        scene.play(Appear(title))
        run = ZoomedRun(history, theme)
        first, second, tenth, last = (marker(ctx, k, run.point(k)) for k in (0, 1, ZOOM_STEPS, REPEAT_STEPS))
        note = Marker(
            "the note on the watched update",
            (run.zoom.point(0) + run.zoom.point(1)) / 2,
            Text("the update\nyou watched", font_size=LABEL_SIZE, color=theme.forward, line_spacing=0.8),
            theme.forward,
            reach=NOTE_REACH,
            strict=True,
            optional=True,
        )
        curves = [run.zoom.vertices(), run.whole.vertices()]
        place_labels([first, second, note, tenth, last], run.lines(), curves, [box_of(title), *run.boxes()])

        scene.play(Create(run.zoom.axes), Appear(run.zoom_names), run_time=SHOW_ROW)
        scene.play(Appear(first.parts()), run_time=SHOW)
        scene.wait(LOOK)
        scene.play(Create(run.watched), Appear(note.parts()), run_time=SHOW_ROW)
        scene.play(Appear(second.parts()), run_time=SHOW)
        scene.wait(READ)
        scene.play(Create(run.rest), run_time=DRAW_CURVE)
        scene.play(Appear(tenth.parts()), run_time=SHOW)
        scene.wait(LOOK)
        scene.play(Create(run.whole.axes), Appear(run.whole_names), Appear(run.region), Appear(run.band))
        scene.play(Create(run.whole.graph), run_time=DRAW_LONG_CURVE)
        scene.play(Appear(last.parts()), run_time=SHOW)
        scene.wait(READ_LONG)
        scene.play(Vanish(run), *(Vanish(m.parts()) for m in (first, second, note, tenth, last)))


def marker(ctx: StepContext, step: int, point: np.ndarray) -> Marker:
    """The dot and label of E after ``step`` updates (red unless below E₀, as the update step colours E after it)."""
    theme = ctx.theme
    color = theme.error if step == 0 or ctx.value(("history", step)) >= ctx.value(("history", 0)) else theme.update
    label = loss_label(ctx, step, ctx.num("history", step, color=color), SMALL_FORMULA_SIZE)
    return Marker(f"E{sub(step)}", point, label, color, Dot(point, radius=DOT_RADIUS, color=color))


def loss_label(ctx: StepContext, step: int, value: Num, font_size: float, most: int = 12) -> VMobject:
    """E_step = value (with more digits, up to ``most``, when the value would read as zero at the configured
    decimals); a run that has diverged reads E_step > 10⁶ rather than a number wider than the frame."""
    if not abs(value.value) < DIVERGED:
        return MathTex(diverged(step), font_size=font_size, color=value.color or ctx.theme.text)
    decimals = visible_decimals(value.value, ctx.decimals, most=most)
    return Formula(loss_after(step), "=", value, decimals=decimals, color=ctx.theme.text, font_size=font_size)


def loss_after(step: int) -> str:
    """E after ``step`` updates, in LaTeX."""
    return rf"E_{{{step}}}"


def diverged(step: int) -> str:
    """What a label says when E after ``step`` updates is beyond any readable number."""
    return rf"E_{{{step}}} > 10^{{6}}"


def layer_name(l: int) -> str:
    """Weight layer ``l``'s name under its bar."""
    return rf"W^{{({l + 1})}}"


def repeat_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The epilogue's own formulas (``StepScene.formulas``): the labels of the curves (either way a label may
    read), and for a deep network the bars' heading and names."""
    formulas: list[tuple[str, ...]] = [
        formula
        for step in (0, 1, ZOOM_STEPS, REPEAT_STEPS)
        for formula in (piece_formula(loss_after(step)), (diverged(step),))
    ]
    if len(ctx.config.layers) >= DEEP_LAYERS:
        formulas += [(GRADIENTS_HEADING,), *((layer_name(l),) for l in range(ctx.depth))]
    return formulas


def three_learning_rates(scene: Scene, ctx: StepContext, title: Mobject, last: bool) -> None:
    """The same training with a too small, an about right and a too large η, chosen by training this network
    (``nnmath.regimes``); if no η up to the search's limit made the error rise, the third is the largest η
    tried and the panel says so."""
    theme, decimals, regimes = ctx.theme, ctx.decimals, ctx.regimes
    with narrated(scene, "repeat-rates", words.repeat_rates(ctx)):
        start = float(regimes.right.history[0])
        panels = VGroup()
        shown: list[tuple[Text, Formula, LossCurve, DashedLine, VMobject]] = []  # each panel's parts, typed
        for r, run in enumerate(regimes.runs):
            top = plot_top(run.history, MAX_RISE * start) if run.rises else start * 1.1
            plot = LossCurve(run.history, RUN_COLORS[r](theme), theme.muted, RATE_PLOT_WIDTH, RATE_PLOT_HEIGHT, top)
            start_line = DashedLine(
                plot.c2p(0, start), plot.c2p(REPEAT_STEPS, start), color=theme.muted, stroke_width=E0_LINE_STROKE
            )
            head = Formula(
                r"\eta",
                "=",
                ctx.num("rate", r, color=theme.update),
                decimals=size_decimals(run.learning_rate, decimals),
                color=theme.text,
                font_size=SMALL_FORMULA_SIZE,
            )
            tag = Text(run_name(run), font_size=LABEL_SIZE, color=theme.text, line_spacing=0.8)
            final = loss_label(
                ctx,
                REPEAT_STEPS,
                ctx.num("rate_history", r, REPEAT_STEPS, color=theme.error),
                TEXT_SIZE,
                most=decimals + 4,
            )
            panels.add(VGroup(tag, head, VGroup(plot, start_line), final).arrange(DOWN, buff=0.25))
            shown.append((tag, head, plot, start_line, final))
        panels.arrange(RIGHT, buff=RATE_PANEL_GAP).move_to((0, -0.3, 0))
        note = VGroup()
        if not regimes.found_rise:
            note.add(Text(NO_RISE_NOTE, font_size=TEXT_SIZE, color=theme.error).next_to(panels, DOWN, buff=0.3))
        for tag, head, plot, start_line, final in shown:
            scene.play(Appear(tag), Appear(head), Create(plot.axes), Create(start_line), run_time=SHOW_ROW)
            scene.play(Create(plot.graph), Appear(final), run_time=DRAW_CURVE)
        if not regimes.found_rise:
            scene.play(Appear(note), run_time=SHOW)
        scene.wait(READ_ALL)
        scene.play(Vanish(VGroup(panels, note)), *([Vanish(title)] if last else []))


RUN_COLORS = (lambda t: t.muted, lambda t: t.update, lambda t: t.error)  # too small, about right, too large
WHAT_RUNS_DO = {
    SLOW: "slow",
    CONVERGES: "converges",
    OVERSHOOTS: "overshoots",
    OSCILLATES: "oscillates",
    DIVERGES: "diverges",
    STUCK: "the error does not fall",
}
NO_RISE_NOTE = "No η up to the largest tried made the error rise for this network."


def run_name(run: Regime) -> str:
    """The panel's tag: its role and what its data show, e.g. "too large: oscillates"."""
    if run.role == LARGEST_TRIED:
        return "largest η tried:\nthe error never rose"
    return f"{run.role}:\n{WHAT_RUNS_DO[run.label]}"


GRADIENTS_HEADING = r"\text{mean } |\partial E / \partial w| \text{ in each weight layer, log scale}"


def vanishing_gradients(scene: Scene, ctx: StepContext, title: Mobject, last: bool) -> None:
    """For a deep network: the mean |∂E/∂w| of each weight layer as bars on a log scale, and what it means."""
    theme, decimals, sizes = ctx.theme, ctx.decimals, ctx.gradient_sizes
    with narrated(scene, "repeat-gradients", words.repeat_gradients(ctx)):
        heading = MathTex(GRADIENTS_HEADING, font_size=SMALL_FORMULA_SIZE, color=theme.text)
        names = [layer_name(l) for l in range(ctx.depth)]
        labels = VGroup(
            *(
                number(v, ("grad_size", l), size_decimals(float(v), decimals), theme.backward, LABEL_SIZE)
                for l, v in enumerate(sizes.sizes)
            )
        )
        clear = max(label.width for label in labels)
        bars = LogBars(sizes.sizes, names, theme.backward, theme.muted, BARS_WIDTH, BARS_HEIGHT, clear)
        for l, label in enumerate(labels):
            label.next_to(bars.top_of(l), UP, buff=0.15)
        chart = VGroup(bars, labels)
        scale_note = Text("each dashed line is ten times the one below", font_size=LABEL_SIZE, color=theme.muted)
        sentence = wrapped(words.gradient_meaning(ctx.config.hidden_activation, sizes.trend), theme.text)
        VGroup(heading, chart, scale_note, sentence).arrange(DOWN, buff=0.3).move_to((0, -0.35, 0))
        scene.play(Appear(heading), Create(bars.baseline), Create(bars.grid), Appear(bars.names), run_time=SHOW_ROW)
        scene.play(Appear(scale_note), run_time=SHOW)
        for l in reversed(range(ctx.depth)):  # from the output back to the input, as the gradient flows
            scene.play(GrowFromEdge(bars.bars[l], DOWN), Appear(labels[l]), run_time=GROW_BAR)
        scene.wait(LOOK)
        scene.play(Appear(sentence), run_time=SHOW_ROW)
        scene.wait(READ_ALL)
        scene.play(Vanish(VGroup(heading, chart, scale_note, sentence)), *([Vanish(title)] if last else []))


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
