"""A loss history on a log axis (E from 10^low to 10^high), with a dashed line at every power of ten."""

from __future__ import annotations

import itertools

import numpy as np
from manim import Axes, DashedLine, MathTex, VGroup, VMobject

from scenes.drawing.style import CHART_SIZE
from scenes.drawing.theme import Color

CURVE_STROKE = 4.0
GRID_STROKE = 1.0
HIDDEN_WITHIN = 0.08  # a level line this near a decade line (in the frame) would lie on it: the decade line goes
AXIS_NUMBER_SIZE = CHART_SIZE  # an axis's numbers (10⁻³, 0.2): MathTex digits 0.29 units, 17 px at 480p
LABEL_GAP = 0.12  # decade labels keep this clear of each other
LEVEL_DASH = 0.14  # a level line's dashes, longer than the decade lines' (manim's 0.05): it reads as another line


def decades(bottom: float, top: float) -> tuple[int, int]:
    """The powers of ten that hold [bottom, top] (at least one decade apart)."""
    low, high = int(np.floor(np.log10(bottom))), int(np.ceil(np.log10(top)))
    return low, max(high, low + 1)


def decade_latex(n: int) -> str:
    """10ⁿ in LaTeX, its exponent as tall as its digits (a superscript's 70 % was 10 px at 480p: too small to read)."""
    return rf"10^{{\textstyle {n}}}"


def times_power(n: int) -> str:
    """ "× 10ⁿ" of m × 10ⁿ, in LaTeX (its exponent as :func:`decade_latex`'s)."""
    return rf"\times {decade_latex(n)}"


def labelled_decades(low: int, high: int, most: int = 4) -> list[int]:
    """The powers of ten that get a label, top first: the top, the bottom and evenly between, at most ``most``,
    every two labelled at least ``step`` decades apart (never two in neighbouring decades of a long axis)."""
    step = max(1, int(np.ceil((high - low) / (most - 1))))
    picked = list(range(low, high + 1, step))  # from the bottom up, ``step`` apart
    if picked[-1] != high:
        picked = [*picked[:-1], high] if high - picked[-1] < step and len(picked) > 1 else [*picked, high]
    return picked[::-1]


class LogRunPlot(VGroup):
    """Axes (step →, E ↑ on a log scale), the decade lines and ``values`` (all > 0, already clipped) as a line.

    The axes count decades from the bottom (y = log₁₀ E − low), so the step axis lies along the bottom of the plot
    whatever the range (manim draws it through y = 0)."""

    def __init__(
        self,
        values: np.ndarray,
        low: int,
        high: int,
        color: Color,
        axis_color: Color,
        width: float,
        height: float,
        clear_of: float | None = None,
    ) -> None:
        """``clear_of``: a value whose own line (``level``) is drawn; no decade line lies as near it as to hide it."""
        super().__init__()
        steps = len(values) - 1
        self.low, self.high = low, high
        self.axes = Axes(
            x_range=[0, steps, max(steps // 4, 1)],
            y_range=[0, high - low, 1],
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"color": axis_color, "include_numbers": False, "stroke_width": 2},
        )
        self.logs = np.log10(np.asarray(values, dtype=float))
        self.grid = VGroup(
            *(DashedLine(self.at(0, n), self.at(steps, n), color=axis_color, stroke_width=GRID_STROKE)
              for n in range(low + 1, high + 1) if clear_of is None or self.apart(n, clear_of))
        )  # fmt: skip
        self.graph: VMobject = self.axes.plot_line_graph(
            np.arange(steps + 1), self.logs - low, add_vertex_dots=False, line_color=color, stroke_width=CURVE_STROKE
        )
        self.add(self.axes, self.grid, self.graph)

    def apart(self, n: int, value: float) -> bool:
        """True when the decade line at 10ⁿ lies far enough from the level line at ``value`` to tell them apart."""
        y = float(np.clip(np.log10(value), self.low, self.high))
        return bool(abs(self.at(0, n)[1] - self.at(0, y)[1]) > HIDDEN_WITHIN)

    def at(self, step: float, log_error: float) -> np.ndarray:
        """The point of step ``step`` at E = 10^``log_error``."""
        return np.asarray(self.axes.c2p(step, log_error - self.low))

    def level(self, value: float, steps: int) -> DashedLine:
        """A dashed line across the plot at E = ``value`` (E at the start)."""
        y = float(np.clip(np.log10(value), self.low, self.high))
        return DashedLine(self.at(0, y), self.at(steps, y), dash_length=LEVEL_DASH)

    def decade_labels(self, color: Color, most: int = 4) -> VGroup:
        """10ⁿ beside the y axis at a few powers of ten: at most ``most``, fewer where a short plot would crowd them
        (each label at least LABEL_GAP clear of the next)."""
        labels = VGroup()
        for count in range(most, 1, -1):
            labels = VGroup()
            for n in labelled_decades(self.low, self.high, count):
                label = MathTex(decade_latex(n), font_size=AXIS_NUMBER_SIZE, color=color)
                labels.add(label.next_to(self.at(0, n), direction=np.array([-1.0, 0.0, 0.0]), buff=0.12))
            rows = sorted(labels, key=lambda m: m.get_center()[1])
            if all(low.get_top()[1] + LABEL_GAP < high.get_bottom()[1] for low, high in itertools.pairwise(rows)):
                break
        return labels
