"""Where a cold render's CPU goes: every clip rendered one after another in this one process, under cProfile.

    .venv/bin/python benchmarks/profile_render.py [--quality l] [--out prof.out] [--clips Intro ...] [--warm]

A config never rendered before (the default's weights moved by a seed) and an empty LaTeX cache (``--warm``:
a second pass over the same config, the cache the first filled). Prints the process's own CPU, its children's
(LaTeX, dvisvgm), wall time, and the top functions by cumulative and by own time; ``--out`` keeps the stats.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import fresh_config  # noqa: E402
from scenes.environment import CACHE_ENV, CONFIG_ENV, NARRATE_ENV  # noqa: E402
from scenes.pipeline.clips import CLIPS, RenderJob  # noqa: E402


def cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def render_all(clips: list[str], quality: str, folder: Path) -> None:
    from manim import config
    from manim.constants import QUALITIES

    from scenes.pipeline.worker import MANIM_CFG, render_one
    from scenes.stage import tex_cache

    config.digest_file(MANIM_CFG)
    name = next(name for name, preset in QUALITIES.items() if preset["flag"] == quality)
    for clip in clips:
        job = RenderJob(clip, folder / f"media-{clip}")
        filled = tex_cache.fill(job.media_dir)
        start, (own, kids) = time.perf_counter(), cpu()
        render_one(job.scene_file, job.scene, job.media_dir, name, False)
        tex_cache.keep(job.media_dir, filled)
        own2, kids2 = cpu()
        print(
            f"{clip:14s} wall {time.perf_counter() - start:6.1f} s  cpu {own2 - own:6.1f} + children {kids2 - kids:5.1f} s",
            file=sys.stderr,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quality", default="l")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--clips", nargs="+", default=[clip for clip in CLIPS if clip != "Training"])
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument("--no-profile", action="store_true", help="no cProfile (for a sampling profiler, py-spy)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="backprop-prof-") as tmp:
        folder = Path(tmp)
        (folder / "cache").mkdir()
        os.environ.update({CACHE_ENV: str(folder / "cache"), NARRATE_ENV: "0"})
        os.environ[CONFIG_ENV] = str(fresh_config(folder, args.seed))
        start, before = time.perf_counter(), cpu()
        import manim  # noqa: F401  # the import's cost, as a worker pays it once

        import scenes  # noqa: F401

        after = cpu()
        print(f"import: wall {time.perf_counter() - start:.1f} s, cpu {after[0] - before[0]:.1f} s", file=sys.stderr)
        if args.warm:
            render_all(args.clips, args.quality, folder / "first")
        profile = cProfile.Profile()
        start, before = time.perf_counter(), cpu()
        if not args.no_profile:
            profile.enable()
        render_all(args.clips, args.quality, folder / "measured")
        profile.disable()
        after = cpu()
        print(
            f"total: wall {time.perf_counter() - start:.1f} s, cpu {after[0] - before[0]:.1f} s, children "
            f"{after[1] - before[1]:.1f} s",
            file=sys.stderr,
        )
        if args.no_profile:
            return 0
        stats = pstats.Stats(profile, stream=sys.stdout)
        if args.out:
            stats.dump_stats(str(args.out))
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
