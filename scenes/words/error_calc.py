"""Step 2's words, the error (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath import LOSSES
from nnmath.speech import name_words, number_words, output_words, partial_words
from scenes.drawing.narration import Words
from scenes.drawing.numbers import text
from scenes.stage.context import StepContext
from scenes.steps_table import PART
from scenes.words import step_opening


def error_compare(ctx: StepContext) -> Words:
    t, decimals = ctx.trace, ctx.decimals
    opening = step_opening(PART["ErrorCalc"])
    pairs = "; ".join(
        f"ŷ{k + 1} = {text(t.y_hat[k], decimals)} against y{k + 1} = {text(t.y[k], decimals)}" for k in range(len(t.y))
    )
    n = len(t.y)
    pair = f"{output_words(0, n)} is {number_words(t.y_hat[0])} against {number_words(t.y[0])}"
    others = " The other outputs are on the screen." if n > 1 else ""
    return Words(
        f"{opening.caption} How wrong is the prediction? {pairs}.",
        f"{opening.spoken} How wrong is the prediction? {pair[0].upper()}{pair[1:]}.{others}",
    )


def error_loss(ctx: StepContext) -> Words:
    t, decimals = ctx.trace, ctx.decimals
    n, loss = len(t.y), LOSSES[ctx.config.loss]
    terms = " + ".join(text(v, decimals) for v in t.loss_terms)
    caption = f"The loss {loss.name.replace('_', ' ')} measures it: E = {terms}" + (
        f" = {text(t.loss, decimals)}." if n > 1 else "."
    )
    counted = [k for k in range(n) if t.y[k] != 0]
    if loss.targets_sum is not None and len(counted) == 1:  # cross-entropy with a one-hot target
        caption += f" Every term with y = 0 is 0: only the true class counts, E = −ln ŷ{counted[0] + 1}."
    return Words(caption, f"The {name_words(ctx.config.loss)} measures it: the error E is {number_words(t.loss)}.")


def error_signal(ctx: StepContext) -> Words:
    t = ctx.trace
    signals = ", ".join(text(v, ctx.decimals) for v in t.dE_dyhat)
    n = len(t.y)
    slope = partial_words("E", output_words(0, n))
    first = f"{slope[0].upper()}{slope[1:]} is {number_words(t.dE_dyhat[0])}"
    return Words(
        f"Its slope with respect to the prediction, ∂E/∂ŷ = ({signals}), is the signal the backward pass starts from.",
        f"{first}: the signal the backward pass starts from" + (", one per output." if n > 1 else "."),
    )
