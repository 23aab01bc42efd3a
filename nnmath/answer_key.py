"""The worked solution of one step as a Markdown answer key a lecturer can hand out."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy as np

from nnmath.activations import ACTIVATIONS
from nnmath.batch_key import batch_markdown, data_markdown, training_markdown
from nnmath.batch_trace import UpdateTrace, batch_step
from nnmath.config import Config
from nnmath.history import train_history
from nnmath.losses import LOSSES, substitute_text
from nnmath.notation import bias, format_number, neuron_value, sub, sup, visible_decimals, weight
from nnmath.paths import long_chain_markdown
from nnmath.quiz import quiz
from nnmath.quiz import value as trace_value
from nnmath.regimes import CONVERGES, DIVERGED, SLOW, SLOW_SHARE, Regimes, choose_learning_rates, removed
from nnmath.rounding import RoundingGap, chain_factors, first_rounding_gap, mixes_output
from nnmath.trace import StepTrace
from nnmath.vanishing import GROWS, SHRINKS, gradient_sizes, size_decimals

# Said once, under the config line: why a result may not be what its shown numbers give.
ROUNDING_NOTE = (
    "Each value is computed from the unrounded values before it, then rounded for display, "
    "so a result can differ in the last digit from what the rounded numbers shown give."
)
Section = Callable[[Config, StepTrace, "_Formatter"], list[str]]  # one part of the key
FOOTNOTE_MARK = "†"  # not ¹: the key writes layers as w⁽¹⁾ and squares as ²


def answer_key(config: Config, trace: StepTrace) -> str:
    """Markdown: the network, then forward, error, backward and update, formulas with numbers.

    The first formula whose shown result differs from what its shown numbers give (see
    :func:`nnmath.rounding.first_rounding_gap`) gets a footnote mark and a footnote after its table.
    """
    f = _Formatter(config.decimals, first_rounding_gap(trace, config.decimals, config.focus))
    sections: tuple[Section, ...] = (
        _network,
        _forward_pass,
        _error,
        _backward_pass,
        _long_chain,
        _weight_update,
        _after_update,
        _check_yourself,
        _learning_rates,  # the epilogue
        _gradient_sizes,
    )
    if config.is_dataset:
        sections = _dataset_sections(config)
    return "\n".join(line for section in sections for line in section(config, trace, f))


def _dataset_sections(config: Config) -> tuple[Section, ...]:
    """A dataset's key: the data, the worked sample's passes, then the batch's means and update, the quiz on
    that update, training over the epochs, and the epilogue (gradient sizes: the batch gradient's)."""
    batch = batch_step(config)
    return (
        _network,
        lambda *_: data_markdown(config, batch),
        _forward_pass,
        _error,
        _backward_pass,
        _long_chain,
        lambda *_: batch_markdown(config, batch),
        lambda _c, _t, f: _check_yourself(config, batch, f),
        lambda *_: training_markdown(config, train_history(config)),
        _learning_rates,
        lambda _c, _t, f: _gradient_sizes(config, batch, f),
    )


def footnote(gap: RoundingGap) -> str:
    """The footnote for ``gap``, e.g. "† From the rounded numbers shown, 0.013 · 0.813 would give 0.011; …"."""
    return (
        f"{FOOTNOTE_MARK} From the rounded numbers shown, {gap.expression} would give {gap.from_shown}; "
        f"the unrounded values give {gap.shown} (see the note at the top)."
    )


def _network(config: Config, trace: StepTrace, f: _Formatter) -> list[str]:
    """The title, the network's settings, the notation and every parameter."""
    hidden, output = ACTIVATIONS[config.hidden_activation], ACTIVATIONS[config.output_activation]
    out = [
        "# Backpropagation: one training step, worked",
        "",
        f"Config: `{config.path}` · numbers rounded to {config.decimals} decimals.",
        ROUNDING_NOTE,
        "",
        "## The network",
        "",
        f"- Layers (input first): {' – '.join(map(str, config.layers))}",
        f"- Hidden activation: {config.hidden_activation} — {hidden.formula}",
        f"- Output activation: {config.output_activation} — {output.formula}",
        f"- Loss: {config.loss} — {LOSSES[config.loss].formula}",
        f"- Learning rate: η = {f(config.learning_rate)}",
        f"- {'Worked sample' if config.is_dataset else 'Sample'}: x = ({f.list(trace.x)}), y = ({f.list(trace.y)})",
    ]
    if config.init_seed is not None:
        scale = f(config.init_scale or 0)
        out.append(f"- Parameters drawn uniformly from [−{scale}, {scale}] with seed {config.init_seed}")
    out += [
        "",
        f"Notation: layer 0 is the input, layer {trace.depth} the output; w⁽ˡ⁾ⱼᵢ connects neuron i of layer l − 1",
        "to neuron j of layer l; z = Σ w·a + b, a = f(z), δ = ∂E/∂z. In the config file w⁽ˡ⁾ⱼᵢ is",
        "`weights[l-1][j-1][i-1]` and b⁽ˡ⁾ⱼ is `biases[l-1][j-1]` (its lists count from 0).",
        "",
        "| parameter | from | to | value |",
        "|---|---|---|---|",
    ]
    for l in range(trace.depth):
        for j in range(config.layers[l + 1]):
            to = neuron_value("z", l + 1, j)
            for i in range(config.layers[l]):
                out.append(row(weight(l, j, i), neuron_value("a", l, i), to, f(trace.weights[l][j, i])))
            out.append(row(bias(l, j), "(bias)", to, f(trace.biases[l][j])))
    return [*out, ""]


def _forward_pass(config: Config, trace: StepTrace, f: _Formatter) -> list[str]:
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
            z = f(trace.z[l + 1][j])
            applied = f"{act}({z})" if ACTIVATIONS[act].elementwise else _softmax_text(trace.z[l + 1], j, f)
            out.append(
                row(
                    neuron_value("a", l + 1, j),
                    f"{products} + {f.factor(trace.biases[l][j])}",
                    f"{neuron_value('z', l + 1, j)} = {z}{f.mark('z', l + 1, j)}",
                    f"{applied} = {f(trace.a[l + 1][j])}",
                )
            )
    return [*out, *f.footnote(), "", f"Prediction: ŷ = ({f.list(trace.y_hat)})", ""]


def _softmax_text(z: Iterable[float], j: int, f: _Formatter) -> str:
    """softmax(z)ⱼ with z substituted: e^(zⱼ) / (e^(z₁) + … + e^(zₙ))."""
    powers = [f"e^({f(v)})" for v in z]
    return f"{powers[j]} / ({' + '.join(powers)})"


def _error(config: Config, trace: StepTrace, f: _Formatter) -> list[str]:
    """Step 2: each output's loss term, their sum E, and ∂E/∂ŷ per output."""
    loss = LOSSES[config.loss]
    n = len(trace.y)
    out = ["## Step 2: Error", "", loss.formula, "", "| output | ŷ | y | term | value |", "|---|---|---|---|---|"]
    for k in range(n):
        term = substitute_text(loss.term, f(trace.y[k]), f(trace.y_hat[k]), n)
        out.append(row(k + 1, f(trace.y_hat[k]), f(trace.y[k]), term, f(trace.loss_terms[k]) + f.mark("loss_terms", k)))
    total = f"{' + '.join(f(t) for t in trace.loss_terms)} = " if n > 1 else ""
    out += [*f.footnote(), "", f"E = {total}**{f(trace.loss)}**{f.mark('loss')}", *f.footnote(), ""]
    out += [f"The backward pass starts from ∂E/∂ŷ = {loss.derivative_formula}:", ""]
    for k in range(n):
        slope = substitute_text(loss.slope, f.factor(trace.y[k]), f(trace.y_hat[k]), n)
        out.append(f"- ∂E/∂ŷ{sub(k + 1)} = {slope} = {f(trace.dE_dyhat[k])}{f.mark('dE_dyhat', k)}")
    return [*out, *f.footnote(), ""]


def _backward_pass(config: Config, trace: StepTrace, f: _Formatter) -> list[str]:
    """Step 3: δ for every neuron, output first; every gradient; the focus weights' chain rules."""
    L = trace.depth
    out = [
        "## Step 3: Backward pass",
        "",
        "δ = ∂E/∂a · f′(z); for the output ∂E/∂a = ∂E/∂ŷ, for a hidden neuron ∂E/∂aⱼ = Σₖ wₖⱼ δₖ.",
        "",
        "| neuron | ∂E/∂a | f′(z) | δ = ∂E/∂a · f′(z) |",
        "|---|---|---|---|",
    ]
    mixed = mixes_output(trace)
    if mixed:
        out[2] += " A softmax output mixes its layer, so there δ = ŷ − y (see below)."
    for l in reversed(range(L)):
        for j in range(config.layers[l + 1]):
            if l == L - 1 and mixed:
                delta = f"{neuron_value('δ', l + 1, j)} = {f(trace.delta[l][j])}{f.mark('delta', l, j)}"
                upstream = f"ŷ{sub(j + 1)} − y{sub(j + 1)} = {f(trace.y_hat[j])} − {f.factor(trace.y[j])}"
                out.append(row(neuron_value("a", l + 1, j), upstream, "(softmax)", delta))
                continue
            if l == L - 1:
                upstream = f"∂E/∂ŷ{sub(j + 1)} = {f(trace.dE_da[l][j])}"
            else:
                paths = " + ".join(
                    f"{f.factor(trace.weights[l + 1][k, j])}·{f.factor(trace.delta[l + 1][k])}"
                    for k in range(config.layers[l + 2])
                )
                upstream = f"{paths} = {f(trace.dE_da[l][j])}{f.mark('dE_da', l, j)}"
            delta = f"{neuron_value('δ', l + 1, j)} = {f(trace.delta[l][j])}{f.mark('delta', l, j)}"
            out.append(row(neuron_value("a", l + 1, j), upstream, f(trace.da_dz[l][j]), delta))
    out += [
        *f.footnote(),
        "",
        "Gradients: ∂E/∂wⱼᵢ = δⱼ · aᵢ (the input a of the weight's edge), ∂E/∂bⱼ = δⱼ.",
        "",
        "| parameter | δ | a | gradient |",
        "|---|---|---|---|",
    ]
    for l in reversed(range(L)):
        for j in range(config.layers[l + 1]):
            delta = f(trace.delta[l][j])
            for i in range(config.layers[l]):
                out.append(row(f"∂E/∂{weight(l, j, i)}", delta, f(trace.dz_dw[l][i]), f(trace.grad_weights[l][j, i])))
            out.append(row(f"∂E/∂{bias(l, j)}", delta, "", f(trace.grad_biases[l][j])))
    out.append("")
    if mixed:
        out += [*_softmax_cancels(trace, config.focus[L - 1][0], f), ""]
    for l in reversed(range(L)):
        j, i = config.focus[l]
        factors = (*chain_factors(trace, l, j), trace.dz_dw[l][i])
        names = "∂E/∂z · ∂z/∂w" if len(factors) == 2 else "∂E/∂a · ∂a/∂z · ∂z/∂w"
        chain = f"{names} = " + " · ".join(f.factor(v) for v in factors)
        mark = f.mark("grad_weights", l, j, i)
        out.append(f"- Chain rule for {weight(l, j, i)}: {chain} = {f(trace.grad_weights[l][j, i])}{mark}")
    return [*out, *f.footnote(), ""]


def _softmax_cancels(trace: StepTrace, k: int, f: _Formatter) -> list[str]:
    """Why δ = ŷ − y at a softmax output with cross-entropy, worked for output ``k`` with its numbers."""
    n, L = len(trace.y), trace.depth
    terms = " + ".join(f"{f.factor(trace.dE_dyhat[m])}·{f.factor(trace.output_jacobian[m, k])}" for m in range(n))
    return [
        f"Why δ = ŷ − y at the softmax output: every ŷₘ depends on z{sub(k + 1)}, so "
        f"δ{sub(k + 1)} = Σₘ ∂E/∂ŷₘ · ∂ŷₘ/∂z{sub(k + 1)}, with ∂E/∂ŷₘ = −yₘ/ŷₘ and "
        "∂ŷₘ/∂zₖ = ŷₘ (1[m = k] − ŷₖ). The ŷₘ cancel: Σₘ −yₘ (1[m = k] − ŷₖ) = ŷₖ Σₘ yₘ − yₖ = ŷₖ − yₖ, "
        "since the targets add up to 1.",
        "",
        f"- {neuron_value('δ', L, k)} = {terms} = {f(trace.delta[L - 1][k])}"
        f" = {f(trace.y_hat[k])} − {f.factor(trace.y[k])} (ŷ{sub(k + 1)} − y{sub(k + 1)})",
    ]


def _long_chain(config: Config, trace: StepTrace, f: _Formatter) -> list[str]:
    """The first layer's focus gradient along one path, and as the sum over every path (nnmath.paths)."""
    return long_chain_markdown(trace, config.focus, config.decimals)


def _weight_update(config: Config, trace: StepTrace, f: _Formatter) -> list[str]:
    """Step 4: every weight and bias, old, step and new."""
    out = [
        "## Step 4: Weight update",
        "",
        f"w_new = w_old − η ∂E/∂w with η = {f(config.learning_rate)}; biases likewise.",
        "",
        "| parameter | old | η·∂E/∂w | new |",
        "|---|---|---|---|",
    ]
    for l in range(trace.depth):
        w, step, new = trace.weights[l], trace.weight_steps[l], trace.new_weights[l]
        for j in range(config.layers[l + 1]):
            for i in range(config.layers[l]):
                out.append(
                    row(weight(l, j, i), f(w[j, i]), f(step[j, i]), f(new[j, i]) + f.mark("new_weights", l, j, i))
                )
            out.append(row(bias(l, j), f(trace.biases[l][j]), f(trace.bias_steps[l][j]), f(trace.new_biases[l][j])))
    return [*out, *f.footnote(), ""]


def _after_update(config: Config, trace: StepTrace, f: _Formatter) -> list[str]:
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
        f"Forward pass with the new parameters: ŷ = ({f.list(trace.y_hat_after)})",
        "",
        f"E before = {f(trace.loss)} → E after = **{f(trace.loss_after)}** ({verdict})",
        "",
    ]


def _learning_rates(config: Config, trace: StepTrace, f: _Formatter) -> list[str]:
    """The epilogue's three learning rates, chosen by training this network (see ``nnmath.regimes``)."""
    regimes = choose_learning_rates(config)
    steps = len(regimes.right.history) - 1
    out = [
        f"## Repeat: three learning rates ({steps} steps each)",
        "",
        search(config, regimes, f),
        "",
        f"| run | η | what the error does | E after {steps} steps |",
        "|---|---|---|---|",
    ]
    for run in regimes.runs:
        what = run.label
        if run.label == SLOW:
            what += f": never rises; removes {removed(run.history) / removed(regimes.right.history):.0%} of what about right removes"
        elif run.label == CONVERGES:
            what += ": never rises"
        if run.rises:
            what += f": rises at {run.rises} of the steps, up to {f.small(float(np.nanmax(run.history)))}"
        eta = format_number(run.learning_rate, size_decimals(run.learning_rate, f.decimals))
        out.append(row(run.role, eta, what, f.small(run.final)))
    if not regimes.found_rise:
        out += ["", f"No η up to {f(regimes.limit)} made the error rise for this network."]
    return [*out, ""]


def search(config: Config, regimes: Regimes, f: _Formatter) -> str:
    """How the three η were found."""
    if regimes.halved:
        how = f"η = {f(config.learning_rate)} already made the error rise, so it was halved until it no longer did"
    else:
        how = f"η was doubled from {f(config.learning_rate)} until the error rose at some step (at most {f(regimes.limit)})"
    return (
        f"{how}. About right is the run that never rose with the lowest final error; too small is that η halved "
        f"until its run removes at most {SLOW_SHARE:.0%} of the error the about-right run removes."
    )


def _gradient_sizes(config: Config, trace: UpdateTrace, f: _Formatter) -> list[str]:
    """The mean |∂E/∂w| of each weight layer: does the gradient vanish toward the input?"""
    sizes = gradient_sizes(trace)
    out = ["## Gradient size per layer", "", "| weights | mean \\|∂E/∂w\\| |", "|---|---|"]
    for l, size in enumerate(sizes.sizes):
        out.append(row(f"W{sup(f'({l + 1})')}", format_number(float(size), size_decimals(float(size), f.decimals))))
    if trace.depth > 1 and sizes.trend == SHRINKS:
        out += [
            "",
            f"It shrinks toward the input: W⁽¹⁾'s is {format_number(sizes.ratio, 1)} times smaller than W{sup(f'({trace.depth})')}'s.",
        ]
    elif trace.depth > 1:
        out += ["", f"It {'grows' if sizes.trend == GROWS else 'does not shrink steadily'} toward the input."]
    return [*out, ""]


def _check_yourself(config: Config, trace: UpdateTrace, f: _Formatter) -> list[str]:
    """The quiz after the update: the questions with the values they give, then the answers below them."""
    questions = quiz(config, trace)
    out = ["## Check yourself", "", "Predict each answer before reading on (cover the answers below).", ""]
    for n, q in enumerate(questions, 1):
        given = ", ".join(f"{name} = {f(trace_value(trace, entry))}" for name, entry in q.given)
        out.append(f"{n}. {q.prompt} (given: {given})")
    out += ["", "Answers:", ""]
    out += [f"{n}. **{q.answer.capitalize()}**: {q.reason}" for n, q in enumerate(questions, 1)]
    return [*out, ""]


def row(*cells: object) -> str:
    """One Markdown table row."""
    return "| " + " | ".join(map(str, cells)) + " |"


class _Formatter:
    """Numbers as the key shows them, and the rounding gap's footnote mark (placed once, then its footnote)."""

    def __init__(self, decimals: int, gap: RoundingGap | None = None) -> None:
        self.decimals = decimals
        self.gap = gap
        self._marked = False  # the mark is in the key, its footnote not yet

    def mark(self, *entry: str | int) -> str:
        """The footnote mark when ``entry`` is the rounding gap's result, else nothing."""
        if self.gap is None or entry != self.gap.entry:
            return ""
        self._marked = True
        return FOOTNOTE_MARK

    def footnote(self) -> list[str]:
        """After a table or list: a blank line and the footnote, if its mark is in that table or list."""
        if not self._marked or self.gap is None:
            return []
        self._marked = False
        return ["", footnote(self.gap)]

    def __call__(self, value: float) -> str:
        return format_number(float(value), self.decimals)

    def small(self, value: float) -> str:
        """As shown in the epilogue: more digits when the value would read as zero; a diverged value as such."""
        if not abs(value) < DIVERGED:
            return "> 10⁶ (diverged)"
        return format_number(float(value), visible_decimals(float(value), self.decimals, most=self.decimals + 4))

    def factor(self, value: float) -> str:
        """A number inside a product: negatives in parentheses."""
        text = self(value)
        return f"({text})" if text.startswith("-") else text

    def list(self, values: Iterable[float]) -> str:
        return ", ".join(self(v) for v in values)
