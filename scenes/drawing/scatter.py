"""A dataset on screen: its points on the input plane coloured by class (two inputs), the network's output over
that plane as a colour map (the decision boundary), the fitted curve through the points (one input), and the
colour key. Every value comes from nnmath (:mod:`nnmath.plane`, :mod:`nnmath.history`).
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Dot,
    Group,
    ImageMobject,
    MathTex,
    Rectangle,
    Square,
    Text,
    VGroup,
    VMobject,
)

from nnmath import Config
from nnmath.history import is_classification, predicted_classes
from nnmath.plane import GRID_POINTS, input_bounds, output_curve, output_grid
from scenes.drawing import pil_canvas  # noqa: F401  (images render with Pillow ≥ 11)
from scenes.drawing.colour_key import explains
from scenes.drawing.heatmap import class_map_image, heatmap_image
from scenes.drawing.style import LABEL_SIZE
from scenes.drawing.theme import Color, Theme, class_role

Arrays = tuple[np.ndarray, ...]
POINT_RADIUS = 0.12  # a sample: large enough to see on the colour map at 480p
CURVE_STROKE = 4.0


def class_colors(theme: Theme) -> tuple[Color, ...]:
    """Class 0, 1, 2, …: the theme's class colours (the colour map's ends are class 0's and class 1's)."""
    return theme.classes


def classes_of(config: Config) -> np.ndarray:
    """Each sample's class (0/1 with one output, the one-hot's position with several)."""
    return predicted_classes(np.asarray(config.data_y))


def grid_extent(low: float, high: float, points: int = GRID_POINTS) -> tuple[float, float]:
    """The range the colour map's cells cover: half a cell beyond the outermost grid points, so each cell's
    centre lies on its grid point."""
    half = (high - low) / (points - 1) / 2
    return low - half, high + half


def plot_frame(axes: Axes, theme: Theme) -> Rectangle:
    """A rectangle around the axes' ranges (the axes themselves cross inside the data, so are not drawn)."""
    low, high = axes.c2p(axes.x_range[0], axes.y_range[0]), axes.c2p(axes.x_range[1], axes.y_range[1])
    frame = Rectangle(width=high[0] - low[0], height=high[1] - low[1], color=theme.muted, stroke_width=2)
    return frame.move_to((low + high) / 2)


class InputPlane(Group):
    """Axes over a two-input network's input plane (x₁ →, x₂ ↑), the samples as dots coloured by class; the
    colour map of a set of parameters is added under the dots by ``show_outputs``."""

    def __init__(self, config: Config, theme: Theme, size: float) -> None:
        super().__init__()
        self.config, self.theme, self.size = config, theme, size
        (low1, high1), (low2, high2) = (grid_extent(*b) for b in input_bounds(config))
        self.axes = Axes(
            x_range=[low1, high1, high1 - low1],
            y_range=[low2, high2, high2 - low2],
            x_length=size,
            y_length=size,
            tips=False,
            axis_config={"color": theme.muted, "include_numbers": False, "stroke_width": 2, "include_ticks": False},
        )
        self.frame = plot_frame(self.axes, theme)  # the axes place the points; the frame is drawn
        self.names = VGroup(
            MathTex("x_1", font_size=LABEL_SIZE + 4, color=theme.text).next_to(self.frame, DOWN, buff=0.15),
            MathTex("x_2", font_size=LABEL_SIZE + 4, color=theme.text).next_to(self.frame, LEFT, buff=0.15),
        )
        colors = class_colors(theme)
        classes = classes_of(config)
        self.dots = VGroup(
            *(
                Dot(self.axes.c2p(*point), radius=POINT_RADIUS, color=colors[int(c) % len(colors)]).set_stroke(
                    theme.text, width=2.5
                )
                for point, c in zip(np.asarray(config.data_x), classes, strict=True)
            )
        )
        self.axes.set_stroke(opacity=0)  # not drawn, but moved with the plane: it places the colour map
        self.add(self.axes, self.frame, self.names, self.dots)

    def outputs_image(self, weights: Arrays, biases: Arrays) -> ImageMobject:
        """The network's ŷ over the plane for these parameters, one cell per grid point: one output's ŷ from class
        0's colour to class 1's; several outputs (one per class) towards the class they favour."""
        grid = output_grid(self.config, weights, biases)
        outputs = grid.outputs[::-1]  # row 0: the largest x₂
        image = (
            class_map_image(outputs, self.theme, height=self.size)
            if outputs.shape[2] > 1
            else heatmap_image(outputs[:, :, 0], self.theme, height=self.size)
        )
        image.stretch_to_fit_width(self.size)
        image.move_to(self.axes.get_center())
        return image


class FittedCurve(VGroup):
    """A one-input network's data as dots (x →, y ↑) and ``curve_for`` its ŷ across the data's range."""

    def __init__(self, config: Config, theme: Theme, width: float, height: float) -> None:
        super().__init__()
        self.config, self.theme = config, theme
        low, high = input_bounds(config)[0]
        y = np.asarray(config.data_y)[:, 0]
        bottom, top = min(0.0, float(y.min())), max(1.0, float(y.max()))
        self.axes = Axes(
            x_range=[low, high, high - low],
            y_range=[bottom, top, top - bottom],
            x_length=width,
            y_length=height,
            tips=False,
            axis_config={"color": theme.muted, "include_numbers": False, "stroke_width": 2, "include_ticks": False},
        )
        self.bottom, self.top = bottom, top
        self.frame = plot_frame(self.axes, theme)
        self.names = VGroup(
            MathTex("x", font_size=LABEL_SIZE + 4, color=theme.text).next_to(self.frame, DOWN, buff=0.15),
            MathTex(r"y,\ \hat y", font_size=LABEL_SIZE + 4, color=theme.text).next_to(self.frame, LEFT),
        )
        self.dots = VGroup(
            *(
                Dot(self.axes.c2p(float(xv), float(yv)), radius=POINT_RADIUS, color=theme.target)
                for xv, yv in zip(np.asarray(config.data_x)[:, 0], y, strict=True)
            )
        )
        self.axes.set_stroke(opacity=0)  # not drawn, but moved with the plot: it places the curve
        self.add(self.axes, self.frame, self.names, self.dots)

    def curve_for(self, weights: Arrays, biases: Arrays) -> VMobject:
        """ŷ across the data's range for these parameters (clipped to the plot)."""
        curve = output_curve(self.config, weights, biases)
        values = np.clip(np.nan_to_num(curve.outputs[:, 0], nan=self.top), self.bottom, self.top)
        line: VMobject = self.axes.plot_line_graph(
            curve.x, values, add_vertex_dots=False, line_color=self.theme.forward, stroke_width=CURVE_STROKE
        )
        return line


def class_key(config: Config, theme: Theme) -> VGroup:
    """What the dots' colours mean: "● class 0  ● class 1 …" (a regression: "● a sample (x, y)")."""
    colors = class_colors(theme)
    entries: list[tuple[Color, str]] = [(theme.target, "a sample")]
    roles = ["target"]  # a sample's y is its target
    if is_classification(config):
        classes = sorted({int(c) for c in classes_of(config)})
        entries = [(colors[c % len(colors)], f"class {c}") for c in classes]
        roles = [class_role(c % len(colors)) for c in classes]
    key = VGroup(
        *(
            VGroup(Dot(radius=POINT_RADIUS, color=color), Text(name, font_size=LABEL_SIZE, color=theme.text)).arrange(
                RIGHT, buff=0.15
            )
            for color, name in entries
        )
    )
    return explains(key.arrange(RIGHT, buff=0.4), roles)


def map_key(theme: Theme, classes: int = 1) -> Group:
    """What the colour map's colours mean: with one output, towards class 0 (ŷ near 0), undecided (0.5), towards
    class 1; with one output per class, each class's colour where ŷ favours it, and undecided."""
    if classes > 1:
        sure = np.eye(classes)  # ŷ certain of class c
        parts = [(class_map_image(sure[c][None, None], theme, height=0.3), str(c)) for c in range(classes)]
        parts.append((class_map_image(np.full((1, 1, classes), 1 / classes), theme, height=0.3), "undecided"))
    else:
        parts = [
            (heatmap_image(np.zeros((1, 1)), theme, height=0.3), "ŷ near 0"),
            (heatmap_image(np.full((1, 1), 0.5), theme, height=0.3), "0.5"),
            (heatmap_image(np.ones((1, 1)), theme, height=0.3), "ŷ near 1"),
        ]
    row = VGroup()
    images = Group()
    for image, name in parts:
        label = Text(name, font_size=LABEL_SIZE, color=theme.text)
        row.add(label)
        images.add(image)
    row.arrange(RIGHT, buff=0.75)
    frames = VGroup()
    for k, name_mob in enumerate(row):
        images[k].next_to(name_mob, LEFT, buff=0.12)
        frames.add(Square(0.3, color=theme.muted, stroke_width=1.5).move_to(images[k]))
    said = "background: the class ŷ favours" if classes > 1 else "background: the network's ŷ"
    heading = Text(said, font_size=LABEL_SIZE, color=theme.muted)
    heading.next_to(row, UP, buff=0.15)
    roles = dict.fromkeys(class_role(c % len(theme.classes)) for c in range(max(classes, 2)))
    return explains(Group(heading, row, images, frames), list(roles))
