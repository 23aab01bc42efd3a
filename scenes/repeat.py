"""The epilogue: the cycle repeats; the loss curve of many steps, and three learning rates side by side.

The main loss curve ties back to the update just watched: a zoom on the first ZOOM_STEPS steps, drawn
wide, marks E₀ and E₁ (the error before and after that update) and E₁₀; the whole run beside it marks
E₁₀₀. Labels are placed where they cover neither the curves, the axes nor each other, with a leader
line to their dot when they sit away from it.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, Create, Dot, MathTex, Mobject, Scene, Text, VGroup, VMobject

from nnmath.notation import format_number, sub, visible_decimals
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num
from scenes.drawing.label_search import DOT_RADIUS, Marker, box_of, place_labels
from scenes.drawing.layout import step_title
from scenes.drawing.loss_curve import ZOOM_STEPS, LossCurve, ZoomedRun
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import text
from scenes.drawing.style import (
    DRAW_CURVE,
    DRAW_LONG_CURVE,
    LABEL_SIZE,
    LOOK,
    READ,
    READ_ALL,
    READ_LONG,
    RESET,
    SHOW,
    SHOW_ROW,
    SMALL_FORMULA_SIZE,
    TEXT_SIZE,
)
from scenes.stage.base import StepScene
from scenes.stage.context import RATE_FACTORS, REPEAT_STEPS, StepContext
from scenes.stage.states import after_update

RATE_NAMES = ("smaller η", "this η", "larger η")  # one per RATE_FACTORS
NOTE_REACH = 2.0  # the note on the watched update sits this close to it, or is left out
DIVERGED = 1e6  # an error beyond this is written as "> 10⁶": the run has diverged


def play_repeat(scene: Scene, ctx: StepContext, leaving: Mobject | None = None) -> None:
    """Play the epilogue on ``scene``; ``leaving`` (what the update left on screen) fades first."""
    title = step_title(None, "Repeat", ctx.theme.text)
    many_steps(scene, ctx, title, leaving)
    three_learning_rates(scene, ctx, title)


def shown_text(value: float, decimals: int) -> str:
    """A value as the subcaption writes it: as on screen, with more digits if it would read as zero."""
    if not abs(value) < DIVERGED:
        return "more than a million (the run diverges)"
    return format_number(value, visible_decimals(value, decimals))


def many_steps(scene: Scene, ctx: StepContext, title: Mobject, leaving: Mobject | None) -> None:
    """The loss curve of REPEAT_STEPS training steps: the update just watched (E₀ → E₁) up close, then E₁₀₀."""
    theme, f, history = ctx.theme, ctx.decimals, ctx.history
    values = ", ".join(f"E{sub(k)} = {shown_text(history[k], f)}" for k in (ZOOM_STEPS, REPEAT_STEPS))
    caption = (
        f"The update you just watched took the error from E₀ = {shown_text(history[0], f)} "
        f"to E₁ = {shown_text(history[1], f)}. Repeat the four steps {REPEAT_STEPS} times: {values}."
    )
    with narrated(scene, "repeat-curve", caption):
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


def loss_label(ctx: StepContext, step: int, value: Num, font_size: float) -> VMobject:
    """E_step = value (with more digits when the value would read as zero at the configured decimals);
    a run that has diverged reads E_step > 10⁶ rather than a number wider than the frame."""
    if not abs(value.value) < DIVERGED:
        return MathTex(rf"E_{{{step}}} > 10^{{6}}", font_size=font_size, color=value.color or ctx.theme.text)
    decimals = visible_decimals(value.value, ctx.decimals)
    return Formula(rf"E_{{{step}}}", "=", value, decimals=decimals, color=ctx.theme.text, font_size=font_size)


def three_learning_rates(scene: Scene, ctx: StepContext, title: Mobject) -> None:
    """The same training with a smaller, this and a larger η, side by side."""
    theme, f = ctx.theme, ctx.decimals
    finals = ", ".join(f"with η = {text(eta, f)} it is {shown_text(h[-1], f)}" for eta, h in ctx.rate_runs)
    caption = f"The learning rate sets the step size. The error after {REPEAT_STEPS} steps: {finals}."
    with narrated(scene, "repeat-rates", caption):
        top = float(max(h[0] for _, h in ctx.rate_runs)) * 1.1
        panels = VGroup()
        shown: list[tuple[Text, Formula, LossCurve, VMobject]] = []  # each panel's parts, typed
        for r, (name, (_, history)) in enumerate(zip(RATE_NAMES, ctx.rate_runs, strict=True)):
            plot = LossCurve(history, theme.update, theme.muted, 3.6, 2.8, top)
            head = Formula(
                r"\eta",
                "=",
                ctx.num("rate", r, color=theme.update),
                decimals=f,
                color=theme.text,
                font_size=SMALL_FORMULA_SIZE,
            )
            tag = Text(name, font_size=LABEL_SIZE, color=theme.muted)
            final = loss_label(
                ctx, REPEAT_STEPS, ctx.num("rate_history", r, REPEAT_STEPS, color=theme.error), TEXT_SIZE
            )
            panels.add(VGroup(tag, head, plot, final).arrange(DOWN, buff=0.25))
            shown.append((tag, head, plot, final))
        panels.arrange(RIGHT, buff=0.6).move_to((0, -0.5, 0))
        for tag, head, plot, final in shown:
            scene.play(Appear(tag), Appear(head), Create(plot.axes), run_time=SHOW_ROW)
            scene.play(Create(plot.graph), Appear(final), run_time=DRAW_CURVE)
        scene.wait(READ_ALL)
        scene.play(Vanish(panels), Vanish(title))


class Repeat(StepScene):
    """The epilogue on its own: `manim render scenes/repeat.py Repeat`.

    It opens on the network as the weight-update clip ends, so the stitched full video runs on.
    """

    def construct(self) -> None:
        board = after_update(self.ctx)
        board.attach(self)
        play_repeat(self, self.ctx, leaving=board.everything())


__all__ = ["RATE_FACTORS", "REPEAT_STEPS", "Repeat", "play_repeat"]
