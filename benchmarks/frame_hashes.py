"""The frames a render draws, as hashes: to check that a change to how frames are drawn draws the same frames.

    .venv/bin/python benchmarks/frame_hashes.py OUT.json [--quality l] [--clips Intro ...] [--config PATH]
    .venv/bin/python benchmarks/frame_hashes.py --compare A.json B.json

Renders the clips one after another in this process, as a worker does (each in a media folder of its own,
one LaTeX cache), and writes every frame's SHA-1 as manim hands it to the encoder (frame by frame, a held frame
with how often it is shown), per clip. ``--compare`` says whether two such files hold the same frames, and where
they first differ. Nothing is encoded differently: what a change to encoding does is ``quality.py``'s to say.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scenes.environment import CACHE_ENV, CONFIG_ENV, NARRATE_ENV  # noqa: E402
from scenes.pipeline.clips import RenderJob, clips_for  # noqa: E402


def hashes(clips: list[str], quality: str, config: Path, folder: Path) -> dict[str, list[Any]]:
    os.environ.update({CONFIG_ENV: str(config), CACHE_ENV: str(folder / "cache"), NARRATE_ENV: "0"})
    from manim import config as manim_config
    from manim.constants import QUALITIES
    from manim.renderer.cairo_renderer import CairoRenderer

    from scenes.pipeline.worker import MANIM_CFG, render_one
    from scenes.stage import tex_cache

    manim_config.digest_file(MANIM_CFG)
    name = next(name for name, preset in QUALITIES.items() if preset["flag"] == quality)
    drawn: list[Any] = []
    add = CairoRenderer.add_frame

    def record(self: CairoRenderer, frame: Any, num_frames: int = 1) -> None:
        drawn.append([hashlib.sha1(frame.tobytes()).hexdigest(), num_frames])
        add(self, frame, num_frames)

    CairoRenderer.add_frame = record  # type: ignore[method-assign]
    found: dict[str, list[Any]] = {}
    for clip in clips:
        job = RenderJob(clip, folder / f"media-{clip}")
        filled = tex_cache.fill(job.media_dir)
        render_one(job.scene_file, job.scene, job.media_dir, name, False)
        tex_cache.keep(job.media_dir, filled)
        found[clip], drawn[:] = list(drawn), []
        print(f"{clip}: {len(found[clip])} frames drawn", file=sys.stderr)
    return found


def compare(a: dict[str, list[Any]], b: dict[str, list[Any]]) -> int:
    status = 0
    for clip in sorted(set(a) | set(b)):
        first, second = a.get(clip, []), b.get(clip, [])
        differ = next((i for i, (x, y) in enumerate(zip(first, second, strict=False)) if x != y), None)
        if differ is None and len(first) == len(second):
            print(f"{clip}: the same {len(first)} frames")
            continue
        status = 1
        where = differ if differ is not None else min(len(first), len(second))
        print(f"{clip}: DIFFERENT from frame {where} ({len(first)} against {len(second)} frames)")
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--compare", type=Path, nargs=2)
    parser.add_argument("--quality", default="l")
    parser.add_argument("--config", type=Path, default=REPO / "assets" / "default.toml")
    parser.add_argument("--clips", nargs="+")
    args = parser.parse_args()
    if args.compare:
        return compare(*(json.loads(path.read_text()) for path in args.compare))
    if args.out is None:
        parser.error("OUT.json or --compare A B")
    clips = args.clips or list(clips_for(False))
    with tempfile.TemporaryDirectory(prefix="backprop-frames-") as tmp:
        found = hashes(clips, args.quality, args.config.resolve(), Path(tmp))
    args.out.write_text(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
