"""The search for the largest font at which a drawing fits: the size a size-by-size search finds, fewer builds."""

from __future__ import annotations

import pytest

from scenes.drawing.fitting import largest_fitting

SIZES = (46.0, 42.0, 38.0, 35.0, 33.0, 32.0, 30.0, 24.0)


@pytest.mark.parametrize("largest_that_fits", [None, *SIZES])
def test_the_largest_size_that_fits_with_what_it_built(largest_that_fits: float | None) -> None:
    """Whatever tail of the sizes fits (none, all, or any between), the first size that fits is found, with what was
    built at it; when none fits, the smallest's drawing. Each size is built at most once, at most five times in all."""
    calls: list[float] = []

    def build(size: float) -> str:
        calls.append(size)
        return f"drawn at {size}"

    def fits(drawn: str) -> bool:
        return largest_that_fits is not None and float(drawn.split()[-1]) <= largest_that_fits

    size, drawn = largest_fitting(SIZES, build, fits)
    expected = SIZES[-1] if largest_that_fits is None else largest_that_fits
    assert (size, drawn) == (expected, f"drawn at {expected}")
    assert len(calls) == len(set(calls)) <= 5, calls  # 8 sizes: the largest, the floor, then 3 halvings at most
    if largest_that_fits == SIZES[0]:
        assert calls == [SIZES[0]]  # a small table: one build


def test_one_size_is_built_once() -> None:
    assert largest_fitting((20.0,), lambda size: size * 2, lambda drawn: False) == (20.0, 40.0)
