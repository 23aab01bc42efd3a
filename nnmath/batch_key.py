"""The answer key's sections for a dataset (``[data]``): the data, the first batch, the update with the
batch gradient, and training over the epochs. A ``[sample]`` config's key has none of them.

The worked sample's forward and backward passes come before these, as for one sample; the batch
then averages every sample's loss and gradient (Ē = (1/m) Σ Eₛ, ∂Ē/∂w = (1/m) Σ ∂Eₛ/∂w) and makes
one update with the mean: E is the worked sample's error, Eₛ sample s's, Ē the batch's mean.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nnmath.batch_trace import BatchTrace
from nnmath.by_hand import relation, worked
from nnmath.config import Config
from nnmath.history import History
from nnmath.key_format import result_cell
from nnmath.notation import bias, format_setting, gradient_number, weight, written_number

__all__ = ["batch_markdown", "data_markdown", "training_markdown"]


def _n(value: float, decimals: int) -> str:
    return written_number(float(value), decimals)  # "−0.3000", as the video writes it


def _gradient(value: float, decimals: int) -> str:
    """A gradient with at least two significant digits, as the video writes it (``nnmath.notation.entry_decimals``)."""
    return gradient_number(float(value), decimals).replace("-", "−")


def _factor(value: float, decimals: int) -> str:
    text = _gradient(value, decimals)
    return f"({text})" if text.startswith("−") else text


def _paren(text: str) -> str:
    return f"({text})" if text.startswith("−") else text


def _row(*cells: object) -> str:
    return "| " + " | ".join(map(str, cells)) + " |"


def _values(values: Sequence[float] | np.ndarray, decimals: int) -> str:
    return ", ".join(_n(v, decimals) for v in values)


def data_markdown(config: Config, batch: BatchTrace) -> list[str]:
    """The data, its batching, and which samples form the first batch."""
    d, m = config.decimals, batch.size
    first = ", ".join(str(k + 1) for k in batch.indices)
    shuffled = "shuffled anew each epoch (seed " + str(config.data_seed) + ")"
    order = "in the data's order" if config.updates_per_epoch == 1 else shuffled
    out = [
        "## The data",
        "",
        f"{config.samples} sample{'s' * (config.samples != 1)} ({_source(config)}), batch size {config.batch_size}: "
        f"{config.updates_per_epoch} update{'s' * (config.updates_per_epoch != 1)} per epoch, {order}. "
        f"The first batch: sample{'s' * (m != 1)} {first} (numbered s = 1 … {m} in the batch); "
        f"sample {batch.indices[0] + 1} (s = 1) is worked in full below "
        "(its E and ∂E/∂w are that sample's own, Eₛ and ∂Eₛ/∂w), then the batch: the means over its samples, "
        "Ē = (1/m) Σ Eₛ and ∂Ē/∂w = (1/m) Σ ∂Eₛ/∂w, which the update uses.",
        "",
        "| sample | x | y |",
        "|---|---|---|",
    ]
    for k, (x, y) in enumerate(zip(config.data_x, config.data_y, strict=True)):
        out.append(_row(k + 1, _values(x, d), _values(y, d)))
    return [*out, ""]


def _source(config: Config) -> str:
    kind, _, name = config.data_source.partition(" ")
    return {"inline": "given as a table", "file": f"from {name}", "generator": f"the {name} set"}.get(kind, kind)


def batch_markdown(config: Config, batch: BatchTrace) -> list[str]:
    """Every sample of the batch, the batch loss and gradient as means, and the update with them."""
    d, m = config.decimals, batch.size
    focus = [(l, *config.focus[l]) for l in range(len(config.focus))]
    names = [f"∂Eₛ/∂{weight(l, j, i)}" for l, j, i in focus]
    out = [
        f"## The batch: {m} sample{'s' * (m != 1)}",
        "",
        "Each sample's forward and backward pass, as for the worked one:",
        "",
        _row("s", "sample", "x", "y", "ŷ", "Eₛ", *names),
        "|" + "---|" * (6 + len(names)),
    ]
    for n, s in enumerate(batch.samples, 1):
        grads = [_gradient(g, d) for g in s.focus_grads]
        out.append(_row(n, s.index + 1, _values(s.x, d), _values(s.y, d), _values(s.y_hat, d), _n(s.loss, d), *grads))
    total = " + ".join(_n(s.loss, d) for s in batch.samples)
    averaged = f"(1/{m}) ({total})"
    loss = _n(batch.loss, d)
    out += ["", f"Batch loss: Ē = (1/m) Σ Eₛ = {averaged} {relation(averaged, loss)} **{loss}**", ""]
    out.append("Batch gradient: the mean of the samples' gradients, ∂Ē/∂w = (1/m) Σ ∂Eₛ/∂w:")
    out.append("")
    for (l, j, i), mean in zip(focus, batch.focus_grads, strict=True):
        terms = " + ".join(_factor(s.focus_grads[l], d) for s in batch.samples)
        out.append(f"- ∂Ē/∂{weight(l, j, i)} = {worked(f'(1/{m}) ({terms})', _gradient(mean, d))}")
    return [*out, "", *_update(config, batch)]


def _update(config: Config, batch: BatchTrace) -> list[str]:
    d = config.decimals
    out = [
        "## Step 4: Weight update with the batch gradient",
        "",
        f"w_new = w_old − η ∂Ē/∂w with η = {format_setting(config.learning_rate)} and ∂Ē/∂w the batch's mean; biases likewise.",
        "",
        "| parameter | old | ∂Ē/∂w or ∂Ē/∂b (mean) | η·∂Ē/∂w or η·∂Ē/∂b | new |",  # w rows, then b rows
        "|---|---|---|---|---|",
    ]
    for l in range(len(batch.weights)):
        w, g, step, new = batch.weights[l], batch.grad_weights[l], batch.weight_steps[l], batch.new_weights[l]
        for j in range(w.shape[0]):
            for i in range(w.shape[1]):
                # the mean gradient and its step with at least two significant digits, as every gradient
                out.append(
                    _row(
                        weight(l, j, i),
                        _n(w[j, i], d),
                        _gradient(g[j, i], d),
                        _gradient(step[j, i], d),
                        result_cell(f"{_n(w[j, i], d)} − {_paren(_gradient(step[j, i], d))}", _n(new[j, i], d)),
                    )
                )
            b, g_b = batch.biases[l][j], batch.grad_biases[l][j]
            out.append(
                _row(
                    bias(l, j),
                    _n(b, d),
                    _gradient(g_b, d),
                    _gradient(batch.bias_steps[l][j], d),
                    result_cell(
                        f"{_n(b, d)} − {_paren(_gradient(batch.bias_steps[l][j], d))}", _n(batch.new_biases[l][j], d)
                    ),
                )
            )
    verdict = "smaller" if batch.loss_after < batch.loss else "larger" if batch.loss_after > batch.loss else "unchanged"
    if batch.loss_after != batch.loss_after:  # NaN: ∞ − ∞ after an overflow
        verdict = "undefined: η is so large that the numbers overflow"
    out += ["", "## After the update", "", "| s | sample | ŷ after | Eₛ before | Eₛ after |", "|---|---|---|---|---|"]
    for n, s in enumerate(batch.samples, 1):
        out.append(_row(n, s.index + 1, _values(s.y_hat_after, d), _n(s.loss, d), _n(s.loss_after, d)))
    out += ["", f"Batch loss Ē before = {_n(batch.loss, d)} → Ē after = **{_n(batch.loss_after, d)}** ({verdict})", ""]
    return out


def training_markdown(config: Config, history: History) -> list[str]:
    """The loss (and accuracy) per epoch at the moments the video shows the network's output."""
    d = config.decimals
    per = history.updates_per_epoch
    out = [
        f"## Training: {history.epochs} epochs",
        "",
        f"{history.samples} samples, batch {history.batch_size}: {per} update{'s' * (per != 1)} per epoch, "
        f"{history.updates} updates in {history.epochs} epochs (η = {format_setting(history.learning_rate)}). "
        "Loss and accuracy are measured on all the data.",
        "",
    ]
    accuracy = history.correct is not None
    out += [_row("epoch", "updates", "Ē over all the data", *(["accuracy (samples right)"] if accuracy else []))]
    out += ["|---|---|---|" + ("---|" if accuracy else "")]
    for snap in history.snapshots:
        acc = [f"{snap.correct} of {history.samples}"] if snap.correct is not None else []
        out.append(_row(snap.epoch, snap.updates, _n(snap.loss, d), *acc))
    if history.accuracy is not None and history.accuracy[-1] == 1.0:
        wrong = np.flatnonzero(history.accuracy < 1.0)
        first = int(wrong[-1]) + 1 if wrong.size else 0
        out += ["", f"Every sample is classified right from epoch {first} on."]
    return [*out, ""]
