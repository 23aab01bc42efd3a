"""A label's free places: the grid's centres clear of the plot's points, found as every centre against every point."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.drawing.label_search import CLEAR_OF_LINES, GRID, LABEL_REGION, clear_of


def every_centre_against_every_point(xs: np.ndarray, ys: np.ndarray, points: np.ndarray, w: float, h: float):
    """The test as written first: each centre of ``np.meshgrid(xs, ys)`` against each point."""
    cx, cy = (a.ravel() for a in np.meshgrid(xs, ys))
    ok = np.ones(len(cx), dtype=bool)
    for chunk in np.array_split(points, max(len(points) // 400, 1)):
        inside = (np.abs(cx[:, None] - chunk[None, :, 0]) < w) & (np.abs(cy[:, None] - chunk[None, :, 1]) < h)
        ok &= ~inside.any(axis=1)
    return ok


@pytest.mark.parametrize("seed", range(5))
def test_the_free_centres_are_those_clear_of_every_point(seed: int) -> None:
    rng = np.random.default_rng(seed)
    left, bottom, right, top = LABEL_REGION
    half_w, half_h = rng.uniform(0.2, 1.5), rng.uniform(0.1, 0.4)
    xs = np.arange(left + half_w, right - half_w, GRID)
    ys = np.arange(bottom + half_h, top - half_h, GRID)
    # Curves sampled as the plots sample them, and points exactly on the grid's lines (ties of the "<" test).
    points = np.vstack(
        [rng.uniform([left, bottom], [right, top], (1500, 2)), np.stack([xs[::7], ys[: len(xs[::7])]], 1)]
    )
    w, h = half_w + CLEAR_OF_LINES, half_h + CLEAR_OF_LINES
    for some in (points, points[:3], points[:0]):
        found = clear_of(xs, ys, some, w, h)
        assert found.dtype == bool and np.array_equal(found, every_centre_against_every_point(xs, ys, some, w, h))
    assert 0 < clear_of(xs, ys, points[:40], w, h).sum() < len(xs) * len(ys)  # some free, some taken
