"""Fades that change opacity in place: no copy of the mobject.

manim's FadeIn/FadeOut deep-copy their mobject (twice) before the first frame; for formulas full
of glyphs that copying was most of the render (and test) time. These keep the original opacities
and scale them, which is all a fade needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict, Unpack

import numpy as np
import numpy.typing as npt
from manim import Animation, Mobject, Scene, VMobject


class AnimationOptions(TypedDict, total=False):
    """The keyword arguments of ``Animation`` the video's own animations pass on."""

    run_time: float
    rate_func: Callable[[float], float]
    lag_ratio: float


Opacities = npt.NDArray[np.float64]  # one per colour of a VMobject's fill or stroke


# manim's ``set_fill``/``set_stroke`` annotate ``opacity`` as one float, but take (and keep) one per colour. With as
# many opacities as colours (always, in a fade: they are the mobject's own, scaled) and no sheen, all they do is
# write the alpha column of the colour array and keep the opacities: done here directly (manim builds a colour
# array first, about a tenth of a render's main thread); anything else goes through manim.
def _set_opacities(m: VMobject, opacities: Opacities, part: str) -> None:
    """Write ``opacities`` as ``m``'s ``part`` ("fill" or "stroke") opacities."""
    rgbas = getattr(m, f"{part}_rgbas", None)
    if rgbas is None or len(rgbas) != len(opacities) or m.sheen_factor != 0:
        setter = m.set_fill if part == "fill" else m.set_stroke
        setter(opacity=opacities, family=False)  # type: ignore[arg-type]  # manim: per-colour opacities work
        return
    rgbas[:, 3] = opacities
    setattr(m, f"{part}_opacity", opacities)  # as manim keeps them


def _set_fill_and_stroke(m: VMobject, fill: Opacities, stroke: Opacities) -> None:
    if len(fill):
        _set_opacities(m, fill, "fill")
    if len(stroke):
        _set_opacities(m, stroke, "stroke")


class _OpacityFade(Animation):
    def __init__(self, mobject: Mobject, appearing: bool, **kwargs: Unpack[AnimationOptions]) -> None:
        self.appearing = appearing
        # manim annotates ``Animation.mobject`` as an OpenGLMobject; the video renders with cairo.
        self.faded = mobject
        super().__init__(mobject, remover=not appearing, introducer=appearing, **kwargs)

    def create_starting_mobject(self) -> Mobject:
        return Mobject()  # nothing to interpolate from: the opacities are kept in begin()

    def begin(self) -> None:
        self.parts = [m for m in self.faded.get_family() if isinstance(m, VMobject)]
        self.opacities: list[tuple[VMobject, Opacities, Opacities]] = [
            (m, m.get_fill_opacities().copy(), m.get_stroke_opacities().copy()) for m in self.parts
        ]
        super().begin()

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        scale = t if self.appearing else 1.0 - t
        for m, fill, stroke in self.opacities:
            _set_fill_and_stroke(m, fill * scale, stroke * scale)

    def clean_up_from_scene(self, scene: Scene) -> None:
        super().clean_up_from_scene(scene)
        if not self.appearing:  # parts that were also on the scene by themselves go too
            family = {id(m) for m in self.faded.get_family()}
            scene.remove(*(m for m in scene.mobjects if id(m) in family))
        for m, fill, stroke in self.opacities:  # leave the mobject as it was (a removed one may come back)
            _set_fill_and_stroke(m, fill, stroke)


def Appear(mobject: Mobject, **kwargs: Unpack[AnimationOptions]) -> Animation:
    """Fade ``mobject`` in, in place."""
    return _OpacityFade(mobject, appearing=True, **kwargs)


def Vanish(mobject: Mobject, **kwargs: Unpack[AnimationOptions]) -> Animation:
    """Fade ``mobject`` out, in place, and remove it from the scene."""
    return _OpacityFade(mobject, appearing=False, **kwargs)
