"""The base of the step scenes: load the context (config, trace, theme) before any frame, and render faster
(shared LaTeX typeset ahead in one run, parsed paths, the backdrop, the clip encoder: see their modules)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, cast

import numpy as np
from manim import Camera, ManimColor, RendererType, config
from manim.renderer.cairo_renderer import CairoRenderer
from manim.scene.section import DefaultSectionType

from scenes.drawing.likely_tex import likely_formulas
from scenes.environment import PART_ENV
from scenes.stage.backdrop import BackdropScene
from scenes.stage.context import StepContext, load_context
from scenes.stage.encoder import ClipWriter
from scenes.stage.parsed_paths import share_parsed_paths
from scenes.stage.shared_tex import share_compiles
from scenes.stage.tex_batch import typeset_ahead
from scenes.voice.narrator import Narrator, narrator_for


class StepScene(BackdropScene):
    """A scene that draws the trace of ``$BACKPROP_CONFIG``; a bad config exits 2 in ``setup``."""

    ctx: StepContext
    narrator: Narrator | None  # speaks each sub-step (see scenes.drawing.narration)
    script: list[tuple[str, str]]  # (sub-step, what the voice says there), narrated or not

    def __init__(self, skip_animations: bool = False, **kwargs: Any) -> None:
        share_parsed_paths()
        share_compiles()
        if config.renderer == RendererType.CAIRO and "renderer" not in kwargs:
            kwargs["renderer"] = CairoRenderer(file_writer_class=ClipWriter, skip_animations=skip_animations)
        super().__init__(skip_animations=skip_animations, **kwargs)

    def formulas(self) -> Iterable[tuple[str, ...]]:
        """The ``MathTex`` arguments of this scene's own formulas for ``self.ctx`` (its rules, headings and
        questions), typeset ahead with those every step draws. A formula not named compiles alone when drawn."""
        return ()

    def next_section(
        self,
        name: str = "unnamed",
        section_type: str = DefaultSectionType.NORMAL,
        skip_animations: bool = False,
        **kwargs: Any,
    ) -> None:
        """manim's sections; rendering a part of the clip (``$BACKPROP_PART``), the other parts' are skipped."""
        if (part := rendered_part()) is not None:
            writer = self.renderer.file_writer
            writer.finish_last_section()  # as manim does first (an empty last section goes): the index is final
            skip_animations = skip_animations or len(writer.sections) % part[1] != part[0]
        super().next_section(name, section_type, skip_animations, **kwargs)

    def play(self, *args: Any, **kwargs: Any) -> None:
        """manim's play; a play another part renders (skipped) moves the clock as if its frames were written."""
        start = self.renderer.time
        super().play(*args, **kwargs)
        if rendered_part() is not None and self.renderer.skip_animations:
            self.renderer.time = clock_after(self, start)

    def tear_down(self) -> None:
        super().tear_down()
        writer = self.renderer.file_writer
        if rendered_part() is not None and not any(writer.partial_movie_files):
            # A part with no section of its own writes no movie, and manim names the subtitles after the movie.
            writer.subcaptions.clear()

    def setup(self) -> None:
        if (part := rendered_part()) is not None and part[0] != 0:  # manim's first section is part 0's
            first = self.renderer.file_writer.sections[0]
            first.skip_animations, first.video = True, None
        self.ctx = load_context()
        # In one LaTeX run, those not compiled yet.
        typeset_ahead([*likely_formulas(self.ctx.config), *self.formulas()])
        self.narrator = narrator_for(self.ctx.config)
        self.script = []
        # manim types the camera as cairo's or OpenGL's; the video renders with cairo. A ManimColor, not the
        # theme's hex string: the slide variants (manim-slides) read it back as one.
        camera = cast(Camera, self.camera)
        camera.background_color = ManimColor(self.ctx.theme.background)


def rendered_part() -> tuple[int, int] | None:
    """``(k, n)`` when this process renders part k of n of the clip (``$BACKPROP_PART``), else None."""
    part, _, parts = os.environ.get(PART_ENV, "").partition("/")
    return (int(part), int(parts)) if part.isdigit() and parts.isdigit() and int(part) < int(parts) else None


def clock_after(scene: StepScene, start: float) -> float:
    """The scene's clock after its last play had it written its frames from ``start``, added up as manim's renderer
    adds them: a held frame (a static wait) once for all its frames, an animation frame by frame. A skipped play
    adds its exact run time, so subtitles would drift from a render of every play by a frame or so each time."""
    dt = 1 / config.frame_rate
    if scene.is_current_animation_frozen_frame():
        return start + int(scene.duration / dt) * dt
    clock = start
    for _ in np.arange(0, scene.duration, dt):  # manim's time progression (Scene.get_time_progression)
        clock += dt
    return clock
