"""The chain rule for one weight: ∂E/∂w as a product of partial derivatives, each number under a brace."""

from __future__ import annotations

from collections.abc import Sequence

from manim import DOWN, RIGHT, Brace, MathTex, VGroup

from scenes.drawing import symbols
from scenes.drawing.formula import Num
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.style import EMPHASIS_SIZE, LABEL_SIZE
from scenes.drawing.theme import Color

FACTOR_GAP = 0.2  # the least room between two factors' numbers


class ChainRule(VGroup):
    """``∂E/∂w = ∂E/∂a · ∂a/∂z · ∂z/∂w`` for weight ``w`` into the neuron with output ``a`` and input ``z``
    (LaTeX symbols), each factor's number (``factors``, in that order, in its own colour or ``text_color``) under
    a brace (in ``color``). With ``a=None``
    (a softmax output, whose ∂E/∂z is one number, ŷ − y) it is ``∂E/∂w = ∂E/∂z · ∂z/∂w``.

    Parts: ``self.equation`` (the symbolic line), ``self.braces``, ``self.factors``.
    """

    @staticmethod
    def pieces(w: str, a: str | None, z: str) -> list[str]:
        """The symbolic line's ``MathTex`` arguments: ∂E/∂w, =, then the factors with · between them."""
        links = [symbols.partial("E", a), symbols.partial(a, z)] if a is not None else [symbols.partial("E", z)]
        pieces = [symbols.partial("E", w), "="]
        for link in (*links, symbols.partial(z, w)):
            pieces += [link, r"\cdot"]
        return pieces[:-1]

    def __init__(
        self, w: str, a: str | None, z: str, factors: Sequence[Num], decimals: int, text_color: Color, color: Color
    ) -> None:
        super().__init__()
        pieces = self.pieces(w, a, z)
        self.equation = MathTex(*pieces, font_size=EMPHASIS_SIZE, color=text_color)
        parts = [self.equation[k] for k in range(2, len(pieces) + 1, 2)]
        self.braces = VGroup(*(Brace(part, DOWN, buff=0.08, color=color) for part in parts))
        self.factors: list[TraceNumber] = [
            TraceNumber(factor.value, factor.entry, decimals, factor.color or text_color, LABEL_SIZE).next_to(
                brace, DOWN, buff=0.08
            )
            for factor, brace in zip(factors, self.braces, strict=True)
        ]
        self.add(self.equation, self.braces, *self.factors)
        # Factor numbers wider than their symbol would collide: spread them apart.
        for left, right in zip(self.factors, self.factors[1:], strict=False):
            overlap = left.get_right()[0] + FACTOR_GAP - right.get_left()[0]
            if overlap > 0:
                right.shift(overlap * RIGHT)
