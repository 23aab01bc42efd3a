"""The epilogue: the cycle repeats; the loss curve of many steps, and three learning rates side by side."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UP, Axes, Create, Mobject, Scene, Text, VGroup

from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num
from scenes.drawing.layout import step_title
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import text
from scenes.drawing.style import (
    DRAW_CURVE,
    DRAW_LONG_CURVE,
    LABEL_SIZE,
    READ_ALL,
    READ_LONG,
    RESET,
    SHOW_ROW,
    SMALL_FORMULA_SIZE,
    TEXT_SIZE,
)
from scenes.drawing.theme import Color
from scenes.stage.base import StepScene
from scenes.stage.context import RATE_FACTORS, REPEAT_STEPS, StepContext
from scenes.stage.states import after_update

RATE_NAMES = ("smaller η", "this η", "larger η")  # one per RATE_FACTORS


class LossCurve(VGroup):
    """Axes (step →, E ↑, no tick numbers) and a loss history as a line; E is scaled to ``top``."""

    def __init__(
        self, history: np.ndarray, color: Color, axis_color: Color, width: float, height: float, top: float
    ) -> None:
        super().__init__()
        steps = len(history) - 1
        self.axes = Axes(
            x_range=[0, steps, max(steps // 4, 1)],
            y_range=[0, top, top / 4],
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"color": axis_color, "include_numbers": False, "stroke_width": 2},
        )
        clipped = np.minimum(history, top)  # a diverging run leaves the top of the plot
        self.graph = self.axes.plot_line_graph(
            np.arange(steps + 1), clipped, add_vertex_dots=False, line_color=color, stroke_width=4
        )
        self.add(self.axes, self.graph)


def play_repeat(scene: Scene, ctx: StepContext, leaving: Mobject | None = None) -> None:
    """Play the epilogue on ``scene``; ``leaving`` (what the update left on screen) fades first."""
    title = step_title(None, "Repeat", ctx.theme.text)
    many_steps(scene, ctx, title, leaving)
    three_learning_rates(scene, ctx, title)


def many_steps(scene: Scene, ctx: StepContext, title: Mobject, leaving: Mobject | None) -> None:
    """The loss curve of REPEAT_STEPS training steps, from E₀ to E₁₀₀."""
    theme, f, history = ctx.theme, ctx.decimals, ctx.history
    caption = f"Repeat the four steps {REPEAT_STEPS} times: the error falls from {text(history[0], f)} to {text(history[-1], f)}."
    with narrated(scene, "repeat-curve", caption):
        if leaving is not None:
            scene.wait(RESET)
            scene.play(Vanish(leaving), run_time=SHOW_ROW)
        scene.play(Appear(title))
        top = float(max(history[0], 1e-9)) * 1.1
        curve = LossCurve(history, theme.update, theme.muted, 9.0, 4.6, top).move_to((0, -0.4, 0))
        axes = curve.axes
        labels = VGroup(
            Text("training step", font_size=LABEL_SIZE, color=theme.muted).next_to(axes.x_axis, DOWN, buff=0.25),
            Text("E", font_size=TEXT_SIZE, color=theme.muted).next_to(axes.y_axis, UP, buff=0.15),
        )
        start = loss_label(ctx, 0, ctx.num("history", 0, color=theme.error), SMALL_FORMULA_SIZE)
        end = loss_label(ctx, REPEAT_STEPS, ctx.num("history", REPEAT_STEPS, color=theme.update), SMALL_FORMULA_SIZE)
        start.next_to(axes.c2p(0, min(history[0], top)), RIGHT, buff=0.3).shift(0.3 * UP)
        end.next_to(axes.c2p(REPEAT_STEPS, min(history[-1], top)), UP, buff=0.3).align_to(axes, RIGHT)
        scene.play(Create(axes), Appear(labels), Appear(start))
        scene.play(Create(curve.graph), run_time=DRAW_LONG_CURVE)
        scene.play(Appear(end))
        scene.wait(READ_LONG)
        scene.play(Vanish(curve), Vanish(labels), Vanish(start), Vanish(end))


def loss_label(ctx: StepContext, step: int, value: Num, font_size: float) -> Formula:
    """E_step = value."""
    return Formula(rf"E_{{{step}}}", "=", value, decimals=ctx.decimals, color=ctx.theme.text, font_size=font_size)


def three_learning_rates(scene: Scene, ctx: StepContext, title: Mobject) -> None:
    """The same training with a smaller, this and a larger η, side by side."""
    theme, f = ctx.theme, ctx.decimals
    finals = ", ".join(f"with η = {text(eta, f)} it is {text(h[-1], f)}" for eta, h in ctx.rate_runs)
    caption = f"The learning rate sets the step size. The error after {REPEAT_STEPS} steps: {finals}."
    with narrated(scene, "repeat-rates", caption):
        top = float(max(h[0] for _, h in ctx.rate_runs)) * 1.1
        panels = VGroup()
        shown: list[tuple[Text, Formula, LossCurve, Formula]] = []  # each panel's parts, typed
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
