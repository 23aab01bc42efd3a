"""Bars on a log scale: one per weight layer, for sizes that differ by orders of magnitude."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, DashedLine, Line, MathTex, Rectangle, VGroup

from scenes.drawing.style import BAR_GAP_SHARE, GRID_MARGIN, GRID_STROKE, SMALL_FORMULA_SIZE
from scenes.drawing.theme import Color

MIN_BAR_SHARE = 0.12  # the smallest bar is at least this share of the height: it starts a decade lower


def scale_value(power: int) -> str:
    """10^power as the scale writes it: "0.01", "1", "10" (small powers in full, others 10ⁿ), in LaTeX."""
    if -4 <= power <= 3:
        return f"{10.0**power:.{max(-power, 0)}f}"
    return rf"10^{{{power}}}"


class LogBars(VGroup):
    """Bars of ``values`` (≥ 0) on a log scale, each with its name under it and a dashed line at every
    power of ten between the bars, each line's value at its left. A zero
    has no bar."""

    def __init__(
        self,
        values: np.ndarray,
        names: list[str],
        color: Color,
        axis_color: Color,
        width: float,
        height: float,
        clear: float = 0.0,
    ) -> None:
        """``clear``: how wide a strip around each bar's centre the dashed lines leave out (for its label)."""
        super().__init__()
        self.values = np.asarray(values, dtype=float)
        positive = self.values[self.values > 0]
        logs = np.log10(positive) if positive.size else np.zeros(1)
        self.low = math.floor(float(logs.min()))
        if float(logs.min()) - self.low < MIN_BAR_SHARE:
            self.low -= 1  # the smallest bar would be barely visible
        self.high = max(math.ceil(float(logs.max())), self.low + 1)
        self.chart_height = height
        slot = width / len(self.values)
        bar_width = slot * (1 - BAR_GAP_SHARE)
        self.baseline = Line((-width / 2, 0, 0), (width / 2, 0, 0), color=axis_color, stroke_width=2)
        centres = [-width / 2 + slot * (k + 0.5) for k in range(len(self.values))]
        gap = max(clear, bar_width) / 2 + GRID_MARGIN  # the lines stop this far from a bar's centre
        stops = [-width / 2, *(x for c in centres for x in (c - gap, c + gap)), width / 2]
        self.grid = VGroup(
            *(
                DashedLine((a, y, 0), (b, y, 0), color=axis_color, stroke_width=GRID_STROKE)
                for y in (self.y_of(10.0**p) for p in range(self.low + 1, self.high + 1))
                for a, b in zip(stops[::2], stops[1::2], strict=True)
                if b - a > GRID_MARGIN
            )
        )
        # each line's value at its left, the base line's too: the scale reads without counting
        self.ticks = VGroup(
            *(
                MathTex(scale_value(p), font_size=SMALL_FORMULA_SIZE, color=axis_color).next_to(
                    (-width / 2, self.y_of(10.0**p), 0), LEFT, buff=0.15
                )
                for p in range(self.low, self.high + 1)
            )
        )
        self.bars = VGroup()
        self.names = VGroup()
        for k, (value, name) in enumerate(zip(self.values, names, strict=True)):
            x = centres[k]
            bar_height = max(self.y_of(value), 1e-3)
            bar = Rectangle(width=bar_width, height=bar_height, color=color, fill_color=color, fill_opacity=0.75)
            bar.move_to((x, bar_height / 2, 0))
            if value <= 0:
                bar.set_opacity(0)
            self.bars.add(bar)
            self.names.add(MathTex(name, font_size=SMALL_FORMULA_SIZE, color=axis_color).next_to((x, 0, 0), DOWN))
        self.add(self.grid, self.baseline, self.bars, self.names, self.ticks)

    def y_of(self, value: float) -> float:
        """Height of ``value`` above the baseline (the baseline is 10^low)."""
        if value <= 0:
            return 0.0
        return (math.log10(value) - self.low) / (self.high - self.low) * self.chart_height

    def top_of(self, k: int) -> np.ndarray:
        """The middle of the top edge of bar ``k``."""
        return np.asarray(self.bars[k].get_top())
