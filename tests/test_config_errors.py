"""Every mistake a user can make in a config: one line naming the file and field, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nnmath.cli import main
from nnmath.config import DEFAULT_CONFIG

GOOD = DEFAULT_CONFIG.read_text()


def without_section(name: str) -> str:
    """The default config with the [name] table (header and keys) removed."""
    start = GOOD.index(f"[{name}]")
    end = GOOD.find("\n[", start + 1)
    return GOOD[:start] + (GOOD[end + 1 :] if end != -1 else "")


def edit(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


# (case id, config text, dotted field expected in the message, fragment of the message)
CASES = [
    ("toml-syntax", "[network\nlayers = [2, 1]", "", "not valid TOML"),
    ("empty-file", "", "", "empty"),
    ("blank-file", "   \n# only a comment\n", "", "empty"),
    ("missing-section", without_section("sample"), "sample", "missing section"),
    ("unknown-section", GOOD + "\n[extra]\nfoo = 1\n", "extra", "unknown section"),
    ("unknown-key", edit("learning_rate = 0.5", "learnig_rate = 0.5"), "network.learnig_rate", "unknown key"),
    ("missing-key", edit('loss = "half_squared_error"', ""), "network.loss", "missing key"),
    (
        "string-for-number",
        edit("learning_rate = 0.5", 'learning_rate = "0.5"'),
        "network.learning_rate",
        "expected a number",
    ),
    ("bool-for-number", edit("learning_rate = 0.5", "learning_rate = true"), "network.learning_rate", "boolean"),
    (
        "number-for-string",
        edit('hidden_activation = "sigmoid"', "hidden_activation = 3"),
        "network.hidden_activation",
        "expected a string",
    ),
    (
        "section-as-value",
        "network = 3\n" + without_section("network"),
        "network",
        "expected a [network] table",
    ),
    ("too-deep", edit("x = [0.05, 0.10]", "x = [[0.05], 0.10]"), "sample.x[0]", "expected a number"),
    (
        "weights-too-shallow",
        edit("weights = [[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45]]]", "weights = [[0.15, 0.20], [[0.40, 0.45]]]"),
        "parameters.weights[0]",
        "expected 2×2",
    ),
    (
        "weights-shape",
        edit("[[0.40, 0.45]]]", "[[0.40, 0.45], [0.1, 0.2]]]"),
        "parameters.weights[1]",
        "expected 1×2 for W⁽²⁾ (layer 1 has 2 neurons, layer 2 has 1), got 2×2",
    ),
    (
        "weights-ragged",
        edit("[[0.15, 0.20], [0.25, 0.30]]", "[[0.15, 0.20], [0.25]]"),
        "parameters.weights[0]",
        "ragged",
    ),
    ("weights-count", edit(", [[0.40, 0.45]]]", "]"), "parameters.weights", "expected 2 weight matrices (W⁽¹⁾ … W⁽²⁾"),
    (
        "biases-shape",
        edit("[[0.35, 0.35], [0.60]]", "[[0.35], [0.60]]"),
        "parameters.biases[0]",
        "expected 2 values (one per neuron of layer 1), got 1",
    ),
    ("x-size", edit("x = [0.05, 0.10]", "x = [0.05]"), "sample.x", "expected 2 values (one per input neuron), got 1"),
    ("y-size", edit("y = [0.01]", "y = [0.01, 0.5]"), "sample.y", "expected 1 value"),
    ("nan", edit("x = [0.05, 0.10]", "x = [nan, 0.10]"), "sample.x[0]", "finite"),
    ("inf-weight", edit("[[0.15, 0.20]", "[[inf, 0.20]"), "parameters.weights[0][0][0]", "finite"),
    ("huge-bias", edit("[[0.35, 0.35]", "[[0.35, 1e9]"), "parameters.biases[0][1]", "between"),
    ("eta-zero", edit("learning_rate = 0.5", "learning_rate = 0"), "network.learning_rate", "greater than 0"),
    ("eta-negative", edit("learning_rate = 0.5", "learning_rate = -0.1"), "network.learning_rate", "greater than 0"),
    ("eta-inf", edit("learning_rate = 0.5", "learning_rate = inf"), "network.learning_rate", "finite"),
    (
        "unknown-activation",
        edit('hidden_activation = "sigmoid"', 'hidden_activation = "softplus"'),
        "network.hidden_activation",
        'unknown hidden activation "softplus"',
    ),
    (
        "newline-in-key",
        edit("[network]", '[network]\n"learning\\nrate" = 1'),
        "network.learning\\nrate",
        "unknown key",
    ),
    (
        "newline-in-value",
        edit('loss = "half_squared_error"', 'loss = "half\\nsquared"'),
        "network.loss",
        'unknown loss "half\\nsquared"',
    ),
    ("unknown-loss", edit('loss = "half_squared_error"', 'loss = "hinge"'), "network.loss", "unknown loss"),
    (
        "bce-target",
        edit('loss = "half_squared_error"', 'loss = "binary_cross_entropy"').replace("y = [0.01]", "y = [1.5]"),
        "sample.y[0]",
        "[0, 1]",
    ),
    (
        "bce-output",
        edit('loss = "half_squared_error"', 'loss = "binary_cross_entropy"').replace(
            'output_activation = "sigmoid"', 'output_activation = "relu"'
        ),
        "network.output_activation",
        'needs output_activation = "sigmoid"',
    ),
    ("too-many-layers", edit("layers = [2, 2, 1]", "layers = [2, 2, 2, 2, 2, 1]"), "network.layers", "2 to 5 layers"),
    ("too-few-layers", edit("layers = [2, 2, 1]", "layers = [2]"), "network.layers", "2 to 5 layers"),
    (
        "too-wide",
        edit("layers = [2, 2, 1]", "layers = [2, 5, 1]"),
        "network.layers[1]",
        "from 1 to 4 (neurons in layer 1)",
    ),
    ("zero-width", edit("layers = [2, 2, 1]", "layers = [2, 0, 1]"), "network.layers[1]", "from 1 to 4"),
    ("float-width", edit("layers = [2, 2, 1]", "layers = [2, 2.5, 1]"), "network.layers[1]", "whole number"),
    ("decimals-range", edit("decimals = 4", "decimals = 12"), "display.decimals", "from 2 to 6"),
    ("decimals-type", edit("decimals = 4", "decimals = 4.0"), "display.decimals", "whole number"),
    ("unknown-theme", edit('theme = "dark"', 'theme = "blue"'), "display.theme", "unknown theme"),
    (
        "focus-range",
        edit("focus = [[0, 0], [0, 0]]", "focus = [[0, 0], [1, 0]]"),
        "display.focus[1][0]",
        "from 0 to 0 (j counts the neurons of layer 2 from 0)",
    ),
    ("focus-count", edit("focus = [[0, 0], [0, 0]]", "focus = [[0, 0]]"), "display.focus", "expected 2"),
    ("no-parameters", without_section("parameters"), "parameters", "missing section"),
    ("parameters-and-init", GOOD + "\n[init]\nseed = 1\nscale = 0.5\n", "init", "not both"),
    ("init-scale", without_section("parameters") + "[init]\nseed = 1\nscale = -1\n", "init.scale", "greater than 0"),
    ("init-seed", without_section("parameters") + "[init]\nseed = -3\nscale = 1\n", "init.seed", "at least 0"),
]


@pytest.mark.parametrize(("text", "field", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_config_is_one_line_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, field: str, fragment: str
) -> None:
    path = tmp_path / "my.toml"
    path.write_text(text)
    assert main(["trace", "--config", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1, err
    prefix = f"error: {path}: {field}: " if field else f"error: {path}: "
    assert err.startswith(prefix), err
    assert fragment in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("problem", ["missing", "directory", "not-utf8"])
def test_unreadable_config_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], problem: str) -> None:
    path = tmp_path / "my.toml"
    if problem == "directory":
        path.mkdir()
    elif problem == "not-utf8":
        path.write_bytes(b"\xff\xfe[network]\n")
    assert main(["trace", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: ") and err.count("\n") == 1


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nnmath", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_bad_config_through_the_real_entry_point(tmp_path: Path) -> None:
    (tmp_path / "my.toml").write_text(edit("learning_rate = 0.5", "learning_rate = -1"))
    result = run_cli("trace", "--config", "my.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "error: my.toml: network.learning_rate: must be greater than 0, got -1\n"


def test_bad_option_exits_2_through_the_real_entry_point(tmp_path: Path) -> None:
    result = run_cli("trace", "--format", "yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr and "Traceback" not in result.stderr


def message_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str) -> str:
    """The whole stderr of ``trace --config my.toml`` (a relative path, as a user types it), after checking exit 2."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my.toml").write_text(text)
    assert main(["trace", "--config", "my.toml"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err, err
    return err


# Every "layer N" in a message is the video's: layer 0 is the input, W⁽ˡ⁾ the weights into layer l.
# Field paths keep the file's 0-based list indices: parameters.weights[l - 1] is W⁽ˡ⁾.
LAYER_MESSAGES = [
    (
        edit("[[0.40, 0.45]]]", "[[0.40, 0.45], [0.1, 0.2]]]"),
        "parameters.weights[1]: expected 1×2 for W⁽²⁾ (layer 1 has 2 neurons, layer 2 has 1), got 2×2",
    ),
    (
        edit("[[0.15, 0.20], [0.25, 0.30]]", "[[0.15, 0.20]]"),
        "parameters.weights[0]: expected 2×2 for W⁽¹⁾ (layer 0 has 2 neurons, layer 1 has 2), got 1×2",
    ),
    (
        edit(", [[0.40, 0.45]]]", "]"),
        "parameters.weights: expected 2 weight matrices (W⁽¹⁾ … W⁽²⁾: one into each layer after the input), got 1",
    ),
    (
        edit("[[0.35, 0.35], [0.60]]", "[[0.35, 0.35], [0.60, 0.1]]"),
        "parameters.biases[1]: expected 1 value (one per neuron of layer 2), got 2",
    ),
    (
        edit("[[0.35, 0.35], [0.60]]", "[[0.35, 0.35]]"),
        "parameters.biases: expected 2 bias vectors (b⁽¹⁾ … b⁽²⁾: one for each layer after the input), got 1",
    ),
    (
        edit("focus = [[0, 0], [0, 0]]", "focus = [[0, 0], [0, 2]]"),
        "display.focus[1][1]: must be from 0 to 1 (i counts the neurons of layer 1 from 0), got 2",
    ),
    (
        edit("focus = [[0, 0], [0, 0]]", "focus = [[0, 0], 3]"),
        "display.focus[1]: expected a pair [j, i] for W⁽²⁾, got a number (3)",
    ),
    (
        edit("layers = [2, 2, 1]", "layers = [2, 2, 0]"),
        "network.layers[2]: must be from 1 to 4 (neurons in layer 2), got 0",
    ),
]


@pytest.mark.parametrize(("text", "message"), LAYER_MESSAGES, ids=[m.split(":")[0] for _, m in LAYER_MESSAGES])
def test_layers_are_numbered_as_in_the_video(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    assert message_for(tmp_path, monkeypatch, capsys, text) == f"error: my.toml: {message}\n"


NETWORK_KEYS = "layers, hidden_activation, output_activation, loss, learning_rate"
ACTIVATION_NAMES = "sigmoid, tanh, relu, linear, softmax"
LOSS_NAMES = "half_squared_error, squared_error, mse, binary_cross_entropy, cross_entropy"
MISSPELLINGS = [
    (
        "key",
        edit('hidden_activation = "sigmoid"', 'hiden_activation = "sigmoid"'),
        f'network.hiden_activation: unknown key; did you mean "hidden_activation"? (expected one of: {NETWORK_KEYS})',
    ),
    (
        "section",
        edit("[display]", "[dispaly]"),
        'dispaly: unknown section; did you mean "display"? (expected one of: network, sample, data, parameters, init, display, narration)',
    ),
    (
        "activation",
        edit('output_activation = "sigmoid"', 'output_activation = "sigmod"'),
        f'network.output_activation: unknown output activation "sigmod"; did you mean "sigmoid"? '
        f"(expected one of: {ACTIVATION_NAMES})",
    ),
    (
        "activation-case",
        edit('hidden_activation = "sigmoid"', 'hidden_activation = "ReLU"'),
        f'network.hidden_activation: unknown hidden activation "ReLU"; did you mean "relu"? '
        f"(expected one of: {ACTIVATION_NAMES})",
    ),
    (
        "loss",
        edit('loss = "half_squared_error"', 'loss = "half_square_error"'),
        f'network.loss: unknown loss "half_square_error"; did you mean "half_squared_error"? '
        f"(expected one of: {LOSS_NAMES})",
    ),
    (
        "theme",
        edit('theme = "dark"', 'theme = "ligth"'),
        'display.theme: unknown theme "ligth"; did you mean "light"? (expected one of: dark, light)',
    ),
    (
        "nothing-close",
        edit('loss = "half_squared_error"', 'loss = "hinge"'),
        f'network.loss: unknown loss "hinge" (expected one of: {LOSS_NAMES})',
    ),
]


@pytest.mark.parametrize(("text", "message"), [m[1:] for m in MISSPELLINGS], ids=[m[0] for m in MISSPELLINGS])
def test_a_misspelling_gets_the_closest_name_suggested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    assert message_for(tmp_path, monkeypatch, capsys, text) == f"error: my.toml: {message}\n"
