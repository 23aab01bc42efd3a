"""CPU seconds of cold renders, back to back: what a change saves, measured on a shared machine.

    .venv/bin/python benchmarks/cpu_render.py [--quality l] [--runs 2] [--jobs 2] CHECKOUT [CHECKOUT ...]

Each CHECKOUT (a folder holding this project, e.g. ``git archive`` of an older commit) renders the same config
never rendered before (the default's weights moved by a seed) with an empty ``BACKPROP_CACHE``, in turn, ``--runs``
times. Prints each render's CPU seconds (user + system of the command and every process it ran: workers, LaTeX),
its wall time, the machine's load, and the seconds of video. On a machine other work shares, wall time says little;
CPU seconds vary much less, and alternating the checkouts spreads the load over both.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import fresh_config, video_info  # noqa: E402


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def render(checkout: Path, config: Path, quality: str, jobs: int, folder: Path) -> tuple[float, float, float]:
    """A cold render by ``checkout``; its CPU seconds, wall seconds and seconds of video."""
    cache, out = folder / "cache", folder / "out"
    cache.mkdir(parents=True)
    command = [sys.executable, "-m", "scenes.pipeline.cli", "render", "--config", str(config), "--quality", quality]
    command += ["--out", str(out), "--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(checkout), "BACKPROP_CACHE": str(cache)}
    start, cpu = time.perf_counter(), children_cpu()
    subprocess.run(command, cwd=checkout, env=env, check=True, capture_output=True)
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu
    return cpu, wall, video_info(out / "FullVideo.mp4")[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkouts", type=Path, nargs="+")
    parser.add_argument("--quality", default="l")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="backprop-cpu-") as tmp:
        config = fresh_config(Path(tmp), args.seed)
        for run in range(args.runs):
            for n, checkout in enumerate(args.checkouts):
                load = os.getloadavg()[0]
                cpu, wall, video = render(checkout.resolve(), config, args.quality, args.jobs, Path(tmp) / f"{run}-{n}")
                print(
                    f"{checkout}: {cpu:.1f} s CPU, {wall:.1f} s wall (load {load:.1f} before) for {video:.1f} s "
                    f"of video: {cpu / video:.3f} CPU s/s",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
