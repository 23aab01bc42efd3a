"""The camera's outlines kept while a mobject's points stay the same give manim's own frames, pixel for pixel."""

from __future__ import annotations

import numpy as np
from manim import (
    BLUE,
    DOWN,
    RIGHT,
    UP,
    Camera,
    Circle,
    FadeIn,
    MathTex,
    Scene,
    Square,
    Text,
    Transform,
    VMobject,
    tempconfig,
)

from scenes.stage import cairo_paths

TINY_FRAMES = {
    "pixel_width": 192,
    "pixel_height": 108,
    "frame_rate": 10,
    "write_to_movie": False,
    "disable_caching": True,
    "verbosity": "WARNING",
}


class Moves(Scene):
    """Shapes that move, change shape and fade; a path with a gap (two subpaths) and one with a bad point."""

    def construct(self) -> None:
        square = Square(color=BLUE, fill_opacity=0.5).shift(2 * RIGHT)
        words = Text("kept").to_edge(UP)
        formula = MathTex(r"\delta = 0.25").to_edge(DOWN)
        gap = VMobject().set_points_as_corners([[-3, 0, 0], [-2, 1, 0], [-1, 0, 0]])
        gap.append_points(VMobject().set_points_as_corners([[0, -1, 0], [1, -2, 0]]).points)
        bad = VMobject().set_points_as_corners([[0, 0, 0], [1, 1, 0]])
        bad.points[1, 0] = np.nan
        self.add(square, words, gap, bad)
        self.play(FadeIn(formula), square.animate.set_fill(opacity=1), run_time=1)
        self.play(Transform(square, Circle()), words.animate.shift(DOWN), run_time=1)


def _frames() -> list[np.ndarray]:
    frames: list[np.ndarray] = []
    with tempconfig(TINY_FRAMES):
        scene = Moves()
        add = scene.renderer.add_frame

        def record(frame: np.ndarray, num_frames: int = 1) -> None:
            frames.extend([frame.copy()] * num_frames)
            add(frame, num_frames)

        scene.renderer.add_frame = record  # type: ignore[method-assign]
        scene.render()
    return frames


def test_the_frames_are_manims_own() -> None:
    manims = cairo_paths._MANIMS
    assert Camera.set_cairo_context_path in (manims, cairo_paths._set_path)
    Camera.set_cairo_context_path = manims  # type: ignore[method-assign]
    plain = _frames()
    cairo_paths.keep_cairo_paths()
    kept = _frames()
    assert len(plain) == len(kept) > 10
    assert [i for i, (a, b) in enumerate(zip(plain, kept, strict=True)) if not np.array_equal(a, b)] == []
