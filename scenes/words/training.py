"""The dataset epilogue's words: epochs and iterations, the loss per epoch, the decision boundary (see
:mod:`scenes.words`). Every number from the training history (:mod:`nnmath.history`)."""

from __future__ import annotations

from nnmath.notation import format_number, visible_decimals
from nnmath.speech import integer_words, number_words
from scenes.drawing.narration import Words
from scenes.stage.context import StepContext
from scenes.words.dataset_intro import plural, spoken_plural


def loss_text(value: float, decimals: int) -> str:
    return format_number(value, visible_decimals(value, decimals))


def updates_line(ctx: StepContext) -> str:
    """ "4 samples, batch 2: 2 updates per epoch" with this config's numbers."""
    c = ctx.config
    return f"{plural(c.samples, 'sample')}, batch {c.batch_size}: {plural(c.updates_per_epoch, 'update')} per epoch"


def training_epochs(ctx: StepContext) -> Words:
    c, h = ctx.config, ctx.training
    caption = (
        f"One update per batch is one iteration; one pass over all the data is one epoch. "
        f"{updates_line(ctx)}. We train {h.epochs} epochs: {h.updates} updates."
    )
    spoken = (
        f"Each batch gives one update, an iteration. One pass over all {integer_words(c.samples)} samples is an epoch: "
        f"here {spoken_plural(c.updates_per_epoch, 'update')} per epoch. We train for {integer_words(h.epochs)} epochs."
    )
    return Words(caption, spoken)


def data_error(ctx: StepContext) -> str:
    """What the curve's Ē is: the mean error over every sample, not one batch."""
    return f"Ē here: the mean of Eₛ over\nall {plural(ctx.config.samples, 'sample')} of the data"


def training_loss(ctx: StepContext) -> Words:
    h, d = ctx.training, ctx.decimals
    caption = (
        f"The loss on all the data, Ē, the mean error over all {ctx.config.samples} samples, after each epoch: "
        f"from {loss_text(float(h.loss[0]), d)} "
        f"to {loss_text(float(h.loss[-1]), d)} after {h.epochs} epochs."
    )
    if h.correct is not None:
        n = ctx.config.samples
        caption += f" Accuracy: {h.correct[0]} of {n} samples right before, {h.correct[-1]} of {n} after."
    spoken = (
        f"Measured on all the data after every epoch, the loss falls from {number_words(float(h.loss[0]))} "
        f"to {number_words(float(h.loss[-1]))}."
    )
    return Words(caption, spoken)


def training_boundary(ctx: StepContext) -> Words:
    h = ctx.training
    first, last = h.snapshots[0], h.snapshots[-1]
    if ctx.config.layers[0] == 1:
        caption = (
            f"The network's output ŷ across the inputs, at {len(h.snapshots)} moments of training: "
            f"the curve bends towards the points, from epoch {first.epoch} to epoch {last.epoch}."
        )
        return Words(caption, "The network's output bends towards the points as it trains.")
    caption = (
        f"The background is the network's output at each point of the plane, at {len(h.snapshots)} moments of "
        f"training, epoch {first.epoch} to {last.epoch}. Where it changes colour is the decision boundary."
    )
    if last.correct is not None:
        n = ctx.config.samples
        right = "all samples are" if last.correct == n else f"{last.correct} of {n} samples are"
        caption += f" After training {right} on their class's side."
    spoken = (
        "The colour is the network's output over the plane. As it trains, the boundary bends to separate the classes."
    )
    if last.accuracy is not None and last.accuracy < 1.0:
        spoken = (
            "The colour is the network's output over the plane. As it trains, the boundary bends towards the classes."
        )
    return Words(caption, spoken)
