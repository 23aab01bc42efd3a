"""Fades write a mobject's opacities straight into its colour arrays: the same arrays manim's ``set_fill`` and
``set_stroke`` leave, frame by frame, and the mobject as it was afterwards."""

from __future__ import annotations

import numpy as np
from manim import BLUE, RED, Circle, Scene, Square, VGroup, VMobject

from scenes.drawing.fades import Appear, Vanish


def shapes() -> VGroup:
    gradient = Square().set_fill([RED, BLUE], opacity=0.8).set_stroke(BLUE, opacity=[0.5, 0.9])  # two colours each
    return VGroup(Circle().set_fill(RED, opacity=0.6).set_stroke(opacity=0.7), gradient, VGroup(Square()))


def colours(group: VGroup) -> list[np.ndarray]:
    return [a.copy() for m in group.get_family() if isinstance(m, VMobject) for a in (m.fill_rgbas, m.stroke_rgbas)]


def manims(group: VGroup, scale: float) -> list[np.ndarray]:
    """The colour arrays manim's own setters leave with every opacity scaled by ``scale``."""
    for m in group.get_family():
        if isinstance(m, VMobject):
            m.set_fill(opacity=m.get_fill_opacities() * scale, family=False)  # type: ignore[arg-type]
            m.set_stroke(opacity=m.get_stroke_opacities() * scale, family=False)  # type: ignore[arg-type]
    return colours(group)


def test_a_fade_sets_the_colours_manim_would_and_restores_them() -> None:
    for fade, appearing in ((Appear, True), (Vanish, False)):
        group = shapes()
        before = colours(group)
        animation = fade(group, run_time=1.0)
        animation.begin()
        for alpha in (0.0, 0.3, 1.0):
            animation.interpolate(alpha)
            t = animation.rate_func(alpha)
            expected = manims(shapes(), t if appearing else 1.0 - t)
            assert all(np.array_equal(a, b) for a, b in zip(colours(group), expected, strict=True)), (fade, alpha)
        animation.clean_up_from_scene(Scene())
        assert all(np.array_equal(a, b) for a, b in zip(colours(group), before, strict=True))
