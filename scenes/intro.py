"""The opening of the full video: title, the four-step cycle, and the network with its config."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Create,
    CurvedArrow,
    RoundedRectangle,
    Scene,
    Text,
    VGroup,
    Write,
)

from scenes.drawing.diagram import NetworkDiagram
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num
from scenes.drawing.layout import PANEL_LEFT, PANEL_TOP, step_title
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import text
from scenes.drawing.symbols import ACTIVATION_LATEX
from scenes.forward_pass import show_network
from scenes.losses import FORMULAS
from scenes.stage.base import StepScene
from scenes.stage.context import StepContext

STEPS = ("Forward pass", "Error", "Backward pass", "Update")


def cycle_diagram(ctx: StepContext) -> VGroup:
    """The four steps on a circle, each in its colour, with arrows going round."""
    theme = ctx.theme
    colors = (theme.forward, theme.error, theme.backward, theme.update)
    boxes = VGroup()
    for k, (name, color) in enumerate(zip(STEPS, colors, strict=True)):
        angle = np.pi / 2 - k * np.pi / 2  # top, right, bottom, left: clockwise
        label = Text(f"{k + 1}. {name}", font_size=30, color=color)
        box = RoundedRectangle(width=label.width + 0.5, height=0.8, corner_radius=0.15, color=color, stroke_width=3)
        boxes.add(VGroup(box, label).move_to([2.9 * np.cos(angle), 1.6 * np.sin(angle) - 0.4, 0]))
    arrows = VGroup(
        *(
            CurvedArrow(
                boxes[k].get_corner(_exit(k)),
                boxes[(k + 1) % 4].get_corner(_entry(k)),
                angle=-np.pi / 4,
                color=theme.muted,
                stroke_width=3,
            )
            for k in range(4)
        )
    )
    return VGroup(boxes, arrows)


def _exit(k: int) -> np.ndarray:
    return (np.array([1, 0, 0]), np.array([0, -1, 0]), np.array([-1, 0, 0]), np.array([0, 1, 0]))[k]


def _entry(k: int) -> np.ndarray:
    return (np.array([0, 1, 0]), np.array([1, 0, 0]), np.array([0, -1, 0]), np.array([-1, 0, 0]))[k]


def config_summary(ctx: StepContext) -> VGroup:
    """The config in the panel: layers, activations, loss and η, as formulas."""
    c, theme = ctx.config, ctx.theme
    rows = VGroup(
        Text("layers  " + " – ".join(map(str, c.layers)), font_size=30, color=theme.text),
        Formula(
            r"\text{hidden: } a = " + ACTIVATION_LATEX[c.hidden_activation] + "(z)",
            decimals=c.decimals,
            color=theme.text,
            font_size=32,
        ),
        Formula(
            r"\text{output: } \hat y = " + ACTIVATION_LATEX[c.output_activation] + "(z)",
            decimals=c.decimals,
            color=theme.text,
            font_size=32,
        ),
        Formula(FORMULAS[c.loss], decimals=c.decimals, color=theme.error, font_size=32),
        Formula(
            r"\text{learning rate } \eta",
            "=",
            Num(c.learning_rate, theme.update),
            decimals=c.decimals,
            color=theme.text,
            font_size=32,
        ),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
    return rows.move_to([PANEL_LEFT, PANEL_TOP, 0], aligned_edge=UP + LEFT)


def play_intro(scene: Scene, ctx: StepContext, keep_network: bool = True) -> NetworkDiagram:
    """Title, the cycle, the network; returns the diagram the forward pass goes on with.

    As a clip of its own (``keep_network=False``) the intro ends on an empty frame, where the
    forward-pass clip begins.
    """
    c, theme, f = ctx.config, ctx.theme, ctx.decimals
    with narrated(
        scene,
        "intro-title",
        "Backpropagation: how a neural network learns from one example, with every number computed.",
    ):
        title = Text("Backpropagation", font_size=72, color=theme.text, weight="BOLD").shift(0.5 * UP)
        subtitle = Text("one training step, every number real", font_size=34, color=theme.muted).next_to(title, DOWN)
        scene.play(Write(title), run_time=1.5)
        scene.play(Appear(subtitle))
        scene.wait(1.5)
        scene.play(Vanish(title), Vanish(subtitle))

    with narrated(
        scene, "intro-cycle", "Training repeats four steps: forward pass, error, backward pass, and weight update."
    ):
        heading = step_title(None, "The learning cycle", theme.text)
        cycle = cycle_diagram(ctx)
        scene.play(Appear(heading))
        for box, arrow in zip(cycle[0], cycle[1], strict=True):
            scene.play(Appear(box), run_time=0.6)
            scene.play(Create(arrow), run_time=0.5)
        scene.wait(2.0)
        scene.play(Vanish(cycle), Vanish(heading))

    layers = "-".join(map(str, c.layers))
    caption = (
        f"Our network: {layers}, {c.hidden_activation} hidden neurons, {c.output_activation} output, "
        f"loss {c.loss.replace('_', ' ')}, learning rate {text(c.learning_rate, f)}."
    )
    with narrated(scene, "intro-network", caption):
        heading = step_title(None, "The network", theme.text)
        scene.play(Appear(heading))
        diagram = show_network(scene, ctx)
        summary = config_summary(ctx)
        scene.play(*(Appear(row) for row in summary), run_time=1.2)
        scene.wait(3.0)
        scene.play(Vanish(summary), Vanish(heading))
        if not keep_network:
            scene.play(Vanish(diagram.everything()), run_time=0.8)
    return diagram


class Intro(StepScene):
    """The opening on its own: `manim render scenes/intro.py Intro`."""

    def construct(self) -> None:
        play_intro(self, self.ctx, keep_network=False)
