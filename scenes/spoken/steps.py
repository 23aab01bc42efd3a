"""The spoken lines of the intro and the four steps (see :mod:`scenes.spoken`)."""

from __future__ import annotations

import math

from nnmath.rounding import mixes_output
from nnmath.speech import (
    and_list,
    integer_words,
    name_words,
    neuron_words,
    number_words,
    numbers_words,
    output_words,
    pair_words,
    partial_words,
    target_words,
    weight_words,
)
from scenes.stage.context import StepContext

# --- intro --------------------------------------------------------------------------------------------------


def intro_title(ctx: StepContext) -> str:
    return "Backpropagation: how a neural network learns from one example, with every number computed."


def intro_cycle(ctx: StepContext) -> str:
    return "Training repeats four steps: forward pass, error, backward pass, and weight update."


def intro_network(ctx: StepContext) -> str:
    c = ctx.config
    sizes = " ".join(integer_words(n) for n in c.layers)
    return (
        f"Our network has layers of {sizes} neurons, {name_words(c.hidden_activation)} hidden neurons, "
        f"a {name_words(c.loss)} loss, and a learning rate of {number_words(c.learning_rate)}."
    )


# --- 1 forward pass -----------------------------------------------------------------------------------------


def forward_network(ctx: StepContext) -> str:
    return "Step one, the forward pass. Every edge has a weight, every neuron a bias."


def forward_inputs(ctx: StepContext) -> str:
    return f"The input, {numbers_words(ctx.trace.x)}, enters the input neurons."


def forward_layer(ctx: StepContext, layer: int, j: int) -> str:
    t = ctx.trace
    where = "the output layer" if layer == ctx.output_layer else f"hidden layer {integer_words(layer)}"
    line = (
        f"In {where}, neuron {integer_words(j + 1)} sums its weighted inputs and bias: z is {number_words(t.z[layer][j])}; "
        f"{name_words(t.activations[layer])} makes it {number_words(t.a[layer][j])}."
    )
    return line + (" The others work alike." if len(t.a[layer]) > 1 else "")


def forward_softmax_sums(ctx: StepContext, layer: int, j: int) -> str:
    t = ctx.trace
    return (
        f"In the output layer, neuron {integer_words(j + 1)} adds its weighted inputs and bias: "
        f"z is {number_words(t.z[layer][j])}. Each z waits in its neuron for softmax."
    )


def forward_softmax(ctx: StepContext, layer: int, j: int) -> str:
    t = ctx.trace
    return (
        f"Softmax turns them into probabilities that add up to one: {output_words(j, len(t.y))} is "
        f"{number_words(t.a[layer][j])}."
    )


def forward_prediction(ctx: StepContext) -> str:
    t = ctx.trace
    n = len(t.y_hat)
    line = (
        f"The prediction, y hat, is {numbers_words(t.y_hat)}."
        if n > 1
        else (f"The prediction, y hat, is {number_words(t.y_hat[0])}.")
    )
    return line + (" One probability per class." if mixes_output(t) else "")


# --- 2 error ------------------------------------------------------------------------------------------------


def error_compare(ctx: StepContext) -> str:
    t = ctx.trace
    n = len(t.y)
    pair = f"{output_words(0, n)} is {number_words(t.y_hat[0])} against {number_words(t.y[0])}"
    others = " The other outputs are on the screen." if n > 1 else ""
    return f"Step two, the error. How wrong is the prediction? {pair[0].upper()}{pair[1:]}.{others}"


def error_loss(ctx: StepContext) -> str:
    t = ctx.trace
    return f"The {name_words(ctx.config.loss)} measures it: the error E is {number_words(t.loss)}."


def error_signal(ctx: StepContext) -> str:
    t = ctx.trace
    n = len(t.y)
    slope = partial_words("E", output_words(0, n))
    first = f"{slope[0].upper()}{slope[1:]} is {number_words(t.dE_dyhat[0])}"
    return f"{first}: the signal the backward pass starts from" + (", one per output." if n > 1 else ".")


# --- 3 backward pass ----------------------------------------------------------------------------------------


def backward_signal(ctx: StepContext) -> str:
    return "Step three, the backward pass. The error signal enters at the output and flows back."


def backward_softmax(ctx: StepContext, k: int) -> str:
    t, l = ctx.trace, ctx.depth - 1
    n = len(t.y)
    return (
        f"Why is delta y hat minus y at a softmax output? The softmax slopes cancel the loss's one over y hat, "
        f"and the targets add up to one. So delta {integer_words(k + 1)} is {output_words(k, n)} minus "
        f"{target_words(k, n)}: {number_words(t.delta[l][k])}."
    )


def backward_deltas(ctx: StepContext, l: int) -> str:
    t, layer = ctx.trace, l + 1
    deltas = t.delta[l]
    first = f"{neuron_words('delta', layer, 0)} is {number_words(deltas[0])}"
    if layer == ctx.output_layer and mixes_output(t):
        return f"At the softmax output, delta is y hat minus y: {first}."
    if layer == ctx.output_layer:
        return f"At the output, delta is the error signal times the slope: {first}."
    return f"Each hidden neuron sums the deltas after it, weighted, times its slope: {first}."


def backward_chain(ctx: StepContext, l: int, factors: list[float]) -> str:
    t = ctx.trace
    j, i = ctx.config.focus[l]
    gradient = partial_words("E", weight_words(l, j, i))
    return (
        f"By the chain rule, {gradient} is a product of {integer_words(len(factors))} factors: "
        f"{number_words(t.grad_weights[l][j, i])}."
    )


def backward_gradients(ctx: StepContext, l: int) -> str:
    return "Each weight's gradient is delta times a: colour shows the sign, thickness the size."


def backward_summary(ctx: StepContext) -> str:
    return "Every weight and bias now knows which way, and how strongly, it pushes the error."


# --- 4 weight update ----------------------------------------------------------------------------------------


def update_rule(ctx: StepContext) -> str:
    return (
        "Step four, the weight update. Each weight moves against its gradient, times the learning rate, "
        f"{number_words(ctx.config.learning_rate)}."
    )


def update_focus(ctx: StepContext) -> str:
    """The output layer's focus weight and the first layer's (the screen shows every layer's)."""
    t, focus = ctx.trace, ctx.config.focus
    said = sorted({ctx.depth - 1, 0}, reverse=True)
    moves = and_list(
        [
            "{} goes from {} to {}".format(
                weight_words(l, *focus[l]), *pair_words(t.weights[l][focus[l]], t.new_weights[l][focus[l]])
            )
            for l in said
        ]
    )
    return f"{moves[0].upper()}{moves[1:]}."


def update_all(ctx: StepContext) -> str:
    return "Every weight and bias takes its step at once."


def update_check(ctx: StepContext) -> str:
    t = ctx.trace
    verdict = "smaller: the network learned" if t.loss_after < t.loss else "larger: the learning rate is too large"
    if math.isnan(t.loss_after):  # ∞ − ∞ after an overflow
        verdict = "undefined: the learning rate is so large that the numbers overflow"
    before, after = pair_words(t.loss, t.loss_after)
    return f"With the new weights, the error goes from {before} to {after}, {verdict}."
