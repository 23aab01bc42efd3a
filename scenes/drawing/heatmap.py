"""A colour map of values over a plane (a network's output over its input plane) as one image, not many squares.

One array per frame becomes one ``ImageMobject``: drawing it costs one image, however many cells it has. The
pixels of a map already made are kept (keyed by the values' bytes), so a frame that repeats a map, or a scene
that shows it again, colours nothing twice.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from manim import ImageMobject, ManimColor

from scenes.drawing.theme import Color, Theme

STRENGTH = 0.55  # how far a cell's colour goes from the background towards its class's colour, at 0 or 1


def _rgb(color: Color) -> np.ndarray:
    return np.array(ManimColor(color).to_rgb(), dtype=np.float32)


@lru_cache(maxsize=256)
def _pixels(data: bytes, shape: tuple[int, int], background: str, low: str, high: str) -> np.ndarray:
    values = np.clip(np.frombuffer(data, dtype=np.float64).reshape(shape), 0.0, 1.0)[..., None]
    back, towards_low, towards_high = _rgb(background), _rgb(low), _rgb(high)
    # 0.5 is the background (undecided); towards 0 the low colour, towards 1 the high one.
    weight = np.abs(values - 0.5) * 2 * STRENGTH
    target = np.where(values < 0.5, towards_low, towards_high)
    rgb = back + (target - back) * weight
    rgba = np.concatenate([rgb, np.ones_like(values)], axis=-1)
    pixels = np.round(rgba * 255).astype(np.uint8)
    pixels.flags.writeable = False  # shared between calls
    return pixels


def heatmap_pixels(values: np.ndarray, theme: Theme, low: Color | None = None, high: Color | None = None) -> np.ndarray:
    """RGBA pixels (rows top to bottom) for ``values`` in [0, 1] (clipped): the theme's background at 0.5,
    ``low`` (default class 0's colour) towards 0 and ``high`` (default class 1's) towards 1."""
    grid = np.ascontiguousarray(values, dtype=np.float64)
    if grid.ndim != 2 or not grid.size:
        raise ValueError(f"a heatmap needs a non-empty 2-D array of values, not shape {grid.shape}")
    low_hex = ManimColor(low if low is not None else theme.of_class(0)).to_hex()
    high_hex = ManimColor(high if high is not None else theme.of_class(1)).to_hex()
    return _pixels(grid.tobytes(), (grid.shape[0], grid.shape[1]), theme.background, low_hex, high_hex)


@lru_cache(maxsize=256)
def _class_pixels(data: bytes, shape: tuple[int, int, int], background: str, colors: tuple[str, ...]) -> np.ndarray:
    probabilities = np.clip(np.frombuffer(data, dtype=np.float64).reshape(shape), 0.0, 1.0)
    k = shape[2]
    back, towards = _rgb(background), np.array([_rgb(c) for c in colors], dtype=np.float32)
    # The class ŷ favours, as far from the background as its ŷ is above an even share (1/k): undecided = background.
    favoured = np.argmax(probabilities, axis=-1)
    weight = (np.max(probabilities, axis=-1, keepdims=True) - 1 / k) / (1 - 1 / k) * STRENGTH
    rgb = back + (towards[favoured] - back) * weight
    rgba = np.concatenate([rgb, np.ones_like(weight)], axis=-1)
    pixels = np.round(rgba * 255).astype(np.uint8)
    pixels.flags.writeable = False  # shared between calls
    return pixels


def class_map_pixels(probabilities: np.ndarray, theme: Theme) -> np.ndarray:
    """RGBA pixels (rows top to bottom) for a network with one output per class (``probabilities``: rows, columns,
    classes): each cell leans towards the colour of the class its ŷ favours, the more the surer it is (the theme's
    background where every class is as likely). With two classes it is ``heatmap_pixels`` of class 1's ŷ."""
    grid = np.ascontiguousarray(probabilities, dtype=np.float64)
    if grid.ndim != 3 or grid.shape[2] < 2 or not grid.size:
        raise ValueError(f"a class map needs rows × columns × (2 or more) classes, not shape {grid.shape}")
    rows, columns, k = grid.shape
    colors = tuple(ManimColor(theme.of_class(c)).to_hex() for c in range(k))
    return _class_pixels(grid.tobytes(), (rows, columns, k), theme.background, colors)


def class_map_image(probabilities: np.ndarray, theme: Theme, height: float = 2.0) -> ImageMobject:
    """``probabilities`` (row 0 at the top) as an image ``height`` scene units tall, coloured by
    ``class_map_pixels``."""
    image = ImageMobject(np.array(class_map_pixels(probabilities, theme)))
    image.height = height
    return image


def heatmap_image(
    values: np.ndarray, theme: Theme, low: Color | None = None, high: Color | None = None, height: float = 2.0
) -> ImageMobject:
    """``values`` (row 0 at the top) as an image ``height`` scene units tall, coloured by ``heatmap_pixels``."""
    image = ImageMobject(np.array(heatmap_pixels(values, theme, low, high)))
    image.height = height
    return image
