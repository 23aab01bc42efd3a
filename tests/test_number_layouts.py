"""A number showing the same glyphs at the same size as one before takes copies of that one's laid-out glyphs: the
number manim's layout makes, attribute for attribute, and as independent of the others."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from manim import tempconfig

from scenes.drawing import numbers
from scenes.drawing.numbers import TraceNumber
from scenes.stage.parsed_paths import share_parsed_paths
from tests.test_light_copies import same

VALUES = [0.5933, -0.6093, -0.00004, 2749.8083, 1.2346e7, -3.3e-9, float("inf"), float("nan"), 1 / 256]


@pytest.fixture
def fresh(tmp_path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    share_parsed_paths()  # as a scene does
    with tempconfig({"media_dir": str(tmp_path), "verbosity": "WARNING"}):
        numbers._LAYOUTS.clear()
        yield
    numbers._LAYOUTS.clear()


def made(value: float, size: float, setting: bool = False) -> TraceNumber:
    return TraceNumber(value, ("learning_rate",) if setting else ("a", 1, 0), 4, "#9F83FB", size, setting)


@pytest.mark.parametrize("size", [28.0, 33.5])
def test_a_number_laid_out_again_is_the_number_manim_lays_out(fresh: None, size: float) -> None:
    for value in VALUES:
        numbers._LAYOUTS.clear()
        first = made(value, size, setting=value == 1 / 256)  # laid out by manim, and kept
        kept = len(numbers._LAYOUTS)
        again = made(value, size, setting=value == 1 / 256)  # copies of the kept glyphs
        assert kept == len(numbers._LAYOUTS) == 1, value
        assert not [d for d in same(first, again) if d != ".number: nan vs nan"], value  # (NaN is not NaN)
        originals = [[getattr(m, "original_id", None) for m in g.get_family()] for g in (first, again)]
        assert originals[0] == originals[1]  # each glyph names manim's typeset glyph as its original, as before


def test_numbers_laid_out_alike_are_independent(fresh: None) -> None:
    first, second = made(0.5933, 28.0), made(0.5933, 28.0)
    before = [m.points.copy() for m in second.get_family()]
    first.shift(np.array([1.0, 0.0, 0.0])).set_color("#00FF00").scale(2)
    assert all(np.array_equal(m.points, p) for m, p in zip(second.get_family(), before, strict=True))
    assert not any(a.points is b.points for a, b in zip(first.get_family(), second.get_family(), strict=True))
    third = made(0.5933, 28.0)
    assert not list(same(second, third))


def test_a_new_value_is_laid_out_as_manim_lays_it_out(fresh: None) -> None:
    """``set_value`` (a number changed in place) takes the kept layout too: the same as a number made with it."""
    changing, shown = made(0.25, 30.0), made(-0.6093, 30.0)
    changing.set_value(-0.6093)
    numbers._LAYOUTS.clear()
    manims = made(0.25, 30.0)
    manims.set_value(-0.6093)
    assert not list(same(changing, manims))
    assert [g.tex_string for g in changing] == [g.tex_string for g in shown]
