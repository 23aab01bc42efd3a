"""Activation functions: the one registry of activations, keyed by their config names.

Each entry holds f and f′ beside the name the video sets (LaTeX) and the definition the answer key
prints (Unicode text). Adding an activation is one entry here.

Most activations act on each neuron alone (a = f(z), ∂a/∂z = f′(z)). Softmax does not: each output
depends on every z of its layer, so it carries its Jacobian ∂aₘ/∂zₖ, and its ``derivative`` is that
Jacobian's diagonal ∂aₖ/∂zₖ. It is defined for the output layer only, with cross-entropy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    """f(z) and f′(z) with the function's name in LaTeX and its definition in text.

    ``derivative`` is elementwise (∂aₖ/∂zₖ); ``jacobian`` is set for an activation that mixes its
    layer (softmax), and ``loss`` for one that is only defined together with one loss.
    """

    name: str
    value: Callable[[Array], Array]
    derivative: Callable[[Array], Array]
    formula: str  # the answer key's text, e.g. "f(z) = z,  f′(z) = 1"
    latex: str  # the function's name as the video sets it, e.g. r"\sigma" in \sigma(z) and \sigma'(z)
    jacobian: Callable[[Array], Array] | None = None  # [m, k] = ∂aₘ/∂zₖ, when not elementwise
    loss: str | None = None  # the one loss this activation is defined with (it is then output-only)
    min_neurons: int = 1  # the fewest neurons its layer may have

    @property
    def elementwise(self) -> bool:
        return self.jacobian is None

    def jacobian_at(self, z: Array) -> Array:
        """∂aₘ/∂zₖ as a matrix (a stack of them for a batch ``[..., k]``): diagonal for an elementwise activation."""
        if self.jacobian is not None:
            return self.jacobian(z)
        if z.ndim == 1:
            return np.diag(self.derivative(z))
        return np.eye(z.shape[-1]) * self.derivative(z)[..., None, :]

    def backward(self, z: Array, dE_da: Array) -> Array:
        """δ = ∂E/∂z from ∂E/∂a: dE_da · f′(z) elementwise, Jᵀ · dE_da otherwise."""
        return dE_da * self.derivative(z) if self.jacobian is None else self.jacobian(z).T @ dE_da


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


def _softmax(z: Array) -> Array:
    # Over the last axis (one layer; rows of a batch are separate layers). Shifted by max z: the same
    # value, and exp never overflows.
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return np.asarray(e / e.sum(axis=-1, keepdims=True))


def _softmax_prime(z: Array) -> Array:
    s = _softmax(z)
    return s * (1.0 - s)


def _softmax_jacobian(z: Array) -> Array:
    # ∂aₘ/∂zₖ = aₘ (1[m = k] − aₖ) = 1[m = k]·aₘ − aₘ·aₖ; over the last axis (a batch: one matrix per row)
    s = _softmax(z)
    return np.asarray(np.eye(s.shape[-1]) * s[..., :, None] - s[..., :, None] * s[..., None, :])


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
    "softmax": Activation(
        name="softmax",
        value=_softmax,
        derivative=_softmax_prime,
        formula="softmax(z)ₖ = e^(zₖ) / Σₘ e^(zₘ),  ∂aₘ/∂zₖ = aₘ (1[m = k] − aₖ), where 1[m = k] is 1 if m = k, else 0",
        latex=r"\mathrm{softmax}",
        jacobian=_softmax_jacobian,
        loss="cross_entropy",
        min_neurons=2,
    ),
}
