"""The epilogue's words: many steps, the learning-rate runs, the size of δ in each layer (see :mod:`scenes.words`).

The claims themselves (what a run does, what the sizes of δ show) are nnmath's (:mod:`nnmath.regime_words`,
:mod:`nnmath.gradient_words`): the answer key says the same sentences."""

from __future__ import annotations

from nnmath import gradient_words, regime_tags, regime_words, run_panels, run_terms
from nnmath.error_floor import at_floor
from nnmath.notation import format_value
from nnmath.regimes import (
    DIVERGES,
    LARGEST_TRIED,
    OSCILLATES,
    OVERSHOOTS,
    SLOW,
    STALLED,
    STALLS,
    STALLS_PAST,
    STEADY,
    STUCK,
    YOURS,
    Regime,
)
from nnmath.speech import integer_words, number_words, numbers_words, setting_words
from nnmath.vanishing import SAME, SHRINKS
from scenes.drawing.loss_curve import ZOOM_STEPS
from scenes.drawing.narration import Words, beats
from scenes.stage.context import REPEAT_STEPS, StepContext

SAID = {  # what a run does, for the ear
    SLOW: "the error falls, but slowly",
    STEADY: "the error falls steadily",
    OVERSHOOTS: "it overshoots: the error goes up",
    OSCILLATES: "it oscillates",
    STALLS_PAST: "it jumps past the target and stalls",
    STALLS: "the output saturates and it stalls",
    DIVERGES: "the error grows without bound",
    STUCK: "the error does not move",
}
STALL_SAID = (  # why a stalled run stops, for the ear (the caption gives the numbers)
    " The output lands where its curve is flat: it saturates, its slope is almost zero, and"
    " the error barely moves any more."
)


def repeat_curve(ctx: StepContext) -> Words:
    """The curve, in beats as it is drawn (``scenes.repeat.many_steps``): the update watched, the zoom's end, the last."""
    history = ctx.history
    last = f"after {REPEAT_STEPS} {error_after(ctx, REPEAT_STEPS)}."  # not "updates": η watched's run says it
    if at_floor(float(history[-1]), ctx.error_floor):
        last += f" (E < {run_terms.floor_text(ctx.error_floor)}: {run_terms.FLOOR_WORDS}.)"
    caption = beats(  # each number from when its label comes in
        "First up close: the update you just watched",
        f"took the error from {error_value(ctx, 0)} to {error_value(ctx, 1)}.",
        f"Repeat the four steps {REPEAT_STEPS} times:",
        f"after {ZOOM_STEPS} updates {error_after(ctx, ZOOM_STEPS)},",
        last,
    )
    return Words(
        caption,
        f"Repeat the four steps {integer_words(REPEAT_STEPS)} times: the error goes from "
        f"{number_words(history[0])} to {number_words(history[REPEAT_STEPS])}.",
    )


def error_value(ctx: StepContext, step: int) -> str:
    """E after ``step`` updates as the caption writes it: "0.2580", or "below 10⁻¹⁴" under the loss's floor."""
    value = float(ctx.history[step])
    if at_floor(value, ctx.error_floor):
        return f"below {run_terms.floor_text(ctx.error_floor)}"
    return format_value(value, ctx.decimals)


def error_after(ctx: StepContext, step: int) -> str:
    """ "E = 0.0038", or "E < 10⁻¹⁴" below the loss's floor (no measured error: ``nnmath.error_floor``)."""
    value = float(ctx.history[step])
    if at_floor(value, ctx.error_floor):
        return f"E < {run_terms.floor_text(ctx.error_floor)}"
    return f"E = {format_value(value, ctx.decimals)}"


def rates_opening(ctx: StepContext) -> str:
    """Before the first run: what the figure shows (the caption opens the first run's)."""
    regimes = ctx.regimes
    e = run_terms.error_of(regimes)
    cut = regime_words.cut_text(regimes)
    return (
        f"The learning rate η sets the step size. The same {run_terms.counted(regimes, regimes.steps)} with "
        f"other η, {e} on a log scale (grid lines 10 times apart; the long-dashed line is {e} at the start)"
        + (f". {cut[0].upper()}{cut[1:]}." if cut else ":")
    )


def run_words(ctx: StepContext, run: Regime, first: bool = False) -> Words:
    """One run: its η, its role and what it does, with the numbers that show it (the first run's caption opens
    with what the figure shows)."""
    regimes = ctx.regimes
    what = regime_words.what_it_does(run, regimes, ctx.decimals, panels_only=True)  # the numbers on its panel
    caption = f"{regime_tags.who(run, regimes)}: {what}."
    same = run_panels.twins(run, regimes)
    if same:  # their panels would look the same as this one: left out
        # (their η are not on screen here: the words read no number the screen does not show)
        caption += " A larger η does the same." if len(same) == 1 else " Larger η do the same."
    why = regime_words.why_yours(regimes, ctx.decimals, panels_only=True) if run is regimes.right else ""
    if why:
        caption += f" {why}"
    role = (
        "the learning rate you watched"
        if run.role == YOURS
        else regime_tags.role_of(run, ctx.regimes).replace(LARGEST_TRIED, "the largest tried")
    )
    said = SAID[run.label]
    if run.label == STEADY:
        said = f"the error falls {regime_tags.how_it_falls(run, regimes)}"
    spoken = f"A learning rate of {setting_words(run.learning_rate)}, {role}: {said}."
    if same:
        spoken += " A larger one does the same."
    if why:
        spoken += " The video used a smaller one so that one update's change is small enough to follow."
    if run.label in STALLED:
        spoken += STALL_SAID
        if run_terms.below_yours(run, ctx.regimes):
            spoken += " It still ends lower than the learning rate you watched, but above where a smaller one goes."
    if run.yours and run.role != YOURS:
        spoken += " It is the one you watched."
    if first:
        caption = f"{rates_opening(ctx)} {caption}"
        spoken = f"The learning rate sets the step size. The same training with other learning rates. {spoken}"
    return Words(caption, spoken)


def no_fault(ctx: StepContext) -> Words:
    """When no η of the search showed a fault: every η above about right did as well, so none is too large here;
    where that bound is an η's without a panel, what the panels show first (as the caption and the note say it)."""
    regimes = ctx.regimes
    right, limit = (setting_words(v) for v in (regimes.right.learning_rate, regimes.limit))
    every = f"Every learning rate from {right} up to {limit} brought the error {how_said(ctx, regimes.highest_above)}: "
    if regime_words.panels_low(regimes):
        etas = [setting_words(run.learning_rate) for run in regime_words.shown_above(regimes)]
        named = etas[0] if len(etas) == 1 else f"{', '.join(etas[:-1])} and {etas[-1]}"
        every = (
            f"Learning rates of {named} brought the error {how_said(ctx, regime_words.panels_highest(regimes))}, and "
            f"every one from {right} up to {limit} {how_said(ctx, regimes.highest_above)}: "
        )
    return Words(
        regime_words.nothing_went_wrong(regimes),
        every
        + (
            "for this one example, none of them is too large. Its target is one-hot: one for the true class, zero "
            "for the others, and with each of these learning rates the error never rose: every update only pushed "
            "the right output closer to one. With many examples, a too-large learning rate can still overshoot."
            if run_panels.why_none_too_large(regimes)
            else "on this network, none of them is too large."
        ),
    )


def how_said(ctx: StepContext, highest: float) -> str:
    """:func:`regime_words.how_low` for the ear, for runs whose highest final error is ``highest``."""
    regimes = ctx.regimes
    how = regime_words.how_low(regimes, highest=highest)
    if regime_words.all_at_floor(regimes, highest):
        return "down to almost zero"
    if how.startswith("down to "):  # the highest final error, rounded up
        return f"down to {number_words(run_terms.rounded_up(highest))} or lower"
    return f"as low as a learning rate of {setting_words(regimes.right.learning_rate)} did"


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
