"""The video's colours, in a dark theme (default) and a light theme for white slide decks, and the one table of
what each colour means (``ROLES``): one meaning per colour, the same in every scene, and a key on screen wherever
a colour means something (``scenes.drawing.colour_key``, ``scenes.drawing.sign_key``, the class key of a scatter).

Roles with a colour: values, the target, the error, a slope's sign (two), the update (η and the new values) and
the classes of a dataset. Everything else is neutral: ``text`` (a highlight: the neuron or edge being worked on,
the η you watched, the first batch) or ``muted`` (axes, idle edges). The palette keeps every two roles that can be
on screen together apart also for viewers with red-green colour blindness (protanopia, deuteranopia: CIELAB ΔE ≥ 25
as they see them, ≥ 20 with normal vision), and every role apart from ``text`` and ``muted``: lightness carries much
of it (as a dichromat sees them, the roles differ in lightness and along blue-yellow only). Only a dataset's classes
and the target and slope colours never meet (the classes are drawn on the scatter, beside E, η and values), and in
the light theme they may look alike to a dichromat. ``tests/test_colour_roles.py`` measures it in both themes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from manim import ManimColor

from nnmath import Config
from nnmath.config import THEMES as THEME_NAMES
from nnmath.notation import rounded, significant_decimals
from scenes.environment import THEME_ENV

Color = ManimColor | str


@dataclass(frozen=True)
class Theme:
    background: str
    text: str  # also the neutral highlight: what is being worked on
    muted: str  # secondary text, idle edges, axes
    neuron_fill: str
    neuron_stroke: str
    forward: str  # values: x, z, a, ŷ and the forward pulse
    target: str  # the target y
    error: str  # the error E (the loss, its curves)
    backward: str  # a slope (∂E/∂ŷ, δ, ∂E/∂w) above 0
    backward_negative: str  # a slope below 0
    update: str  # η and the new values it makes
    classes: tuple[str, ...]  # a dataset's class 0, 1, … (dots, the colour map's ends)

    def of_sign(self, value: float, decimals: int | None = None) -> str:
        """The colour of a slope (∂E/∂ŷ, δ, ∂E/∂w) by its sign as shown: ``backward`` when > 0,
        ``backward_negative`` when < 0, the plain ``text`` colour when it reads 0 at ``decimals`` (exactly 0 when
        None; a slope is a gradient, shown with at least two significant digits, so only an exact 0 reads 0): the key
        says which colour is > 0 and which < 0, and 0 is neither (``scenes.drawing.sign_key``)."""
        shown = value if decimals is None else rounded(value, significant_decimals(value, decimals))
        if shown == 0:
            return self.text
        return self.backward_negative if shown < 0 else self.backward

    def of_class(self, c: int) -> str:
        """Class ``c``'s colour (its dots; the colour map leans towards it)."""
        return self.classes[c % len(self.classes)]


# The role table: a theme field → what its colour means, as a key says it. One home for every meaning.
ROLES = {
    "forward": "values x, z, a, ŷ",  # every value the forward pass computes: z is drawn in it too
    "target": "target y",
    "error": "error E",
    "backward": "slope > 0",
    "backward_negative": "slope < 0",
    "update": "η, new values",
}
MEAN_ERROR = {"error": "error Ē"}  # the error role's words where what is drawn is Ē, the mean over samples
BATCH_ERRORS = {"error": "error E, Eₛ, Ē"}  # where the worked sample's E, each sample's Eₛ and their mean Ē are drawn
MEAN_AND_SAMPLE_ERRORS = {"error": "error Ē, Eₛ"}  # where the batch's Ē and samples' Eₛ are drawn (a dataset's quiz)
NEUTRAL = ("background", "text", "muted", "neuron_fill", "neuron_stroke")  # colours that mean nothing by themselves


def class_role(c: int) -> str:
    """The role name of class ``c`` (in ``role_colors``): its key reads "class c"."""
    return f"class {c}"


def role_colors(theme: Theme) -> dict[str, str]:
    """Every role (``ROLES`` and each class) → its colour in ``theme``."""
    out = {role: str(getattr(theme, role)) for role in ROLES}
    out.update({class_role(c): color for c, color in enumerate(theme.classes)})
    return out


DARK = Theme(
    background="#101318",
    text="#ECECEC",
    muted="#7D8590",
    neuron_fill="#1C2230",
    neuron_stroke="#A9B1BC",
    forward="#52D2EF",
    target="#C110AA",
    error="#D13817",
    backward="#EE9904",
    backward_negative="#9F83FB",
    update="#68AD5C",
    classes=("#FFF477", "#A54FA7", "#ADB4A5"),
)

LIGHT = Theme(
    background="#FFFFFF",
    text="#1B1B1F",
    muted="#6B7280",
    neuron_fill="#F3F4F6",
    neuron_stroke="#4B5563",
    forward="#2A8CCB",
    target="#00445C",
    error="#912A07",
    backward="#C66B04",
    backward_negative="#5D44CE",
    update="#0F553F",
    classes=("#A88500", "#7C006C", "#AC8159"),
)

THEMES = dict(zip(THEME_NAMES, (DARK, LIGHT), strict=True))  # by the names a config may give (nnmath.config)


def theme_for(config: Config) -> Theme:
    """The config's theme, unless ``BACKPROP_THEME`` names another."""
    name = os.environ.get(THEME_ENV) or config.theme
    if name not in THEMES:
        raise ValueError(f"{THEME_ENV}={name!r}: expected one of {', '.join(THEMES)}")
    return THEMES[name]


def slope_color(theme: Theme, value: float, decimals: int | None = None) -> str:
    """The colour of a slope by its sign as shown (``Theme.of_sign``): one meaning per colour, the same on
    edges, in neurons and in formulas (a key says so: ``scenes.drawing.sign_key``)."""
    return theme.of_sign(value, decimals)
