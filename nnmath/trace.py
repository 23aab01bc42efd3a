"""StepTrace: every value of one training step that a viewer could be shown."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

Arrays = tuple[np.ndarray, ...]


@dataclass(frozen=True, eq=False)
class StepTrace:
    """One forward pass, loss, backward pass and update, for one sample.

    Layers are numbered as in the video: 0 (input) … L (output). Per-layer tuples ``z``, ``a`` have
    L + 1 entries, indexed by the layer (``z[0] = a[0] = x``). Per-weight-matrix tuples have L entries:
    entry ``l`` (0-based) belongs to W⁽ˡ⁺¹⁾, the weights into layer l + 1, and to the neurons of layer
    l + 1; ``weights[l][j, i]`` joins neuron i of layer l to neuron j of layer l + 1 (neurons counted
    from 0 here, from 1 on screen). Below, ``W[l]`` and ``δ[l]`` are such 0-based entries.
    """

    layers: tuple[int, ...]
    activations: tuple[str, ...]  # per layer; "input" for layer 0
    loss_name: str
    learning_rate: float
    x: np.ndarray
    y: np.ndarray
    weights: Arrays  # W[l][j, i]: W⁽ˡ⁺¹⁾
    biases: Arrays  # b[l][j]: b⁽ˡ⁺¹⁾
    # forward
    z_terms: Arrays  # z_terms[l][j, i] = W[l][j, i] · a[l][i], the products in z's substitution
    z: Arrays
    a: Arrays
    y_hat: np.ndarray
    softmax_sum: float  # S = Σₖ exp(zₖ) over the output layer: a softmax output's denominator (NaN for another output)
    # error
    loss_terms: np.ndarray  # one term per output; E is their sum
    loss: float
    dE_dyhat: np.ndarray
    # backward (chain-rule factors per weight matrix)
    upstream_terms: Arrays  # upstream_terms[l][j, k] = W[l+1][k, j] · δ[l+1][k]; empty for the output
    dE_da: Arrays  # ∂E/∂a of layer l+1: ∂E/∂ŷ for the output, Σ_k W δ for a hidden layer
    da_dz: Arrays  # f′(z) of layer l+1 (for a softmax output: ∂ŷₖ/∂zₖ, the Jacobian's diagonal)
    delta: Arrays  # δ = ∂E/∂z of layer l+1 = dE_da · da_dz (softmax output: Jᵀ · ∂E/∂ŷ = ŷ − y)
    output_jacobian: np.ndarray  # J[m, k] = ∂ŷₘ/∂zₖ of the output layer (diagonal unless softmax)
    dz_dw: Arrays  # ∂z_j/∂w_ji = a[l][i]
    grad_weights: Arrays  # ∂E/∂W[l][j, i] = δ[l][j] · a[l][i]
    grad_biases: Arrays  # ∂E/∂b[l][j] = δ[l][j]
    # update
    weight_steps: Arrays  # η · ∂E/∂W, the amount subtracted
    bias_steps: Arrays
    new_weights: Arrays
    new_biases: Arrays
    # forward pass with the updated parameters
    z_after: Arrays
    a_after: Arrays
    y_hat_after: np.ndarray
    loss_terms_after: np.ndarray
    loss_after: float

    @property
    def depth(self) -> int:
        """L: the number of weight matrices, and the output layer's number."""
        return len(self.layers) - 1

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: lists of floats, stable key names (the field names). A value the arithmetic
        overflowed is the string "inf" or "-inf", one it left undefined "nan" (strict JSON has no such numbers;
        ``float()`` reads the strings back)."""
        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}


def plain(value: Any) -> Any:
    """Arrays, tuples and numpy floats as plain JSON-ready lists and floats."""
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else str(number)
    return value
