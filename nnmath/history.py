"""Training on the config's data for the epilogue: the loss and accuracy per epoch, and snapshots of
the parameters at a few moments (for the decision boundary bending as the network learns).

Every number is measured on the whole data with the parameters of that moment: the loss is the mean
of every sample's Eₛ, the accuracy the share of samples whose predicted class is their class.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from nnmath.config import Config
from nnmath.network import train_runs
from nnmath.trace import plain

Arrays = tuple[np.ndarray, ...]

__all__ = ["SNAPSHOTS", "History", "Snapshot", "accuracy", "is_classification", "snapshot_epochs", "train_history"]

SNAPSHOTS = 5  # moments of training the decision boundary is drawn at (the first: before any update)
THRESHOLD = 0.5  # one output: class 1 when ŷ ≥ this (halfway between the targets 0 and 1)


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The network after ``epoch`` epochs (0: before training)."""

    epoch: int
    updates: int  # updates made so far
    weights: Arrays
    biases: Arrays
    loss: float
    accuracy: float | None  # None unless the task is classification
    correct: int | None  # how many samples are classified right; None unless the task is classification


@dataclass(frozen=True, eq=False)
class History:
    """One training run of ``epochs`` epochs on the config's data with η = ``learning_rate``."""

    learning_rate: float
    samples: int
    batch_size: int
    epochs: int
    updates_per_epoch: int  # iterations per epoch: ⌈samples / batch_size⌉
    loss: np.ndarray  # [epochs + 1]: the data's loss after e epochs (entry 0: before training)
    loss_per_update: np.ndarray  # [epochs · updates_per_epoch + 1]: the data's loss after k updates
    accuracy: np.ndarray | None  # [epochs + 1]: the share classified right after e epochs; None unless classification
    correct: np.ndarray | None  # [epochs + 1]: how many samples are classified right after e epochs (same None)
    snapshots: tuple[Snapshot, ...]  # a few moments, the first before training and the last after it

    @property
    def updates(self) -> int:
        return self.epochs * self.updates_per_epoch

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; each snapshot as a nested dict."""
        out = {f.name: plain(getattr(self, f.name)) for f in fields(self) if f.name != "snapshots"}
        out["snapshots"] = [{g.name: plain(getattr(s, g.name)) for g in fields(s)} for s in self.snapshots]
        return out


def is_classification(config: Config) -> bool:
    """Every target is a class: 0 or 1 with one output, a one-hot row with several."""
    y = np.asarray(config.data_y)
    if not np.isin(y, (0.0, 1.0)).all():
        return False
    return y.shape[1] == 1 or bool((y.sum(axis=1) == 1).all())


def predicted_classes(y_hat: np.ndarray) -> np.ndarray:
    """The class each output row predicts: ŷ ≥ 0.5 for one output, the largest ŷ for several."""
    if y_hat.shape[-1] == 1:
        return (y_hat[..., 0] >= THRESHOLD).astype(int)
    return np.argmax(y_hat, axis=-1)


def correct_count(config: Config, y_hat: np.ndarray) -> int:
    """How many of the data's samples have their own class as the predicted class (from ``y_hat``, ``[samples,
    outputs]``)."""
    return int(np.sum(predicted_classes(y_hat) == predicted_classes(np.asarray(config.data_y))))


def accuracy(config: Config, y_hat: np.ndarray) -> float:
    """The share of the data's samples whose predicted class (from ``y_hat``, ``[samples, outputs]``) is theirs."""
    return correct_count(config, y_hat) / len(np.asarray(config.data_y))


def snapshot_epochs(epochs: int, count: int = SNAPSHOTS) -> tuple[int, ...]:
    """``count`` moments from 0 to ``epochs``, closer together early (where a network changes fastest):
    0, then epochs · (k / (count − 1))², rounded, without repeats."""
    moments = [round(epochs * (k / (count - 1)) ** 2) for k in range(count)] if count > 1 else [epochs]
    return tuple(sorted(set(moments)))


def train_history(config: Config, learning_rate: float | None = None, epochs: int | None = None) -> History:
    """Train ``epochs`` epochs (default: the config's) with η (default: the config's), from its parameters."""
    eta = config.learning_rate if learning_rate is None else float(learning_rate)
    epochs = config.epochs if epochs is None else epochs
    per = config.updates_per_epoch
    ends = [e * per for e in range(epochs + 1)]
    with np.errstate(all="ignore"):  # a too-large η may overflow on purpose
        runs = train_runs(config, epochs * per, [eta], keep=ends)
    classify = is_classification(config)
    per_epoch = runs.loss[0, ends]
    right = np.array([correct_count(config, _out(runs.outputs[k])) for k in ends]) if classify else None
    acc = None if right is None else right / config.samples
    snapshots = tuple(
        Snapshot(
            epoch=e,
            updates=e * per,
            weights=tuple(w[0] for w in runs.weights[e * per]),
            biases=tuple(b[0] for b in runs.biases[e * per]),
            loss=float(per_epoch[e]),
            accuracy=None if acc is None else float(acc[e]),
            correct=None if right is None else int(right[e]),
        )
        for e in snapshot_epochs(epochs)
    )
    return History(
        learning_rate=eta,
        samples=config.samples,
        batch_size=config.batch_size,
        epochs=epochs,
        updates_per_epoch=per,
        loss=per_epoch,
        loss_per_update=runs.loss[0],
        accuracy=acc,
        correct=right,
        snapshots=snapshots,
    )


def _out(outputs: np.ndarray | None) -> np.ndarray:
    assert outputs is not None  # kept at every epoch's end
    return outputs[0]
