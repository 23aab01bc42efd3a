"""The base of the step scenes: load the context (config, trace, theme) before any frame."""

from __future__ import annotations

from manim import Scene

from scenes.stage.context import StepContext, load_context


class StepScene(Scene):
    """A scene that draws the trace of ``$BACKPROP_CONFIG``; a bad config exits 2 in ``setup``."""

    ctx: StepContext

    def setup(self) -> None:
        self.ctx = load_context()
        self.camera.background_color = self.ctx.theme.background
