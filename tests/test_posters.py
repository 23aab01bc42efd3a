"""Poster frames: the frame at a point of a video, and the still that shows the most."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from scenes.pipeline.posters import fullest_frame, poster
from scenes.pipeline.stitch import stitch
from tests.media import BLUE, GREEN, RED, assert_colour, decoded, encode_frames, leftovers, rgb_clips


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return rgb_clips(tmp_path_factory.mktemp("clips"))


@pytest.fixture(scope="module")
def stitched(clips: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[np.ndarray]]:
    """The three clips stitched, with its decoded frames."""
    video = stitch(clips, tmp_path_factory.mktemp("stitched") / "video.mp4").path
    return video, [image for _, image in decoded(video)]


@pytest.mark.parametrize(
    ("at", "index", "colour"),
    [
        (0.0, 0, RED),
        (9 / 29, 9, RED),  # t = 9/15 s: exactly frame 9
        (9.5 / 29, 10, GREEN),  # between frames 9 and 10: the first frame at or after it
        (10 / 29, 10, GREEN),
        (0.5, 15, GREEN),  # t = 29/30 s
        (1.0, 28, BLUE),  # past the last frame's start: the last frame
    ],
)
def test_poster_is_the_frame_at_that_point(
    stitched: tuple[Path, list[np.ndarray]], tmp_path: Path, at: float, index: int, colour: tuple[int, int, int]
) -> None:
    video, frames = stitched
    png = tmp_path / "poster.png"
    poster(video, png, at=at)
    with Image.open(png) as image:
        assert image.format == "PNG"
        assert image.size == (64, 48)
        pixels = np.asarray(image.convert("RGB"))
    assert_colour(pixels, colour)
    assert np.array_equal(pixels, frames[index])  # the decoded frame itself, not a re-render
    assert leftovers(tmp_path) == []


def test_poster_rejects_positions_outside_the_video(clips: list[Path], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="within"):
        poster(clips[0], tmp_path / "poster.png", at=1.5)
    assert not (tmp_path / "poster.png").exists()


def test_fullest_frame_picks_the_frame_that_shows_the_most(tmp_path: Path) -> None:
    """A dark clip whose white square grows to frame 12, then shrinks: the poster is frame 12."""
    images = []
    for k in range(20):
        image = np.zeros((48, 64, 3), np.uint8)
        side = 4 + 2 * (12 - abs(12 - k))
        image[24 - side // 2 : 24 + side // 2, 32 - side // 2 : 32 + side // 2] = 255
        images.append(image)
    path = encode_frames(tmp_path / "grow.mp4", images)
    at = fullest_frame(path, start=0.0, end=1.0, samples=20)
    assert at == pytest.approx(12 / 20, abs=0.03)
    poster(path, tmp_path / "p.png", at)
    assert np.asarray(Image.open(tmp_path / "p.png"))[24, 32].mean() > 200


def test_fullest_frame_prefers_a_pause_to_the_middle_of_an_animation(tmp_path: Path) -> None:
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
    assert fullest_frame(path, start=0.0, end=1.0, samples=20) < 0.5
