"""Step 4's words, the weight update (see :mod:`scenes.words`)."""

from __future__ import annotations

import math

from nnmath.notation import weight as weight_name
from nnmath.speech import and_list, pair_words, setting_words, weight_words
from nnmath.trace import StepTrace
from scenes.drawing.narration import Words, beats
from scenes.drawing.numbers import listed, setting_text, text
from scenes.stage.context import StepContext
from scenes.steps_table import PART
from scenes.words import step_opening


def update_rule(ctx: StepContext) -> Words:
    opening = step_opening(PART["WeightUpdate"])
    eta_text = setting_text(ctx.config.learning_rate)
    if ctx.config.is_dataset:
        return Words(
            f"{opening.caption} The update uses the batch: its mean error Ē and its gradient ∂Ē/∂w, which points "
            f"uphill, the way Ē grows. So each weight steps the other way, downhill: it loses η times ∂Ē/∂w. "
            f"The learning rate η = {eta_text} sets the size of the step.",
            f"{opening.spoken} The update uses the batch's mean gradient, which points uphill, so each weight "
            f"steps the other way, downhill, by the learning rate, {setting_words(ctx.config.learning_rate)}, "
            "times that slope.",
        )
    return Words(
        f"{opening.caption} The gradient points uphill, the way E grows, so each weight steps the other way, "
        f"downhill: it loses η times its slope ∂E/∂w. The learning rate η = {eta_text} sets the size of the step.",
        f"{opening.spoken} The gradient points uphill, so each weight steps the other way, downhill, "
        f"by the learning rate, {setting_words(ctx.config.learning_rate)}, times its slope.",
    )


def update_focus(ctx: StepContext) -> Words:
    """Each layer's focus weight, old and new (the voice says the output layer's and the first layer's)."""
    t, decimals, focus = ctx.trace, ctx.decimals, ctx.config.focus
    news = [
        f"{weight_name(l, *focus[l])} goes from {text(t.weights[l][focus[l]], decimals)} to {text(t.new_weights[l][focus[l]], decimals)}"
        for l in reversed(range(ctx.depth))
    ]
    said = sorted({ctx.depth - 1, 0}, reverse=True)
    moves = and_list(
        [
            "{} goes from {} to {}".format(
                weight_words(l, *focus[l]), *pair_words(t.weights[l][focus[l]], t.new_weights[l][focus[l]])
            )
            for l in said
        ]
    )
    how = " with the batch gradient" if ctx.config.is_dataset else ""
    # One beat a weight, each said from when its row comes in (scenes.weight_update.focus_weights).
    said_in_beats = [f"One weight of each layer{how}, highlighted on the diagram:"]
    said_in_beats += [f"{new};" for new in news[:-1]] + [f"{news[-1]}."]
    return Words(beats(*said_in_beats), f"{moves[0].upper()}{moves[1:]}.")


CLEARED = "The neurons' values came from the old weights, so they are cleared until they are worked out again."


def update_all(ctx: StepContext, on_edges: bool = False) -> Words:
    """Every parameter's step, in tables, each cell old over gradient over new, one beat a table, after the beat of
    the neurons' clearing (``table_names`` names them, in ``step_tables``' order); ``on_edges``: the diagram labels
    its edges and neurons with the parameters, where each table's new values then take the old ones' places."""
    caption = f"Every weight and every bias takes its step by its own gradient. {CLEARED}"
    spoken = (
        "Every weight and bias takes its step. The neurons' old values are cleared until they are worked out again."
    )
    names = table_names(ctx.depth)
    replaced = "; then the new values take the old ones' places on the diagram" if on_edges else ""
    cues = [
        f"{names[0][0].upper()}{names[0][1:]}: each cell stacks the old value, its gradient and the new value{replaced}."
    ]
    for name in names[1:]:  # each table's new values named, so no clause says the same as another
        then = f"; then {name.replace('the ', 'the new ', 1)} on the diagram" if on_edges else ""
        cues.append(f"{name[0].upper()}{name[1:]}: old, gradient, new{then}.")
    spoken += " Each table shows, for every weight or bias, its old value, its gradient, and its new value"
    spoken += ", and then the new values take the old ones' places on the diagram." if on_edges else "."
    return Words(beats(caption, *cues), spoken)


def table_names(depth: int) -> list[str]:
    """What each step table holds, in the order they show: the weights into layer 1, the biases of layer 1, …"""
    return [name for l in range(1, depth + 1) for name in (f"the weights into layer {l}", f"the biases of layer {l}")]


def update_verdict(t: StepTrace, batch: bool = False) -> str:
    """What the error after the update says, as the panel writes it (on two lines); ``batch``: the error is the
    batch's mean Ē (what fell is that mean, not one sample's error)."""
    if math.isnan(t.loss_after):  # ∞ − ∞ after an overflow
        return "undefined: η is so large\nthat the numbers overflow"
    if t.loss_after < t.loss:
        return "smaller: the batch's mean\nerror fell" if batch else "smaller: the network learned"
    return "larger: η is too large\nfor this step"


def worked_sample_now(ctx: StepContext) -> str:
    """The line over the worked sample's new output (a dataset: the diagram shows that sample, Ē is the batch's)."""
    return f"sample {ctx.batch.indices[0] + 1} (the one we worked):"


def was_and_target() -> tuple[str, str, str]:
    """The words around a new output's old value and its target, as the panel sets them (LaTeX pieces):
    ŷ₁ = 0.4885 (was 0.4564), target 1."""
    return r"\text{ (was }", "),", r"\text{target }"


def update_check(ctx: StepContext) -> Words:
    t, decimals = ctx.trace, ctx.decimals
    if ctx.config.is_dataset:
        return batch_check(ctx)
    caption = beats(  # the pass, ŷ, then the error, as the screen shows them (scenes.weight_update.did_it_help)
        "A forward pass with the new weights:",
        f"ŷ = {listed(t.y_hat_after, decimals)} (was {listed(t.y_hat, decimals)}; target {listed(t.y, decimals)}).",
        f"The error goes from {text(t.loss, decimals)} to {text(t.loss_after, decimals)}, {update_verdict(t).replace(chr(10), ' ')}.",
    )
    verdict = "smaller: the network learned" if t.loss_after < t.loss else "larger: the learning rate is too large"
    if math.isnan(t.loss_after):
        verdict = "undefined: the learning rate is so large that the numbers overflow"
    before, after = pair_words(t.loss, t.loss_after)
    return Words(caption, f"With the new weights, the error goes from {before} to {after}, {verdict}.")


def batch_check(ctx: StepContext) -> Words:
    """A dataset's check: the worked sample's new ŷ on the diagram, the batch's Ē before and after."""
    t, decimals, m = ctx.trace, ctx.decimals, ctx.batch.size
    caption = beats(  # the pass, ŷ, then the error, as the screen shows them (scenes.weight_update.did_it_help)
        "A forward pass with the new weights:",
        f"sample {ctx.batch.indices[0] + 1}, the one we worked, now gives ŷ = {listed(t.y_hat_after, decimals)} (was {listed(t.y_hat, decimals)}; target {listed(t.y, decimals)}).",
        f"Over the batch's {m} samples, Ē goes from {text(t.loss, decimals)} "
        f"to {text(t.loss_after, decimals)}, {update_verdict(t, batch=True).replace(chr(10), ' ')}.",
    )
    verdict = "smaller" if t.loss_after < t.loss else "larger: the learning rate is too large"
    if math.isnan(t.loss_after):
        verdict = "undefined: the learning rate is so large that the numbers overflow"
    before, after = pair_words(t.loss, t.loss_after)
    return Words(caption, f"With the new weights, the batch's mean error goes from {before} to {after}, {verdict}.")
