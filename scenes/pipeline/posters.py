"""Poster frames: the still that shows the most of a clip, saved as PNG (decoded with PyAV).

Each search decodes once, from the keyframe before the part it looks at (a clip starts a keyframe at every
animation), and saves the frame it chose rather than decoding again to find it.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from av.container import InputContainer
from av.video.frame import VideoFrame
from av.video.stream import VideoStream

from scenes.pipeline.probe import fraction, probe
from scenes.pipeline.publish import atomic_file


def save_fullest_frame(video: Path, out_png: Path, start: float = 0.3, end: float = 0.95) -> float:
    """Save as PNG the frame of ``video`` (within fractions [start, end] of it) that shows the most: a poster;
    returns its position (a fraction of the duration). "Most" counts the pixels that differ from the background
    (the colour of the frame's corners), so a frame between two sub-steps loses to one with everything shown; only
    still frames (the same as the frame before: a pause, not the middle of an animation) are candidates, if there
    are any."""
    with av.open(str(video)) as container:
        at, frame = _fullest(container, probe(video).duration, start, end)
        _save(frame, Path(out_png))
    return at


def _fullest(
    container: InputContainer, duration: float, start: float, end: float, samples: int = 24
) -> tuple[float, VideoFrame]:
    """``save_fullest_frame``'s search: the chosen position and its decoded frame."""
    wanted = [start + (end - start) * k / max(samples - 1, 1) for k in range(samples)]
    best: tuple[float, VideoFrame] | None = None
    best_score = (False, -1.0)
    previous: VideoFrame | None = None
    for time, frame in _frames_from(container, container.streams.video[0], Fraction(wanted[0] * duration)):
        when = float(time) / duration
        if not wanted or when < wanted[0]:
            previous = frame
            continue
        while wanted and when >= wanted[0]:
            wanted.pop(0)
        pixels = frame.to_ndarray(format="rgb24")
        # still: hardly a pixel changed since the frame before (codec noise aside)
        if previous is not None:
            changed = _channel_sum(np.abs(pixels.astype(np.int16) - previous.to_ndarray(format="rgb24"))) > 30
        still = previous is not None and float(changed.mean()) < 0.0002
        corners = np.concatenate([pixels[:4, :4].reshape(-1, 3), pixels[-4:, -4:].reshape(-1, 3)])
        background = np.median(corners, axis=0).astype(np.float32)
        score = (still, float(np.mean(_channel_sum(np.abs(pixels.astype(np.float32) - background)) > 60)))
        if score > best_score:
            best, best_score = (min(when, 1.0), frame), score
        previous = frame
        if not wanted:
            break
    if best is None:
        raise ValueError("the video has no decodable frame in the poster's span")
    return best


def _frames_from(
    container: InputContainer, stream: VideoStream, seconds: Fraction
) -> Iterator[tuple[Fraction, VideoFrame]]:
    """The decoded frames of ``stream`` with their time from its start, from the keyframe before ``seconds`` on
    (from the first frame if the seek overshoots, as a demuxer without an index may)."""
    time_base = fraction(stream.time_base)
    origin = stream.start_time or 0
    stream.thread_type = "AUTO"  # decode with the cores the clips still rendering leave free
    offset = origin + int(seconds / time_base) - 1  # a frame before it too, for the still test
    if offset > origin:
        container.seek(offset, stream=stream, backward=True)
        frames = _decoded(container, stream, origin, time_base)
        first = next(frames, None)
        if first is not None and first[0] <= seconds:
            yield first
            yield from frames
            return
        container.seek(origin, stream=stream, backward=True)
    yield from _decoded(container, stream, origin, time_base)


def _decoded(
    container: InputContainer, stream: VideoStream, origin: int, time_base: Fraction
) -> Iterator[tuple[Fraction, VideoFrame]]:
    for frame in container.decode(stream):
        if frame.pts is not None:
            yield (frame.pts - origin) * time_base, frame


def _channel_sum(pixels: np.ndarray) -> np.ndarray:
    """R + G + B of each pixel (adding the planes is several times faster than ``sum(axis=2)``)."""
    return pixels[..., 0] + pixels[..., 1] + pixels[..., 2]


def _save(frame: VideoFrame, out_png: Path) -> None:
    image = frame.to_image()  # type: ignore[no-untyped-call]
    with atomic_file(out_png) as tmp:
        image.save(tmp, format="PNG")
