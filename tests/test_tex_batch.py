"""Formulas typeset ahead in one LaTeX run draw exactly what manim's own compile of each draws."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from manim import MathTex, TexTemplate, tempconfig

from nnmath import load_config
from nnmath.config import DEFAULT_CONFIG
from scenes.drawing.likely_tex import likely_formulas
from scenes.environment import CACHE_ENV
from scenes.stage.tex_batch import tex_file_of, typeset_ahead
from tests.test_scenes import LARGEST


@pytest.fixture
def latex_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[list[str]]]:
    """The ``latex`` commands run (by the batch or by manim), in a cache and media folder of this test's own."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    runs: list[list[str]] = []
    real_run = subprocess.run

    def counted(command: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(command, list) and command and command[0] == "latex":
            runs.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counted)
    with tempconfig({"media_dir": str(tmp_path / "media"), "verbosity": "WARNING"}):
        yield runs


def points(formula: MathTex) -> np.ndarray:
    return np.concatenate([part.points for part in formula.family_members_with_points()])


def fresh(text: str) -> str:
    """A formula never compiled before, anywhere (so neither cache can answer)."""
    return rf"\text{{{uuid.uuid4().hex[:6]}}}\,{text}"


def test_one_run_typesets_them_all_as_manim_would_each(latex_runs: list[list[str]], tmp_path: Path) -> None:
    formulas = [(fresh(r"w^{(1)}_{12}"),), ("0", fresh(r"\frac{\partial E}{\partial a^{(1)}_{1}}"))]
    formulas += [("0", fresh(f"z^{{(2)}}_{{{k}}}")) for k in range(11)]  # more than 9 pages: two-digit numbering
    assert typeset_ahead(formulas) == len(formulas)
    assert len(latex_runs) == 1
    batched = [MathTex(*formula) for formula in formulas]
    assert len(latex_runs) == 1  # every MathTex found its SVG
    assert all((tmp_path / "cache" / "tex" / tex_file_of(*f).with_suffix(".svg").name).exists() for f in formulas)

    for svg in (tmp_path / "media" / "Tex").glob("*.svg"):  # now manim's own compile of each, for comparison
        svg.unlink()
    for svg in (tmp_path / "cache" / "tex").glob("*.svg"):
        svg.unlink()
    for formula, batch in zip(formulas, batched, strict=True):
        alone = MathTex(*formula)
        assert [len(part.submobjects) for part in alone] == [len(part.submobjects) for part in batch]
        assert np.array_equal(points(alone), points(batch)), formula
    assert len(latex_runs) == 1 + len(formulas)


def test_formulas_compiled_already_run_no_latex(latex_runs: list[list[str]]) -> None:
    formulas = [(fresh("a"),), (fresh("b"),)]
    assert typeset_ahead(formulas[:1]) == 1
    assert typeset_ahead(formulas) == 1  # only the new one
    assert typeset_ahead(formulas) == 0
    assert len(latex_runs) == 2


def test_a_batch_latex_cannot_typeset_leaves_each_to_compile_alone(latex_runs: list[list[str]]) -> None:
    good, bad = (fresh("x"),), (fresh(r"\notamacro"),)
    assert typeset_ahead([good, bad]) == 0
    assert not tex_file_of(*good).with_suffix(".svg").exists()
    MathTex(*good)  # compiles alone, as before
    assert tex_file_of(*good).with_suffix(".svg").exists() and len(latex_runs) == 2


def test_a_template_the_batch_does_not_know_is_left_alone(latex_runs: list[list[str]]) -> None:
    with tempconfig({"tex_template": TexTemplate(tex_compiler="xelatex", output_format=".xdv")}):
        assert typeset_ahead([(fresh("y"),)]) == 0
    assert latex_runs == []


@pytest.mark.parametrize("network", ["default", "largest"])
def test_every_likely_formula_typesets(latex_runs: list[list[str]], tmp_path: Path, network: str) -> None:
    """The names a scene gives before it starts are valid LaTeX, typeset in one run: the digits, the diagram's
    labels and every neuron's symbols."""
    path = DEFAULT_CONFIG
    if network == "largest":
        path = tmp_path / "largest.toml"
        path.write_text(LARGEST)
    config = load_config(path)
    formulas = likely_formulas(config)
    assert ("7",) in formulas and (r"\hat y_{1}",) in formulas
    assert ("0", rf"\delta^{{({len(config.layers) - 1})}}_{{{config.layers[-1]}}}") in formulas
    assert typeset_ahead(formulas) == len(formulas)
    assert len(latex_runs) == 1
