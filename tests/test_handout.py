"""The answer key is a handout: a student's words and symbols, none of the project's own."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings

from nnmath import Config, load_config, parse_config, train_step
from nnmath.answer_key import answer_key
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import format_setting
from tests.networks import TANH_SOFTMAX
from tests.strategies import config_documents, toml_document

ASSETS = DEFAULT_CONFIG.parent
INTERNAL = ("seed", "focus", "trace", "config", "weights[", "biases[", ".toml", "entry", "doubled", "halved")


def check_handout(config: Config) -> str:
    key = answer_key(config, train_step(config))
    lowered = key.lower()
    for word in INTERNAL:
        assert word.lower() not in lowered, word
    assert not re.search(r"Path \d+ of", key), "a path's number"
    assert not re.search(r"[-−]0\.0+(?![0-9])", key), "a negative zero"
    assert "0.0000000" not in key
    assert "tried" not in lowered, "a search the handout never shows (the largest η tried)"
    assert not re.search(r"ŷ = \(-?[0-9.]+\)", key), "a single value in parentheses"
    for eta in re.findall(r"η = ([0-9.]+(?:/[0-9]+)?)", key):  # 16, 0.5, 1/256, 0.1/128
        top, _, bottom = eta.partition("/")
        assert eta == format_setting(float(top) / float(bottom or 1)), f"η = {eta} is not written as a setting"
    for symbol in ("δ = ∂E/∂z", "from neuron i of layer l − 1 into neuron j of layer l", "points uphill", "target"):
        assert symbol in key
    return key


@pytest.mark.parametrize("path", sorted(ASSETS.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_keys_are_handouts(path) -> None:
    check_handout(load_config(path))


def test_softmax_delta_is_labelled_dE_dz() -> None:
    for config in (load_config(ASSETS / "classifier-2-3-3.toml"), parse_config(TANH_SOFTMAX, "t.toml")):
        key = check_handout(config)
        assert "| neuron | δ = ∂E/∂z = ŷ − y |" in key
        output_table = key[key.index("Output layer (softmax") : key.index("Hidden layers")]
        assert "∂E/∂a" not in output_table  # ŷ − y is ∂E/∂z, not ∂E/∂a


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config_documents())
def test_generated_keys_are_handouts(doc: dict[str, dict[str, object]]) -> None:
    check_handout(parse_config(toml_document(doc), "generated.toml"))


def test_a_setting_a_float_bit_off_a_fraction_reads_as_that_fraction() -> None:
    """η = 1.9999999999999998 halved 6 times prints as 0.03125: written 1/32, as 0.03125 itself is (the key's η
    read back is written the same way)."""
    assert format_setting(1.9999999999999998 / 64) == format_setting(0.03125) == "1/32"


def test_the_largest_eta_is_very_large_not_tried() -> None:
    """Lecturer review 7: the classifier's Repeat table called η = 512 the "largest η tried", hinting at a search the
    reader never sees; it is "very large"."""
    key = check_handout(load_config(ASSETS / "classifier-2-3-3.toml"))
    assert any(line.startswith("| 512 | very large |") for line in key.splitlines()), key
