"""The answer key's first sections: the network and its symbols, the forward pass, the error."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nnmath.activations import ACTIVATIONS
from nnmath.by_hand import relation, worked
from nnmath.config import Config
from nnmath.key_format import ROUNDING_NOTE, Formatter, human, named, result_cell, row
from nnmath.losses import LOSSES, substitute_text
from nnmath.notation import LN_MEANING, bias, neuron_value, sub, weight
from nnmath.trace import StepTrace

SYMBOLS = (  # what a student needs to read the key, in the order the steps use it
    "- Layer 0 is the input layer; layer {L} is the output layer.",
    "- w⁽ˡ⁾ⱼᵢ is the weight from neuron i of layer l − 1 into neuron j of layer l (for example w⁽²⁾₁₂ goes from "
    "neuron 2 of layer 1 into neuron 1 of layer 2); b⁽ˡ⁾ⱼ is the bias of neuron j of layer l.",
    "- z = Σ w·a + b is a neuron's weighted input, and a = f(z) its output (f is the layer's activation function, "
    "f′ its derivative).",
    "- ŷ (y-hat) is the network's output, and y the target: the output the network should give for this input.",
    "- E is the error (the loss): how far ŷ is from y.",
    "- ∂E/∂w, the gradient of E with respect to w, says how much E changes when w changes a little.",
    "- δ = ∂E/∂z is a neuron's error signal: how much E changes when that neuron's z changes.",
    "- η (eta) is the learning rate: how large a step the update takes.",
    "- Why the update subtracts: the gradient points uphill, in the direction in which E grows. "
    "w_new = w_old − η · ∂E/∂w steps the other way, downhill.",
)


LN_USED = re.compile(r"\bln\b")  # a loss's formula that takes a logarithm (cross-entropy: −Σ y ln ŷ)


def symbols(config: Config, depth: int) -> list[str]:
    """The Symbols list, with ln after E where the loss uses it (as the video says it where the loss is written)."""
    lines = [line.format(L=depth) for line in SYMBOLS]
    if LN_USED.search(LOSSES[config.loss].formula):
        at = next(k for k, line in enumerate(lines) if line.startswith("- E is")) + 1
        lines.insert(at, f"- {LN_MEANING}.")
    return lines


def network(config: Config, trace: StepTrace, f: Formatter) -> list[str]:
    """The title, the network's settings, the symbols and every parameter."""
    hidden, output = ACTIVATIONS[config.hidden_activation], ACTIVATIONS[config.output_activation]
    out = [
        "# Backpropagation: one training step, worked",
        "",
        f"Numbers are rounded to {config.decimals} decimals; a gradient (∂E/∂…, δ), the slopes it multiplies and a "
        "step η·∂E/∂w, to at least two significant digits (0.00067, not 0.0007).",
        ROUNDING_NOTE,
        "",
        "## The network",
        "",
        f"- Layers (input first): {' – '.join(map(str, config.layers))} neurons",
    ]
    if trace.depth > 1:
        out.append(f"- Hidden layers' activation: {config.hidden_activation} — {hidden.formula}")
    out += [
        f"- Output layer's activation: {config.output_activation} — {output.formula}",
        f"- Loss: {human(config.loss)} — {LOSSES[config.loss].formula}",
        f"- Learning rate: η = {f.setting(config.learning_rate)}",
        f"- {'Worked sample: input' if config.is_dataset else 'Input'} x = {f.vector(trace.x)}, target y = {f.vector(trace.y)}",
    ]
    if config.init_seed is not None:
        scale = f(config.init_scale or 0)
        out.append(f"- Weights and biases drawn at random from [−{scale}, {scale}]")
    out += ["", "### Symbols", "", *symbols(config, trace.depth), ""]
    out += ["### Weights and biases", "", "| parameter | from | to | value |", "|---|---|---|---|"]
    for l in range(trace.depth):
        for j in range(config.layers[l + 1]):
            to = neuron_value("z", l + 1, j)
            for i in range(config.layers[l]):
                out.append(row(weight(l, j, i), neuron_value("a", l, i), to, f(trace.weights[l][j, i])))
            out.append(row(bias(l, j), "(bias)", to, f(trace.biases[l][j])))
    return [*out, ""]


def forward_pass(config: Config, trace: StepTrace, f: Formatter) -> list[str]:
    """Step 1: z and a for every neuron, the products substituted."""
    out = ["## Step 1: Forward pass", "", "| neuron | z = Σ w·a + b | z | a = f(z) |", "|---|---|---|---|"]
    for i in range(config.layers[0]):
        out.append(f"| {neuron_value('a', 0, i)} (input) | | | {f(trace.x[i])} |")
    for l in range(trace.depth):
        act = trace.activations[l + 1]
        for j in range(config.layers[l + 1]):
            products = " + ".join(
                f"{f.factor(trace.weights[l][j, i])}·{f.factor(trace.a[l][i])}" for i in range(config.layers[l])
            )
            z, expression = f(trace.z[l + 1][j]), f"{products} + {f.factor(trace.biases[l][j])}"
            applied = f"{act}({z})" if ACTIVATIONS[act].elementwise else softmax_text(trace.z[l + 1], j, f)
            out.append(
                row(
                    neuron_value("a", l + 1, j),
                    expression,
                    named(neuron_value("z", l + 1, j), expression, z) + f.mark("z", l + 1, j),
                    worked(applied, f(trace.a[l + 1][j])),
                )
            )
    return [*out, *f.footnote(), "", f"Prediction: ŷ = {f.vector(trace.y_hat)}", ""]


def softmax_text(z: Iterable[float], j: int, f: Formatter) -> str:
    """softmax(z)ⱼ with z substituted: e^(zⱼ) / (e^(z₁) + … + e^(zₙ))."""
    powers = [f"e^({f(v)})" for v in z]
    return f"{powers[j]} / ({' + '.join(powers)})"


def error(config: Config, trace: StepTrace, f: Formatter) -> list[str]:
    """Step 2: each output's loss term, their sum E, and ∂E/∂ŷ per output."""
    loss = LOSSES[config.loss]
    n = len(trace.y)
    out = ["## Step 2: Error", "", loss.formula, "", "| output | ŷ | y | term | value |", "|---|---|---|---|---|"]
    for k in range(n):
        term = substitute_text(loss.term, f(trace.y[k]), f(trace.y_hat[k]), n)
        value = result_cell(term, f(trace.loss_terms[k])) + f.mark("loss_terms", k)
        out.append(row(k + 1, f(trace.y_hat[k]), f(trace.y[k]), term, value))
    terms = " + ".join(f(t) for t in trace.loss_terms)
    total = f"{terms} {relation(terms, f(trace.loss))} " if n > 1 else ""
    out += [*f.footnote(), "", f"E = {total}**{f(trace.loss)}**{f.mark('loss')}", *f.footnote(), ""]
    out += [f"The backward pass starts from ∂E/∂ŷ = {loss.derivative_formula}:", ""]
    for k in range(n):
        # a target that reads 0 keeps the formula's sign outside, as in the video: "−(0.0000 / 0.3359)", never "−0 / …"
        slope = substitute_text(loss.slope, f.factor(trace.y[k]), f(trace.y_hat[k]), n)
        out.append(f"- ∂E/∂ŷ{sub(k + 1)} = {worked(slope, f(trace.dE_dyhat[k], True))}{f.mark('dE_dyhat', k)}")
    return [*out, *f.footnote(), ""]
