"""Poster frames: the still that shows the most of a clip, saved as PNG (decoded with PyAV)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from scenes.pipeline.probe import fraction, probe
from scenes.pipeline.publish import atomic_file


def poster(video: Path, out_png: Path, at: float = 0.5) -> None:
    """Save as PNG the first decoded frame at or after fraction ``at`` of ``video``'s duration (1.0: the last frame)."""
    if not 0.0 <= at <= 1.0:
        raise ValueError(f"poster position must be within [0, 1], got {at}")
    video, out_png = Path(video), Path(out_png)
    info = probe(video)
    target = Fraction(at).limit_denominator(1_000_000) * info.frames / info.fps
    chosen = None
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        time_base, start = fraction(stream.time_base), None
        for frame in container.decode(stream):
            chosen = frame
            if frame.pts is None:
                continue
            start = frame.pts if start is None else start  # frames come out in presentation order
            if (frame.pts - start) * time_base >= target:
                break
        if chosen is None:
            raise ValueError(f"{video.name} has no decodable frame")
        image = chosen.to_image()  # type: ignore[no-untyped-call]
    with atomic_file(out_png) as tmp:
        image.save(tmp, format="PNG")


def fullest_frame(video: Path, start: float = 0.3, end: float = 0.95, samples: int = 24) -> float:
    """The fraction of ``video`` (within [start, end]) whose frame shows the most: a poster candidate.

    "Most" counts the pixels that differ from the background (the colour of the frame's corners), so
    a frame between two sub-steps loses to one with everything shown; only still frames (the same as
    the frame before: a pause, not the middle of an animation) are candidates, if there are any.
    """
    info = probe(video)
    duration = float(info.frames / info.fps)
    wanted = [start + (end - start) * k / max(samples - 1, 1) for k in range(samples)]
    best, best_score = wanted[0], (False, -1.0)
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        time_base, first, previous = fraction(stream.time_base), None, None
        for frame in container.decode(stream):
            if frame.pts is None:
                continue
            first = frame.pts if first is None else first
            when = float((frame.pts - first) * time_base) / duration
            if not wanted or when < wanted[0]:
                previous = frame
                continue
            while wanted and when >= wanted[0]:
                wanted.pop(0)
            pixels = frame.to_ndarray(format="rgb24").astype(np.int16)
            # still: hardly a pixel changed since the frame before (codec noise aside)
            changed = np.abs(pixels - previous.to_ndarray(format="rgb24")).sum(axis=2) > 30 if previous else None
            still = changed is not None and float(changed.mean()) < 0.0002
            corners = np.concatenate([pixels[:4, :4].reshape(-1, 3), pixels[-4:, -4:].reshape(-1, 3)])
            background = np.median(corners, axis=0)
            score = (bool(still), float(np.mean(np.abs(pixels - background).sum(axis=2) > 60)))
            if score > best_score:
                best, best_score = when, score
            previous = frame
            if not wanted:
                break
    return min(best, 1.0)
