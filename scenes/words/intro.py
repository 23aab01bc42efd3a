"""The intro's words: the title, the cycle of four steps, the network (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.notation import sub
from nnmath.rounding import mixes_output
from nnmath.speech import integer_words, name_words, setting_words
from scenes.drawing.narration import Words
from scenes.drawing.numbers import setting_text
from scenes.stage.context import StepContext
from scenes.words.error_calc import loss_index, loss_phrase


def intro_title(ctx: StepContext) -> Words:
    line = "Backpropagation: how a neural network learns from one example, with every number computed."
    if ctx.config.is_dataset:
        line = "Backpropagation: how a neural network learns from data, with every number computed."
    return Words(line, line)


def title_line(ctx: StepContext) -> str:
    """The title card's line under "Backpropagation" ("computed", not "real": real reads as real numbers)."""
    what = "learning from data" if ctx.config.is_dataset else "one training step"
    return f"{what}, every number computed"


def intro_cycle(ctx: StepContext) -> Words:
    line = "Training repeats four steps: forward pass, error, backward pass, and weight update."
    return Words(line, line)


def intro_symbols(ctx: StepContext, labelled: bool) -> Words:
    """The network and its symbols (``labelled``: its weights are written on its edges)."""
    j, i = ctx.config.focus[0]
    shown = "written on its edge" if labelled else "highlighted"
    return Words(
        "The network, and the symbols every step uses. Layer 0 is the input x. "
        "w⁽ˡ⁾ⱼᵢ is the weight from neuron i of layer l − 1 into neuron j of layer l; "
        f"for example w⁽¹⁾{sub(j + 1)}{sub(i + 1)}, {shown}, goes from input {i + 1} into neuron {j + 1} of layer 1. "
        "b is a neuron's bias. Each neuron adds its weighted inputs and its bias, z = Σ w·a + b, "
        "and applies its activation f: a = f(z).",
        "Here is the network, and the symbols every step uses. Layer zero is the input. Each weight goes from "
        "a neuron of one layer into a neuron of the next. Each neuron adds its weighted inputs and its bias, "
        "z, and applies its activation function, f, to get a.",
    )


def intro_targets(ctx: StepContext) -> Words:
    return Words(
        "The output layer's a is the prediction ŷ, and y is the target, the answer we want. "
        "The error E, also called the loss, measures how far the prediction is from the target. "
        "The learning rate η sets the size of each training step.",
        "The output layer's a is the prediction, y hat. y is the target, the answer we want. The error, E, "
        "measures how far the prediction is from the target, and the learning rate, eta, sets the step size.",
    )


def intro_network(ctx: StepContext) -> Words:
    c = ctx.config
    output = f"{c.output_activation} output"
    if mixes_output(ctx.trace):  # a classifier: one probability per class
        output += f" (a probability for each of the {c.layers[-1]} classes, the answers it can give)"
    caption = (
        f"Our network: layers of {'-'.join(map(str, c.layers))} neurons, {c.hidden_activation} hidden neurons, "
        f"{output}. The loss is {loss_phrase(c.loss)}. The learning rate is η = {setting_text(c.learning_rate)}."
    )
    sizes = " ".join(integer_words(n) for n in c.layers)
    return Words(
        caption,
        f"Our network has layers of {sizes} neurons, {name_words(c.hidden_activation)} hidden neurons, "
        f"a {name_words(c.loss)} loss, and a learning rate of {setting_words(c.learning_rate)}.",
    )


def card_indices(ctx: StepContext) -> str:
    """Under the card's loss: what its index k is, and softmax's m (its rule ŷₖ = e^(zₖ) / Σₘ e^(zₘ) is above)."""
    said = loss_index(ctx.config.loss)
    if said and ctx.config.output_activation == "softmax":
        return said.replace("k:", "k, m:", 1)
    return said
