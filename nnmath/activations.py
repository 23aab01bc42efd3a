"""Activation functions: the one registry of activations, keyed by their config names.

Each entry holds f and f′ beside the name the video sets (LaTeX) and the definition the answer key
prints (Unicode text). Adding an activation is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    """f(z) and f′(z), both elementwise, with the function's name in LaTeX and its definition in text."""

    name: str
    value: Callable[[Array], Array]
    derivative: Callable[[Array], Array]
    formula: str  # the answer key's text, e.g. "f(z) = z,  f′(z) = 1"
    latex: str  # the function's name as the video sets it, e.g. r"\sigma" in \sigma(z) and \sigma'(z)


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
    "sigmoid": Activation(
        name="sigmoid",
        value=_sigmoid,
        derivative=_sigmoid_prime,
        formula="σ(z) = 1 / (1 + e^(−z)),  σ′(z) = σ(z)(1 − σ(z))",
        latex=r"\sigma",
    ),
    "tanh": Activation(
        name="tanh",
        value=np.tanh,
        derivative=_tanh_prime,
        formula="tanh(z),  tanh′(z) = 1 − tanh²(z)",
        latex=r"\tanh",
    ),
    "relu": Activation(
        name="relu",
        value=_relu,
        derivative=_relu_prime,
        formula="relu(z) = max(0, z),  relu′(z) = 1 if z > 0 else 0",
        latex=r"\mathrm{relu}",
    ),
    "linear": Activation(
        name="linear",
        value=_linear,
        derivative=_linear_prime,
        formula="f(z) = z,  f′(z) = 1",
        latex=r"\mathrm{id}",
    ),
}
