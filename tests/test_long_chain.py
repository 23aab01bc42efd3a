"""The long chain: ∂E/∂w⁽¹⁾ⱼᵢ as a sum over paths of products of partial derivatives, and its scenes."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnmath import load_config, parse_config, train_step
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import format_number, significant_decimals, sub
from nnmath.paths import (
    all_paths,
    factors_per_path,
    highlighted_path,
    long_chain_markdown,
    path_at,
    path_count,
    path_sum,
    without_delta,
    zero_paths_reason,
    zero_paths_sentence,
)
from scenes import BackwardPass
from scenes.drawing.theme import theme_for
from scenes.drawing.typography import typeset
from scenes.stage.states import HIGHLIGHT_WORDS
from tests.scene_probe import LAYOUT_KINDS, Recording, Resolver, recorded, slot_mismatch
from tests.test_network_shapes import ONE_ONE
from tests.test_scenes import LARGEST

ASSETS = DEFAULT_CONFIG.parent
CLASSIFIER = ASSETS / "classifier-2-3-3.toml"


def config_text(layers: list[int], hidden: str = "sigmoid", seed: int = 0, focus: str = "") -> str:
    n = len(layers)
    return f"""
[network]
layers = {layers}
hidden_activation = "{hidden}"
output_activation = "sigmoid"
loss = "half_squared_error"
learning_rate = 0.5

[sample]
x = {[round(0.3 + 0.2 * k, 2) for k in range(layers[0])]}
y = {[round(0.9 - 0.3 * k, 2) for k in range(layers[-1])]}

[init]
seed = {seed}
scale = 0.9

[display]
decimals = 4
focus = {focus or [[0, 0]] * (n - 1)}
"""


# --- the sum over paths is the gradient ----------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    layers=st.lists(st.integers(1, 4), min_size=3, max_size=5),
    hidden=st.sampled_from(["sigmoid", "tanh", "relu", "linear"]),
    seed=st.integers(0, 10_000),
    data=st.data(),
)
def test_paths_sum_to_the_gradient(layers: list[int], hidden: str, seed: int, data: st.DataObject) -> None:
    focus = [
        [data.draw(st.integers(0, layers[l + 1] - 1)), data.draw(st.integers(0, layers[l] - 1))]
        for l in range(len(layers) - 1)
    ]
    config = parse_config(config_text(layers, hidden, seed, str(focus)))
    t = train_step(config)
    j, i = config.focus[0]
    paths = all_paths(t, config.focus[0])
    assert len(paths) == path_count(t) == math.prod(layers[2:])
    assert all(len(p.factors) == factors_per_path(t) == 2 * (len(layers) - 1) + 1 for p in paths)
    assert path_sum(t, config.focus[0]) == pytest.approx(t.grad_weights[0][j, i], rel=1e-12, abs=1e-300)
    for p in paths:  # the numbering: path_at finds each path again; each product is its factors' product
        assert path_at(t, config.focus[0], p.index) == p
        assert p.product == pytest.approx(math.prod(f.value for f in p.factors), rel=1e-12)


def test_five_layers_of_four_have_64_paths_of_9_factors() -> None:
    config = parse_config(config_text([4, 4, 4, 4, 4], "tanh", 3, "[[2, 1], [1, 3], [0, 0], [3, 2]]"))
    t = train_step(config)
    paths = all_paths(t, (2, 1))
    assert len(paths) == 64 and factors_per_path(t) == 9
    assert path_sum(t, (2, 1)) == pytest.approx(t.grad_weights[0][2, 1], rel=1e-12)
    # The factors in the seeds' order, each read from its trace entry.
    first = paths[0]
    assert [f.entry[0] for f in first.factors] == ["dE_dyhat", "da_dz", *["weights", "da_dz"] * 3, "dz_dw"]
    resolve = Resolver(config)
    for f in first.factors:
        assert resolve(f.entry) == f.value
    assert first.factors[2].text == "∂z⁽⁴⁾₁/∂a⁽³⁾₁" and first.factors[-1].text == "∂z⁽¹⁾₃/∂w⁽¹⁾₃₂"


def test_softmax_paths_choose_the_output_too() -> None:
    config = load_config(CLASSIFIER)
    t = train_step(config)
    j, i = config.focus[0]
    paths = all_paths(t, config.focus[0])
    assert len(paths) == 3 * 3  # ŷₘ and z⁽²⁾ₖ
    assert path_sum(t, config.focus[0]) == pytest.approx(t.grad_weights[0][j, i], rel=1e-12)
    off_diagonal = next(p for p in paths if p.output != p.neurons[-1])
    m, k = off_diagonal.output, off_diagonal.neurons[-1]
    assert off_diagonal.factors[1].entry == ("output_jacobian", m, k)
    assert off_diagonal.factors[1].value == t.output_jacobian[m, k] != 0.0
    # One-hot y: paths through a ŷₘ of another class have ∂E/∂ŷₘ = 0.
    true_class = int(np.argmax(t.y))
    assert all((p.product == 0.0) == (p.output != true_class) for p in paths)


def test_the_highlighted_path_goes_through_the_focus_neurons() -> None:
    config = parse_config(config_text([2, 3, 4, 2], "tanh", 5, "[[1, 0], [2, 1], [1, 3]]"))
    shown = highlighted_path(train_step(config), config.focus)
    assert shown.path.neurons == (1, 2, 1) and shown.path.output == 1 and shown.reason == ""
    # Softmax: the focus output is the true class here (focus [1, 0] of the last layer).
    classifier = load_config(CLASSIFIER)
    assert highlighted_path(train_step(classifier), classifier.focus).path.output == 1


def test_a_zero_focus_path_gives_way_to_the_nearest_nonzero_one() -> None:
    text = CLASSIFIER.read_text().replace("focus = [[0, 0], [1, 0]]", "focus = [[0, 0], [2, 0]]")
    config = parse_config(text)
    t = train_step(config)
    shown = highlighted_path(t, config.focus)
    assert shown.focus_path.product == 0.0 and shown.focus_path.output == 2
    assert shown.path.product != 0.0 and shown.path.output == 1 and shown.path.neurons == (0, 2)  # only m changed
    assert "on the path through the worked neurons ∂E/∂ŷ₃ = 0" in shown.reason


def test_a_product_too_small_for_a_float_reads_0_without_a_zero_factor() -> None:
    # Every factor is tiny but none is 0: the products underflow (CI found this with hypothesis).
    text = config_text([1, 2, 1], hidden="linear").replace("x = [0.3]", "x = [1e-200]")
    text = text.replace(
        "[init]\nseed = 0\nscale = 0.9",
        "[parameters]\nweights = [[[1e-200], [1e-200]], [[1e-200, 1e-200]]]\nbiases = [[0.0, 0.0], [0.0]]",
    )
    config = parse_config(text)
    t = train_step(config)
    shown = highlighted_path(t, config.focus)
    assert shown.path.product == 0.0 and all(f.value != 0.0 for f in shown.path.factors)
    assert "the factors' product is too small for a float" in shown.reason
    assert long_chain_markdown(t, config.focus, config.decimals)  # the section still writes out


def test_the_answer_key_section_adds_up() -> None:
    config = load_config(CLASSIFIER)
    t = train_step(config)
    lines = "\n".join(long_chain_markdown(t, config.focus, 4))
    path = highlighted_path(t, config.focus).path
    assert "This network has 9 such paths; one of them: E → ŷ₂ → z⁽²⁾₂ → a⁽¹⁾₁ → z⁽¹⁾₁ → w⁽¹⁾₁₁." in lines
    for f in path.factors:
        assert f"| {f.text} | {format_number(f.value, 4)} |" in lines
    assert "Path " not in lines and "entry" not in lines and "seeds" not in lines  # words of a handout
    assert "one term of the sum, not yet the gradient" in lines  # one path's product is not ∂E/∂w
    assert f"= {format_number(t.grad_weights[0][0, 0], 4)}." in lines
    # why 6 of the products are 0, as the screen says it (not only that they are)
    assert (
        "The 6 paths from a z into ŷ₁ or ŷ₃ start with ∂E/∂ŷ = 0 (y = 0): they add nothing. Summed over all 9" in lines
    )
    two_layers = train_step(parse_config(config_text([2, 1])))
    assert long_chain_markdown(two_layers, ((0, 0),), 4) == []


# --- the scenes -------------------------------------------------------------------------------------------------

# The default and 4-4-4-4-4 (three hidden layers) are the scene tests' configs, [1, 1] the network-shape
# test's: in a full run their BackwardPass is constructed once for all of these tests.
SCENE_CONFIGS = {"default": None, "hidden-3": LARGEST, "softmax": None, "no-hidden": ONE_ONE}


@pytest.fixture(scope="module")
def scenes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Recording]]:
    folder, media = tmp_path_factory.mktemp("long-chain"), tmp_path_factory.mktemp("media")
    paths = {"default": DEFAULT_CONFIG, "softmax": CLASSIFIER}
    for name, text in SCENE_CONFIGS.items():
        if text is not None:
            paths[name] = folder / f"{name}.toml"
            paths[name].write_text(text)
    return {name: (path, recorded(BackwardPass, path, media)) for name, path in paths.items()}


def long_chain_numbers(shown: Recording) -> list[tuple[str, tuple[str | int, ...]]]:
    return [(n.text, n.entry) for n in shown.numbers if n.section.startswith("backward-long-chain") and n.entry]


@pytest.mark.parametrize("name", ["default", "hidden-3", "softmax"])
def test_the_scene_shows_the_long_chain(scenes, name: str) -> None:
    path, shown = scenes[name]
    config = load_config(path)
    t, resolve = train_step(config), Resolver(config)
    assert [s for s in shown.sections if s.startswith("backward-long-chain")] == [
        "backward-long-chain-path",
        "backward-long-chain-sum",
    ]
    highlighted = highlighted_path(t, config.focus).path
    in_path = {(n.text, n.entry) for n in shown.numbers if n.section == "backward-long-chain-path" and n.entry}
    for f in highlighted.factors:  # every factor with its value, looked up independently
        assert (resolve.text(f.entry), f.entry) in in_path
    product = ("path", highlighted.index)
    expected = format_number(resolve(product), significant_decimals(resolve(product), config.decimals))
    assert (expected, product) in in_path
    j, i = config.focus[0]
    summed = {(text, entry) for text, entry in long_chain_numbers(shown)}
    total = resolve(("path_sum",))
    assert total == pytest.approx(t.grad_weights[0][j, i], rel=1e-12)
    if path_count(t) > 1:  # (one path's product is its own sum)
        assert (format_number(total, significant_decimals(total, config.decimals)), ("path_sum",)) in summed
    assert (resolve.text(("delta", 0, j)), ("delta", 0, j)) in summed
    gradient = ("grad_weights", 0, j, i)  # ∂E/∂w = δ · a = its value: the result on screen, not only the factors
    assert (resolve.text(gradient), gradient) in summed
    screen = "".join("".join(text.split()) for text in shown.texts)  # a Text's string keeps no spaces
    zero = [p for p in all_paths(t, config.focus[0]) if p.product == 0.0]
    if zero:  # why the zero products are 0, read off their factors (softmax: ∂E/∂ŷₘ = 0 where yₘ = 0)
        assert all(any(f.value == 0.0 for f in p.factors) for p in zero)
        reason = "".join(zero_paths_reason(t, all_paths(t, config.focus[0])).split())
        assert reason[0].upper() + reason[1:] in screen
        assert ("formedlikePabove" in screen) == (name != "softmax")  # written out: not "formed like P" as well
    if name == "softmax":
        assert "The6pathsfromazintoŷ₁orŷ₃startwith∂E/∂ŷ=0(y=0).Theother2:" in screen
        # the other non-zero paths labelled by their step z → ŷ₂: the lit edges run into those z, not into ŷ₁ or ŷ₃
        assert {r"z^{(2)}_{1} \to \hat y_{2}{:}", r"z^{(2)}_{3} \to \hat y_{2}{:}"} <= set(shown.texts)
    captions = " ".join(c.content for c in shown.subcaptions)
    if zero:  # the subtitle gives the screen's reason too
        assert zero_paths_sentence(t, all_paths(t, config.focus[0])) in captions
    n = path_count(t)
    if zero:  # the reason for the zeros first, then the sum
        count = f"The {n} paths' products add up to" if n > 1 else "The one path's product is"
    else:  # what the heading line says first (no number), then the sum once its line is on screen
        count = "They add up to" if n > 1 else "So P ="
    assert count in captions and f"= ∂E/∂w⁽¹⁾{sub(j + 1)}{sub(i + 1)} = δ⁽¹⁾{sub(j + 1)} · a⁽⁰⁾{sub(i + 1)}" in captions
    # Why backprop goes through δ: a claim true of this network, its numbers from the trace (no count of
    # multiplications, which depends on what each side is taken to count).
    inputs, delta = config.layers[0], typeset(format_number(t.delta[0][j], config.decimals))
    assert f"The same δ⁽¹⁾{sub(j + 1)} = {delta} gives all {inputs + 1} gradients of neuron {j + 1}" in captions
    assert f"∂E/∂b⁽¹⁾{sub(j + 1)}; {without_delta(n)}." in captions
    assert "multiplications" not in captions


@pytest.mark.parametrize("name", ["default", "hidden-3", "softmax"])
def test_every_term_of_the_sum_is_worked_out_on_screen(scenes, name: str) -> None:
    """FINDINGS-5 finding 5: the softmax sum 0.0147 + 0.0089 + 0.0100 = 0.0335 showed only P's factors (0.0089);
    a value a formula uses is visible while the formula is. So while the sum is on screen, each of its terms but
    P's is also the result of a written-out product on screen, beside all of that path's factors (a few paths
    only: a large network's many terms stay products formed like P, and one path's sum is P itself)."""
    path, shown = scenes[name]
    config = load_config(path)
    t = train_step(config)
    paths = all_paths(t, config.focus[0])
    highlighted = highlighted_path(t, config.focus).path
    sum_plays = sorted({n.play for n in shown.numbers if n.entry == ("path_sum",)})
    assert sum_plays or path_count(t) == 1
    for play in sum_plays:
        here = [n for n in shown.numbers if n.play == play and n.section == "backward-long-chain-sum"]
        entries = [n.entry for n in here]
        terms = {e for e in entries if e and e[0] == "path"}
        assert terms == {("path", p.index) for p in paths if p.product != 0.0} or name == "hidden-3"
        if name != "softmax":
            continue
        for entry in terms - {("path", highlighted.index)}:
            other = paths[int(entry[1])]
            assert entries.count(entry) == 2, f"play {play}: {entry}'s product has no written-out row"
            missing = [f.entry for f in other.factors if f.entry not in entries]
            assert not missing, f"play {play}: {entry}'s factors not on screen: {missing}"


def test_three_hidden_layers_show_nine_factors(scenes) -> None:
    _, shown = scenes["hidden-3"]
    factors = [
        entry
        for _, entry in long_chain_numbers(shown)
        if entry[0] in ("dE_dyhat", "da_dz", "weights", "dz_dw") and entry is not None
    ]
    assert len(set(factors)) == 9


@pytest.mark.parametrize("name", list(SCENE_CONFIGS))
def test_the_probe_checks_pass(scenes, name: str) -> None:
    path, shown = scenes[name]
    resolve = Resolver(load_config(path))
    wrong = [
        f"{n.section}: {n.entry} shows {n.text}, is {resolve.text(n.entry)}"
        for n in shown.numbers
        if n.entry is None or resolve.text(n.entry) != n.text or slot_mismatch(n)
    ]
    assert not wrong, "\n".join(wrong[:20])
    problems = shown.problems_of(*LAYOUT_KINDS, "glyph", "morph")
    assert not problems, "\n".join(map(str, problems[:20]))


def test_a_network_without_hidden_layers_has_no_long_chain(scenes) -> None:
    _, shown = scenes["no-hidden"]
    assert not any(s.startswith("backward-long-chain") for s in shown.sections)
    assert not any(n.entry and n.entry[0] == "path" for n in shown.numbers)


@pytest.mark.parametrize("name", ["default", "hidden-3", "softmax"])
def test_the_path_key_leaves_with_the_path(scenes, name: str) -> None:
    """The key's "path followed" stayed after the long chain's paths had gone (lecturer review, issue 20): once
    the last white path leaves the diagram, no key says it."""
    path, shown = scenes[name]
    white = theme_for(load_config(path)).text.upper()
    lit = [n for n, (_, _, edges) in enumerate(shown.screens) if white in {e.upper() for e in edges}]
    assert lit, "no path lit"
    words = "".join(HIGHLIGHT_WORDS.split())  # the probe records a Text without its spaces
    keyed = [n for n, (_, texts) in enumerate(shown.screen_texts) if words in texts]
    assert keyed and max(keyed) <= max(lit), [shown.screen_texts[n][0] for n in keyed if n > max(lit)]
