"""Step 3's words, the backward pass (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.notation import weight as weight_name
from nnmath.rounding import mixes_output
from nnmath.speech import (
    integer_words,
    neuron_words,
    number_words,
    output_words,
    partial_words,
    target_words,
    weight_words,
)
from scenes.drawing.narration import Words
from scenes.drawing.numbers import factor_text, text
from scenes.stage.context import StepContext
from scenes.steps_table import PART
from scenes.words import step_opening


def backward_signal(ctx: StepContext) -> Words:
    opening = step_opening(PART["BackwardPass"])
    signals = ", ".join(text(v, ctx.decimals) for v in ctx.trace.dE_dyhat)
    return Words(
        f"{opening.caption} The error signal ∂E/∂ŷ = ({signals}) enters at the output and flows back.",
        f"{opening.spoken} The error signal enters at the output and flows back.",
    )


def backward_softmax(ctx: StepContext, k: int) -> Words:
    """Why δ = ŷ − y at a softmax output, for output ``k``."""
    t, decimals, l = ctx.trace, ctx.decimals, ctx.depth - 1
    n = len(t.y)
    terms = " + ".join(
        f"{factor_text(t.dE_dyhat[m], decimals)} · {factor_text(t.output_jacobian[m, k], decimals)}"
        for m in range(len(t.y))
    )
    caption = (
        f"Why δ = ŷ − y at a softmax output: every ŷ depends on z{k + 1}, so δ{k + 1} = Σ ∂E/∂ŷₘ · ∂ŷₘ/∂z{k + 1} "
        f"= {terms} = {text(t.delta[l][k], decimals)}. The softmax slope ŷₘ(1[m = k] − ŷₖ) cancels the ŷₘ of −yₘ/ŷₘ, and "
        f"as the targets add up to 1 what is left is ŷ{k + 1} − y{k + 1} = {text(t.y_hat[k], decimals)} − {factor_text(t.y[k], decimals)} "
        f"= {text(t.delta[l][k], decimals)}."
    )
    spoken = (
        f"Why is delta y hat minus y at a softmax output? The softmax slopes cancel the loss's one over y hat, "
        f"and the targets add up to one. So delta {integer_words(k + 1)} is {output_words(k, n)} minus "
        f"{target_words(k, n)}: {number_words(t.delta[l][k])}."
    )
    return Words(caption, spoken)


def backward_deltas(ctx: StepContext, l: int) -> Words:
    """δ of every neuron of layer l + 1."""
    t, layer = ctx.trace, l + 1
    is_output = layer == ctx.output_layer
    deltas = ", ".join(text(v, ctx.decimals) for v in t.delta[l])
    first = f"{neuron_words('delta', layer, 0)} is {number_words(t.delta[l][0])}"
    if is_output and mixes_output(t):
        return Words(
            f"At the softmax output, δ = ŷ − y for every neuron: δ = ({deltas}).",
            f"At the softmax output, delta is y hat minus y: {first}.",
        )
    if is_output:
        return Words(
            f"At the output, δ = ∂E/∂ŷ · {t.activations[layer]}′(z): δ = ({deltas}).",
            f"At the output, delta is the error signal times the slope: {first}.",
        )
    return Words(
        f"Hidden layer {layer}: each neuron sums the δ of the layer after it, weighted by the edges, and multiplies "
        f"by {t.activations[layer]}′(z): δ = ({deltas}).",
        f"Each hidden neuron sums the deltas after it, weighted, times its slope: {first}.",
    )


def backward_chain(ctx: StepContext, l: int, factors: list[float]) -> Words:
    """The chain rule for layer l's focus weight, the product of ``factors``."""
    t, decimals = ctx.trace, ctx.decimals
    j, i = ctx.config.focus[l]
    factors_text = " · ".join(factor_text(value, decimals) for value in factors)
    caption = f"The chain rule for the weight {weight_name(l, j, i)}: ∂E/∂w = {factors_text} = {text(t.grad_weights[l][j, i], decimals)}."
    if len(factors) == 2:
        caption += " At the softmax output ∂E/∂z is δ = ŷ − y itself: two factors."
    gradient = partial_words("E", weight_words(l, j, i))
    spoken = (
        f"By the chain rule, {gradient} is a product of {integer_words(len(factors))} factors: "
        f"{number_words(t.grad_weights[l][j, i])}."
    )
    return Words(caption, spoken)


def backward_gradients(ctx: StepContext, l: int) -> Words:
    return Words(
        "Every weight of the layer gets its gradient δ · a: colour shows the sign, thickness the size. "
        "A bias's gradient is its neuron's δ.",
        "Each weight's gradient is delta times a: colour shows the sign, thickness the size.",
    )


def backward_summary(ctx: StepContext) -> Words:
    line = "Every weight and bias now knows which way, and how strongly, it pushes the error."
    return Words(line, line)
