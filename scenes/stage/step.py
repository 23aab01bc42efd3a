"""One step of the video on a scene: its title, its formula panel, and the context it draws from."""

from __future__ import annotations

from collections.abc import Sequence

from manim import Animation, Scene, Text, VMobject

from nnmath import Config, StepTrace
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.layout import Panel, step_title
from scenes.drawing.shown_arithmetic import any_needs_note, note_of, read_note, room_with_note
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

    def room_with_note(
        self, rows: Sequence[VMobject], *tiers: Sequence[VMobject], below: float = 0.0, hold: bool = True
    ) -> list[VMobject]:
        """Room on the panel for ``rows`` and the rounding note if one of them needs it (``room_with_note``; and
        ``below`` more under them; ``hold``: the note on the panel stays if they need it): what to place and show in
        one play, ``rows`` and a new note after them; the first of ``tiers`` they fit under stays (nothing by
        default)."""
        theme, gaps = self.theme, self.ctx.rounding_gaps
        return room_with_note(self.panel, theme.muted, rows, tiers or ((),), gaps, below, hold)

    def read_note(self, shown: Sequence[VMobject]) -> None:
        """A moment more on the rounding note if it came with ``shown`` (longer the first time)."""
        read_note(self.scene, shown, self.ctx.notes_shown)

    def note_for(self, *rows: VMobject) -> Text | None:
        """The panel's rounding note, if one of ``rows`` needs it (what stays with them)."""
        return note_of(self.panel) if any_needs_note(rows, self.ctx.rounding_gaps) else None

    def show_title(self, *also: Animation) -> None:
        """The title appears, with ``also`` (the step's colour key: on screen from the step's first frame)."""
        self.scene.play(Appear(self.title), *also)

    def end(self, *also: Animation) -> None:
        """The title goes, with ``also`` (the step's key)."""
        self.scene.play(Vanish(self.title), *also, run_time=FADE)
