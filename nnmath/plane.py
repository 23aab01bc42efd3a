"""The network's output over its input space: the colour map of the decision boundary (two inputs)
or the fitted curve (one input), for any parameters (e.g. a :class:`nnmath.history.Snapshot`'s).

Every value is the network's own forward pass at that point, with :mod:`nnmath.passes`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnmath import passes
from nnmath.config import Config
from nnmath.network import activations_of

Arrays = tuple[np.ndarray, ...]

__all__ = ["GRID_POINTS", "MARGIN", "Curve", "Grid", "input_bounds", "output_curve", "output_grid"]

GRID_POINTS = 41  # points per side of the grid (odd: the middle of the range is a grid point)
MARGIN = 0.15  # the plane reaches this share of the data's extent beyond its outermost points


def input_bounds(config: Config) -> tuple[tuple[float, float], ...]:
    """(low, high) per input: the data's range widened by MARGIN each side (at least ±0.5 around one value)."""
    x = np.asarray(config.data_x)
    bounds = []
    for low, high in zip(x.min(axis=0), x.max(axis=0), strict=True):
        pad = max(MARGIN * (high - low), 0.5 if high == low else 0.0)
        bounds.append((float(low - pad), float(high + pad)))
    return tuple(bounds)


@dataclass(frozen=True, eq=False)
class Grid:
    """ŷ at every point of a grid over a two-input network's input plane."""

    x1: np.ndarray  # [columns]: the first input's values, low to high
    x2: np.ndarray  # [rows]: the second input's values, low to high
    outputs: np.ndarray  # [rows, columns, outputs]: ŷ at (x1[c], x2[r])


@dataclass(frozen=True, eq=False)
class Curve:
    """ŷ along a one-input network's input line."""

    x: np.ndarray  # [points], low to high
    outputs: np.ndarray  # [points, outputs]


def _outputs(config: Config, weights: Arrays, biases: Arrays, points: np.ndarray) -> np.ndarray:
    w = tuple(np.asarray(v, dtype=float)[None] for v in weights)
    b = tuple(np.asarray(v, dtype=float)[None] for v in biases)
    with np.errstate(all="ignore"):  # a diverged snapshot may overflow; its colours are then its own
        return passes.forward(activations_of(config), w, b, points).a[-1]


def output_grid(
    config: Config,
    weights: Arrays | None = None,
    biases: Arrays | None = None,
    points: int = GRID_POINTS,
    bounds: tuple[tuple[float, float], ...] | None = None,
) -> Grid:
    """The network's ŷ on a ``points`` × ``points`` grid over the input plane (default bounds: the data's)."""
    if config.layers[0] != 2:
        raise ValueError(f"a grid over the input plane needs 2 inputs, the network has {config.layers[0]}")
    (low1, high1), (low2, high2) = bounds or input_bounds(config)
    x1, x2 = np.linspace(low1, high1, points), np.linspace(low2, high2, points)
    plane = np.stack(np.meshgrid(x1, x2), axis=-1).reshape(-1, 2)  # row r, column c → (x1[c], x2[r])
    weights = config.weights if weights is None else weights
    biases = config.biases if biases is None else biases
    outputs = _outputs(config, weights, biases, plane).reshape(points, points, -1)
    return Grid(x1, x2, outputs)


def output_curve(
    config: Config,
    weights: Arrays | None = None,
    biases: Arrays | None = None,
    points: int = GRID_POINTS,
    bounds: tuple[float, float] | None = None,
) -> Curve:
    """The network's ŷ at ``points`` inputs across the data's range, for a one-input network."""
    if config.layers[0] != 1:
        raise ValueError(f"a fitted curve needs 1 input, the network has {config.layers[0]}")
    low, high = bounds or input_bounds(config)[0]
    x = np.linspace(low, high, points)
    weights = config.weights if weights is None else weights
    biases = config.biases if biases is None else biases
    return Curve(x, _outputs(config, weights, biases, x[:, None]))
