"""When each worker renders each clip, and what the command does between: a cold render's wall timeline.

    .venv/bin/python benchmarks/timeline.py [--quality l] [--jobs 2] [--seed 2026]

Runs ``backprop-video render`` in this process (a config never rendered before, an empty ``BACKPROP_CACHE``) with
the workers' ``render`` call and the assembly timed; prints, in seconds from the command's start, each clip's
start and end in its worker (and the worker's CPU seconds for it), each core's idle time before the last clip
ends, and when the stitching, posters and publishing end. Wall time is what it measures: on a shared machine
read it with the load it prints.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import fresh_config  # noqa: E402


def cpu_of(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quality", default="l")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="backprop-timeline-") as tmp:
        os.environ["BACKPROP_CACHE"] = str(Path(tmp) / "cache")
        config = fresh_config(Path(tmp), args.seed)
        return timeline(config, Path(tmp) / "out", args.quality, args.jobs)


def timeline(config: Path, out: Path, quality: str, jobs: int) -> int:
    from scenes.pipeline import assemble, cli, clips, render

    start = time.monotonic()
    events: list[tuple[float, float, str]] = []  # start, end, clip (or part)
    marks: list[tuple[str, float]] = []
    lock = threading.Lock()
    plain_render = clips.ManimWorkers.render

    def timed_render(self: clips.ManimWorkers, job: clips.RenderJob, *rest: object, **kw: object) -> int:
        began = time.monotonic()
        code: int = plain_render(self, job, *rest, **kw)  # type: ignore[arg-type]
        ended = time.monotonic()
        with lock:
            events.append((began - start, ended - start, job.scene + ("" if job.parts == 1 else f"/{job.part}")))
        return code

    plain_assemble = assemble.assemble

    def timed_assemble(*a: object, **kw: object) -> list[Path]:
        marks.append(("rendering done, assembly starts", time.monotonic() - start))
        files = plain_assemble(*a, **kw)  # type: ignore[arg-type]
        marks.append(("stitched, FullVideo poster saved", time.monotonic() - start))
        return files

    def marked(owner: object, name: str, label: str) -> None:
        plain = getattr(owner, name)

        def wrapper(*a: object, **kw: object) -> object:
            began = time.monotonic() - start
            result = plain(*a, **kw)
            marks.append((f"{label} ({time.monotonic() - start - began:.2f} s)", time.monotonic() - start))
            return result

        setattr(owner, name, wrapper)

    marked(clips.ManimWorkers, "close", "workers closed")
    marked(render, "finish_clip", "a clip finished (copied, poster)")
    marked(assemble, "stitch", "stitched")
    marked(assemble, "_poster", "a poster saved")
    marked(render, "publish", "published")
    marked(cli, "summary_table" if hasattr(cli, "summary_table") else "_render", "the summary made")
    clips.ManimWorkers.render = timed_render  # type: ignore[method-assign]
    render.assemble = timed_assemble  # type: ignore[attr-defined]
    load = os.getloadavg()[0]
    code = cli.main(["render", "--config", str(config), "--quality", quality, "--out", str(out), "--jobs", str(jobs)])
    total = time.monotonic() - start
    print(f"load {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; exit {code}")
    for began, ended, clip in sorted(events):
        print(f"  {began:6.1f} → {ended:6.1f}  ({ended - began:5.1f} s)  {clip}")
    last = max(ended for _, ended, _ in events)
    first = min(began for began, _, _ in events)
    busy = sum(ended - began for began, ended, _ in events)
    print(
        f"  first clip starts at {first:.1f} s; last ends at {last:.1f} s; idle worker-seconds before it: "
        f"{jobs * (last - first) - busy:.1f}"
    )
    for name, at in sorted(marks, key=lambda mark: mark[1]):
        print(f"  {at:6.1f}  {name}")
    print(f"  {total:6.1f}  command done")
    return code


if __name__ == "__main__":
    sys.exit(main())
