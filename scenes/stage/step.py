"""One step of the video on a scene: its title, its formula panel, and the context it draws from."""

from __future__ import annotations

from manim import Scene, Text

from nnmath import Config, StepTrace
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.layout import Panel, step_title
from scenes.drawing.style import FADE
from scenes.drawing.theme import Color, Theme
from scenes.stage.context import StepContext


class Step:
    """What a step's sections share; ``show_title`` in the first section, ``end`` after the last."""

    def __init__(self, scene: Scene, ctx: StepContext, number: int | None, name: str, color: Color) -> None:
        self.scene = scene
        self.ctx = ctx
        self.title: Text = step_title(number, name, color)
        self.panel = Panel(scene)

    @property
    def t(self) -> StepTrace:
        return self.ctx.trace

    @property
    def theme(self) -> Theme:
        return self.ctx.theme

    @property
    def config(self) -> Config:
        return self.ctx.config

    @property
    def decimals(self) -> int:
        return self.ctx.decimals

    def show_title(self) -> None:
        self.scene.play(Appear(self.title))

    def end(self) -> None:
        self.scene.play(Vanish(self.title), run_time=FADE)
