"""Every config inside the documented ranges gives its worked solution, and every one just outside them one line.

The strategies (tests/strategies.py: ``edge_documents``) reach the edges of each range the README allows: η from
1e-300 to 1e300 (log-uniform, and the extreme floats), values at 0, ±100 and ±1e-300, cross-entropy targets at
0 and 1, 2–6 decimals. Each runs through the real ``trace`` entry points (``python -m nnmath trace`` and
``backprop-video trace``, their ``main()`` in this process; a few as real processes) in both formats; the
outcome is exit 0 with a complete answer key or strictly valid JSON, or, one number just outside its range,
exit 2 with one line naming the field. A few configs are also drawn by the scenes (constructed, not rendered).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import nnmath.cli
import scenes
import scenes.pipeline.cli
from nnmath import load_config
from nnmath.notation import INFINITY, UNDEFINED, format_number
from nnmath.vanishing import size_decimals
from tests.command import command
from tests.scene_probe import record
from tests.strategies import edge_documents, out_of_range_documents, toml_document

FUZZ = settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

DEFAULT = Path(__file__).resolve().parent.parent / "assets" / "default.toml"
# The crashes the fuzzer was written for, each a config inside the documented ranges.
CRASHES = {
    # decimal.InvalidOperation in the rounding notes: 1e300 · ∂E/∂w has 300 digits before the point
    "default-eta-1e300": DEFAULT.read_text().replace("learning_rate = 0.5", "learning_rate = 1e300"),
    # the same, with the update overflowing to ∞ and the error after it undefined
    "linear-eta-1e300": """
[network]
layers = [4, 3]
hidden_activation = "sigmoid"
output_activation = "linear"
loss = "half_squared_error"
learning_rate = 1e+300
[sample]
x = [-19.63663555749129, -36.76457255573153, 0.43464828662207444, -99.99]
y = [75.00326629605422, -62.3997411898344, 26.61775198366007]
[parameters]
weights = [[[22.41, 0.2167, -0.3952, -63.56], [0.8455, -95.63, 59.96, 0.0], [-1e-300, 28.99, -100.0, -0.9629]]]
biases = [[99.99, -0.3706, 0.1349]]
[display]
decimals = 2
""",
    # ValueError: min() arg is an empty sequence in the learning-rate search: every run ends undefined
    "deep-linear-relu": """
[network]
layers = [1, 4, 3, 2, 1]
hidden_activation = "linear"
output_activation = "relu"
loss = "squared_error"
learning_rate = 0.33057540719683626
[sample]
x = [0.9581873907412393]
y = [42.6362849612255]
[parameters]
weights = [[[68.86739383353375], [0.5580931542823762], [1e-300], [0.0]], [[36.819397738919605, -0.040342917750448626, 0.0, 0.8423418995910674], [-0.2965326392282426, 55.65389646511471, -0.2777617862170234, 0.13085110797276478], [96.43379697980836, 31.16939228935169, -0.9915102143189463, 45.971923719857045]], [[79.22747662348553, 61.29531049030953, -0.6374048291863761], [78.45748350117628, -0.3964308137116124, 100.0]], [[1e-300, 30.385185914644183]]]
biases = [[1e-300, -0.5802424383602565, -0.9634287182416419, -0.9056645770816389], [-100.0, 0.9793269631185164, 0.6274546715176121], [-0.5621859743075592, -96.41796043296647], [-2.287463349249336]]
[display]
decimals = 3
""",
    # no crash, but a false sentence: E after the update is undefined (∞ − ∞), and was said to "stay the same"
    "error-after-undefined": """
[network]
layers = [2, 4, 4]
hidden_activation = "linear"
output_activation = "relu"
loss = "squared_error"
learning_rate = 1.1106524615707197e+196
[sample]
x = [-0.4344382727573928, 0.20654158531957156]
y = [0.650381430167476, 55.136417324781036, 0.6437500598997326, -100.0]
[parameters]
weights = [[[0.0664097172661462, -92.13388474480564], [0.641980241240524, 0.500064765362674], [1e-300, 0.8119127549284015], [0.9019087720257237, 24.788617965745672]], [[-1e-300, 6.328657033169577, -84.44270765745117, -48.79093721565877], [0.05290674835657372, 0.990308297743244, 44.79792417793112, -0.5335225040139473], [-0.35787513931982606, -0.5887636624249699, -0.40308947239115356, 0.0], [54.940080399969276, -1e-300, 100.0, -6.244695883470712]]]
biases = [[-0.0056497748651178625, -31.381810020516184, -99.99, 73.53355105861405], [99.99, -99.99, -70.13014353453848, -97.66615275042226]]
[display]
decimals = 2
""",
    # ZeroDivisionError drawing the loss curves: E = 0 from the start (a ReLU output that is off, target 0)
    "error-zero": """
[network]
layers = [1, 1]
hidden_activation = "relu"
output_activation = "relu"
loss = "half_squared_error"
learning_rate = 0.5
[sample]
x = [1.0]
y = [0.0]
[parameters]
weights = [[[1.0]]]
biases = [[-2.0]]
""",
}


def trace(path: Path, fmt: str, entry: str = "nnmath") -> tuple[int, str, str]:
    """``trace --config path --format fmt`` through a command's ``main()``: exit status, stdout, stderr."""
    main = nnmath.cli.main if entry == "nnmath" else scenes.pipeline.cli.main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["trace", "--config", str(path), "--format", fmt])
    return code, out.getvalue(), err.getvalue()


def strict_json(text: str) -> Any:
    """JSON as a strict parser reads it: no NaN or Infinity (a non-finite value is written as a string)."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"not strict JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def check_solution(path: Path, fmt: str, entry: str) -> None:
    code, out, err = trace(path, fmt, entry)
    assert (code, err) == (0, ""), err
    if fmt == "json":
        document = strict_json(out)
        loss = document["loss_after"]
        assert isinstance(loss, float) or loss in ("inf", "-inf", "nan")
    else:
        assert out.startswith("# ") and "## " in out and "Check yourself" in out
        assert "nan" not in out.replace("Jacobian", "") and "inf" not in out.replace("infinit", "")


@FUZZ
@given(doc=edge_documents())
def test_every_config_in_range_gives_its_solution(
    tmp_path_factory: pytest.TempPathFactory, doc: dict[str, Any]
) -> None:
    path = tmp_path_factory.mktemp("fuzz", numbered=True) / "edge.toml"
    path.write_text(toml_document(doc))
    for fmt, entry in (("json", "nnmath"), ("markdown", "backprop-video")):
        check_solution(path, fmt, entry)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(case=out_of_range_documents())
def test_a_number_out_of_range_is_one_line_naming_its_field(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[dict[str, Any], str]
) -> None:
    doc, field = case
    path = tmp_path_factory.mktemp("fuzz", numbered=True) / "out.toml"
    path.write_text(toml_document(doc))
    code, out, err = trace(path, "markdown")
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {path}: {field}: ") and err.count("\n") == 1, err


@pytest.mark.parametrize("name", sorted(CRASHES))
@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_the_crashes_found_give_their_solution(tmp_path: Path, name: str, fmt: str) -> None:
    path = tmp_path / f"{name}.toml"
    path.write_text(CRASHES[name])
    check_solution(path, fmt, "nnmath")


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_real_processes_print_the_solution_of_a_huge_learning_rate(tmp_path: Path, fmt: str) -> None:
    """Both commands as a user runs them, on the issue's example: η = 1e300 on the default network."""
    path = tmp_path / "huge.toml"
    path.write_text(CRASHES["default-eta-1e300"])
    for argv in ([sys.executable, "-m", "nnmath"], command()):
        result = subprocess.run(
            [*argv, "trace", "--config", str(path), "--format", fmt], capture_output=True, text=True
        )
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        if fmt == "json":
            assert strict_json(result.stdout)["learning_rate"] == 1e300
        else:
            assert "η = 1.0000×10³⁰⁰" in result.stdout


def test_a_config_with_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + DEFAULT.read_bytes())
    assert load_config(path).learning_rate == load_config(DEFAULT).learning_rate
    code, out, err = trace(path, "markdown", "backprop-video")
    assert (code, err) == (0, "") and out.startswith("# ")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1e300, "1.0000×10³⁰⁰"),
        (-1234567.891, "-1.2346×10⁶"),
        (999999.99996, "1.0000×10⁶"),  # rounds up to a million: written as one
        (999999.9999, "999999.9999"),
        (1e-300, "0.0000"),
        (-1e-300, "0.0000"),
        (math.inf, INFINITY),
        (-math.inf, f"-{INFINITY}"),
        (math.nan, UNDEFINED),
    ],
)
def test_the_one_formatter_writes_what_overflows_the_display(value: float, shown: str) -> None:
    assert format_number(value, 4) == shown


def test_a_tiny_value_shown_with_its_digits_is_a_power_of_ten() -> None:
    """The epilogue shows a gradient size or an η with enough decimals for two digits: not 325 of them."""
    assert format_number(5e-324, size_decimals(5e-324, 4)) == "4.9×10⁻³²⁴"
    assert format_number(1.234e-9, size_decimals(1.234e-9, 4)) == "0.0000000012"


@pytest.mark.parametrize(
    ("name", "scene", "shown"),
    [
        ("error-zero", "Repeat", "0.0000"),  # E = 0 throughout: the loss curves still get their axes
        ("error-after-undefined", "WeightUpdate", "1.11×10¹⁹⁶"),  # η as a power of ten; E after it undefined
    ],
)
def test_the_crashes_found_are_drawn(tmp_path: Path, name: str, scene: str, shown: str) -> None:
    path = tmp_path / f"{name}.toml"
    path.write_text(CRASHES[name])
    recording = record(getattr(scenes, scene), path, tmp_path / "media")
    assert shown in recording.shown and recording.subcaptions
    if name == "error-after-undefined":
        assert UNDEFINED in recording.shown
        assert "to undefined, undefined: η is so large that the numbers overflow" in str(recording.subcaptions)


def test_an_undefined_error_is_said_so(tmp_path: Path) -> None:
    path = tmp_path / "undefined.toml"
    path.write_text(CRASHES["error-after-undefined"])
    _, key, _ = trace(path, "markdown")
    assert "E after = **undefined** (undefined: η is so large that the numbers overflow)" in key
    assert "3. **No**: E after the update is undefined: η = 1.11×10¹⁹⁶ is so large that the numbers overflow." in key


@settings(
    max_examples=1,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],  # shrinking would construct scenes for minutes
)
@given(doc=edge_documents(max_layers=3), scene=st.sampled_from(["ErrorCalc", "WeightUpdate", "CheckYourself"]))
def test_configs_in_range_are_drawn(tmp_path_factory: pytest.TempPathFactory, doc: dict[str, Any], scene: str) -> None:
    """A small sample: constructing a scene costs seconds."""
    folder = tmp_path_factory.mktemp("fuzz-scene", numbered=True)
    path = folder / "edge.toml"
    path.write_text(toml_document(doc))
    assert record(getattr(scenes, scene), path, folder / "media").subcaptions
