"""Step 1's words, the forward pass (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.rounding import add_to_one_as_shown, mixes_output
from nnmath.speech import integer_words, name_words, number_words, numbers_words, output_words
from scenes.drawing.narration import Words, beats
from scenes.drawing.numbers import listed, text
from scenes.formulas.activations import NAME_WORDS, NAMES, RULE_TEXT, defines_activation
from scenes.stage.context import StepContext
from scenes.steps_table import PART
from scenes.words import step_opening


def forward_network(ctx: StepContext, labelled: bool) -> Words:
    """The network; ``labelled``: the diagram writes every weight on its edge and every bias beside its neuron."""
    opening = step_opening(PART["ForwardPass"])
    sizes = "-".join(map(str, ctx.config.layers))
    if labelled:
        return Words(
            f"{opening.caption} Our {sizes} network, each weight written on its edge, each bias beside its neuron.",
            f"{opening.spoken} Each weight is written on its edge, each bias beside its neuron.",
        )
    return Words(
        f"{opening.caption} Our {sizes} network has too many weights to write on its edges: "
        "the formulas show each one as it is used.",
        f"{opening.spoken} The formulas show each weight as it is used.",
    )


def forward_inputs(ctx: StepContext) -> Words:
    whose = " of sample 1 (the batch's first)" if ctx.config.is_dataset else ""  # the sample worked in full
    return Words(
        f"The input x = {listed(ctx.trace.x, ctx.decimals)}{whose} enters the input neurons.",
        f"The input{whose}, {numbers_words(ctx.trace.x)}, enters the input neurons.",
    )


def forward_layer(ctx: StepContext, layer: int, j: int) -> Words:
    """Layer ``layer``: its neuron ``j`` in full, the others alike."""
    t, decimals = ctx.trace, ctx.decimals
    where = "The output layer" if layer == ctx.output_layer else "The hidden layer"
    if layer != ctx.output_layer and ctx.output_layer > 2:
        where = f"Hidden layer {layer}"  # not "The hidden layer 1"
    others = len(t.a[layer]) > 1
    name = t.activations[layer]
    applies = f"then applies {NAME_WORDS[name]}"
    worked = f"a = {NAMES[name]}({text(t.z[layer][j], decimals)}) = {text(t.a[layer][j], decimals)}."
    # In the picture's beats (scenes.forward_layers.one_layer): z; f's rule where it is new; a = f(z) from when its row
    # comes in; the other neurons; every a once the last has landed.
    caption = beats(
        f"{where}: neuron {j + 1} {adds(layer)}, z = Σ w·a + b = {text(t.z[layer][j], decimals)},",
        *(
            (f"{applies}, {RULE_TEXT[name]}:", worked)
            if defines_activation(t, layer)  # its rule is on screen for the first time
            else (f"{applies}: {worked}",)
        ),
        f"The other neurons of {where[0].lower() + where[1:]} follow, with their own numbers:" if others else "",
        f"a = {listed(t.a[layer], decimals)}." if others else "",
    )
    said = "the output layer" if layer == ctx.output_layer else f"hidden layer {integer_words(layer)}"
    spoken = (
        f"In {said}, neuron {integer_words(j + 1)} sums its weighted inputs and bias: z is {number_words(t.z[layer][j])}; "
        f"{name_words(t.activations[layer])} makes it {number_words(t.a[layer][j])}."
    )
    return Words(caption, spoken + (" The others work alike." if others else ""))


def adds(layer: int) -> str:
    """What a neuron does first: in full in layer 1, then in other words (a clip says no clause twice)."""
    return (
        "adds its weighted inputs and its bias"
        if layer == 1
        else f"adds layer {layer - 1}'s weighted values and its bias"
    )


def forward_softmax_sums(ctx: StepContext, layer: int, j: int) -> Words:
    """A softmax output layer's sums: neuron ``j``'s in full, each z waiting in its neuron."""
    t, decimals = ctx.trace, ctx.decimals
    return Words(
        beats(  # in the picture's beats: neuron j's z, then the others' (scenes.softmax_forward.softmax_layer)
            f"The output layer: neuron {j + 1} {adds(layer)}, z = Σ w·a + b = {text(t.z[layer][j], decimals)}.",
            "Then the others' sums, each with its own weights and bias:",
            f"z = {listed(t.z[layer], decimals)}. Softmax needs all of them, so each z waits in its neuron.",
        ),
        f"In the output layer, neuron {integer_words(j + 1)} adds its weighted inputs and bias: "
        f"z is {number_words(t.z[layer][j])}. Each z waits in its neuron for softmax.",
    )


def forward_softmax(ctx: StepContext, layer: int, j: int) -> Words:
    t, decimals = ctx.trace, ctx.decimals
    exps = " + ".join(f"exp({text(v, decimals)})" for v in t.z[layer])
    gaps = ctx.rounding_gaps  # "≈" where the screen writes it: the shown numbers give another last digit
    s_is, y_is = ("≈" if entry in gaps else "=" for entry in (("softmax_sum",), ("a", layer, j)))
    return Words(
        f"Softmax turns the z into probabilities: each output is exp(z) = eᶻ over S, the sum of exp(z) of every "
        f"output, S = {exps} {s_is} {text(t.softmax_sum, decimals)}; "
        f"ŷ{j + 1} = exp({text(t.z[layer][j], decimals)}) / S {y_is} {text(t.a[layer][j], decimals)}. "
        f"So ŷ = {listed(t.a[layer], decimals)}: each between 0 and 1, and they add up to 1"
        + (
            "."
            if add_to_one_as_shown(t.a[layer], decimals)
            else " (rounded as shown, they may be off in the last digit)."
        ),
        f"Softmax turns them into probabilities that add up to one: {output_words(j, len(t.y))} is "
        f"{number_words(t.a[layer][j])}.",
    )


def forward_prediction(ctx: StepContext) -> Words:
    t = ctx.trace
    caption = f"The output layer's a is the network's prediction: ŷ = {listed(t.y_hat, ctx.decimals)}."
    if mixes_output(t):  # the softmax sub-step has just said the numbers and that they add up to 1
        caption = "These ŷ are the network's prediction: one probability per class."
    n = len(t.y_hat)
    spoken = (
        f"The prediction, y hat, is {numbers_words(t.y_hat)}."
        if n > 1
        else (f"The prediction, y hat, is {number_words(t.y_hat[0])}.")
    )
    return Words(caption, spoken + (" One probability per class." if mixes_output(t) else ""))
