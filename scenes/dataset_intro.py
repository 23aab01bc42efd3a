"""The intro for a dataset: the data (for two inputs a scatter of the points coloured by class, with its key;
otherwise a table of the samples) and which samples form the first batch."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Circle, Mobject, Scene, SurroundingRectangle, Text, VGroup

from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.layout import step_title
from scenes.drawing.narration import narrated, read_out
from scenes.drawing.sample_table import Cell, SampleTable, shown_rows
from scenes.drawing.scatter import InputPlane, class_key
from scenes.drawing.style import LABEL_SIZE, PULSE, READ, READ_LONG, SHOW, SHOW_ROW
from scenes.stage.context import StepContext
from scenes.words import dataset_intro as words

PLANE_SIZE = 5.0
PLANE_CENTER = (-3.2, -0.05, 0.0)  # its axis names above SAFE_BOTTOM, where a player shows subtitles
RIGHT_COLUMN = 0.9  # the left edge of what stands beside the plane


def play_dataset_intro(scene: Scene, ctx: StepContext) -> None:
    """The data and the first batch, on an empty frame; leaves it empty."""
    heading = step_title(None, "The data", ctx.theme.text)
    shown = the_data(scene, ctx, heading)
    the_first_batch(scene, ctx, shown)
    scene.play(Vanish(heading), *(Vanish(m) for m in shown))


def data_table(
    ctx: StepContext, rows: list[int], names: list[str], highlight: set[int] | None = None, name_heading: str = "sample"
) -> SampleTable:
    """The samples ``rows`` of the data: their inputs and targets as given (no colour: nothing to key)."""
    c, theme = ctx.config, ctx.theme
    inputs, outputs = c.layers[0], c.layers[-1]
    headings = [rf"x_{{{i + 1}}}" for i in range(inputs)] + [
        rf"y_{{{k + 1}}}" if outputs > 1 else "y" for k in range(outputs)
    ]
    cells = [
        [
            *(Cell(float(c.data_x[r][i]), ("data_x", r, i), theme.text) for i in range(inputs)),
            *(Cell(float(c.data_y[r][k]), ("data_y", r, k), theme.text) for k in range(outputs)),
        ]
        for r in rows
    ]
    return SampleTable(headings, cells, names, c.decimals, theme.text, name_heading=name_heading)


def the_data(scene: Scene, ctx: StepContext, heading: Mobject) -> list[Mobject]:
    """The scatter (two inputs) or the table of the data; returns what stays on screen."""
    said = words.intro_data(ctx)
    with narrated(scene, "intro-data", said):
        scene.play(Appear(heading))
        if ctx.config.layers[0] == 2:
            plane = InputPlane(ctx.config, ctx.theme, PLANE_SIZE).move_to(PLANE_CENTER)
            key = class_key(ctx.config, ctx.theme)
            key.next_to(plane, RIGHT, buff=0.6).align_to(plane, UP)
            scene.play(Appear(plane.frame), Appear(plane.names), run_time=SHOW)
            scene.play(Appear(plane.dots), Appear(key), run_time=SHOW_ROW)
            shown: list[Mobject] = [plane, key]
        else:
            rows = list(range(ctx.config.samples))
            table = data_table(ctx, rows, [str(r + 1) for r in rows])
            table.scale_to_fit_width(min(table.width, 12.5)).next_to(heading, DOWN, buff=0.4).to_edge(LEFT, buff=0.6)
            scene.play(Appear(table), run_time=SHOW_ROW)
            shown = [table]
        scene.wait(READ)
        read_out(scene)  # what the caption is about stays until it can be read
    return shown


def the_first_batch(scene: Scene, ctx: StepContext, shown: list[Mobject]) -> None:
    """The first batch: marked among the data, and listed beside it."""
    said = words.intro_batch(ctx)
    theme, batch = ctx.theme, ctx.batch
    with narrated(scene, "intro-batch", said):
        names = [str(s + 1) for s in range(batch.size)]
        marks: list[Mobject] = []
        if isinstance(shown[0], InputPlane):
            plane, key = shown[0], shown[1]
            rings = VGroup(
                *(Circle(0.2, color=theme.text, stroke_width=4).move_to(plane.dots[r]) for r in batch.indices)
            )
            table = data_table(ctx, list(batch.indices), names, name_heading="s")  # numbered in the batch
            label = Text(
                "the first batch:\nsamples s = 1 … " + str(batch.size), font_size=LABEL_SIZE + 2, color=theme.text
            )
            group = VGroup(label, table).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
            group.next_to(key, DOWN, buff=0.5, aligned_edge=LEFT)
            scale = min(1.0, (6.9 - group.get_left()[0]) / group.width, (group.get_top()[1] + 3.8) / group.height)
            group.scale(scale, about_edge=UP + LEFT)
            scene.play(Appear(rings), run_time=SHOW_ROW)
            scene.play(Appear(group), run_time=PULSE)
            marks = [rings, group]
        else:
            data = shown[0]
            assert isinstance(data, SampleTable)
            positions = shown_rows(ctx.config.samples)
            boxes = VGroup(
                *(
                    SurroundingRectangle(data.rows[positions.index(r)], color=theme.text, buff=0.06)
                    for r in batch.indices
                    if r in positions
                )
            )
            label = Text(words.batch_label(ctx), font_size=LABEL_SIZE + 2, color=theme.text, line_spacing=0.8)
            label.next_to(data, DOWN, buff=0.35, aligned_edge=LEFT)
            scene.play(Appear(boxes), Appear(label), run_time=SHOW_ROW)
            marks = [boxes, label]
        scene.wait(READ_LONG)
        read_out(scene)  # what the caption is about stays until it can be read
    shown.extend(marks)


def dataset_intro_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The formulas the data's tables and axes draw (typeset ahead)."""
    if not ctx.config.is_dataset:
        return []
    c = ctx.config
    heads = [(rf"x_{{{i + 1}}}",) for i in range(c.layers[0])] + [
        (rf"y_{{{k + 1}}}" if c.layers[-1] > 1 else "y",) for k in range(c.layers[-1])
    ]
    return [*heads, ("x_1",), ("x_2",), (r"\vdots",)]


__all__ = ["dataset_intro_formulas", "play_dataset_intro"]
