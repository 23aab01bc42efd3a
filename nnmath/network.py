"""The tiny network: forward pass, loss, backward pass and gradient-descent update."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnmath.activations import ACTIVATIONS
from nnmath.config import Config
from nnmath.losses import LOSSES
from nnmath.trace import StepTrace

Arrays = tuple[np.ndarray, ...]


@dataclass(frozen=True)
class Forward:
    z_terms: Arrays
    z: Arrays
    a: Arrays


def forward(config: Config, weights: Arrays, biases: Arrays) -> Forward:
    """z = W a + b and a = f(z), layer by layer; layer 0 is the input."""
    x = np.asarray(config.x, dtype=float)
    z, a, terms = [x], [x], []
    for l, (w, b) in enumerate(zip(weights, biases, strict=True)):
        products = w * a[-1]  # products[j, i] = w_ji · a_i
        z_next = products.sum(axis=1) + b
        terms.append(products)
        z.append(z_next)
        a.append(ACTIVATIONS[config.activation_of(l + 1)].value(z_next))
    return Forward(tuple(terms), tuple(z), tuple(a))


def loss_of(config: Config, y_hat: np.ndarray) -> tuple[np.ndarray, float]:
    """Per-output loss terms and their sum E."""
    terms = LOSSES[config.loss].terms(y_hat, np.asarray(config.y, dtype=float))
    return terms, float(terms.sum())


@dataclass(frozen=True)
class Backward:
    """The chain-rule factors per weight matrix (entry l: the neurons of layer l + 1), as in StepTrace."""

    upstream_terms: Arrays
    dE_da: Arrays
    da_dz: Arrays
    delta: Arrays


def backward(config: Config, weights: Arrays, fwd: Forward, dE_dyhat: np.ndarray) -> Backward:
    """δ = ∂E/∂a · f′(z), layer by layer from the output back to the first hidden layer.

    A softmax output mixes its layer, so there δ = Jᵀ ∂E/∂ŷ with the Jacobian J = ∂ŷ/∂z (with
    cross-entropy this is ŷ − y); ``da_dz`` then holds J's diagonal.
    """
    depth = len(weights)
    dE_da: list[np.ndarray] = [np.empty(0)] * depth
    da_dz: list[np.ndarray] = [np.empty(0)] * depth
    delta: list[np.ndarray] = [np.empty(0)] * depth
    upstream: list[np.ndarray] = [np.empty((0, 0))] * depth
    for l in reversed(range(depth)):
        if l == depth - 1:
            dE_da[l] = dE_dyhat
            upstream[l] = np.empty((len(dE_dyhat), 0))
        else:
            upstream[l] = weights[l + 1].T * delta[l + 1]  # [j, k] = w_kj · δ_k
            dE_da[l] = upstream[l].sum(axis=1)
        activation = ACTIVATIONS[config.activation_of(l + 1)]
        da_dz[l] = activation.derivative(fwd.z[l + 1])
        delta[l] = activation.backward(fwd.z[l + 1], dE_da[l])  # = dE_da · da_dz when elementwise
    return Backward(tuple(upstream), tuple(dE_da), tuple(da_dz), tuple(delta))


def train_step(config: Config, weights: Arrays | None = None, biases: Arrays | None = None) -> StepTrace:
    """One full step for the config's sample, from ``weights``/``biases`` (default: the config's)."""
    weights = tuple(np.asarray(w, dtype=float) for w in (config.weights if weights is None else weights))
    biases = tuple(np.asarray(b, dtype=float) for b in (config.biases if biases is None else biases))
    depth = len(weights)
    y = np.asarray(config.y, dtype=float)
    eta = config.learning_rate

    # forward and error
    fwd = forward(config, weights, biases)
    y_hat = fwd.a[-1]
    loss_terms, loss = loss_of(config, y_hat)
    dE_dyhat = LOSSES[config.loss].derivative(y_hat, y)

    # backward: from the output layer to the first hidden layer, then every gradient
    back = backward(config, weights, fwd, dE_dyhat)
    grad_w = tuple(np.outer(back.delta[l], fwd.a[l]) for l in range(depth))
    grad_b = back.delta

    # update: every weight and bias steps against its gradient
    weight_steps = tuple(eta * g for g in grad_w)
    bias_steps = tuple(eta * g for g in grad_b)
    new_w = tuple(w - s for w, s in zip(weights, weight_steps, strict=True))
    new_b = tuple(b - s for b, s in zip(biases, bias_steps, strict=True))

    after = forward(config, new_w, new_b)
    loss_terms_after, loss_after = loss_of(config, after.a[-1])

    return StepTrace(
        layers=config.layers,
        activations=("input", *(config.activation_of(l) for l in range(1, depth + 1))),
        loss_name=config.loss,
        learning_rate=eta,
        x=fwd.a[0],
        y=y,
        weights=weights,
        biases=biases,
        z_terms=fwd.z_terms,
        z=fwd.z,
        a=fwd.a,
        y_hat=y_hat,
        loss_terms=loss_terms,
        loss=loss,
        dE_dyhat=dE_dyhat,
        upstream_terms=back.upstream_terms,
        dE_da=back.dE_da,
        da_dz=back.da_dz,
        delta=back.delta,
        output_jacobian=ACTIVATIONS[config.output_activation].jacobian_at(fwd.z[-1]),
        dz_dw=tuple(fwd.a[l] for l in range(depth)),
        grad_weights=grad_w,
        grad_biases=grad_b,
        weight_steps=weight_steps,
        bias_steps=bias_steps,
        new_weights=new_w,
        new_biases=new_b,
        z_after=after.z,
        a_after=after.a,
        y_hat_after=after.a[-1],
        loss_terms_after=loss_terms_after,
        loss_after=loss_after,
    )


def train(config: Config, steps: int, learning_rate: float | None = None) -> np.ndarray:
    """Loss history of ``steps`` updates: entry k is E after k updates (so ``steps + 1`` entries)."""
    return train_rates(config, steps, [config.learning_rate if learning_rate is None else learning_rate])[0]


def train_rates(config: Config, steps: int, rates: Sequence[float]) -> np.ndarray:
    """Loss histories of ``steps`` updates, one row per learning rate: row r is E after 0 … ``steps`` updates
    with η = ``rates[r]`` (``train_runs(...).loss``)."""
    return train_runs(config, steps, rates).loss


@dataclass(frozen=True)
class Runs:
    """Side-by-side training runs, one per learning rate r, after k = 0 … steps updates."""

    loss: np.ndarray  # [r, k]: E
    y_hat: np.ndarray  # [r, k, n]: the outputs ŷ
    slope: np.ndarray  # [r, k, n]: f′(z) of each output (∂ŷₙ/∂zₙ; for softmax the Jacobian's diagonal)


def train_runs(config: Config, steps: int, rates: Sequence[float]) -> Runs:
    """Train once per learning rate in ``rates``, side by side (the epilogue tries a few dozen η), with
    train_step's arithmetic, element for element, so each run is what train_step after train_step gives.
    A run that overflows (a huge η) carries inf/nan on; no warning is raised."""
    if steps < 0:
        raise ValueError(f"steps must be at least 0, got {steps}")
    with np.errstate(all="ignore"):
        return _train_runs(config, steps, np.asarray(rates, dtype=float))


def _train_runs(config: Config, steps: int, eta: np.ndarray) -> Runs:
    runs, depth = len(eta), len(config.weights)
    weights = [np.repeat(np.asarray(w, dtype=float)[None], runs, axis=0) for w in config.weights]  # [r, j, i]
    biases = [np.repeat(np.asarray(b, dtype=float)[None], runs, axis=0) for b in config.biases]  # [r, j]
    x, y = np.asarray(config.x, dtype=float), np.asarray(config.y, dtype=float)
    f = [ACTIVATIONS[config.activation_of(l + 1)] for l in range(depth)]
    loss = LOSSES[config.loss]
    history = np.empty((runs, steps + 1))
    outputs, slopes = np.empty((runs, steps + 1, len(y))), np.empty((runs, steps + 1, len(y)))
    for k in range(steps + 1):
        # forward: z = Σ w·a + b, a = f(z)
        z, a = [x[None]], [np.repeat(x[None], runs, axis=0)]
        for l in range(depth):
            z.append((weights[l] * a[-1][:, None, :]).sum(axis=2) + biases[l])
            a.append(f[l].value(z[-1]))
        history[:, k] = loss.terms(a[-1], y).sum(axis=1)
        outputs[:, k], slopes[:, k] = a[-1], f[-1].derivative(z[-1])
        if k == steps:
            break
        # backward: δ from the output layer back, then w ← w − η δ a and b ← b − η δ
        delta = [np.empty(0)] * depth
        for l in reversed(range(depth)):
            if l == depth - 1:
                dE_da = loss.derivative(a[-1], y)
            else:
                dE_da = (weights[l + 1].transpose(0, 2, 1) * delta[l + 1][:, None, :]).sum(axis=2)
            if f[l].elementwise:
                delta[l] = dE_da * f[l].derivative(z[l + 1])
            else:  # softmax mixes its layer: δ = Jᵀ ∂E/∂a, one run at a time
                delta[l] = np.stack([f[l].backward(z[l + 1][r], dE_da[r]) for r in range(runs)])
        for l in range(depth):
            weights[l] = weights[l] - eta[:, None, None] * (delta[l][:, :, None] * a[l][:, None, :])
            biases[l] = biases[l] - eta[:, None] * delta[l]
    return Runs(history, outputs, slopes)
