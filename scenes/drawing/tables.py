"""Side tables for networks too large to label every edge: a layer's weights and biases as matrices."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, DecimalNumber, MathTex, Matrix, VGroup

from scenes.drawing.diagram import LABEL_FONT_SIZE
from scenes.drawing.numbers import number


class ParameterTable(VGroup):
    """``W⁽ˡ⁾ = [matrix]  b⁽ˡ⁾ = [column]`` (either part optional); ``self.numbers`` lists its numbers."""

    def __init__(
        self,
        l: int,
        weights: np.ndarray | None,
        biases: np.ndarray | None,
        decimals: int,
        color: str,
        number_color: str,
        weight_symbol: str = "W",
        bias_symbol: str = "b",
        max_width: float = 5.8,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        self.numbers: list[DecimalNumber] = []
        parts = []
        for symbol, values in ((weight_symbol, weights), (bias_symbol, biases)):
            if values is None:
                continue
            rows = np.atleast_2d(values) if values.ndim == 2 else values.reshape(-1, 1)
            matrix = Matrix(
                rows.tolist(),
                element_to_mobject=lambda v: number(v, decimals, number_color, LABEL_FONT_SIZE),
                v_buff=0.55,
                h_buff=1.15 + 0.12 * decimals,
                bracket_h_buff=0.12,
            )
            matrix.get_brackets().set_color(color)
            self.numbers.extend(matrix.get_entries())
            name = MathTex(rf"{symbol}^{{({l + 1})}} =", font_size=34, color=color)
            parts.append(VGroup(name, matrix).arrange(RIGHT, buff=0.15))
        self.add(*parts)
        self.arrange(RIGHT, buff=0.5)
        if self.width > max_width:  # W above b rather than shrinking the numbers
            self.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
