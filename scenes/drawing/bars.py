"""Sizes on a log scale, one column per weight layer, for sizes that differ by orders of magnitude: a dot at each
size (a bar on a log axis would start at an arbitrary base, so its length would mean nothing).

The scale holds every positive size whatever it is: its dashed lines are powers of ten, ``step`` decades apart so
that at most MAX_LINES lines are drawn however many decades the sizes span, each with its value at its left. A size
of exactly 0 has no place on a log scale: its dot is drawn hollow under the base line and its label says 0."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, Circle, DashedLine, Dot, Line, MathTex, VGroup

from scenes.drawing.log_plot import decade_latex
from scenes.drawing.style import CHART_SIZE, GRID_MARGIN, GRID_STROKE
from scenes.drawing.theme import Color

MAX_LINES = 6  # at most this many lines above the base line, whatever the sizes span
DOT_RADIUS = 0.1
EDGE_SHARE = 0.3  # a size within this share of a decade of the scale's end gets a decade more room there
ZERO_DROP = 0.35  # a size of 0 is drawn this far under the base line


def scale_value(power: int) -> str:
    """10^power as the scale writes it: "0.01", "1", "10" (small powers in full, others 10ⁿ), in LaTeX."""
    if -4 <= power <= 3:
        return f"{10.0**power:.{max(-power, 0)}f}"
    return decade_latex(power)


def scale_span(values: np.ndarray) -> tuple[int, int, int]:
    """(low, high, step): the powers of ten of the base line and the top line, and the decades between two lines;
    every positive value lies between 10^low and 10^high, clear of both ends."""
    positive = values[(values > 0) & np.isfinite(values)]
    logs = np.log10(positive) if positive.size else np.zeros(1)
    low = math.floor(float(logs.min()) - EDGE_SHARE)
    high = max(math.ceil(float(logs.max()) + EDGE_SHARE), low + 1)
    step = max(1, math.ceil((high - low) / MAX_LINES))
    while True:  # lines at multiples of step: at most MAX_LINES above the base line
        bottom = math.floor(low / step) * step
        top = max(math.ceil(high / step) * step, bottom + step)
        if (top - bottom) // step <= MAX_LINES:
            return bottom, top, step
        step += 1


class LogBars(VGroup):
    """Dots at ``values`` (≥ 0) on a log scale, each column with its name under it, and a dashed line at every
    ``step``-th power of ten, its value at its left. (The class keeps its earlier name; ``bars`` are the dots.)"""

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
        """``clear``: how wide a strip right of each dot the dashed lines leave out (for its label)."""
        super().__init__()
        self.values = np.asarray(values, dtype=float)
        self.low, self.high, self.step = scale_span(self.values)
        self.chart_height = height
        slot = width / len(self.values)
        self.centres = [-width / 2 + slot * (k + 0.5) for k in range(len(self.values))]
        self.baseline = Line((-width / 2, 0, 0), (width / 2, 0, 0), color=axis_color, stroke_width=2)
        powers = range(self.low, self.high + 1, self.step)
        stops = [-width / 2]
        for c in self.centres:  # the lines stop around each dot and its label
            stops += [c - DOT_RADIUS - GRID_MARGIN, c + DOT_RADIUS + 0.15 + clear + GRID_MARGIN]
        stops.append(width / 2)
        self.grid = VGroup(
            *(
                DashedLine((a, y, 0), (b, y, 0), color=axis_color, stroke_width=GRID_STROKE)
                for y in (self.y_of(10.0**p) for p in powers[1:])
                for a, b in zip(stops[::2], stops[1::2], strict=True)
                if b - a > GRID_MARGIN
            )
        )
        self.ticks = VGroup(
            *(
                MathTex(scale_value(p), font_size=CHART_SIZE, color=axis_color).next_to(
                    (-width / 2, self.y_of(10.0**p), 0), LEFT, buff=0.15
                )
                for p in powers
            )
        )
        self.bars = VGroup()  # the dots, one per column
        self.names = VGroup()
        under = -ZERO_DROP if (self.values <= 0).any() else 0.0  # the names go under the lowest dot
        for x, value, name in zip(self.centres, self.values, names, strict=True):
            point = (x, self.y_of(value), 0)
            if value > 0:
                self.bars.add(Dot(point, radius=DOT_RADIUS, color=color))
            else:  # no place on a log scale: hollow, under the base line
                self.bars.add(Circle(radius=DOT_RADIUS, color=color, stroke_width=2).move_to(point))
            self.names.add(MathTex(name, font_size=CHART_SIZE, color=axis_color).next_to((x, under, 0), DOWN))
        self.add(self.grid, self.baseline, self.bars, self.names, self.ticks)

    @property
    def dots(self) -> VGroup:
        return self.bars

    def y_of(self, value: float) -> float:
        """Height of ``value`` above the base line (10^low); a size of 0 (or less) under it."""
        if not value > 0:
            return -ZERO_DROP
        return (math.log10(value) - self.low) / (self.high - self.low) * self.chart_height

    def top_of(self, k: int) -> np.ndarray:
        """The centre of dot ``k`` (its label goes at its right)."""
        return np.asarray(self.bars[k].get_center())
