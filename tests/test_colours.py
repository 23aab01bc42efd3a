"""One colour and one opacity make the colour array manim's general case makes, number for number."""

from __future__ import annotations

import itertools

import numpy as np
from manim import BLUE, RED, WHITE, Circle, ManimColor, VMobject

from scenes.stage import colours


def test_one_colour_and_one_opacity_give_manims_array() -> None:
    colours.make_one_colour_arrays_directly()
    shape = Circle()
    shiny = Circle(sheen_factor=0.3)
    cases = [RED, WHITE, ManimColor("#12ab7f"), ManimColor([0.1, 0.2, 0.3]), None, "#FF0000", [RED, BLUE]]
    for mob, color, opacity in itertools.product((shape, shiny), cases, (0.0, 0.37, 1, np.float64(0.5), None)):
        ours = VMobject.generate_rgbas_array(mob, color, opacity)
        manims = colours._MANIMS(mob, color, opacity)
        assert ours.dtype == manims.dtype and ours.shape == manims.shape, (color, opacity)
        assert np.array_equal(ours, manims), (color, opacity)
    assert VMobject.generate_rgbas_array is not colours._MANIMS  # the direct path is the one tested
