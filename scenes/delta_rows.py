"""Step 3's rows for a neuron's δ, built before they are shown: what they use that the diagram does not show, the
size at which they fit the panel together, and the pages the rest of a layer takes."""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import cache

from manim import Text, VMobject

from nnmath.rounding import mixes_output
from scenes.drawing.formula import Formula
from scenes.drawing.numbers import Entry
from scenes.drawing.shown_arithmetic import ROUNDING_NOTE, needs_note
from scenes.drawing.style import FORMULA_SIZE, LABEL_SIZE, PANEL_BOTTOM, PANEL_TOP, TABLE_SIZE
from scenes.formulas.activations import slope_formula
from scenes.formulas.backward_pass import delta_formula, upstream_formula
from scenes.formulas.backward_values import values_used
from scenes.softmax_delta import ROOM_MARGIN, height_of
from scenes.stage.board import Board
from scenes.stage.step import Step


def other_rows(step: Step, l: int, j: int, size: float) -> list[VMobject]:
    """Neuron j's rows beside the others of its layer at ``size``: (if hidden) its sum, then δ with f′ worked out."""
    ctx = step.ctx
    sums = [upstream_formula(ctx, l, j, size)] if l + 1 < ctx.output_layer else []
    return [*sums, delta_formula(ctx, l, j, worked=True, font_size=size)]


def hidden_rows(step: Step, l: int, j: int, size: float) -> list[VMobject]:
    """A hidden neuron's sum and f′ rows at ``size`` (none at an output but f′'s, none at a softmax output)."""
    ctx = step.ctx
    if l + 1 == ctx.output_layer:
        return [] if mixes_output(ctx.trace) else [slope_formula(ctx, l + 1, j, size)]
    return [upstream_formula(ctx, l, j, size), slope_formula(ctx, l + 1, j, size)]


def row_size(
    step: Step, sources: list[VMobject], rows: Callable[[float], list[VMobject]], noted: bool = False
) -> float:
    """The font size of a neuron's rows: the panel's, or the legibility floor where the rows (made by ``rows`` at a
    size) with what they use (``sources``) fit the panel together only there (``noted``: with the rounding note
    under them, if one of them needs it: rows on a page of their own keep it beside them)."""
    made = rows(FORMULA_SIZE)
    gaps = step.ctx.rounding_gaps
    needed = noted and any(needs_note(row, gaps) for row in made if isinstance(row, Formula))
    note = rounding_note_height() + step.panel.spacing if needed else 0.0
    if step.panel.fits([], height_of([*sources, *made], step.panel.spacing) + note):
        return FORMULA_SIZE
    return LABEL_SIZE


def given_values(step: Step, board: Board, l: int, j: int, rows: Callable[[float], list[VMobject]]) -> list[VMobject]:
    """What neuron j of layer l + 1's rows use that the diagram does not show (``values_used``): the weights when
    its edges have no labels, a size over the legibility floor where they fit the panel with its rows (made by
    ``rows`` at a size) at the panel's size."""
    weights = not board.diagram.labels_on_edges
    roomy = values_used(step.ctx, l, j, weights, TABLE_SIZE)
    if step.panel.fits([], height_of([*roomy, *rows(FORMULA_SIZE)], step.panel.spacing)):
        return roomy
    return values_used(step.ctx, l, j, weights)


@cache
def rounding_note_height() -> float:
    """The height of the note ``room_with_note`` shows with rows that do not add up by hand as shown."""
    return float(Text(ROUNDING_NOTE, font_size=LABEL_SIZE, line_spacing=0.8).height)


def pages(
    rows: dict[int, list[VMobject]], spacing: float, top: float = PANEL_TOP, gaps: Collection[Entry] = ()
) -> list[list[int]]:
    """The neurons of ``rows`` (each neuron's rows kept together) in order, as many a page as the panel (from
    ``top``) holds, with room for the rounding note under a page whose rows need it (``gaps``: as ``needs_note``)."""
    room = top - PANEL_BOTTOM - ROOM_MARGIN
    note = rounding_note_height() + spacing

    def height(page: list[VMobject]) -> float:
        noted = any(needs_note(row, gaps) for row in page if isinstance(row, Formula))
        return height_of(page, spacing) + (note if noted else 0.0)

    shown: list[list[int]] = []
    for j, group in rows.items():
        if shown and height([m for k in shown[-1] for m in rows[k]] + group) <= room:
            shown[-1].append(j)
        else:
            shown.append([j])
    return shown
