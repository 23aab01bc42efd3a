"""BatchTrace: every value of one update on a batch (the video's first batch) that a viewer could be shown.

The batch's first sample is worked in full (``first``, a :class:`StepTrace` exactly as for a config
with that one sample); every sample of the batch, the first included, has its compact values
(``samples``); then the batch loss E = (1/m) Σ Eₛ, the batch gradient (the mean of the samples'),
and one update with it. ``first``'s own update fields (``weight_steps`` … ``loss_after``) are that
sample's step as if it were alone: the update the batch makes is this trace's ``weight_steps``,
``new_weights``, ``loss_after``. With a batch of one they are the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from nnmath.batches import batches_in_epoch
from nnmath.config import Config
from nnmath.network import batch_passes, train_step
from nnmath.trace import StepTrace, plain

Arrays = tuple[np.ndarray, ...]

__all__ = ["BatchTrace", "SampleTrace", "UpdateTrace", "batch_step", "first_batch"]


@dataclass(frozen=True, eq=False)
class SampleTrace:
    """One sample of the batch, compactly: what it predicts, its loss and its gradients."""

    index: int  # its row in the data (0-based; the video counts from 1)
    x: np.ndarray
    y: np.ndarray
    y_hat: np.ndarray
    loss_terms: np.ndarray  # one per output; Eₛ is their sum
    loss: float  # Eₛ
    grad_weights: Arrays  # ∂Eₛ/∂W[l], this sample's own
    grad_biases: Arrays
    focus_grads: tuple[float, ...]  # focus_grads[l] = ∂Eₛ/∂w of W[l]'s focus weight (config.focus[l])
    da_dz: Arrays  # f′(z) of each layer 1 … L (what its δ is multiplied by)
    y_hat_after: np.ndarray  # ŷ after the batch's update
    loss_after: float  # Eₛ after the batch's update


@dataclass(frozen=True, eq=False)
class BatchTrace:
    """One update on one batch: the first sample in full, every sample compactly, and the mean."""

    indices: tuple[int, ...]  # the batch's rows of the data, in the order used (first: the worked sample)
    epoch: int  # 0-based
    iteration: int  # 0-based, within the epoch
    samples_in_data: int
    learning_rate: float
    first: StepTrace  # the first sample worked in full (its update fields: that sample alone, see the module)
    samples: tuple[SampleTrace, ...]  # every sample of the batch, the first included
    losses: np.ndarray  # [m]: Eₛ of each sample
    loss: float  # the batch loss E = (1/m) Σ Eₛ
    grad_weights: Arrays  # the batch gradient: the mean of the samples' ∂Eₛ/∂W
    grad_biases: Arrays
    focus_grads: tuple[float, ...]  # the batch gradient of each layer's focus weight
    weight_steps: Arrays  # η · the batch gradient
    bias_steps: Arrays
    weights: Arrays  # before the update
    biases: Arrays
    new_weights: Arrays
    new_biases: Arrays
    losses_after: np.ndarray  # [m]: each sample's Eₛ after the update
    loss_after: float  # the batch loss after the update

    @property
    def size(self) -> int:
        """m: the samples in this batch."""
        return len(self.indices)

    @property
    def depth(self) -> int:
        """L: the number of weight matrices."""
        return len(self.weights)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; ``first`` and each sample as nested dicts."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "first":
                out[f.name] = value.to_dict()
            elif f.name == "samples":
                out[f.name] = [{g.name: plain(getattr(s, g.name)) for g in fields(s)} for s in value]
            else:
                out[f.name] = plain(value)
        return out


UpdateTrace = StepTrace | BatchTrace  # what an update is read from: one sample's step, or a batch's (same field names)


def first_batch(config: Config) -> np.ndarray:
    """The rows of the first batch of the first epoch (its first row is the config's worked sample)."""
    return batches_in_epoch(config.samples, config.batch_size, config.data_seed, 0)[0]


def batch_step(config: Config, epoch: int = 0, iteration: int = 0) -> BatchTrace:
    """The update on batch ``iteration`` of epoch ``epoch`` (default: the first), from the config's parameters."""
    rows = batches_in_epoch(config.samples, config.batch_size, config.data_seed, epoch)[iteration]
    x, y = np.asarray(config.data_x)[rows], np.asarray(config.data_y)[rows]
    weights = tuple(np.asarray(w, dtype=float) for w in config.weights)
    biases = tuple(np.asarray(b, dtype=float) for b in config.biases)
    p = batch_passes(config, weights, biases, x, y)
    first_of_data = epoch == 0 and iteration == 0  # the config's worked sample; else another batch's first
    first = train_step(config if first_of_data else _with_sample(config, x[0], y[0]))
    focus = config.focus
    samples = tuple(
        SampleTrace(
            index=int(rows[s]),
            x=x[s],
            y=y[s],
            y_hat=p.fwd.a[-1][s],
            loss_terms=p.loss_terms[s],
            loss=float(p.losses[s]),
            grad_weights=tuple(g[s] for g in p.sample_grad_weights),
            grad_biases=tuple(g[s] for g in p.sample_grad_biases),
            focus_grads=tuple(float(g[s][focus[l]]) for l, g in enumerate(p.sample_grad_weights)),
            da_dz=tuple(d[s] for d in p.back.da_dz),
            y_hat_after=p.after.a[-1][s],
            loss_after=float(p.losses_after[s]),
        )
        for s in range(len(rows))
    )
    return BatchTrace(
        indices=tuple(int(r) for r in rows),
        epoch=epoch,
        iteration=iteration,
        samples_in_data=config.samples,
        learning_rate=config.learning_rate,
        first=first,
        samples=samples,
        losses=p.losses,
        loss=p.loss,
        grad_weights=p.grad_weights,
        grad_biases=p.grad_biases,
        focus_grads=tuple(float(g[focus[l]]) for l, g in enumerate(p.grad_weights)),
        weight_steps=p.weight_steps,
        bias_steps=p.bias_steps,
        weights=weights,
        biases=biases,
        new_weights=p.new_weights,
        new_biases=p.new_biases,
        losses_after=p.losses_after,
        loss_after=p.loss_after,
    )


def _with_sample(config: Config, x: np.ndarray, y: np.ndarray) -> Config:
    """The same config with another worked sample."""
    return Config(**{**config.__dict__, "x": x, "y": y})
