"""Sizes and PSNR of the clip encoder against manim's own encoding of the same frames.

    .venv/bin/python benchmarks/quality.py [--quality l|h] [--clips ErrorCalc ...] [--config PATH] [--work DIR]
                                           [--preset slow ...]

Renders the clips once with every frame kept losslessly (x264 in RGB at qp 0, one file per animation, as manim
writes its partial movies), then encodes those frames again, animation by animation as a render does: with this
project's encoder (``scenes/stage/encoder.py``, for each ``--preset``) and with manim's (libx264, crf 23, preset
medium, yuv420p). Prints, per encoder, the bytes written, the encoding's wall time, and the PSNR of every decoded
frame against the frame drawn (RGB, 8 bits): the mean over frames, the lowest frame, and the PSNR of the whole
(from the mean squared error over all frames). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scenes import SCENE_MODULES  # noqa: E402
from scenes.pipeline.clips import CLIPS  # noqa: E402
from scenes.stage import encoder  # noqa: E402

MANIM = {"an": "1", "crf": "23"}  # manim 0.21's partial-movie options (x264's default preset, medium)
LOSSLESS = {"qp": "0", "preset": "ultrafast"}
FOLDERS = {"l": "480p15", "h": "1080p60"}


@dataclass
class Result:
    name: str
    bytes: int = 0
    seconds: float = 0.0  # CPU
    frames: int = 0
    squared: float = 0.0  # sum over frames of the mean squared error
    lowest: float = float("inf")
    psnrs: float = 0.0  # sum over frames

    def add(self, decoded: np.ndarray, drawn: np.ndarray) -> None:
        diff = (decoded.astype(np.float32) - drawn.astype(np.float32)).ravel()
        mse = float(np.dot(diff, diff)) / diff.size
        psnr = 10 * np.log10(255**2 / mse) if mse else 100.0
        self.frames, self.squared, self.psnrs = self.frames + 1, self.squared + mse, self.psnrs + psnr
        self.lowest = min(self.lowest, psnr)

    @property
    def psnr(self) -> float:
        """Of the whole: from the mean squared error over every frame."""
        return float(10 * np.log10(255**2 / (self.squared / self.frames))) if self.squared else 100.0

    def line(self) -> str:
        return (
            f"{self.name}: {self.bytes / 1e6:.2f} MB, encoded in {self.seconds:.1f} CPU s, {self.frames} frames; "
            f"PSNR mean {self.psnrs / self.frames:.2f} dB, lowest frame {self.lowest:.2f} dB, whole {self.psnr:.2f} dB"
        )


def capture(clips: Sequence[str], quality: str, media: Path, config: Path) -> None:
    """Render ``clips`` (each a manim process) with every frame written losslessly, in RGB, per animation."""
    for clip in clips:
        code = (
            "import sys; from scenes.stage import encoder; from manim.scene.scene_file_writer import "
            "_PartialMovieEncodeJob as Job; encoder.CODEC, encoder.PIX_FMT = 'libx264rgb', 'rgb24'; "
            f"encoder.OPTIONS = {LOSSLESS!r}; encoder._HeldFrameEncodeJob = Job; "
            "from manim.cli.render.commands import render; render(sys.argv[1:])"
        )
        command = [sys.executable, "-c", code, "-q", quality, "--media_dir", str(media / clip), "--progress_bar"]
        command += ["none", "-v", "WARNING", f"scenes/{SCENE_MODULES[clip]}.py", clip]
        env = {**os.environ, "BACKPROP_CONFIG": str(config), "PYTHONPATH": str(REPO)}
        subprocess.run(command, cwd=REPO, env=env, check=True)


def partial_movies(media: Path, clip: str, quality: str) -> list[Path]:
    """A clip's lossless partial movies in the order its video joins them."""
    listing = next((media / clip).rglob(f"partial_movie_files/{clip}/partial_movie_file_list.txt"))
    lines = [line for line in listing.read_text().splitlines() if line.startswith("file ")]
    return [Path(line.split("file:", 1)[1].rstrip("'")) for line in lines]


def frames(path: Path) -> Iterator[np.ndarray]:
    with av.open(str(path)) as video:
        for frame in video.decode(video=0):
            yield frame.to_ndarray(format="rgba")


def encode(job_class: Any, options: dict[str, str], source: Path, out: Path, rate: int, size: tuple[int, int]) -> float:
    """Encode ``source``'s frames with ``job_class`` (a manim encoding thread) and ``options``; the CPU seconds this
    process spent (every thread's: x264's and the decoding of ``source``), steadier than wall time on a shared
    machine."""
    start = time.process_time()
    container = av.open(str(out), mode="w")
    stream = container.add_stream("libx264", rate=rate, options=options)
    stream.pix_fmt, (stream.width, stream.height) = "yuv420p", size
    job = job_class(path=out, animation_index=0, container=container, stream=stream, frame_queue_size=8)
    # As manim: an animation of one picture throughout (a wait) is one frame given with how often it is shown.
    pictures = frames(source)
    first, shown = next(pictures), 1
    for frame in pictures:
        if shown and np.array_equal(frame, first):
            shown += 1
            continue
        for _ in range(shown):
            job.put(1, first)
        shown = 0
        job.put(1, frame)
    if shown:
        job.put(shown, first)
    job.seal()
    job.join()
    return time.process_time() - start


def measure(name: str, job_class: Any, options: dict[str, str], sources: list[Path], work: Path) -> Result:
    result = Result(name)
    with av.open(str(sources[0])) as first:
        stream = first.streams.video[0]
        rate, size = round(float(stream.average_rate or 15)), (stream.width, stream.height)
    for n, source in enumerate(sources):
        out = work / f"{name.replace(' ', '_')}-{n:04d}.mp4"
        result.seconds += encode(job_class, options, source, out, rate, size)
        result.bytes += out.stat().st_size
        for decoded, drawn in zip(frames(out), frames(source), strict=True):
            result.add(decoded[..., :3], drawn[..., :3])
        out.unlink()
    return result


def compare(clips: Sequence[str], quality: str, config: Path, work: Path, presets: Sequence[str]) -> list[Result]:
    """manim's encoding, then ours with each of ``presets``, of ``clips`` drawn at ``quality`` (kept in ``work``)."""
    media = work / f"lossless-{quality}"
    if not media.exists():
        print(f"rendering {', '.join(clips)} losslessly at {FOLDERS[quality]} …", file=sys.stderr)
        capture(clips, quality, media, config)
    sources = [movie for clip in clips for movie in partial_movies(media, clip, quality)]
    (work / "encoded").mkdir(exist_ok=True)
    results = [measure("manim (medium)", encoder._PartialMovieEncodeJob, MANIM, sources, work / "encoded")]
    print(results[-1].line(), file=sys.stderr, flush=True)
    for preset in presets:
        options = encoder.OPTIONS | {"preset": preset}
        results.append(measure(f"ours ({preset})", encoder._HeldFrameEncodeJob, options, sources, work / "encoded"))
        print(results[-1].line(), file=sys.stderr, flush=True)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quality", choices=FOLDERS, default="l")
    parser.add_argument("--clips", nargs="+", default=list(CLIPS), choices=CLIPS)
    parser.add_argument("--config", type=Path, default=REPO / "assets" / "default.toml")
    parser.add_argument("--work", type=Path, help="keep the lossless frames here (reused if present)")
    parser.add_argument("--preset", nargs="+", default=[encoder.OPTIONS["preset"]], help="x264 presets for ours")
    args = parser.parse_args(argv)
    logging.getLogger("manim").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="backprop-quality-") as tmp:
        results = compare(args.clips, args.quality, args.config, args.work or Path(tmp), args.preset)
    print("\n".join(result.line() for result in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
