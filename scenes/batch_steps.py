"""A dataset's batch, after its first sample is worked in full: the other samples in a compact table, then the
mean over the batch with its numbers. Step 2 ends with the batch's error Ē = (1/m) Σ Eₛ, step 3 with the batch
gradient ∂Ē/∂w = (1/m) Σ ∂Eₛ/∂w of each focus weight shown, and the edges restyled by the batch gradient (the
update then takes its step with it: ``StepContext.for_update``). E stays the worked sample's error, as in a
one-sample video; Eₛ is sample s's, and Ē the batch's mean (``nnmath.notation.BATCH_ERROR``)."""

from __future__ import annotations

from manim import Text, VGroup

from nnmath.notation import number_of
from scenes.drawing import symbols
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num, Token, piece_formula
from scenes.drawing.motion import gradient_styles, restyle_edges
from scenes.drawing.narration import narrated, read_out, wait_to_read
from scenes.drawing.sample_table import Cell, SampleTable
from scenes.drawing.style import FORMULA_SIZE, LABEL_SIZE, MOVE, PANEL_WIDTH, PULSE, READ, READ_LONG, SHOW_ROW
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.step import Step
from scenes.words import batch_steps as words

SHOWN_TERMS = 4  # a mean over more samples shows the first SHOWN_TERMS − 1 terms, ⋯, and the last


def sample_loss(s: int) -> str:
    return rf"E_{{{number_of(s)}}}" if s >= 0 else r"E_s"


def mean_tokens(ctx: StepContext, result: str, terms: list[Num], mean: Num) -> list[Token]:
    """``result = (1/m)(t₁ + t₂ + … ) = mean``; a long sum shows its first terms, ⋯, and its last."""
    m = len(terms)
    shown: list[Token] = []
    keep = list(range(m)) if m <= SHOWN_TERMS else [*range(SHOWN_TERMS - 1), m - 1]
    for n, s in enumerate(keep):
        if n:
            shown.append("+")
        if m > SHOWN_TERMS and s == m - 1:
            shown += [r"\cdots", "+"]
        shown.append(terms[s])
    return [result, "=", rf"\tfrac{{1}}{{{m}}}", r"\big(", *shown, r"\big)", "=", mean]


def error_headings(ctx: StepContext) -> list[str]:
    many = ctx.config.layers[-1] > 1
    return [r"\hat y_1" if many else r"\hat y", "y_1" if many else "y", sample_loss(-1)]


def batch_error(step: Step, keys: tuple[VGroup, VGroup] | None = None) -> None:
    """Step 2's end for a dataset: every sample's ŷ, y and Eₛ, then E = (1/m) Σ Eₛ; ``keys``: the colour key on
    screen and the one naming Eₛ and Ē too, which takes its place as Ē's formula appears."""
    ctx, scene, theme = step.ctx, step.scene, step.theme
    b = ctx.batch
    with narrated(scene, "error-batch", words.batch_samples(ctx)):  # the table while its sentence is read
        step.panel.clear()
        rows = [
            [
                Cell(float(s.y_hat[0]), ("sample", n, "y_hat", 0), theme.forward),
                Cell(float(s.y[0]), ("sample", n, "y", 0), theme.target),
                Cell(s.loss, ("sample", n, "loss"), theme.error),
            ]
            for n, s in enumerate(b.samples)
        ]
        names = [f"s = {n + 1}" for n in range(b.size)]
        table = SampleTable(error_headings(ctx), rows, names, ctx.decimals, theme.text, name_heading="sample")
        terms = [ctx.num("sample", n, "loss", color=theme.error) for n in range(b.size)]
        mean = Formula(
            *mean_tokens(ctx, symbols.BATCH_ERROR, terms, ctx.num("batch", "loss", color=theme.error)),
            decimals=ctx.decimals,
            color=theme.text,
            font_size=FORMULA_SIZE,
            max_width=PANEL_WIDTH,
        )
        # Eₛ is named as its column appears, Ē as its formula does.
        sample_names = Text(words.sample_error_names(ctx), font_size=LABEL_SIZE, color=theme.text, line_spacing=0.8)
        mean_name = Text(words.mean_error_name(ctx), font_size=LABEL_SIZE, color=theme.text)
        scene.play(step.panel.push(table), step.panel.push(sample_names), run_time=SHOW_ROW)
        wait_to_read(scene, READ)
    with narrated(scene, "error-batch-mean", words.batch_error(ctx)):  # Ē's formula while its sentence is read
        rekey = [Vanish(keys[0]), Appear(keys[1])] if keys is not None else []
        # Room for Ē's formula and its name (the table goes first if they do not fit: the formula has every Eₛ,
        # and the names say what Eₛ is).
        step.panel.make_room([sample_names], mean.height + mean_name.height + 2 * step.panel.spacing)
        scene.play(step.panel.push(mean), *rekey, run_time=PULSE)
        scene.play(step.panel.push(mean_name, Appear), run_time=SHOW_ROW)
        scene.wait(READ_LONG)
        read_out(scene)  # what the caption is about stays until it can be read
        step.panel.clear()


def gradient_heading(l: int, ctx: StepContext, of: str = "E_s") -> str:
    j, i = ctx.config.focus[l]
    return symbols.partial(of, symbols.weight(l, j, i))


def batch_gradient(step: Step, board: Board) -> None:
    """Step 3's end for a dataset: each sample's ∂Eₛ/∂w of the focus weights, the batch gradient as their mean,
    and the edges restyled by the batch gradient."""
    ctx, scene, theme = step.ctx, step.scene, step.theme
    b = ctx.batch
    layers = words.shown_layers(ctx)
    said = words.batch_gradient(ctx)
    with narrated(scene, "backward-batch", said):
        step.panel.clear()
        rows = [
            [
                Cell(s.focus_grads[l], ("sample", n, "focus_grads", l), theme.of_sign(s.focus_grads[l], ctx.decimals))
                for l in layers
            ]
            for n, s in enumerate(b.samples)
        ]
        names = [f"s = {n + 1}" for n in range(b.size)]
        headings = [gradient_heading(l, ctx) for l in layers]
        table = SampleTable(headings, rows, names, ctx.decimals, theme.text, name_heading="sample")
        means = [
            Formula(
                *mean_tokens(
                    ctx,
                    gradient_heading(l, ctx, symbols.BATCH_ERROR),
                    [
                        ctx.num(
                            "sample",
                            n,
                            "focus_grads",
                            l,
                            color=theme.of_sign(s.focus_grads[l], ctx.decimals),
                            factor=True,
                        )
                        for n, s in enumerate(b.samples)
                    ],
                    ctx.num(
                        "batch",
                        "focus_grads",
                        l,
                        color=theme.of_sign(ctx.value(("batch", "focus_grads", l)), ctx.decimals),
                    ),
                ),
                decimals=ctx.decimals,
                color=theme.text,
                font_size=FORMULA_SIZE,
                max_width=PANEL_WIDTH,
            )
            for l in layers
        ]
        scene.play(step.panel.push(table), run_time=SHOW_ROW)
        scene.wait(READ)
        for k, mean in enumerate(means):
            # a mean whose shown terms give another last digit by hand ("≈") comes with the note saying why
            shown = step.room_with_note([mean], [table, *means[:k]], means[:k])
            scene.play(*step.panel.push_all(shown), run_time=PULSE)
            scene.wait(READ)
            step.read_note(shown)
        styles = gradient_styles(b.grad_weights, theme.backward, theme.backward_negative)
        edges_say = Text(words.edges_now(ctx), font_size=LABEL_SIZE, color=theme.text, line_spacing=0.8)
        note = step.note_for(*means)
        step.panel.make_room([*means, *([note] if note else [])], edges_say.height)  # beside the edges that show them
        # The worked sample's δ leave the neurons: from here on the diagram shows the batch's gradient.
        scene.play(
            *restyle_edges(board.diagram, styles),
            *board.clear_badges(keep_key=True),
            step.panel.push(edges_say, Appear),
            run_time=MOVE,
        )
        scene.wait(READ_LONG)
        read_out(scene)  # what the caption is about stays until it can be read
        step.panel.clear()


def batch_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The batch sub-steps' formulas (typeset ahead with the steps' own)."""
    if not ctx.config.is_dataset:
        return []
    m = ctx.batch.size
    pieces = [symbols.BATCH_ERROR, "=", rf"\tfrac{{1}}{{{m}}}", r"\big(", r"\big)", "+", r"\cdots"]
    pieces += [gradient_heading(l, ctx, symbols.BATCH_ERROR) for l in words.shown_layers(ctx)]
    heads = [*error_headings(ctx), *(gradient_heading(l, ctx) for l in words.shown_layers(ctx))]
    return [*(piece_formula(p) for p in pieces), *((h,) for h in heads), (r"\vdots",)]
