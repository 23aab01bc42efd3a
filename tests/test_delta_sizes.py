"""The gradient-size lesson: per-layer mean |δ|, for every network with a hidden layer, claiming only what the
numbers show (checked here from the numbers)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from nnmath import Config, load_config, parse_config, train_step
from nnmath.answer_key import answer_key
from nnmath.config import DEFAULT_CONFIG
from nnmath.gradient_words import caption, meaning, screen_meaning, short_meaning
from nnmath.vanishing import FACTOR, GROWS, MIXED, SAME, SHRINKS, gradient_sizes
from tests.command import TINY
from tests.networks import TANH_SOFTMAX
from tests.strategies import config_documents, toml_document
from tests.test_scenes import LARGEST

ASSETS = DEFAULT_CONFIG.parent


def named(name: str) -> Config:
    texts = {"tanh-softmax": TANH_SOFTMAX, "largest": LARGEST, "tiny": TINY}
    return parse_config(texts[name], f"{name}.toml") if name in texts else load_config(ASSETS / f"{name}.toml")


def mean_abs_delta(config: Config) -> list[float]:
    """Mean |δ| per layer, δ = ∂E/∂z worked out here by finite differences of E in each neuron's z."""
    t = train_step(config)
    sizes = []
    for l in range(t.depth):
        deltas = []
        for j in range(config.layers[l + 1]):
            h = 1e-6
            up, down = (shifted_loss(config, l, j, s) for s in (h, -h))
            deltas.append(abs(up - down) / (2 * h))
        sizes.append(float(np.mean(deltas)))
    return sizes


def shifted_loss(config: Config, l: int, j: int, h: float) -> float:
    """E with neuron j of layer l + 1's z moved by h (through its bias: ∂z/∂b = 1)."""
    biases = [np.array(b, dtype=float) for b in config.biases]
    biases[l][j] += h
    return train_step(config, biases=tuple(biases)).loss


def check_claims(text: str, sizes: np.ndarray) -> None:
    """Every "N times smaller/larger" and "shrinks N times" in ``text`` is the sizes' ratio; "about the same"
    only when they are within FACTOR; "vanishing gradient" named only when every layer back shrinks it."""
    ratios = [float(m) for m in re.findall(r"(\d+\.\d) times", text)]
    spread = float(sizes.max() / sizes.min()) if sizes.min() > 0 else np.inf
    for r in ratios:
        candidates = [sizes[b] / sizes[a] for a in range(len(sizes)) for b in range(len(sizes)) if sizes[a] > 0]
        assert any(abs(r - c) <= 0.05 + 1e-9 for c in candidates), (r, sizes)
    if "δ shrinks at every layer" in text:
        assert np.all(sizes[:-1] * FACTOR <= sizes[1:])
    if "stays about the same size in every layer" in text:
        assert spread < FACTOR**2  # neighbours within FACTOR
    if "vanishing gradient" in text and "called" not in text:
        assert np.all(np.diff(sizes) > 0)


@pytest.mark.parametrize("name", ["default", "classifier-2-3-3", "tanh-softmax", "deep-sigmoid", "largest"])
def test_mean_delta_per_layer_is_dE_dz(name: str) -> None:
    config = named(name)
    sizes = gradient_sizes(train_step(config))
    np.testing.assert_allclose(sizes.sizes, mean_abs_delta(config), rtol=1e-5, atol=1e-9)
    assert sizes.has_lesson  # every network with a hidden layer
    check_claims(meaning(sizes, config.hidden_activation, config.decimals), sizes.sizes)


def test_default_one_sigmoid_layer_shrinks_delta_ten_times() -> None:
    config = named("default")
    sizes = gradient_sizes(train_step(config))
    assert sizes.trend == SHRINKS and round(sizes.ratio, 1) == 9.8
    text = meaning(sizes, "sigmoid", 4)
    assert "9.8 times smaller" in text and "σ′(z)" in text and "at most 0.25" in text
    assert "## How big is δ in each layer?" in answer_key(config, train_step(config))


def test_a_tanh_network_of_about_equal_sizes_does_not_claim_vanishing() -> None:
    sizes = gradient_sizes(train_step(named("largest")))  # tanh 4-4-4-4-4: 0.24, 0.30, 0.34, 0.39
    assert sizes.trend == SAME
    text = meaning(sizes, "tanh", 4)
    assert "about the same size" in text and "does not vanish" in text and "shrinks" not in text
    # the screen's sentence says how far apart they are too, as the subtitle reads it (0.39 / 0.24: 1.7 times)
    apart = re.search(r"at most [\d.]+ times apart", text)
    assert apart is not None and apart.group() in screen_meaning(sizes, "tanh", 4) == short_meaning(sizes)


def test_mixed_sizes_are_told_layer_by_layer() -> None:
    sizes = gradient_sizes(train_step(named("tanh-softmax")))
    assert sizes.trend == MIXED
    text = meaning(sizes, "tanh", 4)
    assert "does not shrink at every layer" in text and "from layer 3 back to layer 2" in text


def test_deep_sigmoid_vanishes() -> None:
    sizes = gradient_sizes(train_step(named("deep-sigmoid")))
    assert sizes.trend == SHRINKS and sizes.ratio > 100
    assert "the vanishing gradient" in meaning(sizes, "sigmoid", 4)


def test_no_hidden_layer_no_lesson() -> None:
    config = named("tiny")
    sizes = gradient_sizes(train_step(config))
    assert not sizes.has_lesson and meaning(sizes, "sigmoid", 4) == ""
    assert "How big is δ" not in answer_key(config, train_step(config))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config_documents())
def test_generated_networks_claim_only_what_their_sizes_show(doc: dict[str, dict[str, object]]) -> None:
    config = parse_config(toml_document(doc), "generated.toml")
    sizes = gradient_sizes(train_step(config))
    for l, step in enumerate(sizes.steps):
        later, earlier = sizes.sizes[l + 1], sizes.sizes[l]
        if step == SHRINKS:
            assert earlier * FACTOR <= later
        elif step == GROWS:
            assert earlier >= later * FACTOR and earlier > 0
        else:
            assert later / FACTOR < earlier < later * FACTOR or earlier == later == 0
    text = caption(sizes, config.hidden_activation, config.decimals)
    if sizes.has_lesson and sizes.sizes.min() > 0:
        check_claims(text, sizes.sizes)


def test_where_relu_passes_delta_on_unchanged_the_words_blame_the_weights() -> None:
    """relu-overshoot: relu′(z) = 1 in every neuron of layer 1, so δ⁽¹⁾ = W⁽²⁾ᵀ δ⁽²⁾ exactly: the weights alone make
    it 1.8 times smaller, and the words say that (not that relu′ shrinks it)."""
    config = named("relu-overshoot")
    t = train_step(config)
    np.testing.assert_array_equal(t.da_dz[0], np.ones_like(t.da_dz[0]))
    np.testing.assert_allclose(t.delta[0], np.asarray(config.weights[1]).T @ t.delta[1], rtol=1e-12)
    text = meaning(gradient_sizes(t), "relu", 4)
    assert "1.8 times smaller" in text and "the weights alone shrink it" in text and "averages" not in text
    assert "If δ shrank like this at every layer of a deeper network" in text  # the name, as a condition


def test_the_bars_scale_names_every_line_it_draws(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The sizes are dots on a log scale (a bar's length there would be measured from an arbitrary base): each
    grid line and the base line carry their value, one label per line, and the note under the dots says what is
    drawn; every size has its place whatever it is, tiny or huge (the lines then 10ⁿ apart, never more than
    MAX_LINES), and a size of 0, which has none on a log scale, is a hollow dot under the base line, said so."""
    from manim import Circle, Dot, tempconfig

    from nnmath.gradient_words import screen_meaning
    from nnmath.notation import sup
    from scenes.drawing.bars import MAX_LINES, LogBars, scale_value
    from scenes.repeat import scale_words

    with tempconfig({"media_dir": str(tmp_path)}):
        one = LogBars(np.array([0.14, 0.5]), ["a", "b"], "#ffffff", "#888888", 4.0, 2.0)
        three = LogBars(np.array([0.0004, 0.14]), ["a", "b"], "#ffffff", "#888888", 4.0, 2.0)
        wide = LogBars(np.array([1e-30, 3e-7, 2e10]), ["a", "b", "c"], "#ffffff", "#888888", 4.0, 2.0)
        zero = LogBars(np.array([0.0, 0.14]), ["a", "b"], "#ffffff", "#888888", 4.0, 2.0)
    assert (one.low, one.high) == (-2, 0) and [t.tex_string for t in one.ticks] == ["0.01", "0.1", "1"]
    assert "each line is ten times the one below" in scale_words(one)
    assert len(three.ticks) == three.high - three.low + 1 and "each line" in scale_words(three)
    assert [scale_value(p) for p in (-2, 0, 1, -6)] == [
        "0.01",
        "1",
        "10",
        r"10^{\textstyle -6}",
    ]  # the exponent as tall as the digits
    for tick, p in zip(three.ticks, range(three.low, three.high + 1), strict=True):
        assert abs(tick.get_center()[1] - three.y_of(10.0**p)) < 1e-6  # beside its own line
    for chart in (one, three, wide):  # every size a dot strictly inside the scale, at its own height
        assert all(isinstance(d, Dot) for d in chart.dots)
        for dot, v in zip(chart.dots, chart.values, strict=True):
            assert 0 < dot.get_center()[1] < chart.chart_height
            assert abs(dot.get_center()[1] - chart.y_of(float(v))) < 1e-9
    assert wide.step > 1 and len(wide.ticks) <= MAX_LINES + 1 and f"10{sup(wide.step)} times" in scale_words(wide)
    assert isinstance(zero.dots[0], Circle) and not isinstance(zero.dots[0], Dot)
    assert zero.dots[0].get_center()[1] < 0 and "a hollow dot is 0" in scale_words(zero)
    sizes = gradient_sizes(train_step(load_config(DEFAULT_CONFIG)))
    assert "σ′(z), which averages" in screen_meaning(sizes, "sigmoid", 4)
