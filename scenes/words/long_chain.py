"""The long chain's words (step 3, a network with a hidden layer): one path's product, then the sum over every
path (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.activations import ACTIVATIONS
from nnmath.notation import neuron_value, visible_decimals, weight
from nnmath.paths import Path, factors_per_path
from nnmath.speech import integer_words, neuron_words, number_words, weight_words
from scenes.drawing.narration import Words
from scenes.drawing.numbers import product_text, text
from scenes.stage.context import StepContext
from scenes.words.backward_pass import SLOPE


def long_chain_path(ctx: StepContext, path: Path, reason: str, paths: int) -> Words:
    """One path from the error back to the first layer's focus weight, of ``paths``; ``reason``: why this path."""
    j, i = ctx.config.focus[0]
    decimals = ctx.decimals
    values = product_text((factor.value for factor in path.factors), decimals)
    product = text(path.product, visible_decimals(float(path.product), decimals))
    share = (
        f" That is one path's share; there are {paths}." if paths > 1 else " It is the only path, so P is the gradient."
    )
    caption = (
        f"The chain rule written out in full: along a path from E back to {weight(0, j, i)}, the product P of "
        f"{len(path.factors)} partial derivatives is {values} = {product}.{share}"
    )
    if reason:
        caption += f" ({reason[0].upper()}{reason[1:]}.)"
    spoken = (
        f"Along one path back to {weight_words(0, j, i)}, the chain rule multiplies "
        f"{integer_words(len(path.factors))} partial derivatives: {number_words(path.product)}."
    )
    return Words(caption, spoken)


def long_chain_sum(ctx: StepContext, paths: int, total: float, naive: int, backprop: int) -> Words:
    """The ``paths`` products summed (``total``), and why backprop goes through δ instead (the multiplications
    each way, ``naive`` and ``backprop``, only where they differ)."""
    t, decimals = ctx.trace, ctx.decimals
    j, i = ctx.config.focus[0]
    gradient = f"∂E/∂{weight(0, j, i)}"
    delta_a = (
        f"{neuron_value('δ', 1, j)} · {neuron_value('a', 0, i)} = "
        f"{product_text((t.delta[0][j], t.dz_dw[0][i]), decimals)}"
    )
    shown = text(total, visible_decimals(float(total), decimals))
    summed = f"The {paths} paths' products add up to" if paths > 1 else "The one path's product is"
    caption = (
        f"{summed} {shown} = {gradient} = {delta_a}. Backprop never lists paths: it computes each δ once, from the "
        "δ of the layer after, and every weight into that neuron reuses it."
    )
    if naive > backprop:
        caption += f" {counted(ctx, paths, naive, backprop)}"
    said = f"The {integer_words(paths)} paths add up to" if paths > 1 else "That is"
    spoken = (
        f"{said} {number_words(total)}: {neuron_words('delta', 1, j)} times {neuron_words('a', 0, i)}. "
        "Backprop computes each delta once, and every weight into that neuron reuses it."
    )
    return Words(caption, spoken)


# --- the panel's lines -------------------------------------------------------------------------------------


def path_line(ctx: StepContext, paths: int) -> str:
    """Which path the grid multiplies along (wrapped by the caller)."""
    j, i = ctx.config.focus[0]
    if paths == 1:
        return f"The only path from E back to {weight(0, j, i)}, its product P:"
    return f"One of {paths} paths from E back to {weight(0, j, i)}, its product P:"


def count_line(paths: int, factors: int, zero: int) -> str:
    """One line that fits the panel at LABEL_SIZE."""
    if paths == 1:
        return "With one path, its P is the whole gradient."
    if zero:
        return f"Sum of all {paths} P ({zero} are 0):"
    return f"Sum of all {paths} paths' P:"


def reuse_lines(ctx: StepContext, paths: int, naive: int, backprop: int) -> str:
    """Why backprop goes through δ, in one paragraph (wrapped by the caller)."""
    if naive > backprop:  # the count needs room: the subtitle says where δ comes from
        return f"Backprop lists no paths: each δ is computed once and reused. {counted(ctx, paths, naive, backprop)}"
    return "Backprop lists no paths: each δ is computed once, from the next layer's δ, and every weight into its neuron reuses it."


def counted(ctx: StepContext, paths: int, naive: int, backprop: int) -> str:
    """The multiplications each way for this one gradient, and how backprop's are counted (δ as the video
    teaches it: a softmax output's δ = ŷ − y takes none)."""
    t = ctx.trace
    _, i = ctx.config.focus[0]
    last = t.depth if ACTIVATIONS[t.activations[-1]].elementwise else t.depth - 1
    slopes = " or ".join(dict.fromkeys(SLOPE.get(t.activations[layer], "f′") for layer in range(1, last + 1)))
    return (
        f"Path by path, {paths} × {factors_per_path(t) - 1} = {naive} multiplications; through δ, {backprop}: "
        f"one per edge and per {slopes} on the way back, one by {neuron_value('a', 0, i)}."
    )
