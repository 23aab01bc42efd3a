"""The answer key's backward pass (δ, every gradient, the chain rules), weight update and the step's result."""

from __future__ import annotations

import math

from nnmath.by_hand import worked
from nnmath.config import Config
from nnmath.key_format import Formatter, named, result_cell, row
from nnmath.notation import bias, neuron_value, sub, weight
from nnmath.paths import long_chain_markdown
from nnmath.rounding import chain_factors, mixes_output
from nnmath.trace import StepTrace


def backward_pass(config: Config, trace: StepTrace, f: Formatter) -> list[str]:
    """Step 3: δ for every neuron, output first; every gradient; the worked weights' chain rules."""
    out = [
        "## Step 3: Backward pass",
        "",
        "Each neuron's δ = ∂E/∂z. By the chain rule δ = ∂E/∂a · ∂a/∂z = ∂E/∂a · f′(z): for an output neuron "
        "∂E/∂a = ∂E/∂ŷ, for a hidden neuron j ∂E/∂aⱼ = Σₖ wₖⱼ δₖ (over the neurons k it feeds).",
        "",
    ]
    out += output_deltas(config, trace, f) + hidden_deltas(config, trace, f)
    out += [
        "Gradients: ∂E/∂wⱼᵢ = δⱼ · aᵢ (δ of the neuron the weight goes into, a of the neuron it comes from), "
        "∂E/∂bⱼ = δⱼ.",
        "",
        "| parameter | δ | a | gradient |",
        "|---|---|---|---|",
    ]
    for l in reversed(range(trace.depth)):
        for j in range(config.layers[l + 1]):
            delta = f(trace.delta[l][j], True)
            for i in range(config.layers[l]):
                a = f(trace.dz_dw[l][i], True)
                gradient = result_cell(
                    f"{f.factor(trace.delta[l][j], True)} · {a}", f(trace.grad_weights[l][j, i], True)
                )
                out.append(row(f"∂E/∂{weight(l, j, i)}", delta, a, gradient))
            out.append(row(f"∂E/∂{bias(l, j)}", delta, "", f(trace.grad_biases[l][j], True)))
    out.append("")
    if mixes_output(trace):
        out += [*softmax_cancels(trace, config.focus[trace.depth - 1][0], f), ""]
    out += ["One weight per layer, its chain rule written out:", ""]
    for l in reversed(range(trace.depth)):
        j, i = config.focus[l]
        factors = (*chain_factors(trace, l, j), trace.dz_dw[l][i])
        names = "∂E/∂z · ∂z/∂w" if len(factors) == 2 else "∂E/∂a · ∂a/∂z · ∂z/∂w"
        chain = " · ".join(f.factor(v, True) for v in factors)
        mark = f.mark("grad_weights", l, j, i)
        out.append(f"- ∂E/∂{weight(l, j, i)} = {names} = {worked(chain, f(trace.grad_weights[l][j, i], True))}{mark}")
    return [*out, *f.footnote(), ""]


def output_deltas(config: Config, trace: StepTrace, f: Formatter) -> list[str]:
    """The output layer's δ: ∂E/∂ŷ · f′(z), or for a softmax output with cross-entropy ŷ − y (which is ∂E/∂z)."""
    L = trace.depth
    if mixes_output(trace):
        out = [
            "Output layer (softmax with cross-entropy): δ = ∂E/∂z = ŷ − y directly (worked out below the gradients).",
            "",
            "| neuron | δ = ∂E/∂z = ŷ − y |",
            "|---|---|",
        ]
        for j in range(config.layers[L]):
            delta = f"{worked(f'{f(trace.y_hat[j])} − {f.factor(trace.y[j])}', f(trace.delta[L - 1][j], True))}"
            out.append(row(neuron_value("a", L, j), delta + f.mark("delta", L - 1, j)))
        return [*out, *f.footnote(), ""]
    out = ["Output layer:", "", "| neuron | ∂E/∂a = ∂E/∂ŷ | f′(z) | δ = ∂E/∂a · f′(z) |", "|---|---|---|---|"]
    for j in range(config.layers[L]):
        delta = named(neuron_value("δ", L, j), _delta_product(trace, L - 1, j, f), f(trace.delta[L - 1][j], True))
        delta += f.mark("delta", L - 1, j)
        out.append(
            row(
                neuron_value("a", L, j),
                f"∂E/∂ŷ{sub(j + 1)} = {f(trace.dE_da[L - 1][j], True)}",
                f(trace.da_dz[L - 1][j], True),
                delta,
            )
        )
    return [*out, *f.footnote(), ""]


def hidden_deltas(config: Config, trace: StepTrace, f: Formatter) -> list[str]:
    """Each hidden layer's δ, from the layer after it."""
    if trace.depth < 2:
        return []
    out = ["Hidden layers, from the output back:", "", "| neuron | ∂E/∂a = Σₖ wₖⱼ δₖ | f′(z) | δ = ∂E/∂a · f′(z) |"]
    out.append("|---|---|---|---|")
    for l in reversed(range(trace.depth - 1)):
        for j in range(config.layers[l + 1]):
            paths = " + ".join(
                f"{f.factor(trace.weights[l + 1][k, j])}·{f.factor(trace.delta[l + 1][k], True)}"
                for k in range(config.layers[l + 2])
            )
            upstream = f"{worked(paths, f(trace.dE_da[l][j], True))}{f.mark('dE_da', l, j)}"
            delta = named(neuron_value("δ", l + 1, j), _delta_product(trace, l, j, f), f(trace.delta[l][j], True))
            delta += f.mark("delta", l, j)
            out.append(row(neuron_value("a", l + 1, j), upstream, f(trace.da_dz[l][j], True), delta))
    return [*out, *f.footnote(), ""]


def _delta_product(trace: StepTrace, l: int, j: int, f: Formatter) -> str:
    """δ's row as its table's cells show it: ∂E/∂a · f′(z) (the cell beside δ says "≈" where they give another)."""
    return f"{f.factor(trace.dE_da[l][j], True)} · {f.factor(trace.da_dz[l][j], True)}"


def softmax_cancels(trace: StepTrace, k: int, f: Formatter) -> list[str]:
    """Why δ = ŷ − y at a softmax output with cross-entropy, worked for output ``k`` with its numbers."""
    n, L = len(trace.y), trace.depth
    terms = " + ".join(
        f"{f.factor(trace.dE_dyhat[m], True)}·{f.factor(trace.output_jacobian[m, k], True)}" for m in range(n)
    )
    return [
        f"Why δ = ŷ − y at the softmax output: every ŷₘ depends on z{sub(k + 1)}, so "
        f"δ{sub(k + 1)} = Σₘ ∂E/∂ŷₘ · ∂ŷₘ/∂z{sub(k + 1)}, with ∂E/∂ŷₘ = −yₘ/ŷₘ and "
        "∂ŷₘ/∂zₖ = ŷₘ (1[m = k] − ŷₖ), where 1[m = k] is 1 if m = k, else 0. The ŷₘ cancel: Σₘ −yₘ (1[m = k] − ŷₖ) = ŷₖ Σₘ yₘ − yₖ = ŷₖ − yₖ, "
        "since the targets add up to 1.",
        "",
        f"- {neuron_value('δ', L, k)} = {worked(terms, f(trace.delta[L - 1][k], True))}"
        f" = {f(trace.y_hat[k])} − {f.factor(trace.y[k])} (ŷ{sub(k + 1)} − y{sub(k + 1)})",
    ]


def long_chain(config: Config, trace: StepTrace, f: Formatter) -> list[str]:
    """The first layer's worked gradient along one path, and as the sum over every path (nnmath.paths)."""
    return long_chain_markdown(trace, config.focus, config.decimals)


def weight_update(config: Config, trace: StepTrace, f: Formatter) -> list[str]:
    """Step 4: every weight and bias, old, step and new."""
    out = [
        "## Step 4: Weight update",
        "",
        f"w_new = w_old − η · ∂E/∂w with η = {f.setting(config.learning_rate)}; biases likewise. The gradient "
        "points uphill (toward a larger E), so subtracting it steps downhill.",
        "",
        "| parameter | old | η·∂E/∂w or η·∂E/∂b | new |",  # a bias row's step is η·∂E/∂b
        "|---|---|---|---|",
    ]
    for l in range(trace.depth):
        w, step, new = trace.weights[l], trace.weight_steps[l], trace.new_weights[l]
        for j in range(config.layers[l + 1]):
            for i in range(config.layers[l]):
                shift = f.entry(step[j, i], "weight_steps", l, j, i)  # two significant digits, as a gradient
                moved = result_cell(f"{f(w[j, i])} − {_factor(shift)}", f(new[j, i]))
                out.append(row(weight(l, j, i), f(w[j, i]), shift, moved + f.mark("new_weights", l, j, i)))
            shift = f.entry(trace.bias_steps[l][j], "bias_steps", l, j)
            moved = result_cell(f"{f(trace.biases[l][j])} − {_factor(shift)}", f(trace.new_biases[l][j]))
            out.append(row(bias(l, j), f(trace.biases[l][j]), shift, moved))
    return [*out, *f.footnote(), ""]


def _factor(text: str) -> str:
    """A number's text as a factor: a negative one in parentheses."""
    return f"({text})" if text.startswith(("-", "−")) else text


def after_update(config: Config, trace: StepTrace, f: Formatter) -> list[str]:
    """The forward pass with the new parameters, and whether the error went down."""
    if trace.loss_after < trace.loss:
        verdict = "smaller"
    elif trace.loss_after > trace.loss:
        verdict = "larger: η is too large for this step"
    elif math.isnan(trace.loss_after):
        verdict = "undefined: η is so large that the numbers overflow"
    else:
        verdict = "unchanged"
    return [
        "## After the update",
        "",
        f"Forward pass with the new parameters: ŷ = {f.vector(trace.y_hat_after)}",
        "",
        f"E before = {f(trace.loss)} → E after = **{f(trace.loss_after)}** ({verdict})",
        "",
    ]
