"""The long chain, as the seeds write it: ∂E/∂w⁽¹⁾ⱼᵢ as the product of partial derivatives along one
path from the error back to the weight, then why backprop does not compute it that way (the sum of
every path's product is what δ carries layer by layer).

Played at the end of the backward pass, for networks with a hidden layer; every number is a trace
entry (a factor's own entry, a path's product ``("path", p)``, computed by ``nnmath.paths``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, UP, MathTex, Scene, Text, VGroup, VMobject, Write

from nnmath.notation import visible_decimals
from nnmath.paths import (
    Path,
    backprop_multiplications,
    factors_per_path,
    has_long_chain,
    highlighted_path,
    path_count,
    path_multiplications,
    summed_paths,
)
from scenes.drawing import symbols
from scenes.drawing.diagram import Edge, Neuron
from scenes.drawing.fades import Appear
from scenes.drawing.formula import Formula, piece_formula
from scenes.drawing.geometry import EdgeKey
from scenes.drawing.layout import Panel
from scenes.drawing.motion import gradient_styles, light_up, neutral_styles, rest_neurons, restyle_edges
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import TraceNumber, number
from scenes.drawing.style import (
    BEAT,
    CHAIN_COLUMN_GAP,
    CHAIN_ROW_GAP,
    CHAIN_VALUE_BUFF,
    EMPHASIS_SIZE,
    FOCUS_STROKE,
    FORMULA_SIZE,
    HIGHLIGHT_STROKE,
    LABEL_SIZE,
    MOVE,
    PANEL_WIDTH,
    READ,
    READ_ALL,
    READ_LONG,
    RESET,
    ROW_IN,
    RULE_SIZE,
    SHOW_ROW,
    SUM_TERMS_SHOWN,
    WRITE,
)
from scenes.drawing.theme import Color
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.words import long_chain as words

DELTA_RECURSION = r"\delta^{(l)} = f'(z^{(l)}) \sum w \, \delta^{(l+1)}"
ROW_PIECES = ("=", "+", r"\cdots", "(", ")")  # what a row of numbers has between them (``row``)
DOT = r"\cdot"


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
        *((piece,) for piece in (DOT, *ROW_PIECES, DELTA_RECURSION)),
        *(piece_formula(piece) for piece in gradient_is_delta_times_a(j, i)),
    ]


def play_long_chain(scene: Scene, ctx: StepContext, board: Board) -> None:
    """One path's long product, then the sum over all paths = the gradient backprop found; leaves the
    edges styled by their gradients again. Nothing for a network without a hidden layer."""
    if not has_long_chain(ctx.trace):
        return
    panel = Panel(scene)
    shown = highlighted_path(ctx.trace, ctx.config.focus)
    one_path(scene, ctx, board, panel, shown.path, shown.reason)
    every_path(scene, ctx, board, panel, shown.path)


def one_path(scene: Scene, ctx: StepContext, board: Board, panel: Panel, path: Path, reason: str) -> None:
    """The path lit on the diagram, its factors written out with their values, then their product."""
    theme = ctx.theme
    with narrated(scene, "backward-long-chain-path", words.long_chain_path(ctx, path, reason)):
        d = board.diagram
        quiet = restyle_edges(d, neutral_styles(d)) + rest_neurons(d.all_neurons(), theme)
        scene.play(*quiet, run_time=RESET)
        lit = light_up([*path_edges(board, path, ctx), *path_neurons(board, path, ctx)], theme.backward, FOCUS_STROKE)
        scene.play(*lit, run_time=MOVE)
        grid = factor_grid(ctx, path)
        panel.add(grid)
        scene.play(Write(grid.head), Write(grid.symbols), run_time=WRITE)
        scene.play(Appear(grid.values), run_time=ROW_IN)
        scene.wait(BEAT)
        result = row(["=", path_number(ctx, path, theme.backward)], theme.text)
        scene.play(panel.push(result), run_time=SHOW_ROW)
        if reason:
            note = Text(
                _wrapped(reason[0].upper() + reason[1:] + "."),
                font_size=LABEL_SIZE,
                color=theme.muted,
                line_spacing=0.8,
            )
            scene.play(panel.push(note), run_time=SHOW_ROW)
        scene.wait(READ_LONG)
        panel.clear()


def every_path(scene: Scene, ctx: StepContext, board: Board, panel: Panel, path: Path) -> None:
    """All paths lit; their products summed = ∂E/∂w = δ⁽¹⁾ⱼ · a⁽⁰⁾ᵢ; what backprop does instead."""
    t, theme, f = ctx.trace, ctx.theme, ctx.decimals
    j, i = ctx.config.focus[0]
    paths, n = ctx.long_chain_paths, path_count(t)
    naive, backprop = path_multiplications(t), backprop_multiplications(t)
    total = ctx.value(("path_sum",))
    with narrated(scene, "backward-long-chain-sum", words.long_chain_sum(ctx, n, total, naive, backprop)):
        others = [e for e in all_path_edges(board, ctx) if e not in path_edges(board, path, ctx)]
        zero = sum(p.product == 0.0 for p in paths)
        count = Text(
            _count_text(n, factors_per_path(t), zero), font_size=LABEL_SIZE, color=theme.text, line_spacing=0.8
        )
        scene.play(*light_up(others, theme.backward, HIGHLIGHT_STROKE), panel.push(count), run_time=MOVE)
        terms = sum_row(ctx, paths)
        scene.play(panel.push(terms), run_time=SHOW_ROW)
        scene.wait(BEAT)
        gradient, product = gradient_is_delta_times_a(j, i)
        same = Formula(
            "=", gradient, "=", product, "=",
            ctx.num("delta", 0, j, color=theme.backward, factor=True), r"\cdot", ctx.num("dz_dw", 0, i, factor=True),
            decimals=f, color=theme.text, max_width=PANEL_WIDTH,
        )  # fmt: skip
        scene.play(panel.push(same), run_time=SHOW_ROW)
        rule = MathTex(DELTA_RECURSION, font_size=RULE_SIZE, color=theme.backward)
        cost = Text(_cost_text(n, naive, backprop), font_size=LABEL_SIZE, color=theme.text, line_spacing=0.8)
        scene.play(*panel.push_all([rule, cost]), run_time=SHOW_ROW)
        scene.wait(READ_ALL)
        d = board.diagram
        back = [
            restyle_edges(d, gradient_styles(l, t.grad_weights[l], theme.backward, theme.backward_negative))
            for l in range(ctx.depth)
        ]
        scene.play(
            *(a for animations in back for a in animations), *rest_neurons(d.all_neurons(), theme), run_time=RESET
        )
        scene.wait(READ)
        panel.clear()


# --- the path on the diagram ---------------------------------------------------------------------------------


def path_edges(board: Board, path: Path, ctx: StepContext) -> list[Edge]:
    """The focus weight's edge and the path's edge between each two layers 1 … L."""
    j, i = ctx.config.focus[0]
    keys: list[EdgeKey] = [(0, j, i)] + [(l, path.neurons[l], path.neurons[l - 1]) for l in range(1, ctx.depth)]
    return [board.diagram.edges[key] for key in keys]


def path_neurons(board: Board, path: Path, ctx: StepContext) -> list[Neuron]:
    """The input neuron i, the path's neuron in each layer, and ŷₘ (a softmax path's output)."""
    d, i = board.diagram, ctx.config.focus[0][1]
    neurons = [d.neuron(0, i)] + [d.neuron(layer, n) for layer, n in enumerate(path.neurons, start=1)]
    if path.output != path.neurons[-1]:
        neurons.append(d.neuron(ctx.depth, path.output))
    return neurons


def all_path_edges(board: Board, ctx: StepContext) -> list[Edge]:
    """Every edge some path runs along: the focus edge, neuron j's out-edges, every edge after layer 2."""
    j, i = ctx.config.focus[0]
    keys = [key for key in board.diagram.edges if key == (0, j, i) or (key[0] == 1 and key[2] == j) or key[0] >= 2]
    return [board.diagram.edges[key] for key in keys]


# --- the formulas ----------------------------------------------------------------------------------------------


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
            number(factor.value, factor.entry, ctx.decimals, theme.backward, LABEL_SIZE),
        )
        for factor in path.factors
    ]
    j, i = ctx.config.focus[0]
    head = MathTex(*grid_head(j, i), font_size=EMPHASIS_SIZE, color=theme.text)
    return FactorGrid(head, columns, theme.text)


def grid_head(j: int, i: int) -> tuple[str, str]:
    """``∂E/∂w⁽¹⁾ⱼᵢ =`` before the factors of a path (``MathTex`` arguments)."""
    return symbols.partial("E", symbols.weight(0, j, i)), "="


def path_number(ctx: StepContext, path: Path, color: Color, size: float = FORMULA_SIZE) -> TraceNumber:
    """A path's product, with digits enough not to read 0 when it is not."""
    return number(path.product, ("path", path.index), _places(path.product, ctx.decimals), color, size)


def sum_row(ctx: StepContext, paths: Sequence[Path]) -> VGroup:
    """P₁ + P₂ + … = their sum (the first few products, ⋯, the last, when there are many)."""
    theme = ctx.theme
    shown, cut = summed_paths(paths, SUM_TERMS_SHOWN)
    items: list[VMobject | str] = []
    for k, path in enumerate(shown):
        if k:
            items.append("+")
        if cut and k == len(shown) - 1:
            items += [r"\cdots", "+"]
        value = path_number(ctx, path, theme.text)
        items += ["(", value, ")"] if value.get_value() < 0 else [value]
    if len(paths) > 1:  # one path's product is the sum already
        total = ctx.value(("path_sum",))
        items += ["=", number(total, ("path_sum",), _places(total, ctx.decimals), theme.backward, FORMULA_SIZE)]
    return row(items, theme.text)


def row(items: Sequence[VMobject | str], color: Color) -> VGroup:
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
    return _flow(cells, ORIGIN)


def _flow(cells: Sequence[VMobject], align: np.ndarray) -> VGroup:
    """Cells left to right (aligned by ``align``: UP tops, ORIGIN centres) in as few lines as fit the
    panel's width, the lines as even as they can be (no line of one lone factor)."""
    lines = _lines(cells, PANEL_WIDTH)
    total = sum(c.width for c in cells) + CHAIN_COLUMN_GAP * (len(cells) - len(lines))
    width = total / len(lines)
    while width < PANEL_WIDTH and len(_lines(cells, width)) > len(lines):
        width += CHAIN_COLUMN_GAP
    rows = [VGroup(*line).arrange(buff=CHAIN_COLUMN_GAP, aligned_edge=align) for line in _lines(cells, width)]
    return VGroup(*rows).arrange(DOWN, buff=CHAIN_ROW_GAP, aligned_edge=LEFT)


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
    return visible_decimals(float(value), decimals)


def _count_text(paths: int, factors: int, zero: int) -> str:
    """One line that fits the panel at LABEL_SIZE."""
    if paths == 1:
        return f"1 path of {factors} factors:"
    if zero:
        return f"{paths} paths, {factors} factors; {zero} are 0:"
    return f"{paths} paths of {factors} factors, summed:"


def _cost_text(paths: int, naive: int, backprop: int) -> str:
    """Lines short enough for the panel at LABEL_SIZE."""
    how = "Path by path" if paths > 1 else "Along the path"
    return f"{how}:\n{naive} multiplications.\nδ layer by layer: {backprop}."


def _wrapped(sentence: str, width: int = 28) -> str:
    """A note in lines of at most ``width`` characters."""
    lines: list[str] = [""]
    for word in sentence.replace(" = ", "\u00a0=\u00a0").split(" "):  # an equation is not broken
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    return "\n".join(lines)
