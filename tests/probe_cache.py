"""Measurements of one still screen, made once (tests/scene_probe.py): while the probe reads the screen after a play
(the numbers, the layout, the glyphs, a number's place in the diagram), nothing moves, so a mobject's family walk,
its box and whether it is visible are the same every time one check after another asks.

Only inside ``still_screen()``: the memo is dropped when the block ends, so the next play's screen is measured anew
(a mobject moved, recoloured or rebuilt by the play is read again). An entry keeps its mobject alive, so its ``id``
cannot be taken by a mobject made meanwhile (a glyph typeset for comparison): the key is the ``id``, the entry also
holds the mobject and is used only if it is that very mobject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

_memo: dict[tuple[str, int], tuple[Any, Any]] | None = None
stats = {"hits": 0, "misses": 0}  # read by tests/test_probe_checks.py


@contextmanager
def still_screen() -> Iterator[None]:
    """Within the block the screen does not change: measurements are kept until it ends (nested blocks share)."""
    global _memo
    outer = _memo
    if outer is None:
        _memo = {}
    try:
        yield
    finally:
        if outer is None:
            _memo = None


def memoised(kind: str, mob: object, make: Callable[[], T]) -> T:
    """``make()``, once per ``kind`` and mobject in a still screen (always afresh outside one)."""
    if _memo is None:
        return make()
    key = (kind, id(mob))
    entry = _memo.get(key)
    if entry is not None and entry[0] is mob:
        stats["hits"] += 1
        return entry[1]  # type: ignore[no-any-return]
    stats["misses"] += 1
    value = make()
    _memo[key] = (mob, value)
    return value


def active() -> bool:
    return _memo is not None
