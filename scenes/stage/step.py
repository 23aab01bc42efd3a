"""One step of the video on a scene: its title, its formula panel, and the context it draws from."""

from __future__ import annotations

from manim import Animation, Scene, Text

from nnmath import Config, StepTrace
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula
from scenes.drawing.layout import Panel, step_title
from scenes.drawing.style import FADE, LABEL_SIZE, READ, SHOW
from scenes.drawing.theme import Color, Theme, part_color
from scenes.stage.context import StepContext
from scenes.steps_table import Part

ROUNDING_NOTE = (
    "Shown numbers are rounded;\neach result is computed\nfrom unrounded values, so\na last digit may differ."
)


class Step:
    """What a step's sections share; ``show_title`` in the first section, ``end`` after the last."""

    def __init__(self, scene: Scene, ctx: StepContext, part: Part) -> None:
        self.scene = scene
        self.ctx = ctx
        self.part = part
        self.title: Text = step_title(part.number, part.title, self.color)
        self.panel = Panel(scene)

    @property
    def color(self) -> Color:
        """The step's colour in the theme (its row of ``scenes.steps_table``)."""
        return part_color(self.theme, self.part)

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

    def note_rounding(self, *formulas: Formula) -> None:
        """Once per video, under the first formula whose shown result its shown numbers do not give: why."""
        gaps, notes = self.ctx.rounding_gaps, self.ctx.notes_shown
        if "rounding" in notes or not any(f.numbers and f.numbers[-1].entry in gaps for f in formulas):
            return
        notes.add("rounding")
        note = Text(ROUNDING_NOTE, font_size=LABEL_SIZE, color=self.theme.muted, line_spacing=0.8)
        self.panel.make_room(formulas, note.height)  # the note stays beside the formula it is about
        self.scene.play(self.panel.push(note), run_time=SHOW)
        self.scene.wait(READ)

    def show_title(self, *also: Animation) -> None:
        """The title appears, with ``also`` (the step's colour key: on screen from the step's first frame)."""
        self.scene.play(Appear(self.title), *also)

    def end(self, *also: Animation) -> None:
        """The title goes, with ``also`` (the step's key)."""
        self.scene.play(Vanish(self.title), *also, run_time=FADE)
