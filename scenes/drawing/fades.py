"""Fades that change opacity in place: no copy of the mobject.

manim's FadeIn/FadeOut deep-copy their mobject (twice) before the first frame; for formulas full
of glyphs that copying was most of the render (and test) time. These keep the original opacities
and scale them, which is all a fade needs.
"""

from __future__ import annotations

from manim import Animation, Mobject, Scene, VMobject


class _OpacityFade(Animation):
    def __init__(self, mobject: Mobject, appearing: bool, **kwargs: object) -> None:
        self.appearing = appearing
        super().__init__(mobject, remover=not appearing, introducer=appearing, **kwargs)

    def create_starting_mobject(self) -> Mobject:
        return Mobject()  # nothing to interpolate from: the opacities are kept in begin()

    def begin(self) -> None:
        self.parts = [m for m in self.mobject.get_family() if isinstance(m, VMobject)]
        self.opacities = [(m, m.get_fill_opacities().copy(), m.get_stroke_opacities().copy()) for m in self.parts]
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        scale = t if self.appearing else 1.0 - t
        for m, fill, stroke in self.opacities:
            if len(fill):
                m.set_fill(opacity=fill * scale, family=False)
            if len(stroke):
                m.set_stroke(opacity=stroke * scale, family=False)

    def clean_up_from_scene(self, scene: Scene) -> None:
        super().clean_up_from_scene(scene)
        if not self.appearing:  # parts that were also on the scene by themselves go too
            family = {id(m) for m in self.mobject.get_family()}
            scene.remove(*(m for m in scene.mobjects if id(m) in family))
        for m, fill, stroke in self.opacities:  # leave the mobject as it was (a removed one may come back)
            if len(fill):
                m.set_fill(opacity=fill, family=False)
            if len(stroke):
                m.set_stroke(opacity=stroke, family=False)


def Appear(mobject: Mobject, **kwargs: object) -> Animation:
    """Fade ``mobject`` in, in place."""
    return _OpacityFade(mobject, appearing=True, **kwargs)


def Vanish(mobject: Mobject, **kwargs: object) -> Animation:
    """Fade ``mobject`` out, in place, and remove it from the scene."""
    return _OpacityFade(mobject, appearing=False, **kwargs)
