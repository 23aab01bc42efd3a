"""Tiny synthetic clips for the pipeline's tests, encoded with PyAV (no manim), and ways to look inside them."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

RED, GREEN, BLUE = (220, 30, 30), (30, 200, 30), (30, 30, 220)
COUNTS = (10, 7, 12)  # frames of the red, green and blue clips
FPS = 15


def encode_frames(
    path: Path, images: list[np.ndarray], fps: int = FPS, codec: str = "libx264", pix_fmt: str = "yuv420p"
) -> Path:
    """A clip of the given RGB frames (libx264: B-frames on, as Manim's clips have)."""
    height, width = images[0].shape[:2]
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
        for image in images:
            container.mux(stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")))
        container.mux(stream.encode())
    return path


def make_clip(
    path: Path,
    color: tuple[int, int, int],
    frames: int = 10,
    size: tuple[int, int] = (64, 48),
    fps: int = FPS,
    codec: str = "libx264",
    pix_fmt: str = "yuv420p",
) -> Path:
    """Encode ``frames`` frames of solid ``color``."""
    width, height = size
    image = np.empty((height, width, 3), np.uint8)
    image[:] = color
    return encode_frames(path, [image] * frames, fps, codec, pix_fmt)


def rgb_clips(folder: Path) -> list[Path]:
    """Red, green and blue clips of COUNTS frames."""
    return [
        make_clip(folder / f"{name}.mp4", color, n)
        for name, color, n in zip(("Red", "Green", "Blue"), (RED, GREEN, BLUE), COUNTS, strict=True)
    ]


def decoded(path: Path) -> list[tuple[float, np.ndarray]]:
    """(time in seconds, RGB array) of every frame, in presentation order."""
    with av.open(str(path)) as container:
        return [(float(f.time), f.to_ndarray(format="rgb24")) for f in container.decode(video=0)]


def packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as container:
        return [bytes(p) for p in container.demux(video=0) if p.size]


def assert_colour(image: np.ndarray, expected: tuple[int, int, int]) -> None:
    mean = image.reshape(-1, 3).mean(axis=0)
    assert np.abs(mean - expected).max() < 12, (mean, expected)


def leftovers(directory: Path) -> list[str]:
    """The temporary ``.part`` files left in ``directory``."""
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".part"))


def sound(video: Path, rate: int) -> np.ndarray:
    """The decoded voice track of ``video`` (mono, ``rate``), after checking it is one AAC stream at that rate."""
    with av.open(str(video)) as container:
        assert len(container.streams.audio) == 1, video
        stream = container.streams.audio[0]
        assert (stream.codec_context.name, stream.rate, stream.channels) == ("aac", rate, 1), video
        return np.concatenate([frame.to_ndarray().reshape(-1) for frame in container.decode(stream)])


def rms(samples: np.ndarray, rate: int, start: float, end: float) -> float:
    """The root mean square of ``samples`` (at ``rate``) from ``start`` to ``end`` seconds (0 if none)."""
    part = samples[round(start * rate) : round(end * rate)]
    return float(np.sqrt(np.mean(part**2))) if len(part) else 0.0


def has_sound(video: Path) -> bool:
    with av.open(str(video)) as container:
        return bool(container.streams.audio)
