"""Copies of a formula share its parsed SVG paths and are otherwise copies."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from manim import MathTex, tempconfig
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

from scenes.stage.parsed_paths import share_parsed_paths


def test_a_copy_shares_the_parsed_paths_and_owns_its_points(tmp_path: Path) -> None:
    share_parsed_paths()
    with tempconfig({"media_dir": str(tmp_path), "verbosity": "WARNING"}):
        formula = MathTex(r"\delta^{(2)}_1 = 0.25")
    copy = formula.copy()
    paths = [
        (a, b)
        for a, b in zip(formula.get_family(), copy.get_family(), strict=True)
        if isinstance(a, VMobjectFromSVGPath)
    ]
    assert paths
    for original, copied in paths:
        assert copied.path_obj is original.path_obj
        assert copied.points is not original.points
        assert np.array_equal(copied.points, original.points)
    before = [original.points.copy() for original, _ in paths]
    copy.shift(np.array([1.0, 0.0, 0.0]))  # moving the copy leaves the formula where it was
    assert all(np.array_equal(original.points, was) for (original, _), was in zip(paths, before, strict=True))
