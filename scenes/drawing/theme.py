"""One colour per idea, in a dark theme (default) and a light theme for white slide decks."""

from __future__ import annotations

import os
from dataclasses import dataclass

from manim import ManimColor

from nnmath import Config
from nnmath.config import THEMES as THEME_NAMES
from nnmath.notation import rounded
from scenes.environment import THEME_ENV
from scenes.steps_table import Part

Color = ManimColor | str


@dataclass(frozen=True)
class Theme:
    background: str
    text: str
    muted: str  # secondary text, idle edges
    neuron_fill: str
    neuron_stroke: str
    forward: str  # activations and the forward pulse
    error: str  # targets, the loss
    backward: str  # the error signal, δ, positive gradients
    backward_negative: str  # negative gradients
    update: str  # new weights

    def of_sign(self, value: float, decimals: int | None = None) -> str:
        """The colour of a slope (∂E/∂ŷ, δ, ∂E/∂w) by its sign as shown: ``backward`` when > 0,
        ``backward_negative`` when < 0, the plain ``text`` colour when it reads 0 at ``decimals`` (exactly 0 when
        None): the key says orange > 0, purple < 0, and 0 is neither (``scenes.drawing.colour_key``)."""
        shown = value if decimals is None else rounded(value, decimals)
        if shown == 0:
            return self.text
        return self.backward_negative if shown < 0 else self.backward


DARK = Theme(
    background="#101318",
    text="#ECECEC",
    muted="#7D8590",
    neuron_fill="#1C2230",
    neuron_stroke="#A9B1BC",
    forward="#58C4DD",
    error="#FC6255",
    backward="#F4A340",
    backward_negative="#B38CF0",
    update="#83C167",
)

LIGHT = Theme(
    background="#FFFFFF",
    text="#1B1B1F",
    muted="#6B7280",
    neuron_fill="#F3F4F6",
    neuron_stroke="#4B5563",
    forward="#1F6FB2",
    error="#C8312B",
    backward="#C26A00",
    backward_negative="#7A3FB8",
    update="#2E8B3A",
)

THEMES = dict(zip(THEME_NAMES, (DARK, LIGHT), strict=True))  # by the names a config may give (nnmath.config)


def part_color(theme: Theme, part: Part) -> str:
    """The colour of a part of the video (its ``color`` in ``scenes.steps_table``) in ``theme``."""
    color = getattr(theme, part.color)
    assert isinstance(color, str), part.color
    return color


def theme_for(config: Config) -> Theme:
    """The config's theme, unless ``BACKPROP_THEME`` names another."""
    name = os.environ.get(THEME_ENV) or config.theme
    if name not in THEMES:
        raise ValueError(f"{THEME_ENV}={name!r}: expected one of {', '.join(THEMES)}")
    return THEMES[name]


def slope_color(theme: Theme, value: float, decimals: int | None = None) -> str:
    """The colour of a slope by its sign as shown (``Theme.of_sign``): one meaning per colour, the same on
    edges, in neurons and in formulas (a key says so: ``scenes.drawing.colour_key``)."""
    return theme.of_sign(value, decimals)
