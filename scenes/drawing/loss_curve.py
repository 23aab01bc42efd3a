"""Loss curves: a loss history on axes, and a run drawn whole beside its first steps drawn wide."""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, UP, Axes, Line, MathTex, Polygon, Text, VGroup, VMobject

from nnmath.notation import format_number
from scenes.drawing.label_search import Box, box_of
from scenes.drawing.log_plot import AXIS_NUMBER_SIZE, times_power
from scenes.drawing.style import LABEL_SIZE, TEXT_SIZE
from scenes.drawing.theme import Color, Theme

# The first steps drawn wide on the left, the whole run on the right.
ZOOM_STEPS = 10  # the zoom shows steps 0 … ZOOM_STEPS; E₀, E₁ and E at its end are marked there
# room for the zoom's E labels on its left; its axis name above SAFE_BOTTOM
ZOOM_ORIGIN, ZOOM_WIDTH, ZOOM_HEIGHT = (-6.0, -2.25), 4.9, 4.4  # its tick labels (17 px digits) inside the margin
WHOLE_ORIGIN, WHOLE_WIDTH, WHOLE_HEIGHT = (0.8, -2.15), 5.9, 3.7
WATCHED_STROKE = 7.0  # the segment from E₀ to E₁: the update the viewer watched
CURVE_STROKE = 4.0
LOWEST_TOP = 1e-300  # the top of the E axis when the error is 0 throughout
AXIS_CLEAR = 0.2  # labels keep this much farther from the axes' numbers and names (they read as apart)
MAX_RISE = 100.0  # a run whose error climbs beyond this many times E₀ leaves the top of the plot


TICKS_AT_MOST = 6  # the E axis's labelled ticks: at round values, at most this many
NICE_STEPS = (1, 2, 5)  # × a power of ten


def tick_step(top: float) -> tuple[int, int]:
    """The E axis's tick spacing for an axis up to ``top``, as (s, p) for s × 10ᵖ, s in NICE_STEPS: the smallest
    with at most TICKS_AT_MOST ticks (0.1 for an axis up to 0.30; 0.2 up to 1.03)."""
    p = math.floor(math.log10(top / TICKS_AT_MOST))
    for power in (p, p + 1):
        for s in NICE_STEPS:
            if top / (s * 10.0**power) <= TICKS_AT_MOST:
                return s, power
    return 1, p + 2


def tick_latex(k: int, s: int, p: int) -> str:
    """The label of the k-th tick (k · s × 10ᵖ), in LaTeX: a decimal ("0.1", "20"), or m × 10ᵖ with 1 ≤ m < 10 when it
    would need more than four places (a tiny error: "2 \\times 10^{-5}", "1 \\times 10^{-4}", never 10 × 10⁻⁵)."""
    if p < -4:
        figures = str(k * s)
        mantissa = f"{figures[0]}.{figures[1:]}".rstrip("0").rstrip(".")  # 10 → 1, 12 → 1.2, 5 → 5
        return rf"{mantissa} {times_power(p + len(figures) - 1)}"
    digits, places = k * s, max(-p, 0)
    while places and digits % 10 == 0:  # at the places it needs: 0.001, not 0.0010; 1, not 1.0
        digits, places = digits // 10, places - 1
    return format_number(k * s * 10.0**p, places)


def e_ticks(top: float) -> list[tuple[float, str]]:
    """The E axis's labelled ticks up to ``top``: (E, label); none when the error is 0 throughout."""
    if not (math.isfinite(top) and top > LOWEST_TOP):
        return []
    s, p = tick_step(top)
    count = int(top / (s * 10.0**p) + 1e-9)
    return [(k * s * 10.0**p, tick_latex(k, s, p)) for k in range(1, count + 1)]


def tick_labels(ticks: list[tuple[np.ndarray, str]], color: Color) -> VGroup:
    """The E axis's tick labels, each left of its tick's point on the axis: (point, LaTeX) pairs."""
    return VGroup(
        *(MathTex(tex, font_size=AXIS_NUMBER_SIZE, color=color).next_to(at, LEFT, buff=0.12) for at, tex in ticks)
    )


class LossCurve(VGroup):
    """Axes (step →, E ↑, ticks at round values of E, each labelled) and a loss history as a line; E is scaled to
    ``top``."""

    def __init__(
        self,
        history: np.ndarray,
        color: Color,
        axis_color: Color,
        width: float,
        height: float,
        top: float,
        step_tick: int | None = None,
    ) -> None:
        super().__init__()
        steps = len(history) - 1
        # E is plotted in units of ``top`` (axes from 0 to 1): manim's axes cannot span a tiny range, and an
        # error of 0 throughout has none (its axes then reach E = LOWEST_TOP).
        top = top if math.isfinite(top) and top > 0 else LOWEST_TOP
        self.top = top
        self.history = np.nan_to_num(np.asarray(history, dtype=float), nan=top, posinf=top, neginf=0.0)
        self.ticks = e_ticks(top)
        self.axes = Axes(
            x_range=[0, steps, step_tick or max(steps // 4, 1)],
            y_range=[0, 1, self.ticks[0][0] / top if self.ticks else 1.0],
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"color": axis_color, "include_numbers": False, "stroke_width": 2},
        )
        self.graph = self.part(0, steps, color)
        self.tick_labels = tick_labels([(self.c2p(0, e), tex) for e, tex in self.ticks], axis_color)
        self.add(self.axes, self.graph)  # the tick labels come with the axis names (``axis_names``)

    def c2p(self, step: float, error: float) -> np.ndarray:
        """The point of E = ``error`` after ``step`` updates in the frame."""
        return np.asarray(self.axes.c2p(step, error / self.top))

    def point(self, step: int) -> np.ndarray:
        """Where E after ``step`` updates lies (at the top edge if it is above the plot)."""
        return self.c2p(step, min(float(self.history[step]), self.top))

    def part(self, first: int, last: int, color: Color, stroke_width: float = CURVE_STROKE) -> VMobject:
        """The line through E after ``first`` … ``last`` updates."""
        steps = np.arange(first, last + 1)
        line: VMobject = self.axes.plot_line_graph(
            steps,
            np.minimum(self.history[first : last + 1] / self.top, 1.0),  # a diverging run leaves the top of the plot
            add_vertex_dots=False,
            line_color=color,
            stroke_width=stroke_width,
        )
        return line

    def vertices(self) -> list[np.ndarray]:
        """The curve's corners in the frame, for keeping labels off it."""
        return [self.point(k) for k in range(len(self.history))]

    def outline(self) -> list[list[np.ndarray]]:
        """The axes' lines and tick marks in the frame."""
        axes = (self.axes.x_axis, self.axes.y_axis)
        ticks = [tick for axis in axes for tick in axis.ticks]
        return [[m.get_start(), m.get_end()] for m in (*axes, *ticks)]

    def place(self, origin: tuple[float, float]) -> LossCurve:
        """Move so that step 0, E = 0 lies at ``origin``."""
        offset = np.array([*origin, 0.0]) - self.c2p(0, 0)
        self.shift(offset)
        self.tick_labels.shift(offset)  # not in the group: they come with the axis names
        return self


class ZoomedRun(VGroup):
    """The loss curve of the whole run (right) beside its first ZOOM_STEPS steps drawn wide (left): the
    zoomed region is shaded on the whole run and a band joins it to the zoom."""

    def __init__(self, history: np.ndarray, theme: Theme) -> None:
        super().__init__()
        top, zoom_top = plot_tops(history)
        self.zoom = LossCurve(history[: ZOOM_STEPS + 1], theme.error, theme.muted, ZOOM_WIDTH, ZOOM_HEIGHT, zoom_top, 1)
        self.whole = LossCurve(history, theme.error, theme.muted, WHOLE_WIDTH, WHOLE_HEIGHT, top, ZOOM_STEPS)
        self.zoom.place(ZOOM_ORIGIN)
        self.whole.place(WHOLE_ORIGIN)
        self.watched = self.zoom.part(0, 1, theme.text, WATCHED_STROKE)  # the update the viewer saw
        self.rest = self.zoom.part(1, ZOOM_STEPS, theme.error)
        c2p = self.whole.c2p
        self.region_corners = [c2p(0, zoom_top), c2p(ZOOM_STEPS, zoom_top), c2p(ZOOM_STEPS, 0)]
        self.region = Polygon(
            c2p(0, 0), *reversed(self.region_corners),
            color=theme.muted, stroke_width=2, fill_color=theme.muted, fill_opacity=0.15,
        )  # fmt: skip
        zoom_top_right = self.zoom.c2p(ZOOM_STEPS, zoom_top)
        zoom_bottom_right = self.zoom.c2p(ZOOM_STEPS, 0)
        self.band_edges = [[zoom_top_right, c2p(0, zoom_top)], [zoom_bottom_right, c2p(0, 0)]]
        self.band = VGroup(
            Polygon(
                zoom_bottom_right, zoom_top_right, c2p(0, zoom_top), c2p(0, 0),
                stroke_width=0, fill_color=theme.muted, fill_opacity=0.08,
            ),
            *(Line(a, b, color=theme.muted, stroke_width=1.5) for a, b in self.band_edges),
        )  # fmt: skip
        self.band_box: Box = (zoom_top_right[0], zoom_bottom_right[1], c2p(0, 0)[0], zoom_top_right[1])
        self.zoom_names = axis_names(self.zoom, f"the first {ZOOM_STEPS} updates", theme)
        self.whole_names = axis_names(self.whole, f"all {len(history) - 1} updates", theme)
        self.add(self.zoom.axes, self.watched, self.rest, self.zoom_names, self.whole, self.whole_names)
        self.add(self.region, self.band)

    def point(self, step: int) -> np.ndarray:
        """Where E after ``step`` updates lies: in the zoom if it shows that step."""
        return (self.zoom if step <= ZOOM_STEPS else self.whole).point(step)

    def lines(self) -> list[list[np.ndarray]]:
        """Every line a label must keep off: axes, ticks, curves, the band and the zoomed region."""
        curves = [self.zoom.vertices(), self.whole.vertices()]
        return [*self.zoom.outline(), *self.whole.outline(), *curves, *self.band_edges, self.region_corners]

    def boxes(self) -> list[Box]:
        """What labels must keep out of: the band and the axes' names."""
        return [self.band_box, *(box_of(m, AXIS_CLEAR) for m in (*self.zoom_names, *self.whole_names))]


def plot_tops(history: np.ndarray) -> tuple[float, float]:
    """The tops of the E axes of the whole run and of its zoom (``ZoomedRun``)."""
    start = max(float(history[0]), 1e-9)
    top = plot_top(history, MAX_RISE * start)
    return top, plot_top(history[: ZOOM_STEPS + 1], top)


DECIMAL_TICKS = range(-4, 4)  # the powers of ten whose ticks read as decimals, typeset ahead whatever the numbers


def tick_formulas(history: np.ndarray) -> list[tuple[str, ...]]:
    """The tick labels' LaTeX to typeset ahead: every decimal one (other numbers find them typeset), and those of
    ``history``'s ``ZoomedRun``."""
    every = [tick_latex(k, s, p) for p in DECIMAL_TICKS for s in NICE_STEPS for k in range(1, TICKS_AT_MOST + 1)]
    return [(tex,) for tex in dict.fromkeys([*every, *(t for top in plot_tops(history) for _, t in e_ticks(top))])]


def plot_top(history: np.ndarray, cap: float) -> float:
    """The top of a plot of ``history``: a little above its largest value, at most a little above ``cap``."""
    finite = history[np.isfinite(history)]
    return min(float(finite.max()) if finite.size else cap, cap) * 1.1


def axis_names(curve: LossCurve, steps: str, theme: Theme) -> VGroup:
    """What the steps are under the x axis, E above the y axis, and the values of E at its ticks."""
    return VGroup(
        *curve.tick_labels,
        Text(steps, font_size=LABEL_SIZE, color=theme.muted).next_to(curve.axes.x_axis, DOWN, buff=0.25),
        Text("E", font_size=TEXT_SIZE, color=theme.muted).next_to(curve.axes.y_axis, UP, buff=0.15),
    )
