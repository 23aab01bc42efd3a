"""The answer key writes what the video writes: a path's product with the video's digits, ∂E/∂ŷ = −y / ŷ with its
sign in every row (a zero target as 0.0000, never a signed −0 or −0.0000, anywhere in any key), a sum of rounded terms that adds differently with a
note, and a path's route through every value its factors pass (a⁽¹⁾ as well as z⁽¹⁾)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from nnmath import load_config
from nnmath.answer_key import answer_key
from nnmath.config import DEFAULT_CONFIG
from nnmath.network import train_step
from nnmath.paths import factors_per_path, has_long_chain, highlighted_path, route_nodes

CLASSIFIER = DEFAULT_CONFIG.parent / "classifier-2-3-3.toml"


def key_of(path: object) -> str:
    config = load_config(path)  # type: ignore[arg-type]
    return answer_key(config, train_step(config))


def test_the_default_key_writes_the_product_as_the_video_does() -> None:
    key = key_of(DEFAULT_CONFIG)
    # a gradient's two significant digits, as the video writes it (FINDINGS-6 #4), not m × 10ⁿ
    assert "Product of the 5 factors: 0.00067." in key and "10⁻⁴" not in key
    assert "E → ŷ₁ → z⁽²⁾₁ → a⁽¹⁾₁ → z⁽¹⁾₁ → w⁽¹⁾₁₁" in key


def test_the_softmax_key_keeps_the_sign_of_minus_y_over_y_hat() -> None:
    key = key_of(CLASSIFIER)
    assert "- ∂E/∂ŷ₁ = −(0.0000 / 0.3359) = 0.0000" in key and "- ∂E/∂ŷ₃ = −(0.0000 / 0.2735) = 0.0000" in key
    assert "| −(0.0000 ln 0.3359) | 0.0000 |" in key  # the formula's minus stays, on no zero (FINDINGS-5 #11)
    assert "- ∂E/∂ŷ₂ = −1.0000 / 0.3907 ≈ −2.5598" in key  # −2.5595 by hand (review 12)
    assert "−0.0000" not in key
    # the three non-zero products as shown add to 0.0336: the key says why it writes 0.0335
    assert "0.0147 + 0.0089 + 0.0100 ≈ 0.0335" in key  # as the screen writes it (review 12)
    assert "The rounded terms shown add to 0.0336; the sum is of the unrounded products." in key
    assert "E → ŷ₂ → z⁽²⁾₂ → a⁽¹⁾₁ → z⁽¹⁾₁ → w⁽¹⁾₁₁" in key


SIGNED_ZERO = re.compile(r"[−-]0(?:\.0+)?(?![\d.])")  # −0 or −0.0000 not followed by a further digit


@pytest.mark.parametrize("path", sorted(DEFAULT_CONFIG.parent.glob("*.toml")), ids=lambda p: p.stem)
def test_no_key_writes_a_signed_zero(path: Path) -> None:
    """A zero has no sign: "−0 / 0.3359" read as a negative zero to the class (lecturer review, issue 20)."""
    key = key_of(path)
    found = [line for line in key.splitlines() if SIGNED_ZERO.search(line)]
    assert not found, found


@pytest.mark.parametrize("name", ["default", "classifier-2-3-3", "deep-sigmoid", "tanh-regression"])
def test_a_route_names_one_value_per_factor(name: str) -> None:
    """E → ŷ → (route) → w has one arrow per factor of the path's product."""
    config = load_config(DEFAULT_CONFIG.parent / f"{name}.toml")
    trace = train_step(config)
    if not has_long_chain(trace):
        pytest.skip("no hidden layer")
    path = highlighted_path(trace, config.focus).path
    nodes = route_nodes(trace, path)
    assert len(nodes) + 2 == factors_per_path(trace) == len(path.factors)
    assert [n[0] for n in nodes] == ["z", *(["a", "z"] * (trace.depth - 1))]


def test_the_trace_holds_the_softmax_sum() -> None:
    softmax, sigmoid = (train_step(load_config(p)) for p in (CLASSIFIER, DEFAULT_CONFIG))
    assert softmax.softmax_sum == pytest.approx(float(np.exp(softmax.z[-1]).sum()), rel=1e-12)
    assert softmax.y_hat == pytest.approx(np.exp(softmax.z[-1]) / softmax.softmax_sum, rel=1e-12)
    assert math.isnan(sigmoid.softmax_sum)  # a sigmoid output has no such sum
