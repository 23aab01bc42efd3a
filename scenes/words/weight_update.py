"""Step 4's words, the weight update (see :mod:`scenes.words`)."""

from __future__ import annotations

import math

from nnmath.notation import weight as weight_name
from nnmath.speech import and_list, number_words, pair_words, weight_words
from nnmath.trace import StepTrace
from scenes.drawing.narration import Words
from scenes.drawing.numbers import text
from scenes.stage.context import StepContext
from scenes.steps_table import PART
from scenes.words import step_opening


def update_rule(ctx: StepContext) -> Words:
    opening = step_opening(PART["WeightUpdate"])
    eta_text = text(ctx.config.learning_rate, ctx.decimals)
    return Words(
        f"{opening.caption} Gradient descent moves every weight against its gradient, scaled by the learning rate "
        f"η = {eta_text}.",
        f"{opening.spoken} Each weight moves against its gradient, times the learning rate, "
        f"{number_words(ctx.config.learning_rate)}.",
    )


def update_focus(ctx: StepContext) -> Words:
    """Each layer's focus weight, old and new (the voice says the output layer's and the first layer's)."""
    t, decimals, focus = ctx.trace, ctx.decimals, ctx.config.focus
    news = "; ".join(
        f"{weight_name(l, *focus[l])} goes from {text(t.weights[l][focus[l]], decimals)} to {text(t.new_weights[l][focus[l]], decimals)}"
        for l in reversed(range(ctx.depth))
    )
    said = sorted({ctx.depth - 1, 0}, reverse=True)
    moves = and_list(
        [
            "{} goes from {} to {}".format(
                weight_words(l, *focus[l]), *pair_words(t.weights[l][focus[l]], t.new_weights[l][focus[l]])
            )
            for l in said
        ]
    )
    return Words(f"The weights whose chain rule we followed: {news}.", f"{moves[0].upper()}{moves[1:]}.")


def update_all(ctx: StepContext) -> Words:
    return Words(
        "Every weight and every bias takes its step at the same time.", "Every weight and bias takes its step at once."
    )


def update_verdict(t: StepTrace) -> str:
    """What the error after the update says, as the panel writes it (on two lines)."""
    if math.isnan(t.loss_after):  # ∞ − ∞ after an overflow
        return "undefined: η is so large\nthat the numbers overflow"
    return "smaller: the network learned" if t.loss_after < t.loss else "larger: η is too large\nfor this step"


def update_check(ctx: StepContext) -> Words:
    t, decimals = ctx.trace, ctx.decimals
    caption = (
        f"A forward pass with the new weights: ŷ = ({', '.join(text(v, decimals) for v in t.y_hat_after)}). "
        f"The error goes from {text(t.loss, decimals)} to {text(t.loss_after, decimals)}, {update_verdict(t).replace(chr(10), ' ')}."
    )
    verdict = "smaller: the network learned" if t.loss_after < t.loss else "larger: the learning rate is too large"
    if math.isnan(t.loss_after):
        verdict = "undefined: the learning rate is so large that the numbers overflow"
    before, after = pair_words(t.loss, t.loss_after)
    return Words(caption, f"With the new weights, the error goes from {before} to {after}, {verdict}.")
