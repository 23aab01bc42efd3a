"""Every mistake in a dataset ([data], its CSV file, its generator): one line naming the file and field, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nnmath import load_config, parse_config
from nnmath.cli import main

ASSETS = Path(__file__).resolve().parent.parent / "assets"
XOR = (ASSETS / "xor.toml").read_text()
DEFAULT = (ASSETS / "default.toml").read_text()
ROWS = "x = [[1, 0], [0, 1], [1, 1], [0, 0]]   # the XOR truth table, starting with a row whose x₁ is not 0"
TARGETS = "y = [1, 1, 0, 0]"


def edit(old: str, new: str, text: str = XOR) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def source(new: str) -> str:
    """XOR with its inline rows replaced by ``new`` (e.g. a file or a generator)."""
    return edit(TARGETS, "", edit(ROWS, new))


SOFTMAX = edit('output_activation = "sigmoid"', 'output_activation = "softmax"', edit("[2, 3, 1]", "[2, 3, 2]"))
SOFTMAX = edit('loss = "binary_cross_entropy"', 'loss = "cross_entropy"', SOFTMAX)

# (case id, config text, CSV text or None, dotted field, fragment of the message)
CASES = [
    ("sample-and-data", DEFAULT + "\n[data]\nx = [[0, 0]]\ny = [[0]]\n", None, "data", "not both"),
    ("ragged-rows", edit(ROWS, "x = [[1, 0], [0], [1, 1], [0, 0]]"), None, "data.x[1]", "expected 2 values"),
    ("row-not-a-list", edit(ROWS, "x = [[1, 0], 3, [1, 1], [0, 0]]"), None, "data.x[1]", "expected a list"),
    ("wide-targets", edit(TARGETS, "y = [[1, 0], [1], [0], [0]]"), None, "data.y[0]", "expected 1 value"),
    ("empty", edit(ROWS, "x = []"), None, "data.x", "no samples"),
    ("fewer-targets", edit(TARGETS, "y = [1, 1, 0]"), None, "data.y", "expected 4 rows"),
    ("target-range", edit(TARGETS, "y = [1, 2, 0, 0]"), None, "data.y[1][0]", "needs targets in [0, 1], got 2"),
    (
        "one-hot",
        edit(TARGETS, "y = [[0, 1], [1, 0], [0.5, 0.2], [1, 0]]", SOFTMAX),
        None,
        "data.y[2]",
        "targets that add up to 1",
    ),
    ("no-targets", edit(TARGETS, ""), None, "data.y", "missing key"),
    ("batch-zero", edit("batch_size = 4", "batch_size = 0"), None, "data.batch_size", "from 1 to 4"),
    ("batch-too-large", edit("batch_size = 4", "batch_size = 5"), None, "data.batch_size", "there are 4 samples"),
    ("epochs-zero", edit("epochs = 100", "epochs = 0"), None, "data.epochs", "from 1 to 1000"),
    (
        "too-many-updates",
        edit("batch_size = 4", "batch_size = 1", edit("epochs = 100", "epochs = 1000")),
        None,
        "data.epochs",
        "4000 updates, at most 2000",
    ),
    ("unknown-key", edit("batch_size = 4", "batchsize = 4"), None, "data.batchsize", 'did you mean "batch_size"?'),
    ("seed", edit("batch_size = 4", "seed = -1"), None, "data.seed", "at least 0"),
    ("no-source", source(""), None, "data", "no samples: give x and y"),
    ("two-sources", edit(TARGETS, TARGETS + '\ngenerator = "xor"'), None, "data.generator", "not x and generator"),
    (
        "noise-without-generator",
        edit(TARGETS, TARGETS + "\nnoise = 0.1"),
        None,
        "data.noise",
        "only used with generator",
    ),
    (
        "unknown-generator",
        source('generator = "xorr"'),
        None,
        "data.generator",
        'unknown generator "xorr"; did you mean "xor"? (expected one of: xor, circle, moons, spiral, blobs, wave)',
    ),
    ("generator-n", source('generator = "moons"\nn = 1000'), None, "data.n", "from 4 to 200"),
    ("generator-noise", source('generator = "moons"\nnoise = -0.1'), None, "data.noise", "between 0 and 0.5"),
    (
        "generator-inputs",
        edit("[2, 3, 1]", "[3, 3, 1]", source('generator = "circle"')),
        None,
        "data.generator",
        "circle makes samples with 2 inputs, the network has 3 input neurons",
    ),
    (
        "generator-classes",
        edit("[2, 3, 1]", "[2, 3, 3]", source('generator = "xor"')).replace("binary_cross_entropy", "mse"),
        None,
        "data.generator",
        "xor makes 2 classes",
    ),
    ("csv-missing", source('file = "points.csv"'), None, "data.file", "no such file"),
    ("csv-empty", source('file = "points.csv"'), "", "data.file", "points.csv is empty"),
    ("csv-header-only", source('file = "points.csv"'), "x1,x2,y\n", "data.file", "no samples"),
    (
        "csv-header-typo",
        source('file = "points.csv"'),
        "x1,x2,yy\n0,0,0\n",
        "data.file",
        'points.csv line 1: unknown column "yy"; did you mean "y"? (expected one of: x1, x2, y)',
    ),
    ("csv-missing-column", source('file = "points.csv"'), "x1,y\n0,0\n", "data.file", 'column "x2" is missing'),
    (
        "csv-non-number",
        source('file = "points.csv"'),
        "x1,x2,y\n0,0,0\n1,abc,1\n",
        "data.file",
        'points.csv line 3, column "x2": expected a number, got "abc"',
    ),
    ("csv-ragged", source('file = "points.csv"'), "x1,x2,y\n0,0,0\n1,1\n", "data.file", "line 3: expected 3 values"),
    (
        "csv-target-range",
        source('file = "points.csv"'),
        "x1,x2,y\n0,0,0\n1,0,3\n",
        "data.file",
        'points.csv line 3, column "y": binary_cross_entropy needs targets in [0, 1], got 3',
    ),
    ("csv-infinite", source('file = "points.csv"'), "x1,x2,y\ninf,0,0\n", "data.file", "got inf"),
]


@pytest.mark.parametrize(("text", "csv", "field", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_data_is_one_line_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, csv: str | None, field: str, fragment: str
) -> None:
    path = tmp_path / "my.toml"
    path.write_text(text)
    if csv is not None:
        (tmp_path / "points.csv").write_text(csv)
    assert main(["trace", "--config", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"error: {path}: {field}: "), err
    assert fragment in err, err
    assert "Traceback" not in err


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nnmath", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_bad_csv_through_the_real_entry_point(tmp_path: Path) -> None:
    (tmp_path / "my.toml").write_text(source('file = "points.csv"'))
    (tmp_path / "points.csv").write_text("x1,x2,y\n0,0,0\n1,abc,1\n")
    result = run_cli("trace", "--config", "my.toml", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == 'error: my.toml: data.file: points.csv line 3, column "x2": expected a number, got "abc"\n'


def test_bad_batch_size_through_the_real_entry_point(tmp_path: Path) -> None:
    (tmp_path / "my.toml").write_text(edit("batch_size = 4", "batch_size = 0"))
    result = run_cli("trace", "--config", "my.toml", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "error: my.toml: data.batch_size: must be from 1 to 4 (there are 4 samples), got 0\n"


def test_a_csv_file_beside_the_config_is_the_data(tmp_path: Path) -> None:
    """Columns in any order, a spreadsheet's byte-order mark and blank lines are fine; the path is the config's."""
    (tmp_path / "sets").mkdir()
    (tmp_path / "sets" / "my.toml").write_text(source('file = "points.csv"'))
    (tmp_path / "sets" / "points.csv").write_text("\ufeffy, x2 ,x1\n1,0,1\n\n1,1,0\n0,1,1\n0,0,0\n")
    config = load_config(tmp_path / "sets" / "my.toml")
    inline = load_config(ASSETS / "xor.toml")
    assert config.data_x.tolist() == inline.data_x.tolist() and config.data_y.tolist() == inline.data_y.tolist()
    assert config.data_source == "file points.csv"


@pytest.mark.parametrize("name", ["xor", "circle", "moons", "spiral", "blobs"])
def test_generators_are_reproducible_and_classes(name: str) -> None:
    text = source(f'generator = "{name}"\nn = 30\nnoise = 0.05\nseed = 3')
    a, b = parse_config(text), parse_config(text)
    assert a.samples == 30 and a.data_x.shape == (30, 2)
    assert a.data_x.tolist() == b.data_x.tolist() and a.data_y.tolist() == b.data_y.tolist()
    assert set(a.data_y[:, 0].tolist()) == {0.0, 1.0}
    other = parse_config(text.replace("seed = 3", "seed = 4"))
    assert other.data_x.tolist() != a.data_x.tolist()
