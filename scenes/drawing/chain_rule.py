"""The chain rule for one weight: ∂E/∂w as a product of partial derivatives, each number under a brace."""

from __future__ import annotations

from collections.abc import Sequence

from manim import DOWN, RIGHT, Brace, MathTex, VGroup

from scenes.drawing import symbols
from scenes.drawing.formula import Num
from scenes.drawing.numbers import TraceNumber, number
from scenes.drawing.style import EMPHASIS_SIZE, LABEL_SIZE
from scenes.drawing.theme import Color

FACTOR_GAP = 0.2  # the least room between two factors' numbers


class ChainRule(VGroup):
    """``∂E/∂w = ∂E/∂a · ∂a/∂z · ∂z/∂w`` for weight ``w`` into the neuron with output ``a`` and input ``z``
    (LaTeX symbols), each factor's number (``factors``, in that order) under a brace.

    Parts: ``self.equation`` (the symbolic line), ``self.braces``, ``self.factors``.
    """

    def __init__(
        self, w: str, a: str, z: str, factors: Sequence[Num], decimals: int, text_color: Color, color: Color
    ) -> None:
        super().__init__()
        self.equation = MathTex(
            symbols.partial("E", w), "=", symbols.partial("E", a), r"\cdot", symbols.partial(a, z), r"\cdot",
            symbols.partial(z, w), font_size=EMPHASIS_SIZE, color=text_color,
        )  # fmt: skip
        parts = (self.equation[2], self.equation[4], self.equation[6])
        self.braces = VGroup(*(Brace(part, DOWN, buff=0.08, color=color) for part in parts))
        self.factors: list[TraceNumber] = [
            number(factor.value, factor.entry, decimals, color, LABEL_SIZE).next_to(brace, DOWN, buff=0.08)
            for factor, brace in zip(factors, self.braces, strict=True)
        ]
        self.add(self.equation, self.braces, *self.factors)
        # Factor numbers wider than their symbol would collide: spread them apart.
        for left, right in zip(self.factors, self.factors[1:], strict=False):
            overlap = left.get_right()[0] + FACTOR_GAP - right.get_left()[0]
            if overlap > 0:
                right.shift(overlap * RIGHT)
