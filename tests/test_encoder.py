"""The clip encoder: a held frame converted once gives manim's own bytes; the step scenes use it."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
from manim import tempconfig
from manim.scene.scene_file_writer import _PartialMovieEncodeJob

from scenes.forward_pass import ForwardPass
from scenes.stage.encoder import CODEC, OPTIONS, PIX_FMT, ClipWriter, _HeldFrameEncodeJob


def _encode(job_class: type[_PartialMovieEncodeJob], path: Path, frames: list[tuple[int, np.ndarray]]) -> bytes:
    container = av.open(str(path), mode="w")
    stream = container.add_stream(CODEC, rate=15, options=OPTIONS)
    stream.pix_fmt, stream.width, stream.height = PIX_FMT, 64, 48
    job = job_class(path=path, animation_index=0, container=container, stream=stream, frame_queue_size=0)
    for held, frame in frames:
        job.put(held, frame)
    job.seal()
    job.join()
    return path.read_bytes()


def test_a_held_frame_converted_once_encodes_to_the_same_bytes(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    frames = [(held, rng.integers(0, 256, (48, 64, 4), dtype=np.uint8)) for held in (1, 5, 1, 12, 3)]
    ours = _encode(_HeldFrameEncodeJob, tmp_path / "ours.mp4", frames)
    manims = _encode(_PartialMovieEncodeJob, tmp_path / "manim.mp4", frames)
    assert ours == manims
    with av.open(str(tmp_path / "ours.mp4")) as video:
        assert sum(1 for _ in video.decode(video=0)) == 22


def test_the_step_scenes_write_with_the_clip_encoder() -> None:
    with tempconfig({"dry_run": True}):
        scene = ForwardPass(skip_animations=True)
    assert isinstance(scene.renderer.file_writer, ClipWriter)
