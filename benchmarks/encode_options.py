"""x264 settings for the clip encoder, side by side on the same frames: CPU, bytes and PSNR.

    .venv/bin/python benchmarks/encode_options.py --work DIR [--clips ErrorCalc ...] \
        --try "crf=23" "crf=22:x264-params=bframes=0:ref=1:stitchable=1:threads=1" ...

``--work`` holds the frames ``quality.py --work DIR`` rendered losslessly (its ``lossless-<quality>`` folder).
Each animation's frames are decoded once, then encoded by manim's encoder and by ours with every setting
tried, one after another; only the encoding's CPU seconds are counted (this process's, x264's threads
included). A setting is ``key=value`` pairs joined by ``,``, over ours (``scenes/stage/encoder.py``): ``crf``,
``preset``, ``x264-params``, ``interpolation`` (swscale's, RGBA to yuv420p), and ``held-crf`` / ``refine`` for
the held frames. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import av
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.quality import FOLDERS, MANIM, Result, frames, partial_movies  # noqa: E402
from scenes.pipeline.clips import CLIPS  # noqa: E402
from scenes.stage import encoder  # noqa: E402


def setting(text: str) -> dict[str, str]:
    """``crf=22,x264-params=a=1:b=2`` → its options (the first ``=`` of each pair splits it)."""
    return dict(pair.split("=", 1) for pair in text.split(",") if pair)


def encode(job_class: Any, options: dict[str, str], pictures: list[np.ndarray], out: Path, rate: int) -> float:
    """``pictures`` encoded as manim gives them to its encoder; the CPU seconds of the encoding alone."""
    height, width = pictures[0].shape[:2]
    start = time.process_time()
    container = av.open(str(out), mode="w")
    stream = container.add_stream("libx264", rate=rate, options=options)
    stream.pix_fmt, stream.width, stream.height = "yuv420p", width, height
    job = job_class(path=out, animation_index=0, container=container, stream=stream, frame_queue_size=8)
    if len(pictures) > 1 and all(np.array_equal(p, pictures[0]) for p in pictures[1:]):
        job.put(len(pictures), pictures[0])  # a wait: one frame, shown this often
    else:
        for picture in pictures:
            job.put(1, picture)
    job.seal()
    job.join()
    return time.process_time() - start


def run(sources: list[Path], tries: Sequence[str], work: Path, manim: bool) -> list[Result]:
    names = (["manim"] if manim else []) + list(tries)
    results = {name: Result(name) for name in names}
    for n, source in enumerate(sources):
        pictures = list(frames(source))
        with av.open(str(source)) as video:
            rate = round(float(video.streams.video[0].average_rate or 15))
        for name in names:
            out = work / f"try-{n:04d}.mp4"
            if name == "manim":
                seconds = encode(encoder._PartialMovieEncodeJob, MANIM, pictures, out, rate)
            else:
                options = setting(name)
                held, refine = options.pop("held-crf", None), options.pop("refine", None)
                interpolation = options.pop("interpolation", None)
                saved = encoder.HELD_CRF, encoder.HELD_CRF_PAST_30, encoder.REFINE, encoder.INTERPOLATION
                encoder.HELD_CRF = encoder.HELD_CRF_PAST_30 = held or encoder.HELD_CRF
                encoder.REFINE = int(refine) if refine else encoder.REFINE
                encoder.INTERPOLATION = interpolation or encoder.INTERPOLATION
                try:
                    seconds = encode(encoder._HeldFrameEncodeJob, encoder.OPTIONS | options, pictures, out, rate)
                finally:
                    encoder.HELD_CRF, encoder.HELD_CRF_PAST_30, encoder.REFINE, encoder.INTERPOLATION = saved
            result = results[name]
            result.seconds += seconds
            result.bytes += out.stat().st_size
            for decoded, drawn in zip(frames(out), pictures, strict=True):
                result.add(decoded[..., :3], drawn[..., :3])
            out.unlink()
    return list(results.values())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--quality", choices=FOLDERS, default="l")
    parser.add_argument("--clips", nargs="+", default=list(CLIPS), choices=CLIPS)
    parser.add_argument("--try", dest="tries", nargs="+", default=[""], metavar="SETTING")
    parser.add_argument("--no-manim", action="store_true", help="leave manim's own encoding out")
    args = parser.parse_args(argv)
    logging.getLogger("manim").setLevel(logging.WARNING)
    media = args.work / f"lossless-{args.quality}"
    clips = [clip for clip in args.clips if (media / clip).exists()]
    sources = [movie for clip in clips for movie in partial_movies(media, clip, args.quality)]
    (args.work / "tries").mkdir(exist_ok=True)
    for result in run(sources, args.tries, args.work / "tries", not args.no_manim):
        print(result.line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
