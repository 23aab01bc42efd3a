"""Which samples form which batch: the seeded order of every epoch.

An epoch visits every sample once, in batches of ``batch_size`` (the last batch holds the rest when
``batch_size`` does not divide the number of samples). With several batches per epoch the order is
shuffled anew each epoch from ``(seed, epoch)``, so a render is reproducible; with one batch (full
batch) the order is the data's own, since shuffling would change nothing but the order of a sum.
Epochs are counted from 0 here (the video says "epoch 1" for epoch 0).
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["batches_in_epoch", "epoch_order", "updates_per_epoch"]


def updates_per_epoch(samples: int, batch_size: int) -> int:
    """Iterations in one epoch: ⌈samples / batch_size⌉ (e.g. 10 000 samples, batch 100: 100)."""
    if samples < 1 or batch_size < 1:
        raise ValueError(f"need at least one sample and a batch size of at least 1, got {samples} and {batch_size}")
    return math.ceil(samples / batch_size)


def epoch_order(samples: int, batch_size: int, seed: int, epoch: int) -> np.ndarray:
    """The sample indices (0-based rows of the data) in the order epoch ``epoch`` visits them."""
    if updates_per_epoch(samples, batch_size) == 1:
        return np.arange(samples)
    return np.random.default_rng([seed, epoch]).permutation(samples)


def batches_in_epoch(samples: int, batch_size: int, seed: int, epoch: int) -> tuple[np.ndarray, ...]:
    """The batches of epoch ``epoch``: each an array of sample indices, in the order they are used."""
    order = epoch_order(samples, batch_size, seed, epoch)
    return tuple(order[k : k + batch_size] for k in range(0, samples, batch_size))
