"""The long chain's words (step 3, a network with a hidden layer): one path's product, then the sum over every
path (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.notation import neuron_value, visible_decimals, weight
from nnmath.paths import Path
from nnmath.speech import integer_words, neuron_words, number_words, weight_words
from scenes.drawing.narration import Words
from scenes.drawing.numbers import factor_text, text
from scenes.stage.context import StepContext


def long_chain_path(ctx: StepContext, path: Path, reason: str) -> Words:
    """One path from the error back to the first layer's focus weight; ``reason``: why this path."""
    j, i = ctx.config.focus[0]
    decimals = ctx.decimals
    values = " · ".join(factor_text(factor.value, decimals) for factor in path.factors)
    caption = (
        f"As the seeds write it: along one path from the error back to {weight(0, j, i)}, ∂E/∂{weight(0, j, i)} is a product of "
        f"{len(path.factors)} partial derivatives, {values} = {text(path.product, visible_decimals(float(path.product), decimals))}."
    )
    if reason:
        caption += f" ({reason[0].upper()}{reason[1:]}.)"
    spoken = (
        f"Along one path back to {weight_words(0, j, i)}, the gradient is a product of "
        f"{integer_words(len(path.factors))} partial derivatives: {number_words(path.product)}."
    )
    return Words(caption, spoken)


def long_chain_sum(ctx: StepContext, paths: int, total: float, naive: int, backprop: int) -> Words:
    """The ``paths`` products summed (``total``), and the multiplications each way: ``naive``, ``backprop``."""
    t, decimals = ctx.trace, ctx.decimals
    j, i = ctx.config.focus[0]
    summed = (
        f"{paths} paths from E to {weight(0, j, i)}; their products summed give"
        if paths > 1
        else (f"one path from E to {weight(0, j, i)}; its product is")
    )
    caption = (
        f"Backprop does not compute it this way. There {'are' if paths > 1 else 'is'} {summed} "
        f"{text(total, visible_decimals(float(total), decimals))} = ∂E/∂{weight(0, j, i)}, the same number as "
        f"{neuron_value('δ', 1, j)} · {neuron_value('a', 0, i)} = {factor_text(t.delta[0][j], decimals)} · "
        f"{factor_text(t.dz_dw[0][i], decimals)}. Multiplying along each path takes {naive} multiplications; "
        f"carrying δ layer by layer, one multiply-add per edge, takes {backprop}."
    )
    said = f"The {integer_words(paths)} paths add up to" if paths > 1 else "That is"
    spoken = f"{said} {number_words(total)}: {neuron_words('delta', 1, j)} times {neuron_words('a', 0, i)}."
    if naive > backprop:
        spoken += f" Backprop needs {integer_words(backprop)} multiplications, not {integer_words(naive)}."
    return Words(caption, spoken)


# --- the panel's lines -------------------------------------------------------------------------------------


def count_line(paths: int, factors: int, zero: int) -> str:
    """One line that fits the panel at LABEL_SIZE."""
    if paths == 1:
        return f"1 path of {factors} factors:"
    if zero:
        return f"{paths} paths, {factors} factors; {zero} are 0:"
    return f"{paths} paths of {factors} factors, summed:"


def cost_line(paths: int, naive: int, backprop: int) -> str:
    """Lines short enough for the panel at LABEL_SIZE."""
    how = "Path by path" if paths > 1 else "Along the path"
    return f"{how}:\n{naive} multiplications.\nδ layer by layer: {backprop}."
