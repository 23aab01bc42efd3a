"""The base of the step scenes: load the context (config, trace, theme) before any frame."""

from __future__ import annotations

from typing import cast

from manim import Camera, ManimColor, Scene

from scenes.stage.context import StepContext, load_context


class StepScene(Scene):
    """A scene that draws the trace of ``$BACKPROP_CONFIG``; a bad config exits 2 in ``setup``."""

    ctx: StepContext

    def setup(self) -> None:
        self.ctx = load_context()
        # manim types the camera as cairo's or OpenGL's; the video renders with cairo. A ManimColor, not the
        # theme's hex string: the slide variants (manim-slides) read it back as one.
        camera = cast(Camera, self.camera)
        camera.background_color = ManimColor(self.ctx.theme.background)
