"""The colour map of a network's output over its input plane: one image, coloured once per distinct map."""

from __future__ import annotations

import numpy as np
import pytest
from manim import ImageMobject, ManimColor

from scenes.drawing.heatmap import STRENGTH, _pixels, class_map_pixels, heatmap_image, heatmap_pixels
from scenes.drawing.theme import DARK, LIGHT


def _hex(pixel: np.ndarray) -> str:
    return ManimColor(tuple(int(c) for c in pixel[:3])).to_hex().upper()


def test_undecided_is_the_background_and_the_classes_lean_to_their_colours() -> None:
    values = np.array([[0.5, 0.0], [1.0, 0.75]])
    pixels = heatmap_pixels(values, DARK)
    assert pixels.shape == (2, 2, 4) and pixels.dtype == np.uint8 and (pixels[..., 3] == 255).all()
    assert _hex(pixels[0, 0]) == DARK.background.upper()
    back, low, high = (
        np.array(ManimColor(c).to_rgb()) * 255 for c in (DARK.background, DARK.of_class(0), DARK.of_class(1))
    )
    np.testing.assert_allclose(pixels[0, 1, :3], back + (low - back) * STRENGTH, atol=1)
    np.testing.assert_allclose(pixels[1, 0, :3], back + (high - back) * STRENGTH, atol=1)
    np.testing.assert_allclose(pixels[1, 1, :3], back + (high - back) * STRENGTH / 2, atol=1)
    assert _hex(heatmap_pixels(np.full((1, 1), 0.5), LIGHT)[0, 0]) == LIGHT.background.upper()


def test_a_map_already_coloured_is_not_coloured_again() -> None:
    _pixels.cache_clear()
    grid = np.linspace(0, 1, 40 * 30).reshape(30, 40)
    first = heatmap_pixels(grid, DARK)
    again = heatmap_pixels(grid.copy(), DARK)
    assert again is first and _pixels.cache_info().hits == 1
    assert heatmap_pixels(grid[::-1], DARK) is not first


def test_the_image_is_one_mobject_of_the_asked_height() -> None:
    image = heatmap_image(np.random.default_rng(0).random((24, 32)), LIGHT, height=3.0)
    assert isinstance(image, ImageMobject)
    assert image.height == pytest.approx(3.0) and image.width == pytest.approx(3.0 * 32 / 24)
    assert image.pixel_array.shape == (24, 32, 4)


def test_not_a_grid_is_refused() -> None:
    with pytest.raises(ValueError, match="2-D"):
        heatmap_pixels(np.zeros(5), DARK)


def test_a_class_map_leans_towards_the_class_the_outputs_favour() -> None:
    """One output per class: a cell takes the colour of the class with the largest ŷ, as far from the background
    as ŷ is sure (the background where every class is as likely); two classes agree with the one-output map."""
    probabilities = np.array([[[1.0, 0.0, 0.0], [0.1, 0.8, 0.1], [1 / 3, 1 / 3, 1 / 3]]])
    pixels = class_map_pixels(probabilities, DARK)
    back = np.array(ManimColor(DARK.background).to_rgb())
    for column, (c, sureness) in enumerate(((0, 1.0), (1, 0.7), (None, 0.0))):
        towards = np.array(ManimColor(DARK.of_class(c if c is not None else 0)).to_rgb())
        expected = np.round((back + (towards - back) * sureness * STRENGTH) * 255)
        assert np.allclose(pixels[0, column, :3], expected, atol=1), column
    two = np.array([[[0.9, 0.1], [0.25, 0.75]]])
    assert np.allclose(class_map_pixels(two, LIGHT), heatmap_pixels(two[:, :, 1], LIGHT), atol=1)
    with pytest.raises(ValueError, match="class map"):
        class_map_pixels(np.ones((2, 2, 1)), DARK)
