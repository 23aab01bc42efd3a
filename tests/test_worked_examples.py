"""Golden numbers: the shipped default, and a published worked example checked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from nnmath import load_config, train, train_step
from nnmath.config import DEFAULT_CONFIG

ASSETS = DEFAULT_CONFIG.parent


def test_mazur_2_2_2_example_is_reproduced_to_every_printed_digit() -> None:
    """Matt Mazur, "A Step by Step Backpropagation Example" (2015): every value printed there."""
    t = train_step(load_config(ASSETS / "mazur-2-2-2.toml"))
    close = dict(abs=5e-9)
    assert t.z[1][0] == pytest.approx(0.3775, **close)  # net_h1
    assert t.a[1][0] == pytest.approx(0.593269992, **close)  # out_h1
    assert t.a[1][1] == pytest.approx(0.596884378, **close)  # out_h2
    assert t.z[2][0] == pytest.approx(1.105905967, **close)  # net_o1
    assert t.y_hat[0] == pytest.approx(0.75136507, **close)  # out_o1
    assert t.y_hat[1] == pytest.approx(0.772928465, **close)  # out_o2
    assert t.loss_terms[0] == pytest.approx(0.274811083, **close)  # E_o1
    assert t.loss_terms[1] == pytest.approx(0.023560026, **close)  # E_o2
    assert t.loss == pytest.approx(0.298371109, **close)  # E_total
    assert t.dE_dyhat[0] == pytest.approx(0.74136507, **close)
    assert t.da_dz[1][0] == pytest.approx(0.186815602, **close)
    assert t.grad_weights[1][0, 0] == pytest.approx(0.082167041, **close)  # ∂E/∂w5
    expected_output_weights = [[0.35891648, 0.408666186], [0.511301270, 0.561370121]]  # w5+ … w8+
    np.testing.assert_allclose(t.new_weights[1], expected_output_weights, atol=5e-9)
    assert t.dE_da[0][0] == pytest.approx(0.036350306, **close)  # ∂E_total/∂out_h1
    assert t.da_dz[0][0] == pytest.approx(0.241300709, **close)  # ∂out_h1/∂net_h1
    assert t.grad_weights[0][0, 0] == pytest.approx(0.000438568, **close)  # ∂E/∂w1
    expected_hidden_weights = [[0.149780716, 0.19956143], [0.24975114, 0.29950229]]  # w1+ … w4+
    np.testing.assert_allclose(t.new_weights[0], expected_hidden_weights, atol=5e-9)


def test_default_config_numbers_are_pinned() -> None:
    t = train_step(load_config())
    assert t.layers == (2, 2, 1)
    np.testing.assert_allclose(t.a[1], [0.593269992, 0.596884378], atol=5e-9)
    assert t.y_hat[0] == pytest.approx(0.7513650696, abs=1e-9)
    assert t.loss == pytest.approx(0.2748110832, abs=1e-9)
    assert t.grad_weights[1][0, 0] == pytest.approx(0.0821670406, abs=1e-9)
    assert t.new_weights[1][0, 0] == pytest.approx(0.3589164797, abs=1e-9)
    assert t.y_hat_after[0] == pytest.approx(0.7283521371, abs=1e-9)
    assert t.loss_after == pytest.approx(0.2580148964, abs=1e-9)
    assert t.loss_after < t.loss  # the story of the default video: the error drops


def test_train_history_starts_at_the_step_loss_and_falls() -> None:
    config = load_config()
    history = train(config, 200)
    assert len(history) == 201
    assert history[0] == pytest.approx(train_step(config).loss)
    assert history[1] == pytest.approx(train_step(config).loss_after)
    assert np.all(np.diff(history) < 0)
    assert history[-1] < 0.01


def test_train_with_another_learning_rate_leaves_the_config_alone() -> None:
    config = load_config()
    slow, fast = train(config, 20, learning_rate=0.05), train(config, 20, learning_rate=5.0)
    assert fast[-1] < slow[-1]
    assert config.learning_rate == 0.5


def test_shipped_examples_load_and_train() -> None:
    for path in sorted(ASSETS.glob("*.toml")):
        trace = train_step(load_config(path))
        assert np.isfinite(trace.loss) and np.isfinite(trace.loss_after), path.name
