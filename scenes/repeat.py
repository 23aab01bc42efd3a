"""The epilogue: the cycle repeats; the loss curve of many steps, and three learning rates side by side."""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UP, Axes, Create, Scene, Text, VGroup

from nnmath import compare_learning_rates, train
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num
from scenes.drawing.layout import step_title
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import text
from scenes.stage.base import StepScene
from scenes.stage.context import StepContext
from scenes.stage.states import after_update

REPEAT_STEPS = 100
RATE_FACTORS = (0.1, 1.0, 10.0)  # smaller η, the config's η, larger η


def loss_curve(history: np.ndarray, color: str, axis_color: str, width: float, height: float, top: float) -> VGroup:
    """Axes (step →, E ↑, no tick numbers) and the loss history as a line; E is scaled to ``top``."""
    steps = len(history) - 1
    axes = Axes(
        x_range=[0, steps, max(steps // 4, 1)],
        y_range=[0, top, top / 4],
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": axis_color, "include_numbers": False, "stroke_width": 2},
    )
    clipped = np.minimum(history, top)  # a diverging run leaves the top of the plot
    graph = axes.plot_line_graph(np.arange(steps + 1), clipped, add_vertex_dots=False, line_color=color, stroke_width=4)
    return VGroup(axes, graph)


def play_repeat(scene: Scene, ctx: StepContext) -> None:
    """Play the epilogue on ``scene``."""
    c, theme, f = ctx.config, ctx.theme, ctx.decimals
    title = step_title(None, "Repeat", theme.text)
    history = train(c, REPEAT_STEPS)

    with narrated(
        scene,
        "repeat-curve",
        f"Repeat the four steps {REPEAT_STEPS} times: the error falls from {text(history[0], f)} to {text(history[-1], f)}.",
    ):
        scene.play(Appear(title))
        top = float(max(history[0], 1e-9)) * 1.1
        curve = loss_curve(history, theme.update, theme.muted, 9.0, 4.6, top).move_to([0, -0.4, 0])
        axes = curve[0]
        labels = VGroup(
            Text("training step", font_size=28, color=theme.muted).next_to(axes.x_axis, DOWN, buff=0.25),
            Text("E", font_size=30, color=theme.muted).next_to(axes.y_axis, UP, buff=0.15),
        )
        start = Formula("E_0", "=", Num(history[0], theme.error), decimals=f, color=theme.text, font_size=32)
        end = Formula(
            rf"E_{{{REPEAT_STEPS}}}", "=", Num(history[-1], theme.update), decimals=f, color=theme.text, font_size=32
        )
        start.next_to(axes.c2p(0, min(history[0], top)), RIGHT, buff=0.3).shift(0.3 * UP)
        end.next_to(axes.c2p(REPEAT_STEPS, min(history[-1], top)), UP, buff=0.3).align_to(axes, RIGHT)
        scene.play(Create(axes), Appear(labels), Appear(start))
        scene.play(Create(curve[1]), run_time=3.0)
        scene.play(Appear(end))
        scene.wait(2.0)
        scene.play(Vanish(curve), Vanish(labels), Vanish(start), Vanish(end))

    runs = compare_learning_rates(c, REPEAT_STEPS, RATE_FACTORS)
    rates, histories = [eta for eta, _ in runs], [h for _, h in runs]
    finals = ", ".join(
        f"with η = {text(eta, f)} it is {text(h[-1], f)}" for eta, h in zip(rates, histories, strict=True)
    )
    with narrated(
        scene, "repeat-rates", f"The learning rate sets the step size. The error after {REPEAT_STEPS} steps: {finals}."
    ):
        top = float(max(h[0] for h in histories)) * 1.1
        panels = VGroup()
        names = ("smaller η", "this η", "larger η")
        for name, eta, h in zip(names, rates, histories, strict=True):
            plot = loss_curve(h, theme.update, theme.muted, 3.6, 2.8, top)
            head = Formula(r"\eta", "=", Num(eta, theme.update), decimals=f, color=theme.text, font_size=32)
            tag = Text(name, font_size=28, color=theme.muted)
            final = Formula(
                rf"E_{{{REPEAT_STEPS}}}", "=", Num(h[-1], theme.error), decimals=f, color=theme.text, font_size=30
            )
            panels.add(VGroup(tag, head, plot, final).arrange(DOWN, buff=0.25))
        panels.arrange(RIGHT, buff=0.6).move_to([0, -0.5, 0])
        for group in panels:
            scene.play(Appear(group[0]), Appear(group[1]), Create(group[2][0]), run_time=0.8)
            scene.play(Create(group[2][1]), Appear(group[3]), run_time=1.6)
        scene.wait(3.0)
        scene.play(Vanish(panels), Vanish(title))


class Repeat(StepScene):
    """The epilogue on its own: `manim render scenes/repeat.py Repeat`.

    It opens on the network as the weight-update clip ends, so the stitched full video runs on.
    """

    def construct(self) -> None:
        diagram = after_update(self.ctx)
        diagram.attach(self)
        self.wait(0.3)
        self.play(Vanish(diagram.everything()), run_time=0.8)
        play_repeat(self, self.ctx)


__all__ = ["Repeat", "play_repeat"]
