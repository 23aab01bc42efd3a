"""The colour map of the decision boundary and the fitted curve are the network's own outputs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnmath import forward, input_bounds, load_config, output_curve, output_grid, parse_config, train_history

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def test_grid_values_are_the_network_outputs_at_their_points() -> None:
    config = load_config(ASSETS / "xor.toml")
    for snap in train_history(config).snapshots[::2]:
        grid = output_grid(config, snap.weights, snap.biases, points=9)
        assert grid.outputs.shape == (9, 9, 1)
        for r, c in [(0, 0), (0, 8), (4, 4), (8, 3), (6, 1)]:
            point = np.array([grid.x1[c], grid.x2[r]])
            expected = forward(config, snap.weights, snap.biases, point).a[-1]
            np.testing.assert_allclose(grid.outputs[r, c], expected, rtol=1e-13)


def test_grid_covers_the_data_with_a_margin() -> None:
    config = load_config(ASSETS / "xor.toml")
    (low1, high1), (low2, high2) = input_bounds(config)
    assert low1 < 0 < 1 < high1 and low2 < 0 < 1 < high2
    grid = output_grid(config)
    assert grid.x1[0] == low1 and grid.x1[-1] == high1 and grid.x2[0] == low2 and grid.x2[-1] == high2


WAVE = """
[network]
layers = [1, 3, 1]
hidden_activation = "tanh"
output_activation = "sigmoid"
loss = "half_squared_error"
learning_rate = 0.5

[data]
generator = "wave"
n = 20

[init]
seed = 1
scale = 1.0
"""


def test_curve_values_are_the_network_outputs_for_one_input() -> None:
    config = parse_config(WAVE)
    assert config.samples == 20 and config.data_source == "generator wave"
    curve = output_curve(config, points=7)
    assert curve.x[0] < config.data_x.min() and curve.x[-1] > config.data_x.max()
    for k in (0, 3, 6):
        expected = forward(config, config.weights, config.biases, np.array([curve.x[k]])).a[-1]
        np.testing.assert_allclose(curve.outputs[k], expected, rtol=1e-13)


def test_the_plane_needs_two_inputs_and_the_curve_one() -> None:
    config = load_config(ASSETS / "tanh-regression.toml")  # 3 inputs
    with pytest.raises(ValueError, match="2 inputs"):
        output_grid(config)
    with pytest.raises(ValueError, match="1 input"):
        output_curve(config)
