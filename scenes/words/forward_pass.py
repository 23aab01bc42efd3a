"""Step 1's words, the forward pass (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.rounding import mixes_output
from nnmath.speech import integer_words, name_words, number_words, numbers_words, output_words
from scenes.drawing.narration import Words
from scenes.drawing.numbers import text
from scenes.stage.context import StepContext
from scenes.steps_table import PART
from scenes.words import step_opening


def forward_network(ctx: StepContext) -> Words:
    opening = step_opening(PART["ForwardPass"])
    sizes = "-".join(map(str, ctx.config.layers))
    return Words(
        f"{opening.caption} Our {sizes} network: every edge has a weight, every neuron a bias.",
        f"{opening.spoken} Every edge has a weight, every neuron a bias.",
    )


def forward_inputs(ctx: StepContext) -> Words:
    x_text = ", ".join(text(v, ctx.decimals) for v in ctx.trace.x)
    return Words(
        f"The sample x = ({x_text}) enters the input neurons.",
        f"The input, {numbers_words(ctx.trace.x)}, enters the input neurons.",
    )


def forward_layer(ctx: StepContext, layer: int, j: int) -> Words:
    """Layer ``layer``: its neuron ``j`` in full, the others alike."""
    t, decimals = ctx.trace, ctx.decimals
    where = "output layer" if layer == ctx.output_layer else "hidden layer"
    if layer != ctx.output_layer and ctx.output_layer > 2:
        where = f"hidden layer {layer}"
    others = len(t.a[layer]) > 1
    caption = (
        f"The {where}: neuron {j + 1} adds its weighted inputs and its bias, z = Σ w·a + b = {text(t.z[layer][j], decimals)}, "
        f"then applies {t.activations[layer]}: a = {text(t.a[layer][j], decimals)}."
    )
    if others:
        a_text = ", ".join(text(v, decimals) for v in t.a[layer])
        caption += f" The other neurons work the same way: a = ({a_text})."
    said = "the output layer" if layer == ctx.output_layer else f"hidden layer {integer_words(layer)}"
    spoken = (
        f"In {said}, neuron {integer_words(j + 1)} sums its weighted inputs and bias: z is {number_words(t.z[layer][j])}; "
        f"{name_words(t.activations[layer])} makes it {number_words(t.a[layer][j])}."
    )
    return Words(caption, spoken + (" The others work alike." if others else ""))


def forward_softmax_sums(ctx: StepContext, layer: int, j: int) -> Words:
    """A softmax output layer's sums: neuron ``j``'s in full, each z waiting in its neuron."""
    t, decimals = ctx.trace, ctx.decimals
    z_text = ", ".join(text(v, decimals) for v in t.z[layer])
    return Words(
        f"The output layer: neuron {j + 1} adds its weighted inputs and its bias, z = Σ w·a + b = "
        f"{text(t.z[layer][j], decimals)}. The other neurons work the same way: z = ({z_text}). "
        "Softmax needs all of them, so each z waits in its neuron.",
        f"In the output layer, neuron {integer_words(j + 1)} adds its weighted inputs and bias: "
        f"z is {number_words(t.z[layer][j])}. Each z waits in its neuron for softmax.",
    )


def forward_softmax(ctx: StepContext, layer: int, j: int) -> Words:
    t, decimals = ctx.trace, ctx.decimals
    exps = " + ".join(f"e^{text(v, decimals)}" for v in t.z[layer])
    y_hat_text = ", ".join(text(v, decimals) for v in t.a[layer])
    return Words(
        f"Softmax turns the z into probabilities: each output is e^z over the sum of e^z of every output, "
        f"ŷ{j + 1} = e^{text(t.z[layer][j], decimals)} / ({exps}) = {text(t.a[layer][j], decimals)}. "
        f"So ŷ = ({y_hat_text}): each between 0 and 1, and they add up to 1.",
        f"Softmax turns them into probabilities that add up to one: {output_words(j, len(t.y))} is "
        f"{number_words(t.a[layer][j])}.",
    )


def forward_prediction(ctx: StepContext) -> Words:
    t = ctx.trace
    yhat_text = ", ".join(text(v, ctx.decimals) for v in t.y_hat)
    caption = f"The network's prediction: ŷ = ({yhat_text})."
    if mixes_output(t):
        caption += " Softmax makes them probabilities, one per class, that add up to 1."
    n = len(t.y_hat)
    spoken = (
        f"The prediction, y hat, is {numbers_words(t.y_hat)}."
        if n > 1
        else (f"The prediction, y hat, is {number_words(t.y_hat[0])}.")
    )
    return Words(caption, spoken + (" One probability per class." if mixes_output(t) else ""))
