"""Loss functions: a registry of (per-output terms, derivative) pairs keyed by their config names.

E is always the sum of the per-output terms, so the video can show each term and then add them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray

# ŷ is kept this far from 0 and 1 inside the logarithm of binary cross-entropy, so ln 0 never happens.
BCE_EPSILON = 1e-15


@dataclass(frozen=True)
class Loss:
    """``terms(ŷ, y)`` gives one term per output (E = their sum); ``derivative`` gives ∂E/∂ŷ."""

    name: str
    terms: Callable[[Array, Array], Array]
    derivative: Callable[[Array, Array], Array]
    formula: str


def _half_squared(y_hat: Array, y: Array) -> Array:
    return 0.5 * (y - y_hat) ** 2


def _half_squared_prime(y_hat: Array, y: Array) -> Array:
    return y_hat - y


def _squared(y_hat: Array, y: Array) -> Array:
    return (y - y_hat) ** 2


def _squared_prime(y_hat: Array, y: Array) -> Array:
    return 2.0 * (y_hat - y)


def _mse(y_hat: Array, y: Array) -> Array:
    return (y - y_hat) ** 2 / y.size


def _mse_prime(y_hat: Array, y: Array) -> Array:
    return 2.0 * (y_hat - y) / y.size


def _clipped(y_hat: Array) -> Array:
    return np.clip(y_hat, BCE_EPSILON, 1.0 - BCE_EPSILON)


def _bce(y_hat: Array, y: Array) -> Array:
    p = _clipped(y_hat)
    return -(y * np.log(p) + (1.0 - y) * np.log1p(-p))


def _bce_prime(y_hat: Array, y: Array) -> Array:
    p = _clipped(y_hat)
    return (p - y) / (p * (1.0 - p))


LOSSES: dict[str, Loss] = {
    "half_squared_error": Loss("half_squared_error", _half_squared, _half_squared_prime, "E = ½ Σ (y − ŷ)²"),
    "squared_error": Loss("squared_error", _squared, _squared_prime, "E = Σ (y − ŷ)²"),
    "mse": Loss("mse", _mse, _mse_prime, "E = (1/n) Σ (y − ŷ)²"),
    "binary_cross_entropy": Loss("binary_cross_entropy", _bce, _bce_prime, "E = −Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]"),
}
