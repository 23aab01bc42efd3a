"""The epilogue for a dataset: iterations and epochs with this config's numbers, the loss (and accuracy) per epoch,
the network's output over the input plane at a few moments of training (the decision boundary bending; one input:
the fitted curve), then the learning-rate comparison trained on the data (and, for a deep network, the gradient's
size per layer) as the single-sample epilogue draws them. Every number from :mod:`nnmath.history`."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Animation,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    Line,
    MathTex,
    Mobject,
    Scene,
    Text,
    Transform,
    VGroup,
    VMobject,
)

from scenes.drawing import symbols
from scenes.drawing.colour_key import colour_key, explains
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num, piece_formula
from scenes.drawing.layout import step_title
from scenes.drawing.log_plot import decade_latex, labelled_decades
from scenes.drawing.loss_curve import e_ticks, tick_labels
from scenes.drawing.narration import narrated, read_out
from scenes.drawing.scatter import FittedCurve, InputPlane, class_key, map_key
from scenes.drawing.style import (
    DRAW_LONG_CURVE,
    LABEL_SIZE,
    MOVE,
    READ,
    READ_ALL,
    READ_LONG,
    SAFE_BOTTOM,
    SHOW,
    SHOW_ROW,
    SMALL_FORMULA_SIZE,
    TEXT_SIZE,
)
from scenes.drawing.theme import MEAN_ERROR
from scenes.repeat import repeat_formulas, vanishing_gradients
from scenes.repeat_rates import learning_rates
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.states import after_update
from scenes.words import training as words

PLOT_WIDTH, PLOT_HEIGHT = 6.4, 3.9
PLOT_ORIGIN = (-6.0, -2.4)  # epoch 0 at the plot's bottom left ("epochs" under it, above SAFE_BOTTOM)
LOG_SPAN = 100.0  # a loss falling by more than this factor is plotted on a log scale
PLANE_SIZE = 5.0
PLANE_CENTER = (-3.3, -0.05, 0.0)  # its axis names above SAFE_BOTTOM
SIDE_LEFT = 0.6  # where the labels beside a plot begin
CURVE_STROKE = 4.0


def play_training(scene: Scene, ctx: StepContext) -> None:
    """The dataset epilogue, on an empty frame; ends empty."""
    title = step_title(None, "Training", ctx.theme.text)
    deep = ctx.gradient_sizes.has_lesson  # as the single sample's epilogue decides
    epochs_and_updates(scene, ctx, title)
    loss_per_epoch(scene, ctx)
    if ctx.config.layers[0] in (1, 2):
        the_boundary(scene, ctx)
    learning_rates(scene, ctx, title, last=not deep)
    if deep:
        vanishing_gradients(scene, ctx, title, last=True)


def epochs_and_updates(scene: Scene, ctx: StepContext, title: Mobject) -> None:
    """Iteration, epoch, and how many of each this training makes."""
    theme, h = ctx.theme, ctx.training
    said = words.training_epochs(ctx)
    with narrated(scene, "training-epochs", said):
        scene.play(Appear(title))
        lines = VGroup(
            Text("iteration: one update, from one batch", font_size=TEXT_SIZE, color=theme.text),
            Text("epoch: one pass over all the samples", font_size=TEXT_SIZE, color=theme.text),
            Text(words.updates_line(ctx), font_size=TEXT_SIZE + 4, color=theme.text),
            Text(f"{h.epochs} epochs = {h.updates} updates", font_size=TEXT_SIZE + 4, color=theme.text),
        ).arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        lines.move_to((0, -0.2, 0))
        for line in lines:
            scene.play(Appear(line), run_time=SHOW_ROW)
        scene.wait(READ_LONG)
        read_out(scene)  # what the caption is about stays until it can be read
        scene.play(Vanish(lines))


def loss_axes(loss: np.ndarray, theme_muted: str) -> tuple[Axes, bool, float, float]:
    """Axes for the loss per epoch: E ↑ (log₁₀ E when it falls by more than LOG_SPAN), epochs →."""
    finite = loss[np.isfinite(loss) & (loss > 0)]
    low, high = float(finite.min()), float(finite.max())
    log = high / low > LOG_SPAN
    bottom, top = (np.floor(np.log10(low)), np.ceil(np.log10(high))) if log else (0.0, high * 1.1)
    ticks = e_ticks(top)
    axes = Axes(
        x_range=[0, len(loss) - 1, max((len(loss) - 1) // 4, 1)],
        y_range=[bottom, top, 1.0 if log else ticks[0][0] if ticks else top],
        x_length=PLOT_WIDTH,
        y_length=PLOT_HEIGHT,
        tips=False,
        axis_config={"color": theme_muted, "include_numbers": False, "stroke_width": 2},
    )
    return axes, log, float(bottom), float(top)


def e_axis_labels(axes: Axes, log: bool, bottom: float, top: float, color: str) -> VGroup:
    """Ē at the y axis's ticks, as the main loss curve labels E: round values, or powers of ten on a log scale."""
    decades = [(float(p), decade_latex(p)) for p in labelled_decades(int(bottom), int(top))]
    ticks = decades if log else e_ticks(top)
    return tick_labels([(np.asarray(axes.c2p(0, y)), tex) for y, tex in ticks], color)


def loss_per_epoch(scene: Scene, ctx: StepContext) -> None:
    """The data's loss after each epoch, its first and last values marked; accuracy beside it if it applies."""
    theme, h = ctx.theme, ctx.training
    said = words.training_loss(ctx)
    with narrated(scene, "training-loss", said):
        axes, log, bottom, top = loss_axes(h.loss, theme.muted)
        axes.shift(np.array([*PLOT_ORIGIN, 0.0]) - np.asarray(axes.c2p(0, bottom)))
        heights = np.log10(np.maximum(h.loss, 10.0**bottom)) if log else h.loss
        heights = np.clip(np.nan_to_num(heights, nan=top, posinf=top), bottom, top)
        epochs = np.arange(len(h.loss))
        curve = axes.plot_line_graph(
            epochs, heights, add_vertex_dots=False, line_color=theme.error, stroke_width=CURVE_STROKE
        )
        names = VGroup(
            Text("epochs", font_size=LABEL_SIZE, color=theme.muted).next_to(axes.x_axis, DOWN, buff=0.15),
            Text("Ē, log scale" if log else "Ē", font_size=LABEL_SIZE, color=theme.muted)
            .next_to(axes.y_axis, UP, buff=0.15)
            .align_to(axes.y_axis, LEFT),
            *e_axis_labels(axes, log, bottom, top, theme.muted),
        )
        grid = VGroup()
        if log:  # a dashed line at each power of ten
            grid = VGroup(
                *(
                    DashedLine(axes.c2p(0, p), axes.c2p(len(h.loss) - 1, p), color=theme.muted, stroke_width=1.2)
                    for p in np.arange(bottom + 1, top)
                )
            )
        dots = VGroup(*(Dot(axes.c2p(e, heights[e]), radius=0.08, color=theme.error) for e in (0, h.epochs)))
        labels = VGroup(
            epoch_label(ctx, 0, ctx.num("epoch_loss", 0, color=theme.error)),
            epoch_label(ctx, h.epochs, ctx.num("epoch_loss", h.epochs, color=theme.error)),
        )
        if h.correct is not None:
            labels.add(*(accuracy_label(ctx, accuracy_latex(ctx, e, int(h.correct[e]))) for e in (0, h.epochs)))
        labels.arrange(DOWN, buff=0.35, aligned_edge=LEFT).move_to((SIDE_LEFT, 0.3, 0), aligned_edge=LEFT)
        meaning = Text(words.data_error(ctx), font_size=LABEL_SIZE, color=theme.muted, line_spacing=0.8)
        meaning.next_to(labels, DOWN, buff=0.45, aligned_edge=LEFT)  # what Ē is, with its first value
        if log:
            labels.add(
                Text(
                    "each dashed line: Ē ten times\nsmaller than the one above",
                    font_size=LABEL_SIZE,
                    color=theme.muted,
                    line_spacing=0.8,
                ).next_to(meaning, DOWN, buff=0.3, aligned_edge=LEFT)
            )
        key = colour_key(theme, ["error"], names=MEAN_ERROR)  # the curve and its labels are Ē
        scene.play(Create(axes), Appear(names), Appear(grid), Appear(key), run_time=SHOW_ROW)
        scene.play(Appear(dots[0]), Appear(labels[0]), Appear(meaning), run_time=SHOW)
        scene.play(Create(curve), run_time=DRAW_LONG_CURVE)
        scene.play(Appear(dots[1]), Appear(labels[1]), run_time=SHOW)
        if len(labels) > 2:
            scene.play(Appear(VGroup(*labels[2:])), run_time=SHOW_ROW)
        scene.wait(READ_ALL)
        read_out(scene)  # what the caption is about stays until it can be read
        scene.play(Vanish(VGroup(axes, names, grid, curve, dots, labels, meaning, key)))


def epoch_label(ctx: StepContext, epoch: int, value: Num) -> Formula:
    """Ē after ``epoch`` epochs = value."""
    return Formula(
        epoch_loss_latex(epoch),
        "=",
        value,
        decimals=ctx.decimals,
        color=ctx.theme.text,
        font_size=SMALL_FORMULA_SIZE,
    )


def epoch_loss_latex(epoch: int) -> str:
    """Ē after ``epoch`` epochs: the mean error over all the data."""
    return rf"{symbols.BATCH_ERROR} \text{{ after {epoch} epochs}}"


def accuracy_latex(ctx: StepContext, epoch: int | None, correct: int) -> str:
    """accuracy (after ``epoch`` epochs): 3 of 4 right, a count of samples (as the subtitle and the key say it)."""
    when = "" if epoch is None else f" after {epoch} epochs"
    return rf"\text{{accuracy{when}: {correct} of {ctx.config.samples} right}}"


def accuracy_label(ctx: StepContext, latex: str) -> MathTex:
    """A row of ``accuracy_latex``."""
    return MathTex(latex, color=ctx.theme.text, font_size=SMALL_FORMULA_SIZE)


def snapshot_rows(ctx: StepContext, k: int) -> VGroup:
    """What stands beside snapshot ``k``: when it is, its loss, its accuracy."""
    s, theme = ctx.training.snapshots[k], ctx.theme
    rows = VGroup(
        Text(f"after {s.epoch} epochs\n({s.updates} updates)", font_size=TEXT_SIZE, color=theme.text, line_spacing=0.8),
        Formula(
            symbols.BATCH_ERROR,
            "=",
            ctx.num("snapshot", k, "loss", color=theme.error),
            decimals=ctx.decimals,
            color=theme.text,
            font_size=SMALL_FORMULA_SIZE,
        ),
    )
    if s.correct is not None:
        rows.add(accuracy_label(ctx, accuracy_latex(ctx, None, s.correct)))
    return rows.arrange(DOWN, buff=0.25, aligned_edge=LEFT)


def the_boundary(scene: Scene, ctx: StepContext) -> None:
    """The network's output over the input plane (or along the input line) at each snapshot."""
    theme, h = ctx.theme, ctx.training
    said = words.training_boundary(ctx)
    with narrated(scene, "training-boundary", said):
        two = ctx.config.layers[0] == 2
        plot: InputPlane | FittedCurve
        plot = InputPlane(ctx.config, theme, PLANE_SIZE) if two else FittedCurve(ctx.config, theme, 6.0, 4.6)
        plot.move_to(PLANE_CENTER)
        keys: list[Mobject] = [class_key(ctx.config, theme)]
        if two:
            keys.append(map_key(theme, ctx.config.layers[-1]))
        else:  # what the line is
            swatch = Line(ORIGIN, 0.45 * RIGHT, color=theme.forward, stroke_width=CURVE_STROKE)
            name = Text("the network's ŷ", font_size=LABEL_SIZE, color=theme.text)
            keys.append(explains(VGroup(swatch, name).arrange(RIGHT, buff=0.15), ["forward"]))
        side = Group(*keys).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        keys.append(colour_key(theme, ["error"], names=MEAN_ERROR))  # Ē beside each moment, at the top right
        side.move_to((SIDE_LEFT, -2.4, 0), aligned_edge=LEFT)
        side.shift(max(0.0, SAFE_BOTTOM + 0.1 - side.get_bottom()[1]) * UP)  # above the subtitles' strip
        scene.play(
            Appear(plot.frame),
            Appear(plot.names),
            Appear(plot.dots),
            Appear(keys[0]),
            Appear(keys[-1]),
            run_time=SHOW_ROW,
        )
        shown: VMobject | Mobject | None = None
        rows: VGroup | None = None
        for k, snap in enumerate(h.snapshots):
            new_rows = snapshot_rows(ctx, k).move_to((SIDE_LEFT, 1.6, 0), aligned_edge=LEFT)
            if isinstance(plot, InputPlane):
                image = plot.outputs_image(snap.weights, snap.biases)
                image.set_z_index(-1)
                animations: list[Animation] = [FadeIn(image)] + ([FadeOut(shown)] if shown is not None else [])
                if k == 0:
                    animations.append(FadeIn(keys[1]))
                shown = image
            else:
                line = plot.curve_for(snap.weights, snap.biases)
                animations = [Create(line), Appear(keys[1])] if shown is None else [Transform(shown, line)]
                shown = shown if shown is not None else line
            swap = [Vanish(rows), Appear(new_rows)] if rows is not None else [Appear(new_rows)]
            scene.play(*animations, *swap, run_time=MOVE)
            rows = new_rows
            scene.wait(READ)
        scene.wait(READ_LONG)
        read_out(scene)  # what the caption is about stays until it can be read
        leaving: list[Mobject] = [plot, *keys, *(m for m in (rows,) if m is not None)]
        scene.play(*(FadeOut(m) for m in ([shown] if shown is not None else [])), *(Vanish(m) for m in leaving))


def training_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The epilogue's own formulas (typeset ahead)."""
    if not ctx.config.is_dataset:
        return []
    h = ctx.training
    pieces = [epoch_loss_latex(e) for e in (0, h.epochs)]
    pieces += [symbols.BATCH_ERROR, "="]
    counts: list[tuple[str, ...]] = []  # the accuracy rows, each typeset whole
    if h.correct is not None:
        counts += [(accuracy_latex(ctx, e, int(h.correct[e])),) for e in (0, h.epochs)]
        counts += [(accuracy_latex(ctx, None, s.correct),) for s in h.snapshots if s.correct is not None]
    return [*(piece_formula(p) for p in pieces), *counts, *repeat_formulas(ctx)]


class Training(StepScene):
    """The dataset epilogue on its own: `manim render scenes/training.py Training`."""

    part_formulas = staticmethod(training_formulas)

    @staticmethod
    def play_in_video(scene: Scene, ctx: StepContext, board: Board | None) -> Board | None:
        scene.play(Vanish(Group(*scene.mobjects)))  # the quiz's network
        play_training(scene, ctx)
        return None

    def construct(self) -> None:
        board = after_update(self.ctx)  # as the update left it: the clip opens where the one before ends
        board.attach(self)
        self.play(Vanish(board.everything()), run_time=SHOW_ROW)
        play_training(self, self.ctx)


__all__ = ["Training", "play_training"]
