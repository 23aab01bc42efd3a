"""The answer key is a handout: a student's words and symbols, none of the project's own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from nnmath import Config, load_config, parse_config, train_step
from nnmath.answer_key import answer_key
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import LN_MEANING, format_setting
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
    assert not (few := update_cells_with_one_digit(key)), f"the key promises two significant digits: {few}"
    return key


SIGNIFICANT = re.compile(r"[1-9]\d*")


def update_cells_with_one_digit(key: str) -> list[str]:
    """The cells of the update tables' gradient columns (∂E/∂w, η·∂E/∂w; a batch's ∂Ē/∂w) written with fewer than
    the two significant digits the key promises ("0.0007" for 0.00067; 0 and m × 10ⁿ are fine)."""
    found, columns = [], []
    for line in key.splitlines():
        if not line.startswith("|"):
            columns = []
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if "η·∂" in line and cells[0] == "parameter":  # an update table's header
            columns = [k for k, cell in enumerate(cells) if "∂" in cell]
            continue
        for k in columns:
            cell = cells[k]
            digits = SIGNIFICANT.search(cell.replace(".", ""))
            if "×10" not in cell and "× 10" not in cell and digits and len(digits.group(0)) < 2:
                found.append(f"{cells[0]}: {cell}")
    return found


def test_the_update_tables_steps_have_two_significant_digits() -> None:
    """Lecturer review 10 (D7): the key promised "at least two significant digits (0.00067, not 0.0007)", but its
    update table wrote η·∂E/∂w as 0.0003, 0.0007, 0.0004, 0.0007 (0.00067 and 0.00075 both 0.0007): the steps take
    the one digits rule (``nnmath.notation.entry_decimals``), as do a batch's mean gradients and their steps."""
    key = check_handout(load_config(DEFAULT_CONFIG))
    rows = {line.split("|")[1].strip(): line for line in key.splitlines() if line.startswith("| w⁽¹⁾")}
    assert "| 0.00067 |" in rows["w⁽¹⁾₁₂"] and "| 0.00075 |" in rows["w⁽¹⁾₂₂"]
    assert update_cells_with_one_digit(
        "| parameter | old | η·∂E/∂w | new |\n|---|---|---|---|\n| w | 0.2 | 0.0007 | 0.1 |"
    )
    for name in ("xor", "classification-bce", "deep-sigmoid"):
        check_handout(load_config(ASSETS / f"{name}.toml"))


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


def table_rows(key: str) -> list[list[list[str]]]:
    """Each markdown table of ``key``: its rows (the header first, the rule left out), each row its cells."""
    tables: list[list[list[str]]] = []
    inside = False
    for line in key.splitlines():
        if not line.startswith("|"):
            inside = False
            continue
        if not inside:
            tables.append([])
            inside = True
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not all(set(cell) <= set("-:") for cell in cells):
            tables[-1].append(cells)
    return tables


@pytest.mark.parametrize("name", ["default", "classifier-2-3-3", "xor"])
def test_a_bias_rows_step_is_headed_by_a_gradient_of_a_bias(name: str) -> None:
    """FINDINGS-11 #11: the update table headed its step column η·∂E/∂w for the bias rows too."""
    config = load_config(ASSETS / f"{name}.toml")
    key = answer_key(config, train_step(config))
    updates = [t for t in table_rows(key) if t[0][0] == "parameter" and any("η·∂" in cell for cell in t[0])]
    assert updates
    for header, *rows in updates:
        biases = [row for row in rows if row[0].startswith("b")]
        assert biases and any(row[0].startswith("w") for row in rows)
        for cell in header:
            if "∂" in cell:  # a gradient's or a step's column names what a bias row holds, and a weight row
                assert "/∂b" in cell and "/∂w" in cell, cell


@pytest.mark.parametrize("path", sorted(ASSETS.glob("*.toml")), ids=lambda p: p.stem)
def test_the_symbols_say_what_ln_is_where_the_loss_uses_it(path: Path) -> None:
    """FINDINGS-11 #11: the softmax key's Symbols did not define ln, which its cross-entropy uses; the words are the
    video's (one home, ``nnmath.notation.LN_MEANING``)."""
    config = load_config(path)
    key = answer_key(config, train_step(config))
    symbols = key[key.index("### Symbols") : key.index("### Weights")]
    uses_ln = " ln" in key[: key.index("### Symbols")]  # the loss, as the network's list writes it
    assert (LN_MEANING in symbols) == uses_ln, (path.stem, uses_ln)
    assert uses_ln == (config.loss in ("cross_entropy", "binary_cross_entropy")), config.loss


@pytest.mark.parametrize("path", sorted(ASSETS.glob("*.toml")), ids=lambda p: p.stem)
def test_no_cell_escapes_a_pipe(path: Path) -> None:
    """FINDINGS-11 #11: "mean \\|δ\\|" showed its backslashes in a plain-text viewer: no backslash in the key."""
    config = load_config(path)
    key = answer_key(config, train_step(config))
    assert "\\" not in key, [line for line in key.splitlines() if "\\" in line]
    assert all(len(row) == len(table[0]) for table in table_rows(key) for row in table)  # no stray | in a cell
