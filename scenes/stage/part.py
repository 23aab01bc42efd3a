"""A scene that renders one part of its clip (``$BACKPROP_PART`` = "k/n", set by ``scenes/pipeline/parts.py``).

Part k of n draws and encodes the clip's sections k, k + n, k + 2n, … and skips the others' animations, as
manim skips animations: the scene is still constructed to its end, every mobject where it would be. Each part
keeps the clip's clock as if it wrote every frame, so its subtitles and voice log are the whole clip's, and its
sections are saved as manim's section videos, which the command joins into the clip.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from manim import Scene, config
from manim.scene.section import DefaultSectionType

from scenes.environment import PART_ENV


def rendered_part() -> tuple[int, int] | None:
    """``(k, n)`` when this process renders part k of n of its clip, else None."""
    part, _, parts = os.environ.get(PART_ENV, "").partition("/")
    return (int(part), int(parts)) if part.isdigit() and parts.isdigit() and int(part) < int(parts) else None


class PartScene(Scene):
    """manim's Scene, drawing only its part's sections when ``$BACKPROP_PART`` is set (else unchanged)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if (part := rendered_part()) is not None and part[0] != 0:  # manim's first section is part 0's
            first = self.renderer.file_writer.sections[0]
            first.skip_animations, first.video = True, None

    def next_section(
        self,
        name: str = "unnamed",
        section_type: str = DefaultSectionType.NORMAL,
        skip_animations: bool = False,
        **kwargs: Any,
    ) -> None:
        if (part := rendered_part()) is not None:
            writer = self.renderer.file_writer
            writer.finish_last_section()  # as manim does first (an empty last section goes): the index is final
            skip_animations = skip_animations or len(writer.sections) % part[1] != part[0]
        super().next_section(name, section_type, skip_animations, **kwargs)

    def play(self, *args: Any, **kwargs: Any) -> None:
        start = self.renderer.time
        super().play(*args, **kwargs)
        if rendered_part() is not None and self.renderer.skip_animations:  # another part's: as if drawn
            self.renderer.time = clock_after(self, start)

    def tear_down(self) -> None:
        super().tear_down()
        writer = self.renderer.file_writer
        if rendered_part() is not None and not any(writer.partial_movie_files):
            # A part with no section of its own writes no movie, and manim names the subtitles after the movie.
            writer.subcaptions.clear()


def clock_after(scene: Scene, start: float) -> float:
    """The scene's clock after its last play had it written its frames from ``start``, added up as manim's
    renderer adds them: a held frame (a static wait) once for all its frames, an animation frame by frame. A
    skipped play adds its exact run time, so subtitles would drift by a frame or so at each."""
    dt = 1 / config.frame_rate
    if scene.is_current_animation_frozen_frame():
        return start + int(scene.duration / dt) * dt
    clock = start
    for _ in np.arange(0, scene.duration, dt):  # manim's time progression (Scene.get_time_progression)
        clock += dt
    return clock
