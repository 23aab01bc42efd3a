"""One step of the video on a scene: its title, its formula panel, and the context it draws from."""

from __future__ import annotations

from collections.abc import Sequence

from manim import Animation, Scene, Text, VMobject

from nnmath import Config, StepTrace
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula
from scenes.drawing.layout import Panel, step_title
from scenes.drawing.shown_arithmetic import note_rounding
from scenes.drawing.style import FADE
from scenes.drawing.theme import Theme
from scenes.stage.context import StepContext
from scenes.steps_table import Part


class Step:
    """What a step's sections share; ``show_title`` in the first section, ``end`` after the last."""

    def __init__(self, scene: Scene, ctx: StepContext, part: Part) -> None:
        self.scene = scene
        self.ctx = ctx
        self.part = part
        # in the text's colour: blue, red and green mean values, the error and new values (the colour key)
        self.title: Text = step_title(part.number, part.title, ctx.theme.text)
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

    def note_rounding(
        self, *formulas: Formula, keep: Sequence[VMobject | tuple[VMobject, ...]] = ()
    ) -> VMobject | None:
        """Under ``formulas`` (the panel's last items), when one does not add up by hand as shown: why (``keep``:
        what stays on screen with it, the first dropped first if all do not fit, a tuple as one; ``formulas`` by
        default)."""
        ctx = self.ctx
        return note_rounding(
            self.scene,
            self.panel,
            self.theme.muted,
            *formulas,
            seen=ctx.notes_shown,
            keep=keep,
            gaps=ctx.rounding_gaps,
        )

    def show_title(self, *also: Animation) -> None:
        """The title appears, with ``also`` (the step's colour key: on screen from the step's first frame)."""
        self.scene.play(Appear(self.title), *also)

    def end(self, *also: Animation) -> None:
        """The title goes, with ``also`` (the step's key)."""
        self.scene.play(Vanish(self.title), *also, run_time=FADE)
