"""The long chain's formulas: the grid of one path's factors, the rows of numbers, the sum over paths, and the
LaTeX it typesets ahead (``long_chain_formulas``), every number a trace entry."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, UP, MathTex, VGroup, VMobject

from nnmath.notation import significant_decimals
from nnmath.paths import (
    Path,
    has_long_chain,
    highlighted_path,
    route,
    summed_paths,
    written_out,
)
from scenes.drawing import symbols
from scenes.drawing.formula import piece_formula
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.shown_arithmetic import APPROX, WrittenRow, as_read
from scenes.drawing.style import (
    CHAIN_COLUMN_GAP,
    CHAIN_ROW_GAP,
    CHAIN_VALUE_BUFF,
    EMPHASIS_SIZE,
    FORMULA_SIZE,
    LABEL_SIZE,
    PANEL_WIDTH,
    SUM_TERMS_SHOWN,
)
from scenes.drawing.theme import Color
from scenes.stage.context import StepContext

ROW_PIECES = ("=", APPROX, "+", r"\cdots", "(", ")", "P")  # what a row of numbers has between them (``row``; P =)


DOT = r"\cdot"
WRITTEN_OUT = 2  # at most this many non-zero paths besides P are written out as rows of factors above their sum
WRITTEN_LINE_GAP = 0.15  # between the two lines of a written-out path (less than between paths: the panel's spacing)
WRITTEN_SPACING = 0.26  # between the panel's items while paths are written out (room for the sum and its note)


def gradient_is_delta_times_a(j: int, i: int) -> tuple[str, str]:
    """∂E/∂w⁽¹⁾ⱼᵢ and δ⁽¹⁾ⱼ a⁽⁰⁾ᵢ, as the sum of the paths' products is shown equal to them (LaTeX)."""
    return rf"\partial E / \partial {symbols.weight(0, j, i)}", rf"\delta^{{(1)}}_{{{j + 1}}} \, a^{{(0)}}_{{{i + 1}}}"


def long_chain_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The long chain's own formulas (part of ``BackwardPass.formulas``): none without a hidden layer."""
    if not has_long_chain(ctx.trace):
        return []
    j, i = ctx.config.focus[0]
    factors = highlighted_path(ctx.trace, ctx.config.focus).path.factors
    return [
        *((factor.latex,) for factor in factors),
        grid_head(j, i),
        *((piece,) for piece in (DOT, *ROW_PIECES)),
        *((route_label(p),) for p in other_rows(ctx)),
        *(piece_formula(piece) for piece in gradient_is_delta_times_a(j, i)),
    ]


class FactorGrid(VGroup):
    """``∂E/∂w =`` (``head``) and the path's factors in columns (symbol over value), joined by ·, wrapped
    to the panel's width."""

    def __init__(self, head: MathTex, columns: Sequence[tuple[VMobject, TraceNumber]], dot_color: Color) -> None:
        super().__init__()
        self.head, self.symbols, self.values = head, VGroup(), VGroup()
        cells: list[VMobject] = [head]
        for k, (symbol, value) in enumerate(columns):
            value.next_to(symbol, DOWN, buff=CHAIN_VALUE_BUFF)
            self.symbols.add(symbol)
            self.values.add(value)
            cell = VGroup(symbol, value)
            if k < len(columns) - 1:
                dot = MathTex(DOT, font_size=EMPHASIS_SIZE, color=dot_color)
                dot.next_to(cell, RIGHT, buff=CHAIN_COLUMN_GAP).set_y(symbol.get_y())
                self.symbols.add(dot)
                cell = VGroup(symbol, value, dot)
            cells.append(cell)
        self.add(_flow(cells, UP))


def factor_grid(ctx: StepContext, path: Path) -> FactorGrid:
    theme = ctx.theme
    columns = [
        (
            MathTex(factor.latex, font_size=EMPHASIS_SIZE, color=theme.text),
            TraceNumber(
                factor.value, factor.entry, ctx.decimals, factor_color(ctx, factor.entry, factor.value), LABEL_SIZE
            ),
        )
        for factor in path.factors
    ]
    j, i = ctx.config.focus[0]
    head = MathTex(*grid_head(j, i), font_size=EMPHASIS_SIZE, color=theme.text)
    return FactorGrid(head, columns, theme.text)


def grid_head(j: int, i: int) -> tuple[str, str]:
    """``P =`` before the factors of a path: its product, one path's share of ∂E/∂w⁽¹⁾ⱼᵢ (``MathTex`` arguments;
    the same for every weight, named by the line above the grid)."""
    return "P", "="


def factor_color(ctx: StepContext, entry: tuple[str | int, ...], value: float) -> Color:
    """A factor of a path coloured as elsewhere in the step: ∂E/∂ŷ by its sign, the rest as text."""
    return ctx.theme.of_sign(value, ctx.decimals) if entry[0] == "dE_dyhat" else ctx.theme.text


def path_number(ctx: StepContext, path: Path, color: Color, size: float = FORMULA_SIZE) -> TraceNumber:
    """A path's product, with digits enough not to read 0 when it is not."""
    return TraceNumber(path.product, ("path", path.index), _places(path.product, ctx.decimals), color, size)


def sum_row(ctx: StepContext, paths: Sequence[Path]) -> WrittenRow:
    """P₁ + P₂ + … = their sum (the first few products, ⋯, the last, when there are many)."""
    theme = ctx.theme
    shown, cut = summed_paths(paths, SUM_TERMS_SHOWN)
    items: list[TraceNumber | str] = [] if len(paths) > 1 else ["P", "="]  # one path: "P = 0.0007", not a bare number
    for k, path in enumerate(shown):
        if k:
            items.append("+")
        if cut and k == len(shown) - 1:
            items += [r"\cdots", "+"]
        value = path_number(ctx, path, theme.text)
        items += ["(", value, ")"] if value.get_value() < 0 else [value]
    if len(paths) > 1:  # one path's product is the sum already
        total = ctx.value(("path_sum",))
        color = theme.of_sign(total)
        items += ["=", TraceNumber(total, ("path_sum",), _places(total, ctx.decimals), color, FORMULA_SIZE)]
        items = as_read(items)  # "≈" before the sum where its shown terms do not add up to it
    written = [item for item in items if item not in ("(", ")")]
    return WrittenRow(row(items, theme.text), written=written if len(paths) > 1 else written[2:])


def other_rows(ctx: StepContext) -> list[Path]:
    """The non-zero paths besides P written out before the sum (``written_out``: none when there are many)."""
    shown = highlighted_path(ctx.trace, ctx.config.focus).path
    return written_out(ctx.long_chain_paths, shown, WRITTEN_OUT)


def route_label(path: Path) -> str:
    """A written-out path's label, e.g. ``z⁽²⁾₁ → ŷ₂:`` (LaTeX)."""
    return route(path)[1] + "{:}"  # a colon as punctuation (no space before it, as a relation would have)


def product_row(ctx: StepContext, path: Path) -> WrittenRow:
    """One path's factors and their product, after its route: ``z⁽²⁾₁ → ŷ₂: (−2.5598) · … · 0.6000 = 0.0147``."""
    theme = ctx.theme
    items: list[TraceNumber | str] = [route_label(path)]
    for k, factor in enumerate(path.factors):
        if k:
            items.append(DOT)
        value = TraceNumber(
            factor.value, factor.entry, ctx.decimals, factor_color(ctx, factor.entry, factor.value), FORMULA_SIZE
        )
        items += ["(", value, ")"] if factor.value < 0 else [value]
    items += ["=", path_number(ctx, path, theme.of_sign(path.product))]
    items = [items[0], *as_read(items[1:])]  # "≈" before the product where its shown factors do not give it
    written = [item for item in items[1:] if item not in ("(", ")")]
    return WrittenRow(row(items, theme.text, WRITTEN_LINE_GAP), written=written)


def row(items: Sequence[VMobject | str], color: Color, gap: float = CHAIN_ROW_GAP) -> VGroup:
    """Numbers and LaTeX pieces left to right, wrapped to the panel's width (a piece: a MathTex)."""
    mobs = [MathTex(item, font_size=FORMULA_SIZE, color=color) if isinstance(item, str) else item for item in items]
    # Parentheses bind to their number: keep "(", number, ")" together in one cell.
    cells: list[VMobject] = []
    k = 0
    while k < len(mobs):
        if items[k] == "(":
            cells.append(VGroup(*mobs[k : k + 3]).arrange(buff=0.04))
            k += 3
        else:
            cells.append(mobs[k])
            k += 1
    return _flow(cells, ORIGIN, gap)


def _flow(cells: Sequence[VMobject], align: np.ndarray, gap: float = CHAIN_ROW_GAP) -> VGroup:
    """Cells left to right (aligned by ``align``: UP tops, ORIGIN centres) in as few lines as fit the
    panel's width, the lines as even as they can be (no line of one lone factor)."""
    lines = _lines(cells, PANEL_WIDTH)
    total = sum(c.width for c in cells) + CHAIN_COLUMN_GAP * (len(cells) - len(lines))
    width = total / len(lines)
    while width < PANEL_WIDTH and len(_lines(cells, width)) > len(lines):
        width += CHAIN_COLUMN_GAP
    rows = [VGroup(*line).arrange(buff=CHAIN_COLUMN_GAP, aligned_edge=align) for line in _lines(cells, width)]
    return VGroup(*rows).arrange(DOWN, buff=gap, aligned_edge=LEFT)


def _lines(cells: Sequence[VMobject], width: float) -> list[list[VMobject]]:
    """Cells in lines, a new line where the next cell would pass ``width``."""
    lines: list[list[VMobject]] = [[]]
    used = 0.0
    for cell in cells:
        if lines[-1] and used + CHAIN_COLUMN_GAP + cell.width > width:
            lines.append([])
            used = 0.0
        used += (CHAIN_COLUMN_GAP if lines[-1] else 0.0) + cell.width
        lines[-1].append(cell)
    return lines


def _places(value: float, decimals: int) -> int:
    """A path's product and their sum: a gradient's digits, at least two significant (0.00067, not 0.0007)."""
    return significant_decimals(float(value), decimals)


def wrapped_note(sentence: str, width: int = 28) -> str:
    """A note in lines of at most ``width`` characters (a longer word keeps a line of its own). An equation is not
    broken at its "="; no line begins with a bare number or "=" (the word before goes down with it); the last
    line is never one lone word when the line above can give it one."""
    lines: list[list[str]] = [[]]
    for word in sentence.replace(" = ", "\u00a0=\u00a0").split(" "):
        if lines[-1] and len(" ".join([*lines[-1], word])) > width:
            carry = _clings(word) and len(lines[-1]) > 1 and len(f"{lines[-1][-1]} {word}") <= width
            carried = [lines[-1].pop()] if carry else []
            lines.append(carried)
        lines[-1].append(word)
    if len(lines) > 1 and len(lines[-1]) == 1:  # a lone last word: the line above gives it company
        take = 1 + (len(lines[-2]) > 2 and _clings(lines[-2][-1]))  # and no line begins with a bare number
        moved = [*lines[-2][-take:], *lines[-1]]
        if len(lines[-2]) > take and len(" ".join(moved)) <= width:
            del lines[-2][-take:]
            lines[-1] = moved
    return "\n".join(" ".join(line) for line in lines)


def _clings(word: str) -> bool:
    """A word that must not begin a line: a bare number (its "=" or symbol is before it) or a word from "="."""
    bare = word.lstrip("(−-").rstrip(".,:;)")
    return word.startswith(("=", "\u00a0=")) or bare.replace(".", "", 1).isdigit()
