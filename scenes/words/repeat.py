"""The epilogue's words: many steps, three learning rates, the gradient in each layer (see :mod:`scenes.words`)."""

from __future__ import annotations

import numpy as np

from nnmath.notation import format_number, sub, sup, visible_decimals
from nnmath.regimes import CONVERGES, DIVERGED, DIVERGES, EPILOGUE_STEPS, OSCILLATES, OVERSHOOTS, SLOW, STUCK
from nnmath.speech import and_list, integer_words, number_words, numbers_words
from nnmath.vanishing import GROWS, SHRINKS, size_decimals
from scenes.drawing.loss_curve import ZOOM_STEPS
from scenes.drawing.narration import Words
from scenes.stage.context import REPEAT_STEPS, StepContext

ERROR_DOES = {  # the subtitle's words for each label
    SLOW: "falls slowly",
    CONVERGES: "falls steadily",
    STUCK: "does not fall",
    OVERSHOOTS: "overshoots",
    OSCILLATES: "oscillates",
    DIVERGES: "diverges",
}


def shown_text(value: float, decimals: int) -> str:
    """A value as the subcaption writes it: as on screen, with more digits if it would read as zero."""
    if not abs(value) < DIVERGED:
        return "more than a million (the run diverges)"
    return format_number(value, visible_decimals(value, decimals))


def repeat_curve(ctx: StepContext) -> Words:
    decimals, history = ctx.decimals, ctx.history
    values = ", ".join(f"E{sub(k)} = {shown_text(history[k], decimals)}" for k in (ZOOM_STEPS, REPEAT_STEPS))
    caption = (
        f"The update you just watched took the error from E₀ = {shown_text(history[0], decimals)} "
        f"to E₁ = {shown_text(history[1], decimals)}. Repeat the four steps {REPEAT_STEPS} times: {values}."
    )
    steps = integer_words(EPILOGUE_STEPS)
    return Words(
        caption,
        f"Repeat the four steps {steps} times: the error goes from {number_words(history[0])} to "
        f"{number_words(history[EPILOGUE_STEPS])}.",
    )


def repeat_rates(ctx: StepContext) -> Words:
    rates = and_list(
        [
            f"{number_words(run.learning_rate)} is {run.role.replace('largest η tried', 'the largest tried')}"
            for run in ctx.regimes.runs
        ]
    )
    return Words(rates_caption(ctx), f"The learning rate sets the step size: {rates}.")


def rates_caption(ctx: StepContext) -> str:
    """The subtitle: each η with what it does and its error after REPEAT_STEPS steps, all from the runs."""
    decimals, regimes = ctx.decimals, ctx.regimes
    parts = []
    for run in regimes.runs:
        eta = format_number(run.learning_rate, size_decimals(run.learning_rate, decimals))
        what = ERROR_DOES[run.label]
        if run.rises:
            what += (
                f" (it rises at {run.rises} of the steps, up to {shown_text(float(np.nanmax(run.history)), decimals)})"
            )
        parts.append(
            f"with η = {eta} ({run.role}) the error {what}, E{sub(REPEAT_STEPS)} = {shown_text(run.final, decimals)}"
        )
    caption = f"The learning rate sets the step size. Three, found by training this network {REPEAT_STEPS} steps: "
    caption += "; ".join(parts) + "."
    watched = next((run for run in regimes.runs if run.learning_rate == ctx.config.learning_rate), None)
    if watched is not None:
        caption += f" The η you watched, {format_number(watched.learning_rate, decimals)}, is the {watched.role} one."
    if not regimes.found_rise:
        limit = format_number(ctx.value(("rate_limit",)), visible_decimals(regimes.limit, decimals))
        caption += f" No η up to {limit} made the error rise for this network."
    return caption


def repeat_gradients(ctx: StepContext) -> Words:
    sizes = ctx.gradient_sizes
    line = f"The mean gradient of each weight layer, first to last: {numbers_words(sizes.sizes)}."
    if sizes.trend == SHRINKS:
        line += f" The first layer's is {number_words(sizes.ratio)} times smaller than the last's."
    if sizes.trend == SHRINKS:
        return Words(
            gradients_caption(ctx), line + " The gradient shrinks toward the input, so the early layers learn slowest."
        )
    return Words(gradients_caption(ctx), line + " Here the gradient does not vanish on its way back.")


def gradients_caption(ctx: StepContext) -> str:
    decimals, sizes = ctx.decimals, ctx.gradient_sizes
    values = ", ".join(
        f"W{sup(f'({l + 1})')} {format_number(float(v), size_decimals(float(v), decimals))}"
        for l, v in enumerate(sizes.sizes)
    )
    caption = f"How big is the gradient in each weight layer? The mean |∂E/∂w|: {values}."
    if sizes.trend == SHRINKS:
        caption += f" The first layer's is {format_number(sizes.ratio, 1)} times smaller than the last's."
    return caption + " " + gradient_meaning(ctx.config.hidden_activation, sizes.trend)


def gradient_meaning(activation: str, trend: str) -> str:
    """One sentence on what the bars mean, for the hidden activation and what the bars actually do."""
    if trend == SHRINKS:
        why = {
            "sigmoid": "σ′(z) is at most a quarter, so each sigmoid layer back multiplies it by a small factor "
            "and the early layers learn slowest: the vanishing gradient.",
            "tanh": "tanh′(z) is at most one and smaller away from zero, so each layer back shrinks it "
            "and the early layers learn slowest: the vanishing gradient.",
            "relu": "ReLU's derivative is one for an active neuron, so here the weights (and inactive neurons) "
            "shrink it, and the early layers learn slowest.",
            "linear": "a linear layer's derivative is one, so here the weights shrink it, and the early layers "
            "learn slowest.",
        }[activation]
        return f"The gradient shrinks toward the input: {why}"
    keeps = {
        "sigmoid": "even with sigmoid (σ′ at most a quarter), the weights here keep it from vanishing.",
        "tanh": "tanh′ is close to one near zero, and the weights here keep it from vanishing.",
        "relu": "ReLU's derivative is one for an active neuron, so it passes the gradient back at full size.",
        "linear": "a linear layer's derivative is one, so it passes the gradient back at full size.",
    }[activation]
    shape = "grows" if trend == GROWS else "does not shrink steadily"
    return f"Here the gradient {shape} toward the input: {keeps}"
