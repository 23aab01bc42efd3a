"""The epilogue's words: many steps, the learning-rate runs, the size of δ in each layer (see :mod:`scenes.words`).

The claims themselves (what a run does, what the sizes of δ show) are nnmath's (:mod:`nnmath.regime_words`,
:mod:`nnmath.gradient_words`): the answer key says the same sentences."""

from __future__ import annotations

from nnmath import gradient_words, regime_words
from nnmath.notation import format_setting, format_value, sub
from nnmath.regimes import (
    DIVERGES,
    LARGEST_TRIED,
    OSCILLATES,
    OVERSHOOTS,
    SLOW,
    STALLS,
    STALLS_PAST,
    STEADY,
    STUCK,
    YOURS,
    Regime,
)
from nnmath.speech import integer_words, number_words, numbers_words
from nnmath.vanishing import SAME, SHRINKS
from scenes.drawing.loss_curve import ZOOM_STEPS
from scenes.drawing.narration import Words
from scenes.stage.context import REPEAT_STEPS, StepContext

SAID = {  # what a run does, for the ear
    SLOW: "the error falls, but slowly",
    STEADY: "the error never rises",
    OVERSHOOTS: "it overshoots: the error goes up",
    OSCILLATES: "it oscillates",
    STALLS_PAST: "it jumps past the target and stalls",
    STALLS: "the output saturates and it stalls",
    DIVERGES: "the error grows without bound",
    STUCK: "the error does not move",
}


def repeat_curve(ctx: StepContext) -> Words:
    f, history = ctx.decimals, ctx.history
    values = ", ".join(f"E{sub(k)} = {format_value(float(history[k]), f)}" for k in (ZOOM_STEPS, REPEAT_STEPS))
    caption = (
        f"The update you just watched took the error from E₀ = {format_value(float(history[0]), f)} "
        f"to E₁ = {format_value(float(history[1]), f)}. Repeat the four steps {REPEAT_STEPS} times: {values}."
    )
    return Words(
        caption,
        f"Repeat the four steps {integer_words(REPEAT_STEPS)} times: the error goes from "
        f"{number_words(history[0])} to {number_words(history[REPEAT_STEPS])}.",
    )


def rates_opening(ctx: StepContext) -> Words:
    """Before the runs: what the figure shows."""
    caption = (
        f"The learning rate η sets the step size. The same {REPEAT_STEPS} steps with other η: "
        "the error on a log scale, each grid line ten times the one below."
    )
    return Words(caption, "The learning rate sets the step size. Here is the same training with other learning rates.")


def run_words(ctx: StepContext, run: Regime) -> Words:
    """One run: its η, its role and what it does, with the numbers that show it."""
    what = regime_words.what_it_does(run, ctx.regimes, ctx.decimals)
    caption = f"{regime_words.who(run)}: {what}."
    role = (
        "the learning rate you watched" if run.role == YOURS else run.role.replace(LARGEST_TRIED, "the largest tried")
    )
    spoken = f"A learning rate of {number_words(run.learning_rate)}, {role}: {SAID[run.label]}."
    if run.yours and run.role != YOURS:
        spoken += " It is the one you watched."
    return Words(caption, spoken)


def no_rise(ctx: StepContext) -> Words:
    """When no η of the search went wrong: the too-large lesson cannot be shown for this network."""
    limit = format_setting(ctx.regimes.limit)
    return Words(
        regime_words.nothing_went_wrong(ctx.regimes),
        f"For this network, no learning rate up to {number_words(float(limit))} went wrong.",
    )


def repeat_gradients(ctx: StepContext) -> Words:
    """The bars: mean |δ| of each layer."""
    sizes, f = ctx.gradient_sizes, ctx.decimals
    caption = f"How big is the error signal δ = ∂E/∂z in each layer? Mean |δ|: {gradient_words.listed(sizes, f)}."
    if ctx.config.is_dataset:
        m = ctx.batch.size
        caption = (
            f"How big is the error signal δ = ∂Eₛ/∂z in each layer, averaged over the first batch's {m} samples "
            f"(the update uses them all)? Mean |δ|: {gradient_words.listed(sizes, f)}."
        )
    spoken = f"The average size of delta in each layer, first to last: {numbers_words(sizes.sizes)}."
    return Words(caption, spoken)


def gradients_meaning(ctx: StepContext) -> Words:
    """What the bars show, claiming only that."""
    sizes = ctx.gradient_sizes
    caption = gradient_words.meaning(sizes, ctx.config.hidden_activation, ctx.decimals)
    if sizes.trend == SHRINKS:
        spoken = f"Going back, delta shrinks: {number_words(sizes.ratio)} times from the last layer to the first."
    elif sizes.trend == SAME:
        spoken = "It stays about the same size: here the gradient does not vanish."
    else:
        spoken = "It does not shrink at every layer."
    return Words(caption, spoken)
