"""The key to the backward pass's two colours: a gradient or δ above 0, and one below 0."""

from __future__ import annotations

from collections.abc import Sequence

from manim import DOWN, LEFT, RIGHT, UP, Dot, Line, Text, VGroup

from scenes.drawing.colour_key import entry as key_entry
from scenes.drawing.colour_key import explains
from scenes.drawing.style import FRAME_HALF_HEIGHT, LABEL_SIZE, PANEL_RIGHT
from scenes.drawing.theme import ROLES, Theme

SWATCH_LENGTH = 0.45
SWATCH_WIDTH = 6.0
KEY_TOP_GAP = 0.3  # from the frame's top edge
KEY_MAX_WIDTH = 6.0  # the widest row: the key stays clear of the step title beside it
SIGN_ROLES = ("backward", "backward_negative")  # the theme's sign colours (``scenes.drawing.theme.ROLES``)


class SignKey(VGroup):
    """``∂E/∂…:  ━ > 0  ━ < 0`` over ``● values`` at the top right, beside the step title: what the colours of edges,
    rings, δ badges (δ = ∂E/∂z) and gradient numbers mean, after the colours of ``others`` (``ROLES`` fields: the
    values in the neurons, which stay on screen) and, given ``highlight`` words, of the thick white line that marks
    the weight or path being worked out; only the signs in ``signs_drawn`` (``SIGN_ROLES``: no "< 0" where every
    slope shown is positive). It names no δ, which appears with the key before the video defines it. Parts:
    ``self.positive``, ``self.negative`` (swatch and words)."""

    def __init__(
        self,
        theme: Theme,
        others: Sequence[str] = ("forward",),
        highlight: str = "",
        signs_drawn: Sequence[str] = SIGN_ROLES,
    ) -> None:
        super().__init__()
        name = Text("∂E/∂…:", font_size=LABEL_SIZE, color=theme.text)  # every slope of E, by its sign
        self.positive = key_entry(self.entry(theme.backward, "> 0", theme.text), {"backward": theme.backward})
        self.negative = self.entry(theme.backward_negative, "< 0", theme.text)
        key_entry(self.negative, {"backward_negative": theme.backward_negative})
        drawn = [e for role, e in zip(SIGN_ROLES, (self.positive, self.negative), strict=True) if role in signs_drawn]
        key_entry(name, {role: getattr(theme, role) for role in SIGN_ROLES if role in signs_drawn}, heading=True)
        signs = VGroup(name, *drawn).arrange(RIGHT, buff=0.3)  # only the signs the slopes shown have
        rest = VGroup(
            *(
                key_entry(
                    VGroup(
                        Dot(radius=0.09, color=getattr(theme, role)),
                        # "values", "target": the symbols are beside the numbers
                        Text(ROLES[role].split(" ")[0], font_size=LABEL_SIZE, color=theme.text),
                    ).arrange(RIGHT, buff=0.15),
                    {role: getattr(theme, role)},
                )
                for role in others
            )
        ).arrange(RIGHT, buff=0.3)
        self.add(signs, rest)
        if highlight:  # what the white line marks, on the narrower row if it fits beside the step title, else under
            entry = self.entry(theme.text, highlight, theme.text)
            row = min((signs, rest), key=lambda r: r.width)
            if row.width + 0.3 + entry.width <= KEY_MAX_WIDTH:
                row.add(entry).arrange(RIGHT, buff=0.3)
            else:
                self.add(entry)  # the signs' row, the other colours under it (beside the step title: narrow)
        self.arrange(DOWN, aligned_edge=RIGHT, buff=0.1)
        self.move_to((PANEL_RIGHT, FRAME_HALF_HEIGHT - KEY_TOP_GAP, 0.0), aligned_edge=UP + RIGHT)
        explains(self, [*others, *(role for role in SIGN_ROLES if role in signs_drawn)])

    @staticmethod
    def entry(color: str, words: str, text_color: str) -> VGroup:
        swatch = Line(LEFT * SWATCH_LENGTH / 2, RIGHT * SWATCH_LENGTH / 2, stroke_width=SWATCH_WIDTH, color=color)
        return VGroup(swatch, Text(words, font_size=LABEL_SIZE, color=text_color)).arrange(RIGHT, buff=0.12)
