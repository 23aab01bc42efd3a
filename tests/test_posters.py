"""Poster frames: the still that shows the most, saved as the frame the video decodes to there."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scenes.pipeline.posters import save_fullest_frame
from tests.media import decoded, encode_frames


def test_the_poster_is_the_frame_that_shows_the_most(tmp_path: Path) -> None:
    """A dark clip whose white square grows to frame 12, then shrinks: the poster is frame 12, as decoded."""
    images = []
    for k in range(20):
        image = np.zeros((48, 64, 3), np.uint8)
        side = 4 + 2 * (12 - abs(12 - k))
        image[24 - side // 2 : 24 + side // 2, 32 - side // 2 : 32 + side // 2] = 255
        images.append(image)
    path = encode_frames(tmp_path / "grow.mp4", images)
    at = save_fullest_frame(path, tmp_path / "p.png", start=0.0, end=1.0)
    assert at == pytest.approx(12 / 20, abs=0.03)
    with Image.open(tmp_path / "p.png") as png:
        assert png.format == "PNG" and png.size == (64, 48)
        pixels = np.asarray(png.convert("RGB"))
    assert np.array_equal(pixels, [frame for _, frame in decoded(path)][12])  # the decoded frame, not a re-render


def test_the_poster_prefers_a_pause_to_the_middle_of_an_animation(tmp_path: Path) -> None:
    """Frames 0-9 hold a small square still; frames 10-19 show a bigger square that keeps moving."""
    images = []
    for k in range(20):
        image = np.zeros((48, 64, 3), np.uint8)
        if k < 10:
            image[16:32, 24:40] = 255
        else:
            image[8:40, 2 * (k - 10) : 2 * (k - 10) + 36] = 255
        images.append(image)
    path = encode_frames(tmp_path / "pause.mp4", images)
    assert save_fullest_frame(path, tmp_path / "p.png", start=0.0, end=1.0) < 0.5
