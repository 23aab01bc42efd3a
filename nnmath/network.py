"""The tiny network for a config: one step worked in full, and training on the config's data.

The arithmetic itself lives in :mod:`nnmath.passes` (batched); this module feeds it a config's
parameters and samples. A single step is a batch of one, so its numbers are the batch arithmetic's.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from nnmath import passes
from nnmath.activations import ACTIVATIONS, Activation
from nnmath.batches import batches_in_epoch
from nnmath.config import Config
from nnmath.losses import LOSSES
from nnmath.passes import Backward, Forward
from nnmath.trace import StepTrace

Arrays = tuple[np.ndarray, ...]

__all__ = [
    "Backward",
    "BatchPasses",
    "Forward",
    "activations_of",
    "backward",
    "batch_passes",
    "forward",
    "loss_of",
    "train",
    "train_epochs",
    "train_rates",
    "train_runs",
    "train_step",
]


def activations_of(config: Config) -> tuple[Activation, ...]:
    """The activation of layer 1 … L."""
    return tuple(ACTIVATIONS[config.activation_of(l)] for l in range(1, len(config.layers)))


def forward(config: Config, weights: Arrays, biases: Arrays, x: np.ndarray | None = None) -> Forward:
    """z = W a + b and a = f(z), layer by layer, for ``x`` (default: the worked sample; rows: a batch)."""
    inputs = np.asarray(config.x if x is None else x, dtype=float)
    return passes.forward(activations_of(config), tuple(weights), tuple(biases), inputs)


def loss_of(config: Config, y_hat: np.ndarray, y: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """One sample's per-output loss terms and their sum E (default target: the worked sample's)."""
    terms, total = passes.sample_losses(LOSSES[config.loss], y_hat, np.asarray(config.y if y is None else y))
    return terms, float(total)


def backward(config: Config, weights: Arrays, fwd: Forward, dE_dyhat: np.ndarray) -> Backward:
    """The chain-rule factors of the backward pass (see :func:`nnmath.passes.backward`)."""
    return passes.backward(activations_of(config), weights, fwd, dE_dyhat)


@dataclass(frozen=True, eq=False)
class BatchPasses:
    """Everything one update on a batch computes; per-sample arrays have the samples first (``[m, …]``)."""

    fwd: Forward
    loss_terms: np.ndarray  # [m, outputs]
    losses: np.ndarray  # [m]: Eₛ
    dE_dyhat: np.ndarray  # [m, outputs]
    back: Backward
    sample_grad_weights: Arrays  # [m, j, i]: each sample's ∂Eₛ/∂W
    sample_grad_biases: Arrays  # [m, j]
    grad_weights: Arrays  # [j, i]: the batch gradient, the mean of the samples'
    grad_biases: Arrays
    weight_steps: Arrays  # η · the batch gradient
    bias_steps: Arrays
    new_weights: Arrays
    new_biases: Arrays
    after: Forward  # the batch's forward pass with the updated parameters
    loss_terms_after: np.ndarray
    losses_after: np.ndarray

    @property
    def loss(self) -> float:
        """The batch loss E = (1/m) Σ Eₛ before the update."""
        return float(passes.batch_loss(self.losses))

    @property
    def loss_after(self) -> float:
        return float(passes.batch_loss(self.losses_after))


def batch_passes(config: Config, weights: Arrays, biases: Arrays, x: np.ndarray, y: np.ndarray) -> BatchPasses:
    """Forward, loss, backward, mean gradient and one update for the samples ``x`` ``[m, inputs]``."""
    f, loss = activations_of(config), LOSSES[config.loss]
    w1 = tuple(np.asarray(w, dtype=float)[None] for w in weights)  # a sample axis of length 1
    b1 = tuple(np.asarray(b, dtype=float)[None] for b in biases)
    fwd = passes.forward(f, w1, b1, x)
    terms, losses = passes.sample_losses(loss, fwd.a[-1], y)
    dE_dyhat = loss.derivative(fwd.a[-1], y)
    back = passes.backward(f, w1, fwd, dE_dyhat)
    grad_w, grad_b = passes.sample_gradients(back, fwd)
    mean_w, mean_b = passes.mean_gradients(grad_w, grad_b)
    weight_steps = passes.steps_of(config.learning_rate, mean_w)
    bias_steps = passes.steps_of(config.learning_rate, mean_b)
    new_w, new_b = passes.stepped(w1, weight_steps), passes.stepped(b1, bias_steps)
    after = passes.forward(f, new_w, new_b, x)
    terms_after, losses_after = passes.sample_losses(loss, after.a[-1], y)
    return BatchPasses(
        fwd=fwd,
        loss_terms=terms,
        losses=losses,
        dE_dyhat=dE_dyhat,
        back=back,
        sample_grad_weights=grad_w,
        sample_grad_biases=grad_b,
        grad_weights=_drop(mean_w),
        grad_biases=_drop(mean_b),
        weight_steps=_drop(weight_steps),
        bias_steps=_drop(bias_steps),
        new_weights=_drop(new_w),
        new_biases=_drop(new_b),
        after=after,
        loss_terms_after=terms_after,
        losses_after=losses_after,
    )


def _drop(arrays: Arrays) -> Arrays:
    """The parameters' sample axis (length 1) removed."""
    return tuple(a[0] for a in arrays)


def _row(arrays: Arrays, s: int) -> Arrays:
    return tuple(a[s] for a in arrays)


def train_step(config: Config, weights: Arrays | None = None, biases: Arrays | None = None) -> StepTrace:
    """One full step for the config's worked sample, from ``weights``/``biases`` (default: the config's):
    a batch of one, so its gradient is the sample's own and the update uses it."""
    weights = tuple(np.asarray(w, dtype=float) for w in (config.weights if weights is None else weights))
    biases = tuple(np.asarray(b, dtype=float) for b in (config.biases if biases is None else biases))
    depth = len(weights)
    x, y = np.asarray(config.x, dtype=float), np.asarray(config.y, dtype=float)
    p = batch_passes(config, weights, biases, x[None], y[None])
    a = _row(p.fwd.a, 0)
    return StepTrace(
        layers=config.layers,
        activations=("input", *(config.activation_of(l) for l in range(1, depth + 1))),
        loss_name=config.loss,
        learning_rate=config.learning_rate,
        x=a[0],
        y=y,
        weights=weights,
        biases=biases,
        z_terms=_row(p.fwd.z_terms, 0),
        z=_row(p.fwd.z, 0),
        a=a,
        y_hat=a[-1],
        softmax_sum=softmax_sum(config, p.fwd.z[-1][0]),
        loss_terms=p.loss_terms[0],
        loss=float(p.losses[0]),
        dE_dyhat=p.dE_dyhat[0],
        upstream_terms=_row(p.back.upstream_terms, 0),
        dE_da=_row(p.back.dE_da, 0),
        da_dz=_row(p.back.da_dz, 0),
        delta=_row(p.back.delta, 0),
        output_jacobian=ACTIVATIONS[config.output_activation].jacobian_at(p.fwd.z[-1][0]),
        dz_dw=a[:depth],
        grad_weights=p.grad_weights,
        grad_biases=p.grad_biases,
        weight_steps=p.weight_steps,
        bias_steps=p.bias_steps,
        new_weights=p.new_weights,
        new_biases=p.new_biases,
        z_after=_row(p.after.z, 0),
        a_after=_row(p.after.a, 0),
        y_hat_after=p.after.a[-1][0],
        loss_terms_after=p.loss_terms_after[0],
        loss_after=float(p.losses_after[0]),
    )


def softmax_sum(config: Config, z: np.ndarray) -> float:
    """S = Σₖ exp(zₖ) of the output layer's z, as the video writes it (exp of each z, not of z − max z): the
    denominator of a softmax output; NaN for an output that is not softmax (it has no such sum). A z too large
    for exp gives ∞."""
    if ACTIVATIONS[config.output_activation].elementwise:
        return math.nan
    with np.errstate(over="ignore"):
        return float(np.exp(z).sum())


def train(config: Config, steps: int, learning_rate: float | None = None) -> np.ndarray:
    """Loss history of ``steps`` updates: entry k is the data's loss after k updates (``steps + 1`` entries)."""
    return train_rates(config, steps, [config.learning_rate if learning_rate is None else learning_rate])[0]


def train_rates(config: Config, steps: int, rates: Sequence[float]) -> np.ndarray:
    """Loss histories of ``steps`` updates, one row per learning rate: row r is the data's loss (the mean of
    every sample's Eₛ) after 0 … ``steps`` updates with η = ``rates[r]``, the batches taken in the seeded
    order of :mod:`nnmath.batches`. The runs are computed side by side with train_step's arithmetic, so
    for a single sample each row is what train_step after train_step gives (a softmax layer's Jᵀ·∂E/∂a is
    taken for all runs at once, which may differ in the last bit; on every shipped config it does not)."""
    return train_runs(config, steps, rates).loss


def train_epochs(config: Config, epochs: int, rates: Sequence[float]) -> np.ndarray:
    """Like :func:`train_rates`, measured once per epoch: row r is the data's loss after 0 … ``epochs``
    epochs (``epochs`` × ``config.updates_per_epoch`` updates) with η = ``rates[r]``."""
    per = config.updates_per_epoch
    return train_runs(config, epochs * per, rates).loss[:, ::per]


@dataclass(frozen=True, eq=False)
class Runs:
    """Training runs side by side (one per learning rate), measured on the whole data after every update."""

    loss: np.ndarray  # [runs, steps + 1]: the data's loss after k updates
    weights: tuple[Arrays, ...]  # weights[k] = W after k updates, each [runs, j, i] (only at ``keep``, else ())
    biases: tuple[Arrays, ...]
    outputs: tuple[np.ndarray | None, ...]  # outputs[k]: every sample's ŷ after k updates, [runs, samples, outputs]


def train_runs(config: Config, steps: int, rates: Sequence[float], keep: Collection[int] = ()) -> Runs:
    """Train one run per η for ``steps`` updates; the parameters are kept after the updates in ``keep``."""
    if steps < 0:
        raise ValueError(f"steps must be at least 0, got {steps}")
    keep = frozenset(keep)
    eta = np.asarray(rates, dtype=float)
    runs, f, loss = len(eta), activations_of(config), LOSSES[config.loss]
    weights = tuple(np.repeat(np.asarray(w, dtype=float)[None, None], runs, axis=0) for w in config.weights)
    biases = tuple(np.repeat(np.asarray(b, dtype=float)[None, None], runs, axis=0) for b in config.biases)
    x, y = np.asarray(config.data_x, dtype=float), np.asarray(config.data_y, dtype=float)
    history = np.empty((runs, steps + 1))
    outputs: list[np.ndarray | None] = [None] * (steps + 1)
    kept_w: list[Arrays] = [()] * (steps + 1)
    kept_b: list[Arrays] = [()] * (steps + 1)
    batches: tuple[np.ndarray, ...] = ()
    for k in range(steps + 1):
        fwd = passes.forward(f, weights, biases, x)  # every sample: the data's loss, and the batch's rows
        history[:, k] = passes.batch_loss(passes.sample_losses(loss, fwd.a[-1], y)[1])
        if k in keep:
            kept_w[k], kept_b[k] = tuple(w[:, 0] for w in weights), tuple(b[:, 0] for b in biases)
            outputs[k] = fwd.a[-1]
        if k == steps:
            break
        if k % config.updates_per_epoch == 0:
            batches = batches_in_epoch(
                config.samples, config.batch_size, config.data_seed, k // config.updates_per_epoch
            )
        rows = batches[k % config.updates_per_epoch]
        part = Forward(
            (), tuple(np.take(v, rows, axis=-2) for v in fwd.z), tuple(np.take(v, rows, axis=-2) for v in fwd.a)
        )
        back = passes.backward(f, weights, part, loss.derivative(part.a[-1], y[rows]), exact=False)
        mean_w, mean_b = passes.mean_gradients(*passes.sample_gradients(back, part))
        weights = passes.stepped(weights, passes.steps_of(eta.reshape(runs, 1, 1, 1), mean_w))
        biases = passes.stepped(biases, passes.steps_of(eta.reshape(runs, 1, 1), mean_b))
    return Runs(history, tuple(kept_w), tuple(kept_b), tuple(outputs))
