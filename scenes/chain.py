"""The chain rule for one weight: ∂E/∂w as a product of three factors, each number under a brace."""

from __future__ import annotations

from manim import DOWN, RIGHT, Brace, DecimalNumber, MathTex, VGroup

from scenes.drawing import symbols
from scenes.drawing.diagram import LABEL_FONT_SIZE
from scenes.drawing.numbers import number
from scenes.stage.context import StepContext


class ChainRule(VGroup):
    """``∂E/∂w = ∂E/∂a · ∂a/∂z · ∂z/∂w`` for the focus weight of weight layer ``l``.

    ``self.equation`` is the symbolic line, ``self.braces`` the braces and ``self.factors`` the three
    factor values (∂E/∂a, f′(z), a of the input) from the trace.
    """

    def __init__(self, ctx: StepContext, l: int, **kwargs: object) -> None:
        super().__init__(**kwargs)
        t, theme, c = ctx.trace, ctx.theme, ctx.config
        j, i = c.focus[l]
        layer = l + 1
        a_j = symbols.a(layer, j, c)
        w = symbols.weight(l, j, i)
        self.equation = MathTex(
            symbols.partial("E", w),
            "=",
            symbols.partial("E", a_j),
            r"\cdot",
            symbols.partial(a_j, symbols.z(layer, j)),
            r"\cdot",
            symbols.partial(symbols.z(layer, j), w),
            font_size=38,
            color=theme.text,
        )
        factor_parts = (self.equation[2], self.equation[4], self.equation[6])
        values = (t.dE_da[l][j], t.da_dz[l][j], t.dz_dw[l][i])
        self.braces = VGroup(*(Brace(part, DOWN, buff=0.08, color=theme.backward) for part in factor_parts))
        self.factors: list[DecimalNumber] = [
            number(v, ctx.decimals, theme.backward, LABEL_FONT_SIZE).next_to(brace, DOWN, buff=0.08)
            for v, brace in zip(values, self.braces, strict=True)
        ]
        self.add(self.equation, self.braces, *self.factors)
        # Factor numbers wider than their symbol would collide: spread them apart.
        for left, right in zip(self.factors, self.factors[1:], strict=False):
            overlap = left.get_right()[0] + 0.2 - right.get_left()[0]
            if overlap > 0:
                right.shift(overlap * RIGHT)
