"""The intro's words: the title, the cycle of four steps, the network (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.rounding import mixes_output
from nnmath.speech import integer_words, name_words, number_words
from scenes.drawing.narration import Words
from scenes.drawing.numbers import text
from scenes.stage.context import StepContext


def intro_title(ctx: StepContext) -> Words:
    line = "Backpropagation: how a neural network learns from one example, with every number computed."
    if ctx.config.is_dataset:
        line = "Backpropagation: how a neural network learns from data, with every number computed."
    return Words(line, line)


def intro_cycle(ctx: StepContext) -> Words:
    line = "Training repeats four steps: forward pass, error, backward pass, and weight update."
    return Words(line, line)


def intro_network(ctx: StepContext) -> Words:
    c = ctx.config
    output = f"{c.output_activation} output"
    if mixes_output(ctx.trace):  # a classifier: one probability per class
        output += f" (a probability for each of the {c.layers[-1]} classes)"
    caption = (
        f"Our network: {'-'.join(map(str, c.layers))}, {c.hidden_activation} hidden neurons, {output}, "
        f"loss {c.loss.replace('_', ' ')}, learning rate {text(c.learning_rate, ctx.decimals)}."
    )
    sizes = " ".join(integer_words(n) for n in c.layers)
    return Words(
        caption,
        f"Our network has layers of {sizes} neurons, {name_words(c.hidden_activation)} hidden neurons, "
        f"a {name_words(c.loss)} loss, and a learning rate of {number_words(c.learning_rate)}.",
    )
