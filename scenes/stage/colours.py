"""A mobject's colour array for one colour and one opacity, made without manim's general case.

Every ``set_fill``, ``set_stroke`` and ``set_color`` (every glyph of every text and formula calls them as it is
made, and again as it is coloured) builds a colour array in ``VMobject.generate_rgbas_array``, written for lists
of colours and opacities: a new colour parsed from the colour, both lists made even. Called with one colour
(already a ``ManimColor``) and one opacity, and no sheen, all it returns is that colour with that alpha: made here
directly, the same numbers. Anything else goes through manim.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import ManimColor, VMobject

_MANIMS = VMobject.generate_rgbas_array


def _generate_rgbas_array(self: VMobject, color: Any, opacity: Any) -> np.ndarray:
    if isinstance(color, ManimColor) and isinstance(opacity, int | float) and self.get_sheen_factor() == 0:
        return np.array([color.to_rgba_with_alpha(opacity)])
    return _MANIMS(self, color, opacity)


def make_one_colour_arrays_directly() -> None:
    """Make one-colour, one-opacity colour arrays without manim's general case (idempotent)."""
    VMobject.generate_rgbas_array = _generate_rgbas_array  # type: ignore[method-assign]
