"""The backdrop draws fewer mobjects per frame and gives manim's own frames, pixel for pixel."""

from __future__ import annotations

import numpy as np
import pytest
from manim import BLUE, DOWN, LEFT, RED, RIGHT, UP, WHITE, Circle, Scene, Square, Text, Transform, tempconfig

from scenes.stage.backdrop import BackdropScene

TINY_FRAMES = {
    "pixel_width": 192,
    "pixel_height": 108,
    "frame_rate": 10,
    "write_to_movie": False,
    "disable_caching": True,
}


def _play(scene: Scene) -> None:
    """A circle passes under a square drawn after it, while a far label and a line of squares stay still."""
    circle = Circle(radius=0.5, color=RED, fill_opacity=1).shift(4 * LEFT)
    cover = Square(side_length=1.5, color=BLUE, fill_opacity=0.8)  # after the circle: drawn on top of it
    label = Text("still", color=WHITE).to_edge(UP)
    row = [Square(side_length=0.4).shift(3 * DOWN + x * RIGHT) for x in range(-3, 4)]
    scene.add(circle, cover, label, *row)
    scene.play(circle.animate.shift(8 * RIGHT), run_time=1)
    scene.play(Transform(row[0], Circle(radius=0.2).move_to(row[0])), run_time=0.5)


class Frames:
    """Every frame a scene's renderer adds, as pixel arrays."""

    def __init__(self, scene: Scene) -> None:
        self.frames: list[np.ndarray] = []
        add = scene.renderer.add_frame

        def record(frame: np.ndarray, num_frames: int = 1) -> None:
            self.frames.extend([frame.copy()] * num_frames)
            add(frame, num_frames)

        scene.renderer.add_frame = record  # type: ignore[method-assign]


class Plain(Scene):
    def construct(self) -> None:
        _play(self)


class Backdrop(BackdropScene):
    redrawn_at_end: list[str]

    def construct(self) -> None:
        _play(self)


def _render(cls: type[Scene]) -> tuple[Scene, list[np.ndarray]]:
    with tempconfig(TINY_FRAMES):
        scene = cls()
        frames = Frames(scene)
        scene.render()
    return scene, frames.frames


@pytest.fixture(scope="module")
def rendered() -> tuple[list[np.ndarray], list[np.ndarray], Scene]:
    _, plain = _render(Plain)
    scene, backdrop = _render(Backdrop)
    return plain, backdrop, scene


def test_the_frames_are_manims_own(rendered: tuple[list[np.ndarray], list[np.ndarray], Scene]) -> None:
    plain, backdrop, _ = rendered
    assert len(plain) == len(backdrop) > 10
    different = [i for i, (a, b) in enumerate(zip(plain, backdrop, strict=True)) if not np.array_equal(a, b)]
    assert different == []


def test_what_an_animation_reaches_is_redrawn_and_the_rest_is_not(
    rendered: tuple[list[np.ndarray], list[np.ndarray], Scene],
) -> None:
    _, _, scene = rendered
    split = scene._split  # the last play's: a square of the row turning into a circle
    assert split is not None
    redrawn = [m for m, r in zip(split.members, split.redrawn, strict=True) if r]
    still = [m for m, r in zip(split.members, split.redrawn, strict=True) if not r]
    assert len(redrawn) == 1  # only the changing square; its neighbours, the cover and the label stay in the backdrop
    assert len(still) >= 6


def test_a_static_mobject_drawn_over_a_moving_one_joins_the_redrawn_when_reached() -> None:
    seen: list[bool] = []

    class Watched(BackdropScene):
        def construct(self) -> None:
            circle = Circle(radius=0.5, fill_opacity=1).shift(4 * LEFT)
            cover = Square(side_length=1.5, fill_opacity=0.8)
            self.add(circle, cover)
            self.play(circle.animate.shift(0.5 * RIGHT), run_time=0.3)  # stays clear of the cover
            assert self._split is not None
            seen.append(bool(self._split.redrawn[-1]))
            self.play(circle.animate.shift(8 * RIGHT), run_time=0.5)  # passes under it
            assert self._split is not None
            seen.append(bool(self._split.redrawn[-1]))

    with tempconfig(TINY_FRAMES):
        Watched().render()
    assert seen == [False, True]


def test_what_changes_by_itself_is_redrawn_every_frame() -> None:
    """A key's entry fades in or out while no animation touches it (``scenes.drawing.live_keys``): the backdrop
    redraws what ``changing_by_themselves`` names, so its change is drawn in the frames of that play."""
    seen: list[bool] = []

    class Fading(BackdropScene):
        key = Square(side_length=0.5, color=WHITE, fill_opacity=1).to_corner(UP + RIGHT)

        def changing_by_themselves(self) -> list:  # type: ignore[type-arg]
            return [self.key]

        def update_mobjects(self, dt: float) -> None:
            super().update_mobjects(dt)
            self.key.set_fill(opacity=max(self.key.get_fill_opacity() - dt, 0.0))  # as an entry fades out

        def construct(self) -> None:
            circle = Circle(radius=0.5, fill_opacity=1).shift(4 * LEFT)
            self.add(circle, self.key, *(Square(side_length=0.3).shift(3 * DOWN + x * RIGHT) for x in range(-3, 4)))
            self.play(circle.animate.shift(0.5 * RIGHT), run_time=0.5)
            assert self._split is not None
            seen.append(any(m is self.key and r for m, r in zip(self._split.members, self._split.redrawn, strict=True)))

    with tempconfig(TINY_FRAMES):
        Fading().render()
    assert seen == [True]
