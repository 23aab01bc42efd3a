"""The epilogue: the cycle repeats; the loss curve of many steps, and three learning rates side by side.

The main loss curve ties back to the update just watched: a zoom on the first ZOOM_STEPS steps, drawn
wide, marks E₀ and E₁ (the error before and after that update) and E₁₀; the whole run beside it marks
E₁₀₀. Labels are placed where they cover neither the curves, the axes nor each other, with a leader
line to their dot when they sit away from it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from manim import DOWN, LEFT, RIGHT, UP, Axes, Create, Dot, Line, Mobject, Polygon, Scene, Text, VGroup, VMobject

from nnmath.notation import format_number, sub, visible_decimals
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num
from scenes.drawing.layout import step_title
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import text
from scenes.drawing.style import (
    DRAW_CURVE,
    DRAW_LONG_CURVE,
    LABEL_SIZE,
    LOOK,
    READ,
    READ_ALL,
    READ_LONG,
    RESET,
    SHOW,
    SHOW_ROW,
    SMALL_FORMULA_SIZE,
    TEXT_SIZE,
)
from scenes.drawing.theme import Color, Theme
from scenes.stage.base import StepScene
from scenes.stage.context import RATE_FACTORS, REPEAT_STEPS, StepContext
from scenes.stage.states import after_update

RATE_NAMES = ("smaller η", "this η", "larger η")  # one per RATE_FACTORS

# --- the main loss curve: the first steps drawn wide on the left, the whole run on the right ---------
ZOOM_STEPS = 10  # the zoom shows steps 0 … ZOOM_STEPS; E₀, E₁ and E at its end are marked there
ZOOM_ORIGIN, ZOOM_WIDTH, ZOOM_HEIGHT = (-6.3, -2.75), 5.2, 4.9
WHOLE_ORIGIN, WHOLE_WIDTH, WHOLE_HEIGHT = (0.8, -2.15), 5.9, 3.7
DOT_RADIUS = 0.08
WATCHED_STROKE = 7.0  # the segment from E₀ to E₁: the update the viewer watched
CURVE_STROKE = 4.0
MAX_RISE = 100.0  # a run whose error climbs beyond this many times E₀ leaves the top of the plot

# --- placing the labels of the marked steps --------------------------------------------------------------
Box = tuple[float, float, float, float]  # left, bottom, right, top
Points = npt.NDArray[np.float64]  # (n, 2): what a label must not cover
LABEL_REGION: Box = (-6.95, -3.9, 6.95, 3.05)  # below the step title's line, inside the frame
GRID = 0.06  # candidate label centres lie on this grid
CLEAR_OF_LINES = 0.1  # a label keeps this far from curves, axes and dots
CLEAR_OF_LABELS = 0.12  # and this far from other labels
CLEAR_OF_DOT = 0.12  # the nearest a label comes to its own dot
LEADER_FROM = 0.3  # a label farther than this from its dot gets a leader line
LEADER_CROSSING = 0.8  # a leader that crosses a curve counts as this much farther away
BELOW = 0.1  # a label below its point counts as this much farther away (labels read best above)
MAX_REACH = 20.0  # a label may sit anywhere in LABEL_REGION, if nearer is taken
NOTE_REACH = 2.0  # the note on the watched update sits this close to it, or is left out


class LossCurve(VGroup):
    """Axes (step →, E ↑, no tick numbers) and a loss history as a line; E is scaled to ``top``."""

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
        self.top = top
        self.history = np.nan_to_num(np.asarray(history, dtype=float), nan=top, posinf=top, neginf=0.0)
        self.axes = Axes(
            x_range=[0, steps, step_tick or max(steps // 4, 1)],
            y_range=[0, top, top / 4],
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"color": axis_color, "include_numbers": False, "stroke_width": 2},
        )
        self.graph = self.part(0, steps, color)
        self.add(self.axes, self.graph)

    def point(self, step: int) -> np.ndarray:
        """Where E after ``step`` updates lies (at the top edge if it is above the plot)."""
        return np.asarray(self.axes.c2p(step, min(float(self.history[step]), self.top)))

    def part(self, first: int, last: int, color: Color, stroke_width: float = CURVE_STROKE) -> VMobject:
        """The line through E after ``first`` … ``last`` updates."""
        steps = np.arange(first, last + 1)
        line: VMobject = self.axes.plot_line_graph(
            steps,
            np.minimum(self.history[first : last + 1], self.top),  # a diverging run leaves the top of the plot
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
        self.shift(np.array([*origin, 0.0]) - np.asarray(self.axes.c2p(0, 0)))
        return self


def play_repeat(scene: Scene, ctx: StepContext, leaving: Mobject | None = None) -> None:
    """Play the epilogue on ``scene``; ``leaving`` (what the update left on screen) fades first."""
    title = step_title(None, "Repeat", ctx.theme.text)
    many_steps(scene, ctx, title, leaving)
    three_learning_rates(scene, ctx, title)


def shown_text(value: float, decimals: int) -> str:
    """A value as the subcaption writes it: as on screen, with more digits if it would read as zero."""
    return format_number(value, visible_decimals(value, decimals))


@dataclass
class Marker:
    """A label on the main loss curve and the point it names: a marked step (with its dot, ``E_k = …``)
    or a note; ``leader`` joins them when the label sits away from the point."""

    name: str
    point: np.ndarray
    label: VMobject
    color: Color
    dot: Dot | None = None
    leader: Line | None = None
    reach: float = MAX_REACH  # the farthest the label may sit from its point
    strict: bool = False  # its leader may not cross a curve
    optional: bool = False  # left out where there is no free place for it
    placed: bool = False

    def parts(self) -> VGroup:
        if not self.placed:
            return VGroup()
        return VGroup(*(m for m in (self.dot, self.leader, self.label) if m is not None))


class ZoomedRun(VGroup):
    """The loss curve of the whole run (right) beside its first ZOOM_STEPS steps drawn wide (left): the
    zoomed region is shaded on the whole run and a band joins it to the zoom."""

    def __init__(self, history: np.ndarray, theme: Theme) -> None:
        super().__init__()
        start = max(float(history[0]), 1e-9)
        top = plot_top(history, MAX_RISE * start)
        zoom_top = plot_top(history[: ZOOM_STEPS + 1], top)
        self.zoom = LossCurve(
            history[: ZOOM_STEPS + 1], theme.update, theme.muted, ZOOM_WIDTH, ZOOM_HEIGHT, zoom_top, 1
        )
        self.whole = LossCurve(history, theme.update, theme.muted, WHOLE_WIDTH, WHOLE_HEIGHT, top, ZOOM_STEPS)
        self.zoom.place(ZOOM_ORIGIN)
        self.whole.place(WHOLE_ORIGIN)
        self.watched = self.zoom.part(0, 1, theme.forward, WATCHED_STROKE)  # the update the viewer saw
        self.rest = self.zoom.part(1, ZOOM_STEPS, theme.update)
        c2p = self.whole.axes.c2p
        self.region_corners = [c2p(0, zoom_top), c2p(ZOOM_STEPS, zoom_top), c2p(ZOOM_STEPS, 0)]
        self.region = Polygon(
            c2p(0, 0), *reversed(self.region_corners),
            color=theme.muted, stroke_width=2, fill_color=theme.muted, fill_opacity=0.15,
        )  # fmt: skip
        zoom_top_right = self.zoom.axes.c2p(ZOOM_STEPS, zoom_top)
        zoom_bottom_right = self.zoom.axes.c2p(ZOOM_STEPS, 0)
        self.band_edges = [[zoom_top_right, c2p(0, zoom_top)], [zoom_bottom_right, c2p(0, 0)]]
        self.band = VGroup(
            Polygon(
                zoom_bottom_right, zoom_top_right, c2p(0, zoom_top), c2p(0, 0),
                stroke_width=0, fill_color=theme.muted, fill_opacity=0.08,
            ),
            *(Line(a, b, color=theme.muted, stroke_width=1.5) for a, b in self.band_edges),
        )  # fmt: skip
        self.band_box: Box = (zoom_top_right[0], zoom_bottom_right[1], c2p(0, 0)[0], zoom_top_right[1])
        self.zoom_names = axis_names(self.zoom, f"the first {ZOOM_STEPS} steps", theme)
        self.whole_names = axis_names(self.whole, f"all {REPEAT_STEPS} training steps", theme)
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
        return [self.band_box, *(box_of(m) for m in (*self.zoom_names, *self.whole_names))]


def plot_top(history: np.ndarray, cap: float) -> float:
    """The top of a plot of ``history``: a little above its largest value, at most a little above ``cap``."""
    finite = history[np.isfinite(history)]
    return min(float(finite.max()) if finite.size else cap, cap) * 1.1


def axis_names(curve: LossCurve, steps: str, theme: Theme) -> VGroup:
    """What the steps are under the x axis, E above the y axis."""
    return VGroup(
        Text(steps, font_size=LABEL_SIZE, color=theme.muted).next_to(curve.axes.x_axis, DOWN, buff=0.25),
        Text("E", font_size=TEXT_SIZE, color=theme.muted).next_to(curve.axes.y_axis, UP, buff=0.15),
    )


def many_steps(scene: Scene, ctx: StepContext, title: Mobject, leaving: Mobject | None) -> None:
    """The loss curve of REPEAT_STEPS training steps: the update just watched (E₀ → E₁) up close, then E₁₀₀."""
    theme, f, history = ctx.theme, ctx.decimals, ctx.history
    values = ", ".join(f"E{sub(k)} = {shown_text(history[k], f)}" for k in (ZOOM_STEPS, REPEAT_STEPS))
    caption = (
        f"The update you just watched took the error from E₀ = {shown_text(history[0], f)} "
        f"to E₁ = {shown_text(history[1], f)}. Repeat the four steps {REPEAT_STEPS} times: {values}."
    )
    with narrated(scene, "repeat-curve", caption):
        if leaving is not None:
            scene.wait(RESET)
            scene.play(Vanish(leaving), run_time=SHOW_ROW)
        scene.play(Appear(title))
        run = ZoomedRun(history, theme)
        first, second, tenth, last = (marker(ctx, k, run.point(k)) for k in (0, 1, ZOOM_STEPS, REPEAT_STEPS))
        note = Marker(
            "the note on the watched update",
            (run.zoom.point(0) + run.zoom.point(1)) / 2,
            Text("the update\nyou watched", font_size=LABEL_SIZE, color=theme.forward, line_spacing=0.8),
            theme.forward,
            reach=NOTE_REACH,
            strict=True,
            optional=True,
        )
        curves = [run.zoom.vertices(), run.whole.vertices()]
        place_labels([first, second, note, tenth, last], run.lines(), curves, [box_of(title), *run.boxes()])

        scene.play(Create(run.zoom.axes), Appear(run.zoom_names), run_time=SHOW_ROW)
        scene.play(Appear(first.parts()), run_time=SHOW)
        scene.wait(LOOK)
        scene.play(Create(run.watched), Appear(note.parts()), run_time=SHOW_ROW)
        scene.play(Appear(second.parts()), run_time=SHOW)
        scene.wait(READ)
        scene.play(Create(run.rest), run_time=DRAW_CURVE)
        scene.play(Appear(tenth.parts()), run_time=SHOW)
        scene.wait(LOOK)
        scene.play(Create(run.whole.axes), Appear(run.whole_names), Appear(run.region), Appear(run.band))
        scene.play(Create(run.whole.graph), run_time=DRAW_LONG_CURVE)
        scene.play(Appear(last.parts()), run_time=SHOW)
        scene.wait(READ_LONG)
        scene.play(Vanish(run), *(Vanish(m.parts()) for m in (first, second, note, tenth, last)))


def marker(ctx: StepContext, step: int, point: np.ndarray) -> Marker:
    """The dot and label of E after ``step`` updates (red unless below E₀, as the update step colours E after it)."""
    theme = ctx.theme
    color = theme.error if step == 0 or ctx.value(("history", step)) >= ctx.value(("history", 0)) else theme.update
    label = loss_label(ctx, step, ctx.num("history", step, color=color), SMALL_FORMULA_SIZE)
    return Marker(f"E{sub(step)}", point, label, color, Dot(point, radius=DOT_RADIUS, color=color))


def loss_label(ctx: StepContext, step: int, value: Num, font_size: float) -> Formula:
    """E_step = value (with more digits when the value would read as zero at the configured decimals)."""
    decimals = visible_decimals(value.value, ctx.decimals)
    return Formula(rf"E_{{{step}}}", "=", value, decimals=decimals, color=ctx.theme.text, font_size=font_size)


def three_learning_rates(scene: Scene, ctx: StepContext, title: Mobject) -> None:
    """The same training with a smaller, this and a larger η, side by side."""
    theme, f = ctx.theme, ctx.decimals
    finals = ", ".join(f"with η = {text(eta, f)} it is {shown_text(h[-1], f)}" for eta, h in ctx.rate_runs)
    caption = f"The learning rate sets the step size. The error after {REPEAT_STEPS} steps: {finals}."
    with narrated(scene, "repeat-rates", caption):
        top = float(max(h[0] for _, h in ctx.rate_runs)) * 1.1
        panels = VGroup()
        shown: list[tuple[Text, Formula, LossCurve, Formula]] = []  # each panel's parts, typed
        for r, (name, (_, history)) in enumerate(zip(RATE_NAMES, ctx.rate_runs, strict=True)):
            plot = LossCurve(history, theme.update, theme.muted, 3.6, 2.8, top)
            head = Formula(
                r"\eta",
                "=",
                ctx.num("rate", r, color=theme.update),
                decimals=f,
                color=theme.text,
                font_size=SMALL_FORMULA_SIZE,
            )
            tag = Text(name, font_size=LABEL_SIZE, color=theme.muted)
            final = loss_label(
                ctx, REPEAT_STEPS, ctx.num("rate_history", r, REPEAT_STEPS, color=theme.error), TEXT_SIZE
            )
            panels.add(VGroup(tag, head, plot, final).arrange(DOWN, buff=0.25))
            shown.append((tag, head, plot, final))
        panels.arrange(RIGHT, buff=0.6).move_to((0, -0.5, 0))
        for tag, head, plot, final in shown:
            scene.play(Appear(tag), Appear(head), Create(plot.axes), run_time=SHOW_ROW)
            scene.play(Create(plot.graph), Appear(final), run_time=DRAW_CURVE)
        scene.wait(READ_ALL)
        scene.play(Vanish(panels), Vanish(title))


# --- label placement ----------------------------------------------------------------------------------


def sampled(polylines: Sequence[Sequence[np.ndarray]], spacing: float = 0.03) -> Points:
    """Points along each polyline, at most ``spacing`` apart."""
    points: list[np.ndarray] = []
    for polyline in polylines:
        corners = [np.asarray(p, dtype=float)[:2] for p in polyline]
        for a, b in itertools.pairwise(corners):
            n = max(int(np.linalg.norm(b - a) / spacing), 1)
            points.extend(a + (b - a) * t for t in np.linspace(0.0, 1.0, n + 1))
        points.extend(corners[:1])
    return np.array(points) if points else np.zeros((0, 2))


def box_of(mob: Mobject, pad: float = 0.0) -> Box:
    left, bottom = mob.get_corner(DOWN + LEFT)[:2]
    right, top = mob.get_corner(UP + RIGHT)[:2]
    return (float(left) - pad, float(bottom) - pad, float(right) + pad, float(top) + pad)


def place_labels(
    markers: list[Marker],
    lines: Sequence[Sequence[np.ndarray]],
    curves: Sequence[Sequence[np.ndarray]],
    fixed: Sequence[Box],
) -> None:
    """Put each marker's label, in order, at the free place nearest its point; add a leader if it is away.

    Free: inside LABEL_REGION, clear of ``lines`` (axes, curves, the zoom band), of every dot, of the
    ``fixed`` boxes and of labels and leaders placed before, with a leader that crosses no label. A
    leader that crosses a curve (``curves``) is allowed (unless the marker says otherwise) but costs
    LEADER_CROSSING.
    """
    dots = [m.dot.get_center()[:2] for m in markers if m.dot is not None]
    obstacles = np.vstack([sampled(lines), *(sampled([[d, d]]) for d in dots)])
    curve_points = sampled(curves)
    boxes = list(fixed)
    for m in markers:
        place = best_place(m, obstacles, curve_points, boxes)
        if place is None and m.optional:
            continue
        if place is None:  # no free place (a label wider than the frame): above its point, as it comes
            place = np.asarray(m.point, dtype=float)[:2] + np.array(
                [0.0, m.label.height / 2 + CLEAR_OF_DOT + DOT_RADIUS]
            )
        m.placed = True
        m.label.move_to((*place, 0.0))
        anchor = np.asarray(m.point, dtype=float)[:2]
        if box_gap(anchor, m.label) > LEADER_FROM:
            end = nearest_on_box(anchor, place, m.label.width / 2, m.label.height / 2)
            direction = (end - anchor) / np.linalg.norm(end - anchor)
            start = anchor + direction * ((DOT_RADIUS if m.dot else 0.0) + 0.04)
            m.leader = Line(
                np.array([*start, 0.0]), np.array([*(end - direction * 0.06), 0.0]), color=m.color, stroke_width=2
            )
            obstacles = np.vstack([obstacles, sampled([[start, end]])])
        boxes.append(box_of(m.label))


def best_place(marker: Marker, obstacles: Points, curves: Points, boxes: Sequence[Box]) -> np.ndarray | None:
    """The centre for ``marker``'s label nearest its point among the free ones, or None."""
    anchor = np.asarray(marker.point, dtype=float)[:2]
    half_w, half_h = marker.label.width / 2, marker.label.height / 2
    left, bottom, right, top = LABEL_REGION
    xs = np.arange(left + half_w, right - half_w, GRID)
    ys = np.arange(bottom + half_h, top - half_h, GRID)
    cx, cy = (a.ravel() for a in np.meshgrid(xs, ys))
    gap = np.hypot(  # between the point and the label's box
        np.maximum(np.abs(cx - anchor[0]) - half_w, 0.0), np.maximum(np.abs(cy - anchor[1]) - half_h, 0.0)
    )
    ok = (gap >= CLEAR_OF_DOT + (DOT_RADIUS if marker.dot else 0.0)) & (gap <= marker.reach)
    pad_w, pad_h = half_w + CLEAR_OF_LINES, half_h + CLEAR_OF_LINES
    for chunk in np.array_split(obstacles, max(len(obstacles) // 400, 1)):
        inside = (np.abs(cx[:, None] - chunk[None, :, 0]) < pad_w) & (np.abs(cy[:, None] - chunk[None, :, 1]) < pad_h)
        ok &= ~inside.any(axis=1)
    for b_left, b_bottom, b_right, b_top in boxes:
        ok &= ~(
            (cx + half_w + CLEAR_OF_LABELS > b_left)
            & (cx - half_w - CLEAR_OF_LABELS < b_right)
            & (cy + half_h + CLEAR_OF_LABELS > b_bottom)
            & (cy - half_h - CLEAR_OF_LABELS < b_top)
        )
    cost = gap + BELOW * (cy < anchor[1])
    candidates = np.flatnonzero(ok)
    best: tuple[float, np.ndarray] | None = None
    for k in candidates[np.argsort(cost[candidates], kind="stable")]:
        centre = np.array([cx[k], cy[k]])
        score = float(cost[k])
        if best is not None and score >= best[0]:
            break  # every later place costs more
        if gap[k] > LEADER_FROM:
            leader = sampled([[anchor, nearest_on_box(anchor, centre, half_w, half_h)]], 0.02)[:-1]
            leader = leader[np.linalg.norm(leader - anchor, axis=1) > DOT_RADIUS + 0.05]
            if not len(leader) or any(crosses(leader, b) for b in boxes):
                continue
            if len(curves) and np.min(np.linalg.norm(leader[:, None, :] - curves[None, :, :], axis=2)) < 0.03:
                if marker.strict:
                    continue
                score += LEADER_CROSSING
            if len(obstacles) and np.min(np.linalg.norm(leader[:, None, :] - obstacles[None, :, :], axis=2)) < 0.02:
                score += LEADER_CROSSING / 2  # it crosses an axis or another leader
        if best is None or score < best[0] - 1e-9:
            best = (score, centre)
    return None if best is None else best[1]


def nearest_on_box(point: np.ndarray, centre: np.ndarray, half_w: float, half_h: float) -> np.ndarray:
    """The point of the box (``centre`` ± half sizes) nearest ``point``."""
    return np.array(
        [
            np.clip(point[0], centre[0] - half_w, centre[0] + half_w),
            np.clip(point[1], centre[1] - half_h, centre[1] + half_h),
        ]
    )


def box_gap(point: np.ndarray, mob: Mobject) -> float:
    left, bottom, right, top = box_of(mob)
    return float(np.hypot(max(left - point[0], 0.0, point[0] - right), max(bottom - point[1], 0.0, point[1] - top)))


def crosses(points: Points, box: Box) -> bool:
    left, bottom, right, top = box
    pad = CLEAR_OF_LINES / 2
    return bool(
        np.any(
            (points[:, 0] > left - pad)
            & (points[:, 0] < right + pad)
            & (points[:, 1] > bottom - pad)
            & (points[:, 1] < top + pad)
        )
    )


class Repeat(StepScene):
    """The epilogue on its own: `manim render scenes/repeat.py Repeat`.

    It opens on the network as the weight-update clip ends, so the stitched full video runs on.
    """

    def construct(self) -> None:
        board = after_update(self.ctx)
        board.attach(self)
        play_repeat(self, self.ctx, leaving=board.everything())


__all__ = ["RATE_FACTORS", "REPEAT_STEPS", "Repeat", "play_repeat"]
