"""Backpropagation against central finite differences, for every activation × loss pair."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nnmath import ACTIVATIONS, LOSSES, Config, forward, parse_config, train_step
from nnmath.network import loss_of
from tests.strategies import config_documents, free_activations, toml_document

H = 1e-6
PAIRS = [
    (hidden, output, loss)
    for loss in LOSSES
    for output in ([LOSSES[loss].output_activation] if LOSSES[loss].output_activation else free_activations())
    for hidden in free_activations()
]


def loss_at(config: Config, weights: list[np.ndarray], biases: list[np.ndarray]) -> float:
    return loss_of(config, forward(config, tuple(weights), tuple(biases)).a[-1])[1]


def numeric_gradients(config: Config) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """∂E/∂w and ∂E/∂b by central differences, one parameter at a time."""
    weights = [w.copy() for w in config.weights]
    biases = [b.copy() for b in config.biases]
    grads = []
    for params in (weights, biases):
        grads.append([])
        for p in params:
            g = np.zeros_like(p)
            for index in np.ndindex(p.shape):
                old = p[index]
                p[index] = old + H
                up = loss_at(config, weights, biases)
                p[index] = old - H
                down = loss_at(config, weights, biases)
                p[index] = old
                g[index] = (up - down) / (2 * H)
            grads[-1].append(g)
    return grads[0], grads[1]


def all_pre_activations_away_from_kinks(config: Config) -> bool:
    """relu has no derivative at 0: finite differences across it mean nothing."""
    z = forward(config, config.weights, config.biases).z[1:]
    return all(np.all(np.abs(layer) > 1e-3) for layer in z)


@pytest.mark.parametrize(("hidden", "output", "loss"), PAIRS)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_gradients_match_finite_differences(hidden: str, output: str, loss: str, data: st.DataObject) -> None:
    doc = data.draw(config_documents(loss=loss, output=output, hidden=hidden))
    config = parse_config(toml_document(doc))
    assume(all_pre_activations_away_from_kinks(config))
    trace = train_step(config)
    numeric_w, numeric_b = numeric_gradients(config)
    for analytic, numeric in zip(trace.grad_weights, numeric_w, strict=True):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)
    for analytic, numeric in zip(trace.grad_biases, numeric_b, strict=True):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)


@settings(max_examples=40, deadline=None)
@given(doc=config_documents())
def test_trace_is_internally_consistent(doc: dict) -> None:
    """The chain-rule factors the video shows multiply to the gradients it shows."""
    config = parse_config(toml_document(doc))
    t = train_step(config)
    assert t.loss == pytest.approx(float(np.sum(t.loss_terms)))
    np.testing.assert_array_equal(t.y_hat, t.a[-1])
    for l in range(t.depth):
        np.testing.assert_allclose(t.z[l + 1], t.z_terms[l].sum(axis=1) + t.biases[l])
        if l < t.depth - 1 or ACTIVATIONS[t.activations[-1]].elementwise:
            np.testing.assert_allclose(t.delta[l], t.dE_da[l] * t.da_dz[l])
        else:  # a softmax output: δ = Jᵀ ∂E/∂ŷ, J's diagonal is da_dz
            np.testing.assert_allclose(t.delta[l], t.output_jacobian.T @ t.dE_da[l])
            np.testing.assert_allclose(np.diag(t.output_jacobian), t.da_dz[l])
        np.testing.assert_allclose(t.grad_weights[l], np.outer(t.delta[l], t.dz_dw[l]))
        np.testing.assert_allclose(t.new_weights[l], t.weights[l] - config.learning_rate * t.grad_weights[l])
        np.testing.assert_allclose(t.new_biases[l], t.biases[l] - config.learning_rate * t.grad_biases[l])
        if l < t.depth - 1:
            np.testing.assert_allclose(t.dE_da[l], t.upstream_terms[l].sum(axis=1))
    np.testing.assert_allclose(t.dE_da[-1], t.dE_dyhat)
    after = forward(config, t.new_weights, t.new_biases)
    np.testing.assert_allclose(t.y_hat_after, after.a[-1])


def test_sigmoid_is_stable_for_large_inputs() -> None:
    sigmoid = ACTIVATIONS["sigmoid"]
    z = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        values = sigmoid.value(z)
        slopes = sigmoid.derivative(z)
    assert values[0] == 0.0 and values[-1] == 1.0 and values[2] == 0.5
    assert np.all(np.isfinite(slopes))


def test_binary_cross_entropy_never_takes_log_of_zero() -> None:
    bce = LOSSES["binary_cross_entropy"]
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        terms = bce.terms(np.array([0.0, 1.0]), np.array([1.0, 0.0]))
        slopes = bce.derivative(np.array([0.0, 1.0]), np.array([1.0, 0.0]))
    assert np.all(np.isfinite(terms)) and np.all(terms > 30)
    assert np.all(np.isfinite(slopes))
