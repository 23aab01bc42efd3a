"""The answer key is a student's handout and agrees with the screen: "=" only ever stands before a result its shown
(rounded) numbers give by hand, "≈" where they give another (lecturer review 12: the key still wrote
"0.0147 + 0.0089 + 0.0100 = 0.0335" and "δ⁽²⁾₂ = … = −0.6093" where the video writes "≈").

Every relation the key writes is read off its text, as a student reads it: a worked row ("expression = result" in a
line or a table's cell) and a table's result beside the cells it is worked from (z beside Σ w·a + b, a loss term's
value beside the term, δ = ∂E/∂a · f′(z), a gradient δ · a, a new weight old − step). Each is worked out by hand
with ``nnmath.by_hand`` (the reader the scenes use) from the numbers as the key writes them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from nnmath import load_config
from nnmath.answer_key import answer_key_of
from nnmath.by_hand import Reading, reading
from nnmath.config import DEFAULT_CONFIG

SHIPPED = sorted(DEFAULT_CONFIG.parent.glob("*.toml"))
LARGEST = Path("/work/largest.toml")
NUMBER = r"[−-]?\d+(?:\.\d+)?(?:×10[⁻⁰-⁹]+)?"
RESULT = re.compile(rf"^\s*\**({NUMBER})(?!\s*(?:[+−·×/(\d]|-\s|ln\b|e\^))")  # a lone number: not an expression's first
RELATION = re.compile(r"\s(=|≈)\s")

Found = tuple[str, str, str, Reading]  # expression, relation, result, what working it by hand finds


def explicit(text: str) -> Iterator[Found]:
    """Every "expression = result" (or ≈) ``text`` writes, the result a lone number."""
    parts = RELATION.split(text)
    for k in range(2, len(parts), 2):
        result = RESULT.match(parts[k])
        if result is not None:
            expression = re.split(r"[.,:;]\s", parts[k - 2])[-1]  # after the sentence's or clause's start
            yield expression, parts[k - 1], result.group(1), reading([expression, "=", result.group(1)])


def beside(expression: str, cell: str) -> Found:
    """A table's result ``cell`` ("z⁽²⁾₂ ≈ 0.3867†", "≈ 0.9399", "0.1388") worked from ``expression``."""
    result = re.findall(NUMBER, cell.replace("**", ""))[-1]
    return expression, "≈" if "≈" in cell else "=", result, reading([expression, "=", result])


def factor(cell: str) -> str:
    """A cell's last number as a factor (its result, when it is a worked row)."""
    number = re.findall(NUMBER, cell)[-1]
    return f"({number})" if number.startswith(("−", "-")) else number


TABLES = {  # a table's header: how a row's result cell is worked from its other cells (cells from 0, the name's)
    "| neuron | z = Σ w·a + b | z | a = f(z) |": lambda c: (c[1], c[2]),
    "| output | ŷ | y | term | value |": lambda c: (c[3], c[4]),
    "| neuron | ∂E/∂a = ∂E/∂ŷ | f′(z) | δ = ∂E/∂a · f′(z) |": lambda c: (f"{factor(c[1])} · {factor(c[2])}", c[3]),
    "| neuron | ∂E/∂a = Σₖ wₖⱼ δₖ | f′(z) | δ = ∂E/∂a · f′(z) |": lambda c: (f"{factor(c[1])} · {factor(c[2])}", c[3]),
    "| parameter | δ | a | gradient |": lambda c: (f"{factor(c[1])} · {factor(c[2])}", c[3]),
    "| parameter | old | η·∂E/∂w or η·∂E/∂b | new |": lambda c: (f"{c[1]} − {factor(c[2])}", c[3]),
    "| parameter | old | ∂Ē/∂w or ∂Ē/∂b (mean) | η·∂Ē/∂w or η·∂Ē/∂b | new |": lambda c: (
        f"{c[1]} − {factor(c[3])}",
        c[4],
    ),
}


def relations(key: str) -> Iterator[tuple[str, Found]]:
    """Every relation of ``key`` with a number after it: (its line, what it is)."""
    header = ""
    for line in key.replace(" × 10", "×10").splitlines():  # the epilogue's m × 10ⁿ: one number
        if not line.startswith("|"):
            header = ""
            yield from ((line, found) for found in explicit(line))
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if not header or set(line) <= set("|-: "):  # the header; the line under it
            header = header or line
            continue
        for cell in cells:
            yield from ((line, found) for found in explicit(cell))
        if header in TABLES and all(re.search(r"\d", cell) for cell in cells[1:]):  # (not an input's, a bias's)
            yield line, beside(*TABLES[header](cells))


def wrong(key: str) -> list[str]:
    """The relations of ``key`` that say what their shown numbers do not: "=" before a result they do not give (or
    one from what cannot be worked by hand), "≈" before one they give."""
    out = []
    for line, (expression, relation, result, found) in relations(key):
        # a number beside an operator: arithmetic the reader could not work (not prose: "after 100 updates E = …")
        unread = found is Reading.UNREAD and re.search(rf"{NUMBER}\)?\s*[+−·×/]|[+−·×/]\s*\(?{NUMBER}", expression)
        if (relation == "=" and (found is Reading.DIFFERS or unread)) or (relation == "≈" and found is Reading.GIVES):
            out.append(f"{expression.strip()} {relation} {result} ({found.value}) in: {line}")
    return out


def key_text(path: Path) -> str:
    with np.errstate(all="ignore"):
        return answer_key_of(load_config(path))


@pytest.mark.parametrize("path", [*SHIPPED, LARGEST], ids=lambda p: p.stem)
def test_every_equals_in_the_key_is_what_its_shown_numbers_give(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    key = key_text(path)
    assert not wrong(key), "\n".join(wrong(key))
    assert any(True for _ in relations(key))  # (the key's relations are found at all)


def test_the_softmax_key_writes_approximately_where_the_video_does() -> None:
    """The rows lecturer review 12 found, now as the screen writes them."""
    key = key_text(DEFAULT_CONFIG.parent / "classifier-2-3-3.toml")
    assert "0.0147 + 0.0089 + 0.0100 ≈ 0.0335" in key
    assert "δ⁽²⁾₂ = 0.0000·(−0.1312) + (−2.5598)·0.2380 + 0.0000·(−0.1068) ≈ −0.6093" in key
    assert "- ∂E/∂ŷ₂ = −1.0000 / 0.3907 ≈ −2.5598" in key
    assert "| −1.0000 ln 0.3907 | ≈ 0.9399 |" in key  # E's one term: 0.9398 by hand
    assert "z⁽²⁾₂ ≈ 0.3867" in key


def test_the_xor_key_writes_approximately_before_its_error() -> None:
    key = key_text(DEFAULT_CONFIG.parent / "xor.toml")
    assert "| −[1.0000 ln 0.4564 + (1 − 1.0000) ln(1 − 0.4564)] | ≈ 0.7843" in key  # 0.7844 by hand
    assert "- ∂E/∂ŷ₁ = (0.4564 − 1.0000) / (0.4564 (1 − 0.4564)) ≈ −2.1909" in key


def test_the_check_finds_a_false_equals() -> None:
    """The check itself: a key that writes "=" where its numbers give another result fails it."""
    assert wrong("Summed over all 9 paths: 0.0147 + 0.0089 + 0.0100 = 0.0335 = ∂E/∂w.")
    assert not wrong("Summed over all 9 paths: 0.0147 + 0.0089 + 0.0100 ≈ 0.0335 = ∂E/∂w.")
    assert wrong(
        "| output | ŷ | y | term | value |\n|---|---|---|---|---|\n| 2 | 0.3907 | 1.0000 | −1.0000 ln 0.3907 | 0.9399 |"
    )
    assert wrong("- ∂E/∂w = 0.2000 − η · 0.0013 = 0.1993")  # a name among the numbers: not worked by hand
    assert wrong("E = 0.5 + 0.25 ≈ 0.75")  # "≈" where the numbers give it
