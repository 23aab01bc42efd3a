"""The intro's words for a dataset: the data, and the first batch (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.history import is_classification
from nnmath.speech import and_list, integer_words
from scenes.drawing.narration import Words
from scenes.drawing.scatter import classes_of
from scenes.stage.context import StepContext


def plural(n: int, word: str) -> str:
    """ "1 sample", "4 samples", "2 classes"."""
    return f"{n} {word if n == 1 else word + ('es' if word.endswith('s') else 's')}"


def spoken_plural(n: int, word: str) -> str:
    return f"{integer_words(n)} {word}{'s' * (n != 1)}"


def intro_data(ctx: StepContext) -> Words:
    c = ctx.config
    inputs, outputs = c.layers[0], c.layers[-1]
    kind = ""
    if is_classification(c):
        kind = f", {plural(len(set(classes_of(c).tolist())), 'class')}"
    caption = f"The data: {plural(c.samples, 'sample')}, each {plural(inputs, 'input')} and {plural(outputs, 'target')}{kind}."
    spoken = (
        f"The network learns from {spoken_plural(c.samples, 'sample')}, "
        f"each with {spoken_plural(inputs, 'input')} and {spoken_plural(outputs, 'target')}."
    )
    return Words(caption, spoken)


def batch_rows(ctx: StepContext) -> str:
    """The first batch's rows of the data, counted from 1: "1, 2, 3 and 4"."""
    return and_list([str(r + 1) for r in ctx.batch.indices])


def batch_label(ctx: StepContext) -> str:
    """Under the data's table: the first batch's rows, and how the batch numbers them (s = 1 … m)."""
    m = ctx.batch.size
    numbered = and_list([str(s + 1) for s in range(m)])
    return f"the first batch: samples {batch_rows(ctx)},\nin the batch s = {numbered}"


def intro_batch(ctx: StepContext) -> Words:
    b, c = ctx.batch, ctx.config
    whole = b.size == c.samples
    numbered = f"s = 1 to {b.size}" if b.size > 2 else "s = 1 and 2" if b.size == 2 else "s = 1"
    rows = "all of them" if whole else f"rows {batch_rows(ctx)} of the data, drawn at random"
    caption = (
        f"One update learns from a batch of {plural(b.size, 'sample')}: the first batch is {rows}, "
        f"numbered {numbered} in the batch. We work sample 1 in full, then the others in short."
    )
    spoken = (
        f"One update learns from a batch of {spoken_plural(b.size, 'sample')}. "
        f"We work the batch's first sample in full, then the others in short."
    )
    return Words(caption, spoken)
