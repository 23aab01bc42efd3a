"""The one home of the network's arithmetic: forward pass, loss, backward pass, mean gradient and update.

Every function works on a *batch*: arrays carry leading axes before the neuron axis. The last axis
of an activation is its neurons; the axis before it counts the samples of the batch, and any axes
before that count independent runs (the epilogue trains several learning rates side by side).
Parameters carry the same leading axes with a sample axis of length 1, so one set of weights meets
every sample: ``weights[l]`` is ``[..., 1, j, i]`` and ``biases[l]`` is ``[..., 1, j]``.

A single sample is a batch of one (see :func:`nnmath.network.train_step`); a batch's loss is the mean
of its samples' losses and its gradient the mean of their gradients (seed 004's ``(1/m)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnmath.activations import Activation
from nnmath.losses import Loss

Arrays = tuple[np.ndarray, ...]
SAMPLES = -2  # the sample axis of an activation [..., m, j]


@dataclass(frozen=True)
class Forward:
    """z = W a + b and a = f(z) of every layer (layer 0 is the input), with the products in z's sum."""

    z_terms: Arrays  # z_terms[l][..., j, i] = W[l][j, i] · a[l][i]
    z: Arrays
    a: Arrays


@dataclass(frozen=True)
class Backward:
    """The chain-rule factors per weight matrix (entry l: the neurons of layer l + 1), as in StepTrace."""

    upstream_terms: Arrays  # [..., j, k] = W[l+1][k, j] · δ[l+1][k]; an empty last axis for the output
    dE_da: Arrays
    da_dz: Arrays
    delta: Arrays


def forward(activations: Sequence[Activation], weights: Arrays, biases: Arrays, x: np.ndarray) -> Forward:
    """The forward pass of the samples ``x`` (``[..., m, inputs]``, or one sample ``[inputs]``)."""
    z, a, terms = [x], [x], []
    for f, w, b in zip(activations, weights, biases, strict=True):
        products = w * a[-1][..., None, :]  # products[..., j, i] = w_ji · a_i
        z_next = products.sum(axis=-1) + b
        terms.append(products)
        z.append(z_next)
        a.append(f.value(z_next))
    return Forward(tuple(terms), tuple(z), tuple(a))


def sample_losses(loss: Loss, y_hat: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each sample's loss terms (one per output) and its loss Eₛ, their sum."""
    terms = loss.terms(y_hat, y)
    return terms, terms.sum(axis=-1)


def batch_loss(per_sample: np.ndarray) -> np.ndarray:
    """E = (1/m) Σ Eₛ over the sample axis (the last axis of the per-sample losses)."""
    return _mean(per_sample, -1)[..., 0]


def backward(
    activations: Sequence[Activation], weights: Arrays, fwd: Forward, dE_dyhat: np.ndarray, *, exact: bool = True
) -> Backward:
    """δ = ∂E/∂a · f′(z), layer by layer from the output back to the first hidden layer.

    A softmax output mixes its layer, so there δ = Jᵀ ∂E/∂ŷ with the Jacobian J = ∂ŷ/∂z (with
    cross-entropy this is ŷ − y); ``da_dz`` then holds J's diagonal. With ``exact`` (the trace) that
    product is worked one sample at a time with the one-sample arithmetic, so a batch's numbers are each
    sample's own to the last bit; without it (training many runs) all samples at once, the same values
    up to the last bit of float rounding.
    """
    depth = len(weights)
    dE_da: list[np.ndarray] = [np.empty(0)] * depth
    da_dz: list[np.ndarray] = [np.empty(0)] * depth
    delta: list[np.ndarray] = [np.empty(0)] * depth
    upstream: list[np.ndarray] = [np.empty(0)] * depth
    for l in reversed(range(depth)):
        if l == depth - 1:
            dE_da[l] = dE_dyhat
            upstream[l] = np.empty((*dE_dyhat.shape, 0))
        else:
            upstream[l] = np.swapaxes(weights[l + 1], -1, -2) * delta[l + 1][..., None, :]  # [j, k] = w_kj · δ_k
            dE_da[l] = upstream[l].sum(axis=-1)
        f = activations[l]
        da_dz[l] = f.derivative(fwd.z[l + 1])
        delta[l] = _delta(f, fwd.z[l + 1], dE_da[l], exact)
    return Backward(tuple(upstream), tuple(dE_da), tuple(da_dz), tuple(delta))


def _delta(f: Activation, z: np.ndarray, dE_da: np.ndarray, exact: bool) -> np.ndarray:
    """δ = ∂E/∂z = ∂E/∂a · f′(z), or Jᵀ ∂E/∂a for a layer that mixes its neurons (softmax)."""
    if f.elementwise or z.ndim == 1:
        return f.backward(z, dE_da)
    if not exact:
        return np.matmul(np.swapaxes(f.jacobian_at(z), -1, -2), dE_da[..., None])[..., 0]
    rows = [
        f.backward(zr, gr) for zr, gr in zip(z.reshape(-1, z.shape[-1]), dE_da.reshape(-1, z.shape[-1]), strict=True)
    ]
    return np.stack(rows).reshape(z.shape)


def sample_gradients(back: Backward, fwd: Forward) -> tuple[Arrays, Arrays]:
    """Each sample's ∂Eₛ/∂W[l] = δ[l] aᵀ (``[..., m, j, i]``) and ∂Eₛ/∂b[l] = δ[l] (``[..., m, j]``)."""
    depth = len(back.delta)
    grad_w = tuple(back.delta[l][..., :, None] * fwd.a[l][..., None, :] for l in range(depth))
    return grad_w, back.delta


def mean_gradients(grad_w: Arrays, grad_b: Arrays) -> tuple[Arrays, Arrays]:
    """The batch gradient: the mean of the samples' gradients, the sample axis kept (length 1)."""
    return tuple(_mean(g, SAMPLES - 1) for g in grad_w), tuple(_mean(g, SAMPLES) for g in grad_b)


def _mean(values: np.ndarray, axis: int) -> np.ndarray:
    """(1/m) Σ over ``axis``, the sum started from −0.0 (IEEE's true zero of addition), so the mean of
    one sample is that sample's value itself, to the sign of a zero."""
    return np.add.reduce(values, axis=axis, keepdims=True, initial=-0.0) / values.shape[axis]


def steps_of(eta: np.ndarray | float, grads: Arrays) -> Arrays:
    """η · ∂E/∂θ: the amount each parameter moves (``eta`` broadcasts against the runs' axes)."""
    return tuple(eta * g for g in grads)


def stepped(params: Arrays, steps: Arrays) -> Arrays:
    """θ − η · ∂E/∂θ."""
    return tuple(p - s for p, s in zip(params, steps, strict=True))
