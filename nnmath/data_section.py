"""The checks of the samples a network learns from: ``[sample]`` (one) or ``[data]`` (a dataset).

``[data]`` gives its samples one of three ways — inline rows (``x = [[0, 0], …]``, ``y = [[0], …]``;
for one output ``y = [0, 1, …]`` too), a CSV file (``file``, see :mod:`nnmath.csvdata`) or a named
generator (``generator`` with ``n``, ``noise``, ``seed``, see :mod:`nnmath.generators`) — and how it
is trained: ``batch_size`` samples per update (default: all, full batch; 1: stochastic) for
``epochs`` passes over the data, shuffled per epoch from ``seed``. ``[sample]`` is a dataset of one.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from nnmath.batches import epoch_order, updates_per_epoch
from nnmath.csvdata import CsvProblem, columns_for, read_csv
from nnmath.fields import Fields
from nnmath.generators import GENERATORS, classes_for, generate
from nnmath.losses import Loss

__all__ = ["DATA_KEYS", "DEFAULT_EPOCHS", "MAX_NOISE", "MAX_SAMPLES", "MAX_UPDATES", "DataFields"]

DATA_KEYS = ("x", "y", "file", "generator", "n", "noise", "seed", "batch_size", "epochs")
MAX_SAMPLES = 200  # a scatter the video can draw, and training the epilogue's runs stays quick
MIN_GENERATED, DEFAULT_GENERATED = 4, 40  # generator's n
MAX_NOISE, DEFAULT_NOISE = 0.5, 0.1
DEFAULT_EPOCHS = 100  # passes over the data in the epilogue (a single sample: 100 updates, as before datasets)
MAX_EPOCHS = 1000
MAX_UPDATES = 2000  # epochs × updates per epoch: the epilogue trains a few dozen learning rates this long
TARGETS_SUM_TOLERANCE = 1e-9  # targets written with a few decimals, e.g. [0.2, 0.3, 0.5], add up to 1 this closely


class DataFields(Fields):
    """The checks of :class:`Fields`, and those of the samples (rows sized by the network's ends)."""

    def targets(self, y: list[float], field: str, loss: Loss) -> None:
        """The targets of one sample suit the loss (e.g. binary cross-entropy: each in [0, 1])."""
        problem = target_problem(y, loss)
        if problem is not None:
            k, message = problem
            raise self.fail(field if k is None else f"{field}[{k}]", message)

    def sample(self, table: dict[str, Any], layers: tuple[int, ...], loss: Loss) -> dict[str, Any]:
        """[sample]: one x and one y, a dataset of one."""
        if "x" not in table:
            raise self.fail("sample.x", "missing key")
        x = self.vector(table["x"], "sample.x", layers[0], "input neuron")
        if "y" not in table:
            raise self.fail("sample.y", "missing key")
        y = self.vector(table["y"], "sample.y", layers[-1], "output neuron")
        self.targets(y, "sample.y", loss)
        return _dataset(np.array([x]), np.array([y]), batch_size=1, epochs=DEFAULT_EPOCHS, seed=0, source="sample")

    def data(self, table: dict[str, Any], layers: tuple[int, ...], loss: Loss) -> dict[str, Any]:
        """[data]: the samples (inline, a CSV file or a generator) and how they are batched."""
        given = [key for key in ("x", "file", "generator") if key in table]
        if "y" in table and "x" not in table:
            raise self.fail("data.x", "missing key (data.y gives the targets of the rows of data.x)")
        if not given:
            raise self.fail("data", 'no samples: give x and y (rows), file (a CSV file) or generator (e.g. "xor")')
        if len(given) > 1:
            raise self.fail(f"data.{given[1]}", f"give one of x and y, file or generator, not {' and '.join(given)}")
        for key in ("n", "noise"):
            if key in table and given[0] != "generator":
                raise self.fail(f"data.{key}", "only used with generator")
        seed = self.integer(table["seed"], "data.seed", low=0) if "seed" in table else 0
        if given[0] == "x":
            x, y, source = *self.rows(table, layers, loss), "inline"
        elif given[0] == "file":
            x, y, source = *self.csv(table["file"], layers, loss), f"file {table['file']}"
        else:
            x, y, source = *self.generated(table, layers, seed), f"generator {table['generator']}"
        batch_size, epochs = self.batching(table, len(x))
        return _dataset(x, y, batch_size=batch_size, epochs=epochs, seed=seed, source=source)

    def rows(self, table: dict[str, Any], layers: tuple[int, ...], loss: Loss) -> tuple[np.ndarray, np.ndarray]:
        """Inline rows: ``x`` one row per sample, ``y`` one row (or, for one output, one number) each."""
        rows = self.array(table["x"], "data.x")
        if not rows:
            raise self.fail("data.x", "no samples: give at least one row")
        if len(rows) > MAX_SAMPLES:
            raise self.fail("data.x", f"at most {MAX_SAMPLES} samples, got {len(rows)}")
        x = [self.vector(r, f"data.x[{s}]", layers[0], "input neuron") for s, r in enumerate(rows)]
        if "y" not in table:
            raise self.fail("data.y", "missing key")
        targets = self.array(table["y"], "data.y")
        if len(targets) != len(x):
            raise self.fail("data.y", f"expected {len(x)} rows (one per row of data.x), got {len(targets)}")
        y = []
        for s, row in enumerate(targets):
            field = f"data.y[{s}]"
            if layers[-1] == 1 and not isinstance(row, list):
                row = [self.bounded(row, field)]
            y.append(self.vector(row, field, layers[-1], "output neuron"))
            self.targets(y[-1], field, loss)
        return np.array(x), np.array(y)

    def csv(self, value: Any, layers: tuple[int, ...], loss: Loss) -> tuple[np.ndarray, np.ndarray]:
        """The rows of a CSV file, its path relative to the config."""
        name = self.string(value, "data.file").strip()
        if not name:
            raise self.fail("data.file", 'expected the name of a CSV file, e.g. "points.csv"')
        path = Path(self.path).parent / Path(name).expanduser()
        try:
            x, y, lines = read_csv(path, layers[0], layers[-1], MAX_SAMPLES)
        except CsvProblem as exc:
            raise self.fail("data.file", str(exc)) from None
        targets = columns_for(layers[0], layers[-1])[layers[0] :]
        for line, row in zip(lines, y, strict=True):
            problem = target_problem(list(row), loss)
            if problem is not None:
                where = f"columns {','.join(targets)}" if problem[0] is None else f'column "{targets[problem[0]]}"'
                raise self.fail("data.file", f"{path.name} line {line}, {where}: {problem[1]}")
        return x, y

    def generated(self, table: dict[str, Any], layers: tuple[int, ...], seed: int) -> tuple[np.ndarray, np.ndarray]:
        """A named set (see :mod:`nnmath.generators`) drawn from ``seed``."""
        name = self.choice(table["generator"], "data.generator", "generator", GENERATORS)
        generator = GENERATORS[name]
        if layers[0] != generator.inputs:
            raise self.fail(
                "data.generator",
                f"{name} makes samples with {generator.inputs} input{'s' * (generator.inputs != 1)}, "
                f"the network has {layers[0]} input neuron{'s' * (layers[0] != 1)}",
            )
        classes, outputs = classes_for(generator, layers[-1]), layers[-1]
        if classes == 0 and outputs != 1:
            raise self.fail("data.generator", f"{name} makes one target per sample, the network has {outputs} outputs")
        if (classes > 0 and outputs not in (1, classes)) or (outputs == 1 and classes > 2):
            raise self.fail(
                "data.generator",
                f"{name} makes {classes} classes: the network needs 1 output (class 0 or 1) or {classes} (one-hot), "
                f"it has {outputs}",
            )
        n = DEFAULT_GENERATED
        if "n" in table:
            n = self.integer(
                table["n"], "data.n", low=MIN_GENERATED, high=MAX_SAMPLES, meaning="the number of samples to draw"
            )
        noise = DEFAULT_NOISE
        if "noise" in table:
            noise = self.number(table["noise"], "data.noise")
            if not 0 <= noise <= MAX_NOISE:
                raise self.fail("data.noise", f"must be between 0 and {MAX_NOISE:g}, got {noise:g}")
        return generate(generator, n, noise, seed, outputs)

    def batching(self, table: dict[str, Any], samples: int) -> tuple[int, int]:
        """``batch_size`` (1 … the number of samples, default all) and ``epochs``."""
        batch_size = samples
        if "batch_size" in table:
            batch_size = self.integer(
                table["batch_size"], "data.batch_size", low=1, high=samples, meaning=f"there are {samples} samples"
            )
        epochs = DEFAULT_EPOCHS
        if "epochs" in table:
            epochs = self.integer(table["epochs"], "data.epochs", low=1, high=MAX_EPOCHS)
        updates = epochs * updates_per_epoch(samples, batch_size)
        if updates > MAX_UPDATES:
            raise self.fail(
                "data.epochs",
                f"{epochs} epochs × {updates_per_epoch(samples, batch_size)} updates per epoch = {updates} updates, "
                f"at most {MAX_UPDATES}: fewer epochs or a larger batch_size",
            )
        return batch_size, epochs


def _dataset(x: np.ndarray, y: np.ndarray, *, batch_size: int, epochs: int, seed: int, source: str) -> dict[str, Any]:
    """The Config fields of a dataset; ``x`` and ``y`` are the worked sample: the first of the first batch."""
    first = int(epoch_order(len(x), batch_size, seed, 0)[0])
    return {
        "x": _frozen(x[first]),
        "y": _frozen(y[first]),
        "data_x": _frozen(x),
        "data_y": _frozen(y),
        "batch_size": batch_size,
        "epochs": epochs,
        "data_seed": seed,
        "data_source": source,
    }


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.array(array, dtype=float)
    array.setflags(write=False)
    return array


def target_problem(y: list[float], loss: Loss) -> tuple[int | None, str] | None:
    """What is wrong with one sample's targets for ``loss`` (the output's index, or None for the whole row)."""
    if loss.targets is not None:
        low, high = loss.targets
        for k, value in enumerate(y):
            if not low <= value <= high:
                return k, f"{loss.name} needs targets in [{low:g}, {high:g}], got {value:g}"
    if loss.targets_sum is not None and not math.isclose(sum(y), loss.targets_sum, abs_tol=TARGETS_SUM_TOLERANCE):
        return None, f"{loss.name} needs targets that add up to {loss.targets_sum:g}, got {sum(y):.10g}"
    return None
