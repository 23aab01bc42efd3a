"""Activation functions: a registry of (value, derivative) pairs keyed by their config names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    """f(z) and f'(z), both elementwise; ``formula`` is the plain-text definition."""

    name: str
    value: Callable[[Array], Array]
    derivative: Callable[[Array], Array]
    formula: str


def _sigmoid(z: Array) -> Array:
    # Stable for any |z|: exp is only ever taken of a non-positive number.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_prime(z: Array) -> Array:
    s = _sigmoid(z)
    return s * (1.0 - s)


def _tanh_prime(z: Array) -> Array:
    return 1.0 - np.tanh(z) ** 2


def _relu(z: Array) -> Array:
    return np.maximum(z, 0.0)


def _relu_prime(z: Array) -> Array:
    # Convention: the derivative at exactly 0 is 0.
    return (z > 0).astype(float)


def _linear(z: Array) -> Array:
    return np.asarray(z, dtype=float).copy()


def _linear_prime(z: Array) -> Array:
    return np.ones_like(z, dtype=float)


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", _sigmoid, _sigmoid_prime, "σ(z) = 1 / (1 + e^(−z)),  σ′(z) = σ(z)(1 − σ(z))"),
    "tanh": Activation("tanh", np.tanh, _tanh_prime, "tanh(z),  tanh′(z) = 1 − tanh²(z)"),
    "relu": Activation("relu", _relu, _relu_prime, "relu(z) = max(0, z),  relu′(z) = 1 if z > 0 else 0"),
    "linear": Activation("linear", _linear, _linear_prime, "f(z) = z,  f′(z) = 1"),
}
