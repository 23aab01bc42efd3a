"""A softmax output with categorical cross-entropy: the shipped classifier, checked three ways.

Against an independent loop-by-loop implementation (plain floats, `math.exp`), against central
finite differences, and against the hand-derived ∂E/∂z = ŷ − y; then every misuse the config refuses.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from nnmath import ACTIVATIONS, load_config, parse_config, train_step
from nnmath.answer_key import answer_key
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import written_number
from tests.test_gradients import numeric_gradients

CLASSIFIER = DEFAULT_CONFIG.parent / "classifier-2-3-3.toml"
TEXT = CLASSIFIER.read_text()


def reference_step(
    x: list[float], y: list[float], weights: list[list[list[float]]], biases: list[list[float]]
) -> tuple[float, list[list[list[float]]]]:
    """E and ∂E/∂W for sigmoid hidden layers and a softmax output with E = −Σ y ln ŷ, written out as
    by hand: the full softmax Jacobian, no shortcut through ŷ − y."""
    sigmoid = lambda v: 1.0 / (1.0 + math.exp(-v))  # noqa: E731
    a, zs = [x], []
    for l, (w, b) in enumerate(zip(weights, biases, strict=True)):
        z = [sum(w[j][i] * a[-1][i] for i in range(len(a[-1]))) + b[j] for j in range(len(w))]
        zs.append(z)
        if l < len(weights) - 1:
            a.append([sigmoid(v) for v in z])
        else:
            total = sum(math.exp(v) for v in z)
            a.append([math.exp(v) / total for v in z])
    y_hat = a[-1]
    loss = -sum(yk * math.log(pk) for yk, pk in zip(y, y_hat, strict=True))
    n = len(y)
    dE_dyhat = [-y[m] / y_hat[m] for m in range(n)]
    jacobian = [[y_hat[m] * ((m == k) - y_hat[k]) for k in range(n)] for m in range(n)]
    delta = [sum(dE_dyhat[m] * jacobian[m][k] for m in range(n)) for k in range(n)]
    grads: list[list[list[float]]] = []
    for l in reversed(range(len(weights))):
        grads.insert(0, [[delta[j] * a[l][i] for i in range(len(a[l]))] for j in range(len(delta))])
        if l > 0:
            w = weights[l]
            delta = [
                sum(w[k][j] * delta[k] for k in range(len(delta))) * a[l][j] * (1 - a[l][j]) for j in range(len(a[l]))
            ]
    return loss, grads


@pytest.mark.parametrize("y", [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.2, 0.3, 0.5]])
def test_the_classifier_agrees_with_an_independent_implementation(y: list[float]) -> None:
    config = parse_config(TEXT.replace("y = [0.0, 1.0, 0.0]", f"y = {y}"))
    t = train_step(config)
    loss, grads = reference_step(
        list(config.x), y, [w.tolist() for w in config.weights], [b.tolist() for b in config.biases]
    )
    assert t.loss == pytest.approx(loss, rel=1e-12)
    for analytic, reference in zip(t.grad_weights, grads, strict=True):
        np.testing.assert_allclose(analytic, np.array(reference), rtol=1e-10, atol=1e-14)
    numeric_w, numeric_b = numeric_gradients(config)
    for analytic, numeric in zip((*t.grad_weights, *t.grad_biases), (*numeric_w, *numeric_b), strict=True):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8)


def test_the_output_delta_is_y_hat_minus_y() -> None:
    """The softmax Jacobian and −y/ŷ cancel: ∂E/∂z at the output is ŷ − y, though neither factor is simple."""
    t = train_step(load_config(CLASSIFIER))
    assert abs(t.y_hat.sum() - 1.0) < 1e-12
    np.testing.assert_allclose(t.delta[-1], t.y_hat - t.y, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(t.output_jacobian, np.diag(t.y_hat) - np.outer(t.y_hat, t.y_hat))
    assert not np.allclose(t.delta[-1], t.dE_da[-1] * t.da_dz[-1])  # the elementwise rule would be wrong here


def test_the_answer_key_works_the_cancellation_out_with_numbers() -> None:
    config = load_config(CLASSIFIER)
    t = train_step(config)
    key = answer_key(config, t)
    k = config.focus[-1][0]
    f = lambda v: written_number(float(v), config.decimals)  # noqa: E731
    assert "Why δ = ŷ − y at the softmax output" in key
    line = next(line for line in key.splitlines() if line.startswith("- δ⁽²⁾"))
    for m in range(3):
        assert f(t.dE_dyhat[m]).lstrip("−") in line and f(t.output_jacobian[m, k]).lstrip("−") in line
    assert f"≈ {f(t.delta[-1][k])} = {f(t.y_hat[k])} − " in line  # the terms as shown give −0.6092 (review 12)
    powers = " + ".join(f"e^({f(v)})" for v in t.z[-1])
    assert f"e^({f(t.z[-1][0])}) / ({powers}) = {f(t.y_hat[0])}" in key


def test_softmax_is_stable_for_large_inputs() -> None:
    softmax = ACTIVATIONS["softmax"]
    a = softmax.value(np.array([1000.0, 0.0, -1000.0]))
    assert np.all(np.isfinite(a)) and a.sum() == pytest.approx(1.0)


def edit(old: str, new: str) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, 1)


MISUSES = [
    ("hidden-softmax", edit('hidden_activation = "sigmoid"', 'hidden_activation = "softmax"'),
     "network.hidden_activation", "softmax is defined for the output layer only"),
    ("one-output", TEXT.replace("layers = [2, 3, 3]", "layers = [2, 3, 1]"),
     "network.layers", "softmax needs at least 2 output neurons, got 1"),
    ("other-loss", edit('\nloss = "cross_entropy"', '\nloss = "half_squared_error"'),
     "network.loss", 'softmax output needs loss = "cross_entropy", got "half_squared_error"'),
    ("no-softmax", edit('output_activation = "softmax"', 'output_activation = "sigmoid"'),
     "network.output_activation", 'cross_entropy needs output_activation = "softmax", got "sigmoid"'),
    ("sum-not-one", edit("y = [0.0, 1.0, 0.0]", "y = [0.5, 1.0, 0.0]"),
     "sample.y", "cross_entropy needs targets that add up to 1, got 1.5"),
    ("negative-target", edit("y = [0.0, 1.0, 0.0]", "y = [-0.5, 1.5, 0.0]"),
     "sample.y[0]", "cross_entropy needs targets in [0, 1], got -0.5"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "field", "message"), [m[1:] for m in MISUSES], ids=[m[0] for m in MISUSES])
def test_every_misuse_is_one_line_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, field: str, message: str
) -> None:
    from nnmath.cli import main

    path = tmp_path / "classifier.toml"
    path.write_text(text)
    assert main(["trace", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {path}: {field}: {message}\n"


def test_the_epilogue_trains_the_classifier_as_train_step_does() -> None:
    """The loss curve and the learning-rate runs (trained side by side) agree with step after step."""
    from nnmath import train
    from nnmath.network import train_rates

    config = load_config(CLASSIFIER)
    weights, biases, losses = config.weights, config.biases, []
    for _ in range(5):
        step = train_step(config, weights, biases)
        losses.append(step.loss)
        weights, biases = step.new_weights, step.new_biases
    np.testing.assert_allclose(train(config, 4), losses, rtol=1e-12)
    rates = [0.05, config.learning_rate, 3.0]
    side_by_side = train_rates(config, 4, rates)
    for row_, eta in zip(side_by_side, rates, strict=True):
        np.testing.assert_allclose(row_, train(config, 4, learning_rate=eta), rtol=1e-12)
        np.testing.assert_allclose(row_, train_rates(config, 4, [eta])[0], rtol=1e-12)


def test_softmax_of_a_batch_is_softmax_of_each_row() -> None:
    z = np.array([[0.2, -1.0, 3.0], [5.0, 5.0, 5.0]])
    a = ACTIVATIONS["softmax"].value(z)
    for row_z, row_a in zip(z, a, strict=True):
        np.testing.assert_allclose(row_a, ACTIVATIONS["softmax"].value(row_z))
    np.testing.assert_allclose(a.sum(axis=1), 1.0)
