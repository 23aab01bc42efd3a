"""Step 3's words, the backward pass (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.notation import neuron_value, sub
from nnmath.notation import weight as weight_name
from nnmath.rounding import mixes_output
from nnmath.speech import (
    integer_words,
    neuron_words,
    number_words,
    output_words,
    partial_words,
    target_words,
    weight_words,
)
from scenes.drawing.narration import Words, beats
from scenes.drawing.numbers import factor_text, gradient_text, product_text, text
from scenes.stage.context import StepContext
from scenes.stage.states import slope_signs
from scenes.steps_table import PART
from scenes.words import step_opening

SLOPE = {"sigmoid": "σ′", "tanh": "tanh′", "relu": "relu′", "linear": "id′"}  # f′ as the screen writes it
FUNCTION_NAME = {"linear": "identity"}  # an activation as a sentence names it ("the slope id′ of the identity")
SLOPE_SPOKEN = {  # and as the voice says it
    "sigmoid": "sigma prime, the slope of sigmoid",
    "tanh": "the slope of tanh",
    "relu": "the slope of relu",
    "linear": "the slope of the identity",
}
SLOPE_RULE_SPOKEN = {  # f′'s rule, said
    "sigmoid": "a times one minus a",
    "tanh": "one minus a squared",
    "relu": "one where z is above zero, else zero",
    "linear": "one for every z",
}


def values_text(values: object, decimals: int) -> str:
    """Gradients (∂E/∂ŷ, δ): one as it is, several in parentheses: "0.1385", "(0.0134, 0.0150)"."""
    shown = [gradient_text(float(v), decimals) for v in values]  # type: ignore[attr-defined]
    return shown[0] if len(shown) == 1 else f"({', '.join(shown)})"


def backward_signal(ctx: StepContext) -> Words:
    opening = step_opening(PART["BackwardPass"])
    signals = values_text(ctx.trace.dE_dyhat, ctx.decimals)
    return Words(
        beats(  # the signal's numbers once the title is up and its rows come in (scenes.backward_pass)
            opening.caption,
            f"The error signal ∂E/∂ŷ = {signals} enters at the output and flows back. "
            + (  # as the key says: a colour for "< 0" only where some slope shown is
                "Orange marks a positive slope of E, purple a negative one."
                if "backward_negative" in slope_signs(ctx)
                else "Orange marks a positive slope of E; here every one is positive."
            ),
        ),
        f"{opening.spoken} The error signal enters at the output and flows back.",
    )


def delta_meaning(ctx: StepContext) -> Words:
    return Words(
        "δ = ∂E/∂z: how much the error changes when this neuron's z changes. "
        "We find δ for every neuron, from the output back.",
        "Delta is the derivative of the error with respect to z: how much the error changes when this neuron's "
        "z changes.",
    )


def slope_working(ctx: StepContext, layer: int, j: int) -> str:
    """f′ at neuron j of ``layer`` with its numbers, as the screen writes it: "a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868"."""
    t, decimals, l = ctx.trace, ctx.decimals, layer - 1
    result, a = gradient_text(t.da_dz[l][j], decimals), factor_text(t.a[layer][j], decimals)
    return {
        "sigmoid": f"a(1 − a) = {a} · (1 − {a}) = {result}",
        "tanh": f"1 − a² = 1 − {a}² = {result}",
        "relu": f"{result}, as z = {text(t.z[layer][j], decimals)} is {'above' if t.z[layer][j] > 0 else 'not above'} 0",
        "linear": result,
    }[t.activations[layer]]


def slope(ctx: StepContext, layer: int) -> Words:
    """f′ of ``layer``'s activation, first used here: its rule (its numbers come once, with the δ that uses it)."""
    name = ctx.trace.activations[layer]
    rule = {
        "sigmoid": "σ′(z) = σ(z)(1 − σ(z)) = a(1 − a)",
        "tanh": "tanh′(z) = 1 − tanh²(z) = 1 − a²",
        "relu": "relu′(z) = 1 where z > 0, else 0",
        "linear": "id′(z) = 1 for every z",
    }[name]
    return Words(
        f"δ multiplies by the slope {SLOPE[name]} of the {FUNCTION_NAME.get(name, name)}: {rule}.",  # read once
        f"{SLOPE_SPOKEN[name][0].upper()}{SLOPE_SPOKEN[name][1:]}, is {SLOPE_RULE_SPOKEN[name]}.",
    )


def backward_softmax(ctx: StepContext, k: int) -> Words:
    """Why δ = ŷ − y at a softmax output, for output ``k``."""
    t, decimals, l = ctx.trace, ctx.decimals, ctx.depth - 1
    n, n_ = len(t.y), sub(k + 1)
    caption = beats(  # each while its lines are on screen: the sum, the loss's slope, the cancellation
        f"Why δ = ŷ − y at a softmax output: every ŷₘ depends on z{n_}, so δ{n_} sums ∂E/∂ŷₘ · ∂ŷₘ/∂z{n_} over m.",
        "The loss E = −Σₘ yₘ ln ŷₘ has the slope ∂E/∂ŷₘ = −yₘ/ŷₘ.",
        "The softmax slope's ŷₘ cancels the loss's 1/ŷₘ, and the targets add up to 1:",
        f"δ{n_} = ŷ{n_} − y{n_} = {text(t.y_hat[k], decimals)} − {factor_text(t.y[k], decimals)} "
        f"= {gradient_text(t.delta[l][k], decimals)}.",  # from when its row comes in
    )
    spoken = (
        "Why is delta y hat minus y at a softmax output? The loss's slope is minus y over y hat. "
        "The softmax slopes cancel the loss's one over y hat, "
        f"and the targets add up to one. So delta {integer_words(k + 1)} is {output_words(k, n)} minus "
        f"{target_words(k, n)}: {number_words(t.delta[l][k])}."
    )
    return Words(caption, spoken)


def backward_deltas(ctx: StepContext, l: int) -> Words:
    """δ of every neuron of layer l + 1."""
    t, layer = ctx.trace, l + 1
    is_output = layer == ctx.output_layer
    deltas = values_text(t.delta[l], ctx.decimals)
    first = f"{neuron_words('delta', layer, 0)} is {number_words(t.delta[l][0])}"
    n = len(t.delta[l])
    # In the picture's beats (scenes.backward_pass.deltas_of_layer): the rule; neuron j's δ as its row comes in; the
    # other neurons; every δ once the last badge has landed.
    others = f"Then the other {'neuron' if n == 2 else f'{n - 1} neurons'} of layer {layer}:" if n > 1 else ""
    every = f"δ = {deltas}." if n > 1 else ""
    if is_output and mixes_output(t):  # neuron j's δ was worked just before: its badge comes with the rule
        return Words(
            beats("At the softmax output, δ = ŷ − y for every neuron.", others, every),
            f"At the softmax output, delta is y hat minus y: {first}.",
        )
    fp = SLOPE.get(t.activations[layer], "f′")
    j = ctx.config.focus[l][0]  # f′'s numbers are on its row (scenes.backward_pass), or in δ's where room is short
    one = f"{'δ' if n == 1 else neuron_value('δ', layer, j)} = {gradient_text(t.delta[l][j], ctx.decimals)}."
    if is_output:
        return Words(
            beats(f"At the output, δ = ∂E/∂ŷ · {fp}(z):", one, others, every),
            f"At the output, delta is the error signal times the slope: {first}.",
        )
    if l < ctx.depth - 2:  # a middle layer: as the layer after it
        return Words(
            beats(f"Hidden layer {layer}, the same way:", one, others, every),
            f"Hidden layer {integer_words(layer)}, the same way: {first}.",
        )
    worked = f"{neuron_value('δ', layer, j)} = {gradient_text(t.dE_da[l][j], ctx.decimals)} · {fp}"
    return Words(
        beats(  # each while its rows are on screen: the sum and f′, neuron j's δ, then every δ
            f"Hidden layer {layer}: each neuron adds up the δ of the next layer, each times the weight of its edge, "
            f"then multiplies by {fp}(z):",
            f"{worked} = {gradient_text(t.delta[l][j], ctx.decimals)}.",  # scenes.layer_deltas.delta_of_neuron
            others,
            every,
        ),
        f"Each hidden neuron adds up the deltas after it, weighted, times its slope: {first}.",
    )


def backward_chain(ctx: StepContext, l: int, factors: list[float]) -> Words:
    """The chain rule for the weight of layer l the video follows, the product of ``factors``."""
    t, decimals = ctx.trace, ctx.decimals
    j, i = ctx.config.focus[l]
    factors_text = product_text(factors, decimals, gradient=True)
    why = " at the softmax output ∂E/∂z is δ = ŷ − y itself: two factors." if len(factors) == 2 else ""
    caption = beats(  # the rule and its factors, then the product as it is written (scenes.backward_pass.chain_rule)
        f"The chain rule for the weight {weight_name(l, j, i)}:{why}",
        f"∂E/∂w = {factors_text} = {gradient_text(t.grad_weights[l][j, i], decimals)}.",
    )
    gradient = partial_words("E", weight_words(l, j, i))
    spoken = (
        f"By the chain rule, {gradient} is a product of {integer_words(len(factors))} factors: "
        f"{number_words(t.grad_weights[l][j, i])}."
    )
    return Words(caption, spoken)


def backward_gradients(ctx: StepContext, l: int, beside: bool) -> Words:
    """Every gradient of weight layer l, ``beside`` its weight on the diagram or in a table: the first layer shown
    (the output's) says how to read them."""
    layer = l + 1
    where = (
        "beside its weight"
        if beside
        else "in the table, under its weight (row j, column i: wⱼᵢ, from neuron i into neuron j)"
    )
    rule = f"∂E/∂w = {neuron_value('δ', layer, 0)[:-1]}ⱼ · {neuron_value('a', layer - 1, 0)[:-1]}ᵢ"
    if l == ctx.depth - 1:
        return Words(
            f"Every weight's gradient is δ times the input it carries, {rule}; each is shown {where}. "
            "Edge colour gives its sign, thickness its size, on one scale for the whole network: "
            "a thicker edge, a larger |∂E/∂w|, in any layer. "
            "A bias's gradient is its neuron's δ.",
            "Each weight's gradient is delta times a: colour shows the sign, thickness the size, on one scale for "
            "every edge.",
        )
    return Words(
        f"The weights into layer {layer} get theirs the same way: {rule}.",
        f"The weights into layer {integer_words(layer)} get theirs the same way.",
    )


def backward_summary(ctx: StepContext) -> Words:
    line = "Every weight and bias now knows which way, and how strongly, it pushes the error."
    return Words(line, line)


def next_layer_index(layer: int) -> str:
    """Under a hidden layer's δ rule, δⱼ = f′(zⱼ) Σₖ wₖⱼ δₖ: what its k is (the neurons δ comes back from)."""
    return f"k: each neuron of layer {layer + 1}"
