"""A mobject's copy made with less work: the same copy manim's makes, without asking Python's ``deepcopy`` to copy
what cannot change.

manim copies a mobject (each Transform, FadeIn, ``copy()`` and ``generate_target`` does) by deep-copying every
attribute of it and of every member of its family: about 35 attributes each, most of them numbers, strings, flags
and colours. ``deepcopy`` copies an atomic value by handing it back, but through a dispatch per value, which was a
quarter of the time of constructing a step (benchmarks/README.md). Here an atomic value or a colour (a
``ManimColor`` is never changed in place: manim makes a new one, and itself shares one colour's numbers between
colours) is shared at once, an array copied at once (once per copy, as ``deepcopy``'s memo does), and anything else
goes to ``deepcopy`` as before: the same copy, element for element.
"""

from __future__ import annotations

import copy
import enum
from typing import Any

import numpy as np
from manim import ManimColor, Mobject

_MANIMS_DEEPCOPY = Mobject.__deepcopy__
# Values a copy can share: nothing changes them in place.
_SHARED = (int, float, bool, str, bytes, type(None), complex, np.floating, np.integer, np.bool_, enum.Enum, ManimColor)
_SHARED_TYPES = frozenset((int, float, bool, str, type(None), np.float64, ManimColor))  # the most met, looked up


def _light_deepcopy(self: Mobject, memo: dict[int, Any]) -> Mobject:
    """As ``Mobject.__deepcopy__``: a new object of the same class, each attribute a deep copy of this one's."""
    result = self.__class__.__new__(self.__class__)
    memo[id(self)] = result
    kept: list[Any] = memo.setdefault(id(memo), [])  # as deepcopy: what the memo names by id stays alive
    for name, value in self.__dict__.items():
        if type(value) in _SHARED_TYPES or isinstance(value, _SHARED):
            result.__dict__[name] = value
        elif type(value) is np.ndarray:
            done = memo.get(id(value))
            if done is None:
                done = memo[id(value)] = value.copy()
                kept.append(value)
            result.__dict__[name] = done
        else:
            result.__dict__[name] = copy.deepcopy(value, memo)
    result.original_id = str(id(self))
    return result


def copy_mobjects_lightly() -> None:
    """Make every mobject's deep copy the light one (idempotent)."""
    Mobject.__deepcopy__ = _light_deepcopy  # type: ignore[method-assign, assignment]


def copy_mobjects_as_manim_does() -> None:
    """manim's own deep copy again (for a test comparing the two)."""
    Mobject.__deepcopy__ = _MANIMS_DEEPCOPY  # type: ignore[method-assign]
