"""The epilogue's numbers: three learning rates chosen by training, and the gradient's size per layer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnmath import Config, choose_learning_rates, load_config, parse_config, train, train_step
from nnmath.answer_key import answer_key
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import format_number
from nnmath.regimes import (
    ABOUT_RIGHT,
    DIVERGES,
    EPILOGUE_STEPS,
    LARGEST_TRIED,
    OSCILLATES,
    OVERSHOOTS,
    RATE_LIMIT,
    RISE_TOLERANCE,
    SLOW,
    SLOW_SHARE,
    STUCK,
    TOO_LARGE,
    TOO_SMALL,
    classify,
)
from nnmath.vanishing import SHRINKS, gradient_sizes, layer_gradient_sizes, size_decimals
from tests.test_scenes import LARGEST

ASSETS = DEFAULT_CONFIG.parent
RISING = ["relu-overshoot", "tanh-regression", "largest"]  # configs where some η makes the error rise


def config_named(name: str, tmp_path: Path) -> Config:
    if name == "largest":
        (tmp_path / "largest.toml").write_text(LARGEST)
        return load_config(tmp_path / "largest.toml")
    return load_config(ASSETS / f"{name}.toml")


def rise_steps(history: np.ndarray) -> np.ndarray:
    """The steps where the error went up by more than float noise, checked here from the data."""
    h = np.nan_to_num(history, nan=np.inf)
    with np.errstate(invalid="ignore"):
        return np.flatnonzero(np.diff(h) > RISE_TOLERANCE * h[0])


@pytest.mark.parametrize("name", RISING)
def test_too_large_really_rises_and_the_others_never_do(name: str, tmp_path: Path) -> None:
    regimes = choose_learning_rates(config_named(name, tmp_path))
    small, right, large = regimes.runs
    assert regimes.found_rise and large.role == TOO_LARGE
    assert small.learning_rate < right.learning_rate < large.learning_rate
    up = rise_steps(large.history)
    assert up.size > 0, "the too-large run never rises"
    assert large.history[up[0] + 1] > large.history[up[0]]
    assert large.label in (OVERSHOOTS, OSCILLATES, DIVERGES)
    assert (large.label == OVERSHOOTS) == (up.size == 1)
    for run in (small, right):
        assert rise_steps(run.history).size == 0
    # it is the first rising η of the search: the η just below it (half of it) never rises
    half = train(config_named(name, tmp_path), EPILOGUE_STEPS, large.learning_rate / 2)
    assert rise_steps(half).size == 0


@pytest.mark.parametrize("name", [*RISING, "default", "deep-sigmoid"])
def test_too_small_is_really_slower(name: str, tmp_path: Path) -> None:
    small, right, _ = choose_learning_rates(config_named(name, tmp_path)).runs
    assert small.role == TOO_SMALL and right.role == ABOUT_RIGHT and small.label == SLOW
    removed_small = small.history[0] - small.history[-1]
    removed_right = right.history[0] - right.history[-1]
    assert 0 < removed_small <= SLOW_SHARE * removed_right
    assert small.final > right.final
    assert np.all(small.history[1:] >= right.history[1:] - RISE_TOLERANCE)  # behind at every step


def test_every_run_is_train_itself(tmp_path: Path) -> None:
    config = config_named("relu-overshoot", tmp_path)
    for run in choose_learning_rates(config).runs:
        np.testing.assert_array_equal(run.history, train(config, EPILOGUE_STEPS, run.learning_rate))


def test_when_nothing_rises_up_to_the_limit_it_says_so() -> None:
    config = load_config(DEFAULT_CONFIG)  # a sigmoid network saturates instead of overshooting
    regimes = choose_learning_rates(config)
    assert not regimes.found_rise and regimes.large.role == LARGEST_TRIED
    assert regimes.limit == config.learning_rate * RATE_LIMIT == 512  # 0.5 doubled ten times
    assert regimes.large.learning_rate == regimes.limit
    for k in range(11):  # every η of the search, checked here
        assert rise_steps(train(config, EPILOGUE_STEPS, config.learning_rate * 2**k)).size == 0
    key = answer_key(config, train_step(config))
    assert "No η up to 512.0000 made the error rise for this network." in key
    assert "too large" not in key


def test_a_lower_limit_stops_the_search_before_the_rise(tmp_path: Path) -> None:
    config = config_named("tanh-regression", tmp_path)  # η = 0.1: 0.8 rises
    assert choose_learning_rates(config).large.learning_rate == pytest.approx(0.8)
    low = choose_learning_rates(config, limit=4.0)
    assert not low.found_rise and low.large.role == LARGEST_TRIED
    assert low.large.learning_rate == pytest.approx(0.4) and rise_steps(low.large.history).size == 0


def test_a_config_eta_that_rises_is_halved(tmp_path: Path) -> None:
    config = config_named("relu-overshoot", tmp_path)  # η = 1.0 overshoots
    regimes = choose_learning_rates(config)
    assert regimes.halved and regimes.large.learning_rate == config.learning_rate
    assert regimes.right.learning_rate < config.learning_rate


def test_the_choice_is_deterministic(tmp_path: Path) -> None:
    config = config_named("largest", tmp_path)
    first, second = choose_learning_rates(config), choose_learning_rates(config)
    for a, b in zip(first.runs, second.runs, strict=True):
        assert (a.role, a.learning_rate, a.label) == (b.role, b.learning_rate, b.label)
        np.testing.assert_array_equal(a.history, b.history)


def test_labels_come_from_the_data() -> None:
    assert classify(np.array([1.0, 0.5, 0.7, 0.3, 0.6, 0.2])) == OSCILLATES
    assert classify(np.array([1.0, 2.0, 0.5, 0.1])) == OVERSHOOTS
    assert classify(np.array([1.0, 10.0, 1e7, np.inf])) == DIVERGES
    assert classify(np.array([1.0, 1.0, 1.0])) == STUCK
    assert classify(np.array([1.0, 0.9, 0.8]), reference=np.array([1.0, 0.5, 0.1])) == SLOW


def test_deep_sigmoid_gradient_vanishes_toward_the_input() -> None:
    trace = train_step(load_config(ASSETS / "deep-sigmoid.toml"))
    sizes = gradient_sizes(trace)
    expected = [np.mean(np.abs(g)) for g in trace.grad_weights]
    np.testing.assert_array_equal(sizes.sizes, expected)
    np.testing.assert_array_equal(layer_gradient_sizes(trace), expected)
    assert sizes.trend == SHRINKS and sizes.ratio > 100  # the first layer's is hundreds of times smaller
    assert all(np.diff(sizes.sizes) > 0)


def test_relu_gradient_is_judged_from_its_data() -> None:
    text = (
        (ASSETS / "deep-sigmoid.toml")
        .read_text()
        .replace('hidden_activation = "sigmoid"', 'hidden_activation = "relu"')
    )
    trace = train_step(parse_config(text, "deep-relu.toml"))
    sizes = gradient_sizes(trace)
    shrinking = bool(np.all(np.diff(sizes.sizes) > 0))
    assert (sizes.trend == SHRINKS) == shrinking


def test_answer_key_lists_the_runs_and_the_gradient_sizes() -> None:
    config = load_config(ASSETS / "relu-overshoot.toml")
    key = answer_key(config, train_step(config))
    regimes = choose_learning_rates(config)
    section = key[key.index("## Repeat: three learning rates") :]
    assert "| too large | 1.0000 | oscillates: rises at 3 of the steps, up to 0.4694 |" in section
    eta = format_number(regimes.right.learning_rate, size_decimals(regimes.right.learning_rate, config.decimals))
    assert f"| about right | {eta} | converges: never rises |" in section
    assert "## Gradient size per layer" in key and "| W⁽¹⁾ | 0.0701 |" in key
