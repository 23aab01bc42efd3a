"""A mobject's light copy is manim's copy, attribute for attribute, and as independent of the original."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from manim import Circle, MathTex, Mobject, VGroup

from scenes.drawing.numbers import TraceNumber
from scenes.stage.light_copies import copy_mobjects_as_manim_does, copy_mobjects_lightly
from scenes.stage.parsed_paths import share_parsed_paths


@pytest.fixture
def light() -> Iterator[None]:
    share_parsed_paths()  # as a scene does
    copy_mobjects_lightly()
    try:
        yield
    finally:
        copy_mobjects_as_manim_does()


def a_drawing() -> VGroup:
    """Formulas, numbers and shapes, with a member drawn twice (a copy must keep it one object) and an updater."""
    ring = Circle(radius=0.4).set_stroke("#EE9904", 3)
    number = TraceNumber(-0.6093, ("delta", 1, 1), 4, "#9F83FB")
    group = VGroup(MathTex(r"\delta_2 = \hat y_2 - y_2"), number, ring, VGroup(ring))
    group.add_updater(lambda m: m)
    return group


def same(a: Any, b: Any, path: str = "") -> Iterator[str]:
    """Where ``a`` and ``b`` differ, as copies compare: the same class, the same attributes, equal values."""
    if type(a) is not type(b):
        yield f"{path}: {type(a).__name__} vs {type(b).__name__}"
    elif isinstance(a, Mobject):
        if a.__dict__.keys() != b.__dict__.keys():
            yield f"{path}: attributes {sorted(a.__dict__.keys() ^ b.__dict__.keys())}"
        for name in a.__dict__.keys() & b.__dict__.keys():
            if name != "original_id":
                yield from same(a.__dict__[name], b.__dict__[name], f"{path}.{name}")
    elif isinstance(a, np.ndarray):
        if a.shape != b.shape or not np.array_equal(a, b):
            yield f"{path}: arrays differ"
    elif isinstance(a, list | tuple):
        if len(a) != len(b):
            yield f"{path}: {len(a)} vs {len(b)} items"
        for n, (x, y) in enumerate(zip(a, b, strict=False)):
            yield from same(x, y, f"{path}[{n}]")
    elif isinstance(a, dict):
        if a.keys() != b.keys():
            yield f"{path}: keys differ"
        for key in a.keys() & b.keys():
            yield from same(a[key], b[key], f"{path}[{key!r}]")
    elif not callable(a) and a.__class__.__eq__ is not object.__eq__ and bool(np.any(a != b)):
        yield f"{path}: {a!r} vs {b!r}"


def test_a_light_copy_is_manims_copy(light: None) -> None:
    drawing = a_drawing()
    ours = drawing.copy()
    copy_mobjects_as_manim_does()
    manims = copy.deepcopy(drawing)
    assert not list(same(ours, manims))
    assert ours[3][0] is ours[2]  # a member drawn twice is one object in the copy, as in the original


def test_a_light_copy_changes_nothing_of_the_original(light: None) -> None:
    drawing = a_drawing()
    before = [m.points.copy() for m in drawing.get_family()]
    colours = [m.get_color().to_hex() for m in drawing.get_family()]
    moved = drawing.copy()
    moved.shift(np.array([1.0, 2.0, 0.0])).set_color("#00FF00").scale(2)
    moved[1].set_value(0.25)
    assert all(np.array_equal(m.points, p) for m, p in zip(drawing.get_family(), before, strict=True))
    assert [m.get_color().to_hex() for m in drawing.get_family()] == colours
    assert not any(m.points is c.points for m, c in zip(drawing.get_family(), moved.get_family(), strict=False))
