"""The largest font size at which a drawing fits its room: one search for every table that picks its digits' size."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Drawn = TypeVar("Drawn")


def largest_fitting(
    sizes: Sequence[float], build: Callable[[float], Drawn], fits: Callable[[Drawn], bool]
) -> tuple[float, Drawn]:
    """The largest of ``sizes`` (largest first) whose ``build`` ``fits``, with what it built; the smallest's if
    none fits. A drawing grows with its font, so the sizes that fit are a tail of ``sizes``: the largest is tried
    first (a small network's tables fit at once), then the floor, then halves between, each size built at most
    once (a large network's table is built at most five times of eight sizes)."""
    built: dict[int, Drawn] = {}

    def fitting(index: int) -> bool:
        if index not in built:
            built[index] = build(sizes[index])
        return fits(built[index])

    last = len(sizes) - 1
    if fitting(0) or last == 0:
        return sizes[0], built[0]
    if not fitting(last):
        return sizes[last], built[last]
    too_large, fit = 0, last  # sizes[too_large] does not fit, sizes[fit] does
    while fit - too_large > 1:
        middle = (too_large + fit) // 2
        too_large, fit = (too_large, middle) if fitting(middle) else (middle, fit)
    return sizes[fit], built[fit]
