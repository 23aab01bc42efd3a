"""Step 3's tables: the values a formula uses that the diagram does not show (∂E/∂ŷ from the error step, the
weights of edges too crowded to label, the target), each named beside its value, and what the softmax δ's sum
multiplies; with ``signed``, the colouring of a gradient, δ or ∂E/∂a by its sign."""

from __future__ import annotations

from manim import LEFT, VGroup, VMobject

from nnmath.rounding import mixes_output
from scenes.drawing import symbols
from scenes.drawing.formula import Formula, Num, piece_formula
from scenes.drawing.style import FORMULA_SIZE, LABEL_SIZE, PANEL_WIDTH
from scenes.stage.context import StepContext


def signed(ctx: StepContext, *entry: str | int, factor: bool = False) -> Num:
    """A gradient, δ or ∂E/∂a in a formula, coloured by its sign (the colour key's two colours)."""
    return ctx.num(*entry, color=ctx.theme.of_sign(ctx.value(entry), ctx.decimals), factor=factor)


def inline_partial(of: str, by: str) -> str:
    """∂of/∂by on one line (a table's name for a value: a fraction would double the table's height)."""
    return rf"\partial {of} / \partial {by}"


def given(ctx: StepContext, symbol: str, number: Num, font_size: float = FORMULA_SIZE) -> Formula:
    """``symbol = number``: a value a formula uses, named, where it can be read off (a table's entry)."""
    return Formula(symbol, "=", number, decimals=ctx.decimals, color=ctx.theme.text, font_size=font_size)


def signal_value(ctx: StepContext, k: int) -> Formula:
    """∂E/∂ŷₖ = its value (from the error step), for a formula using it."""
    return given(ctx, inline_partial("E", symbols.y_hat(k)), signed(ctx, "dE_dyhat", k))


def values_used(ctx: StepContext, l: int, j: int, weights: bool, weight_size: float = LABEL_SIZE) -> list[VMobject]:
    """What neuron j of layer l + 1's rows use that the diagram will not show, named, as a table (none if nothing):
    at an output ∂E/∂ŷⱼ (from the error step; at a softmax output, whose δ is ŷ − y, the target yⱼ); in a hidden
    layer the weights its ∂E/∂a sums (``weights``: when the diagram is too crowded to label its edges), at
    ``weight_size``."""
    layer, theme = l + 1, ctx.theme
    items: list[Formula] = []
    if layer == ctx.output_layer and mixes_output(ctx.trace):
        items.append(given(ctx, symbols.y(j), ctx.num("y", j, color=theme.target)))
    elif layer == ctx.output_layer:
        items.append(signal_value(ctx, j))
    elif weights:
        # at the legibility floor, or a size up where there is room: a hidden neuron's rows (the table, its sum, f′,
        # δ) share the panel
        items += [
            given(ctx, symbols.weight(l + 1, k, j), ctx.num("weights", l + 1, k, j), weight_size)
            for k in weight_rows(ctx, l)
        ]
        return [table_of(items, gap=0.3)]
    return [table_of(items)] if items else []


def softmax_terms(ctx: StepContext, k: int) -> VGroup:
    """What the softmax δₖ's sum multiplies, a line per output m: ∂E/∂ŷₘ (from the error step) and ∂ŷₘ/∂zₖ (just
    worked out), each named."""
    z_k = symbols.z(ctx.output_layer, k)
    cells = [
        cell
        for m in range(len(ctx.trace.y))
        for cell in (
            signal_value(ctx, m),
            given(ctx, inline_partial(symbols.y_hat(m), z_k), ctx.num("output_jacobian", m, k)),
        )
    ]
    return VGroup(*cells).arrange_in_grid(cols=2, buff=(0.35, 0.18), cell_alignment=LEFT)


def weight_rows(ctx: StepContext, l: int) -> range:
    """k of the weights w⁽ˡ⁺²⁾ₖⱼ out of a neuron of layer l + 1."""
    return range(ctx.config.layers[l + 2])


def table_of(items: list[Formula], gap: float = 0.45) -> VGroup:
    """``items`` in as few lines as the panel's width allows, in columns."""
    widest = max(m.width for m in items)
    columns = max(1, min(len(items), int((PANEL_WIDTH + gap) // (widest + gap))))
    return VGroup(*items).arrange_in_grid(cols=columns, buff=(gap, 0.18), cell_alignment=LEFT)


def table_pieces(ctx: StepContext) -> list[tuple[str, ...]]:
    """The pieces of the tables above (``StepScene.formulas``)."""
    outputs, z_k = range(ctx.config.layers[-1]), symbols.z(ctx.output_layer, ctx.config.focus[-1][0])
    names = [inline_partial("E", symbols.y_hat(k)) for k in outputs]
    names += [inline_partial(symbols.y_hat(m), z_k) for m in outputs] if mixes_output(ctx.trace) else []
    names += [symbols.y(k) for k in outputs]
    hidden = [(layer, j) for layer in range(1, ctx.depth) for j in range(ctx.config.layers[layer])]
    names += [inline_partial("E", symbols.a(layer, j)) for layer, j in hidden]  # ``upstream_formula``'s heads
    names += [
        symbols.weight(l + 1, k, j)
        for l in range(ctx.depth - 1)
        for j in range(ctx.config.layers[l + 1])
        for k in weight_rows(ctx, l)
    ]
    return [piece_formula(name) for name in names]
