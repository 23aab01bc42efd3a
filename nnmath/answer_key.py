"""The worked solution of one step as a Markdown answer key a lecturer can hand out."""

from __future__ import annotations

from collections.abc import Iterable

from nnmath.activations import ACTIVATIONS
from nnmath.config import Config
from nnmath.losses import LOSSES
from nnmath.notation import bias, format_number, neuron_value, sub, weight
from nnmath.trace import StepTrace

_TERM_FORMULAS = {  # one output's loss term, with {y} and {p} (ŷ) substituted
    "half_squared_error": "½ ({y} − {p})²",
    "squared_error": "({y} − {p})²",
    "mse": "(1/{n}) ({y} − {p})²",
    "binary_cross_entropy": "−[{y} ln {p} + (1 − {y}) ln(1 − {p})]",
}
_DERIVATIVE_FORMULAS = {  # ∂E/∂ŷ for one output
    "half_squared_error": ("ŷ − y", "{p} − {y}"),
    "squared_error": ("2 (ŷ − y)", "2 ({p} − {y})"),
    "mse": ("(2/n) (ŷ − y)", "(2/{n}) ({p} − {y})"),
    "binary_cross_entropy": ("(ŷ − y) / (ŷ (1 − ŷ))", "({p} − {y}) / ({p} (1 − {p}))"),
}


def answer_key(config: Config, trace: StepTrace) -> str:
    """Markdown: the network, then forward, error, backward and update, formulas with numbers."""
    f = _Formatter(config.decimals)
    L = trace.depth
    out: list[str] = []
    add = out.append

    add("# Backpropagation: one training step, worked")
    add("")
    add(f"Config: `{config.path}` · numbers rounded to {config.decimals} decimals.")
    add("")
    add("## The network")
    add("")
    add(f"- Layers (input first): {' – '.join(map(str, config.layers))}")
    add(f"- Hidden activation: {config.hidden_activation} — {ACTIVATIONS[config.hidden_activation].formula}")
    add(f"- Output activation: {config.output_activation} — {ACTIVATIONS[config.output_activation].formula}")
    add(f"- Loss: {config.loss} — {LOSSES[config.loss].formula}")
    add(f"- Learning rate: η = {f(config.learning_rate)}")
    add(f"- Sample: x = ({f.list(trace.x)}), y = ({f.list(trace.y)})")
    if config.init_seed is not None:
        scale = f(config.init_scale or 0)
        add(f"- Parameters drawn uniformly from [−{scale}, {scale}] with seed {config.init_seed}")
    add("")
    add(f"Notation: layer 0 is the input, layer {L} the output; w⁽ˡ⁾ⱼᵢ connects neuron i of layer l − 1")
    add("to neuron j of layer l; z = Σ w·a + b, a = f(z), δ = ∂E/∂z.")
    add("")
    add("| parameter | from | to | value |")
    add("|---|---|---|---|")
    for l in range(L):
        for j in range(config.layers[l + 1]):
            for i in range(config.layers[l]):
                add(
                    row(
                        weight(l, j, i), neuron_value("a", l, i), neuron_value("z", l + 1, j), f(trace.weights[l][j, i])
                    )
                )
            add(row(bias(l, j), "(bias)", neuron_value("z", l + 1, j), f(trace.biases[l][j])))
    add("")

    add("## Step 1: Forward pass")
    add("")
    add("| neuron | z = Σ w·a + b | z | a = f(z) |")
    add("|---|---|---|---|")
    for i in range(config.layers[0]):
        add(f"| {neuron_value('a', 0, i)} (input) | | | {f(trace.x[i])} |")
    for l in range(L):
        act = trace.activations[l + 1]
        for j in range(config.layers[l + 1]):
            products = " + ".join(
                f"{f.factor(trace.weights[l][j, i])}·{f.factor(trace.a[l][i])}" for i in range(config.layers[l])
            )
            z = f(trace.z[l + 1][j])
            add(
                row(
                    neuron_value("a", l + 1, j),
                    f"{products} + {f.factor(trace.biases[l][j])}",
                    f"{neuron_value('z', l + 1, j)} = {z}",
                    f"{act}({z}) = {f(trace.a[l + 1][j])}",
                )
            )
    add("")
    add(f"Prediction: ŷ = ({f.list(trace.y_hat)})")
    add("")

    add("## Step 2: Error")
    add("")
    add(f"{LOSSES[config.loss].formula}")
    add("")
    add("| output | ŷ | y | term | value |")
    add("|---|---|---|---|---|")
    n = len(trace.y)
    for k in range(n):
        term = _TERM_FORMULAS[config.loss].format(y=f(trace.y[k]), p=f(trace.y_hat[k]), n=n)
        add(row(k + 1, f(trace.y_hat[k]), f(trace.y[k]), term, f(trace.loss_terms[k])))
    add("")
    add(
        f"E = {' + '.join(f(t) for t in trace.loss_terms)} = **{f(trace.loss)}**"
        if n > 1
        else f"E = **{f(trace.loss)}**"
    )
    add("")
    symbolic, numeric = _DERIVATIVE_FORMULAS[config.loss]
    add(f"The backward pass starts from ∂E/∂ŷ = {symbolic}:")
    add("")
    for k in range(n):
        substituted = numeric.format(p=f(trace.y_hat[k]), y=f.factor(trace.y[k]), n=n)
        add(f"- ∂E/∂ŷ{_sub(k)} = {substituted} = {f(trace.dE_dyhat[k])}")
    add("")

    add("## Step 3: Backward pass")
    add("")
    add("δ = ∂E/∂a · f′(z); for the output ∂E/∂a = ∂E/∂ŷ, for a hidden neuron ∂E/∂aⱼ = Σₖ wₖⱼ δₖ.")
    add("")
    add("| neuron | ∂E/∂a | f′(z) | δ = ∂E/∂a · f′(z) |")
    add("|---|---|---|---|")
    for l in reversed(range(L)):
        for j in range(config.layers[l + 1]):
            if l == L - 1:
                upstream = f"∂E/∂ŷ{_sub(j)} = {f(trace.dE_da[l][j])}"
            else:
                paths = " + ".join(
                    f"{f.factor(trace.weights[l + 1][k, j])}·{f.factor(trace.delta[l + 1][k])}"
                    for k in range(config.layers[l + 2])
                )
                upstream = f"{paths} = {f(trace.dE_da[l][j])}"
            delta = f"{neuron_value('δ', l + 1, j)} = {f(trace.delta[l][j])}"
            add(row(neuron_value("a", l + 1, j), upstream, f(trace.da_dz[l][j]), delta))
    add("")
    add("Gradients: ∂E/∂wⱼᵢ = δⱼ · aᵢ (the input a of the weight's edge), ∂E/∂bⱼ = δⱼ.")
    add("")
    add("| parameter | δ | a | gradient |")
    add("|---|---|---|---|")
    for l in reversed(range(L)):
        for j in range(config.layers[l + 1]):
            for i in range(config.layers[l]):
                add(
                    row(
                        f"∂E/∂{weight(l, j, i)}",
                        f(trace.delta[l][j]),
                        f(trace.dz_dw[l][i]),
                        f(trace.grad_weights[l][j, i]),
                    )
                )
            add(row(f"∂E/∂{bias(l, j)}", f(trace.delta[l][j]), "", f(trace.grad_biases[l][j])))
    add("")
    for l in reversed(range(L)):
        j, i = config.focus[l]
        factors = (trace.dE_da[l][j], trace.da_dz[l][j], trace.dz_dw[l][i])
        chain = "∂E/∂a · ∂a/∂z · ∂z/∂w = " + " · ".join(f.factor(v) for v in factors)
        add(f"- Chain rule for {weight(l, j, i)}: {chain} = {f(trace.grad_weights[l][j, i])}")
    add("")

    add("## Step 4: Weight update")
    add("")
    add(f"w_new = w_old − η ∂E/∂w with η = {f(config.learning_rate)}; biases likewise.")
    add("")
    add("| parameter | old | η·∂E/∂w | new |")
    add("|---|---|---|---|")
    for l in range(L):
        for j in range(config.layers[l + 1]):
            for i in range(config.layers[l]):
                old, step, new = trace.weights[l][j, i], trace.weight_steps[l][j, i], trace.new_weights[l][j, i]
                add(row(weight(l, j, i), f(old), f(step), f(new)))
            add(row(bias(l, j), f(trace.biases[l][j]), f(trace.bias_steps[l][j]), f(trace.new_biases[l][j])))
    add("")
    add("## After the update")
    add("")
    add(f"Forward pass with the new parameters: ŷ = ({f.list(trace.y_hat_after)})")
    add("")
    verdict = (
        "smaller"
        if trace.loss_after < trace.loss
        else "larger: η is too large for this step"
        if trace.loss_after > trace.loss
        else "unchanged"
    )
    add(f"E before = {f(trace.loss)} → E after = **{f(trace.loss_after)}** ({verdict})")
    add("")
    return "\n".join(out)


def row(*cells: object) -> str:
    """One Markdown table row."""
    return "| " + " | ".join(map(str, cells)) + " |"


def _sub(k: int) -> str:
    return sub(k + 1)


class _Formatter:
    def __init__(self, decimals: int) -> None:
        self.decimals = decimals

    def __call__(self, value: float) -> str:
        return format_number(float(value), self.decimals)

    def factor(self, value: float) -> str:
        """A number inside a product: negatives in parentheses."""
        text = self(value)
        return f"({text})" if text.startswith("-") else text

    def list(self, values: Iterable[float]) -> str:
        return ", ".join(self(v) for v in values)
