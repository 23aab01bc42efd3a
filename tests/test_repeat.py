"""The epilogue scene, constructed without rendering: its learning rates and, for a deep network, the
gradient's size per layer, every number read from nnmath and checked by the probe after every play."""

from __future__ import annotations

from pathlib import Path

import pytest

from nnmath import choose_learning_rates, layer_gradient_sizes, load_config, train_step
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import format_number
from nnmath.regime_words import who
from nnmath.vanishing import size_decimals
from scenes import Repeat
from tests.scene_probe import LAYOUT_KINDS, Recording, recorded
from tests.test_scenes import LARGEST, check_numbers_by_place

ASSETS = DEFAULT_CONFIG.parent
CONFIGS = ["default", "deep-sigmoid", "largest"]  # no rise up to the limit; a deep sigmoid; a rise (5 layers)


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    found = {name: ASSETS / f"{name}.toml" for name in CONFIGS if name != "largest"}
    found["largest"] = tmp_path_factory.mktemp("configs") / "largest.toml"
    found["largest"].write_text(LARGEST)
    return found


@pytest.fixture(scope="module")
def shown(paths: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    media = tmp_path_factory.mktemp("media")

    def get(name: str) -> Recording:
        return recorded(Repeat, paths[name], media)  # once per config in a test run (shared with test_scenes)

    return get


@pytest.mark.parametrize("name", CONFIGS)
def test_every_number_is_its_entry_and_legible(shown, paths, name: str) -> None:
    recording = shown(name)
    assert not check_numbers_by_place(recording, paths[name])
    assert not recording.problems_of(*LAYOUT_KINDS, "glyph", "morph"), recording.problems[:10]


@pytest.mark.parametrize("name", CONFIGS)
def test_the_three_learning_rates_are_the_chosen_ones(shown, paths, name: str) -> None:
    recording, config = shown(name), load_config(paths[name])
    regimes = choose_learning_rates(config)
    texts = {n.entry: n.text for n in recording.numbers if n.entry is not None}
    for r, run in enumerate(regimes.runs):
        assert texts[("rate", r)] == format_number(run.learning_rate, size_decimals(run.learning_rate, config.decimals))
        assert ("rate_history", r, len(run.history) - 1) in texts
    joined = "".join(recording.texts)
    if regimes.found_rise:
        assert "toolarge:" in joined and "Noηuptothelargesttried" not in joined
    else:
        assert "toolarge" not in joined and "Noηuptothelargesttriedmadetheerrorriseforthisnetwork." in joined
    caption = " ".join(c.content for c in recording.subcaptions)
    for run in regimes.runs:
        assert who(run) in caption


def test_too_large_is_named_for_what_it_does(shown) -> None:
    joined = "".join(shown("largest").texts)  # η = 12.8 makes the error rise at one step, then it falls
    assert "toolarge:overshoots" in joined.replace("\n", "")


@pytest.mark.parametrize("name", CONFIGS)
def test_every_network_with_a_hidden_layer_shows_delta_per_layer(shown, paths, name: str) -> None:
    recording, config = shown(name), load_config(paths[name])
    assert recording.sections[-1] == "repeat-gradients"
    sizes = layer_gradient_sizes(train_step(config))
    texts = {n.entry: n.text for n in recording.numbers if n.entry is not None}
    for l, size in enumerate(sizes):
        assert texts[("grad_size", l)] == format_number(float(size), size_decimals(float(size), config.decimals))
    caption = " ".join(c.content for c in recording.subcaptions)
    assert all(texts[("grad_size", l)] in caption for l in range(len(sizes)))


def test_the_deep_sigmoid_network_says_the_gradient_vanishes(shown) -> None:
    caption = " ".join(c.content for c in shown("deep-sigmoid").subcaptions)
    assert "shrinks at every layer" in caption and "at most 0.25" in caption and "times smaller" in caption
