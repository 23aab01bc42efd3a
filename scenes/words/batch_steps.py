"""The words of a dataset's batch sub-steps: the other samples' errors and the batch's E, their gradients and
the batch gradient (see :mod:`scenes.words`). Every number from the first batch (:mod:`nnmath.batch_trace`)."""

from __future__ import annotations

from nnmath.notation import weight_layer
from nnmath.speech import integer_words, number_words
from scenes.drawing.narration import Words
from scenes.drawing.numbers import gradient_text, text
from scenes.stage.context import StepContext


def sample_error_names(ctx: StepContext) -> str:
    """The panel's lines under the samples' table, naming its column Eₛ: each sample's error, the worked one's E."""
    return "Eₛ: the error of sample s\n(for s = 1, the E we worked)"


def mean_error_name(ctx: StepContext) -> str:
    """The panel's line under Ē's formula: what Ē is."""
    return "Ē: the batch's mean error"


def batch_samples(ctx: StepContext) -> Words:
    """Every sample's error Eₛ (while their table is on screen)."""
    return Words(
        "Every sample s of the batch has its own error Eₛ; for s = 1 it is the E we worked.",
        "Every sample of the batch has its own error.",
    )


def batch_error(ctx: StepContext) -> Words:
    """The batch's error Ē, their mean (while its formula is on screen)."""
    b, d = ctx.batch, ctx.decimals
    caption = f"The batch's error Ē is their mean: Ē = (1/{b.size}) Σ Eₛ = {text(b.loss, d)}."
    spoken = f"The batch's error, E bar, is their mean, {number_words(b.loss)}, over {integer_words(b.size)} samples."
    return Words(caption, spoken)


def edges_now(ctx: StepContext) -> str:
    """The panel's line as the edges take the batch gradient (and the worked sample's δ leave the neurons, whose
    values stay the worked sample's: the screen says so)."""
    return "The edges now show ∂Ē/∂w,\nthe batch gradient the\nupdate uses. The neurons\nstill show sample 1's values."


def batch_gradient(ctx: StepContext) -> Words:
    b, d = ctx.batch, ctx.decimals
    shown = shown_layers(ctx)
    means = ", ".join(f"layer {weight_layer(l)}: {gradient_text(b.focus_grads[l], d)}" for l in shown)
    caption = (
        f"Each sample gives its own gradient ∂Eₛ/∂w. The batch gradient is their mean, ∂Ē/∂w = (1/{b.size}) Σ ∂Eₛ/∂w "
        f"({means}). The edges now show it, and sample 1's δ leave the neurons; their values stay sample 1's."
    )
    spoken = (
        "Each sample of the batch pulls the weights its own way. The update uses the mean of their gradients, "
        "and the edges now show it."
    )
    return Words(caption, spoken)


def shown_layers(ctx: StepContext) -> list[int]:
    """The weight layers whose focus weight the batch table shows: the last, and the first if it differs."""
    return sorted({ctx.depth - 1, 0}, reverse=True)
