"""Side tables for networks too large to label every edge: a layer's weights and biases as matrices."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, MathTex, Matrix, VGroup

from scenes.drawing.numbers import TraceNumber, number
from scenes.drawing.style import FORMULA_SIZE, LABEL_SIZE
from scenes.drawing.theme import Color

Named = tuple[str, np.ndarray]  # (trace entry name, its values for this layer)


class ParameterTable(VGroup):
    """``W⁽ˡ⁾ = [matrix]  b⁽ˡ⁾ = [column]`` for weight layer ``l`` (either part optional).

    ``weights`` / ``biases`` name the trace entry shown (``grad_weights``, …) with its values;
    ``self.numbers`` lists the table's numbers.
    """

    def __init__(
        self,
        l: int,
        weights: Named | None,
        biases: Named | None,
        decimals: int,
        color: Color,
        number_color: Color,
        weight_symbol: str = "W",
        bias_symbol: str = "b",
        max_width: float = 5.8,
    ) -> None:
        super().__init__()
        self.numbers: list[TraceNumber] = []
        parts = []
        for symbol, named in ((weight_symbol, weights), (bias_symbol, biases)):
            if named is None:
                continue
            name, values = named
            rows = np.atleast_2d(values) if values.ndim == 2 else values.reshape(-1, 1)
            entries = [
                [number(v, (name, l, *((j, i) if values.ndim == 2 else (j,))), decimals, number_color, LABEL_SIZE)
                 for i, v in enumerate(row)]
                for j, row in enumerate(rows.tolist())
            ]  # fmt: skip
            matrix = Matrix(
                entries, element_to_mobject=lambda m: m, v_buff=0.55, h_buff=1.15 + 0.12 * decimals, bracket_h_buff=0.12
            )
            matrix.get_brackets().set_color(color)
            self.numbers.extend(e for row in entries for e in row)
            title = MathTex(rf"{symbol}^{{({l + 1})}} =", font_size=FORMULA_SIZE, color=color)
            parts.append(VGroup(title, matrix).arrange(RIGHT, buff=0.15))
        self.add(*parts)
        self.arrange(RIGHT, buff=0.5)
        if self.width > max_width:  # W above b rather than shrinking the numbers
            self.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
