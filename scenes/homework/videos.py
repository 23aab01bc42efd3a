"""Each student's solution video, rendered on Dask distributed: a ``LocalCluster`` here, or a running scheduler.

One task per student: a worker renders the student's config with the render machinery (``render_video``, one
manim process at a time, in a temporary folder) and returns the files' bytes, so workers need no shared
filesystem. The command writes each student's files into a hidden folder beside ``OUT/<id>/video`` and renames
it in when complete: a student's video folder is complete or absent. A worker lost mid-batch (killed, out of
memory) costs only its task: the scheduler runs it again elsewhere; a task that raises is retried too. A re-run
renders only the students without a video whose config is unchanged (``keep_videos`` carries those across
the re-built class folder).
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from nnmath.homework import CONFIG_NAME, Variant
from scenes.pipeline.output import MANIFEST, read_manifest
from scenes.pipeline.publish import atomic_file, replace_folder, signals_held, staging_folder

VIDEO = "video"
RETRIES = 2  # a task that raises is run again this many times (a lost worker's task is rescheduled regardless)
EXIT_FAILED = 1


def render_student(config_text: str, quality_letter: str) -> dict[str, bytes]:
    """On a worker: the student's render (every clip, the full video, subtitles, posters), as relative path →
    bytes."""
    from rich.console import Console

    from nnmath.config import parse_config
    from scenes.pipeline.quality import qualities
    from scenes.pipeline.render import render_video

    with tempfile.TemporaryDirectory(prefix="backprop-student-") as scratch:
        path = Path(scratch) / CONFIG_NAME
        path.write_text(config_text, encoding="utf-8")
        config = parse_config(config_text, path)
        out = Path(scratch) / "out"
        quiet = Console(file=io.StringIO(), stderr=False)
        files = render_video(config, out, qualities()[quality_letter], jobs=1, console=quiet)
        return {f.relative_to(out).as_posix(): f.read_bytes() for f in files}


def keep_videos(out: Path, variants: Sequence[Variant]) -> Callable[[Path], list[Path]]:
    """What puts the videos of an earlier run into the re-built folder: a student's video is kept (hard-linked,
    copied where links cannot be made) when their config is byte for byte the same."""

    def kept(staged: Path) -> list[Path]:
        files: list[Path] = []
        for variant in variants:
            old = out / variant.student.id
            if not (old / VIDEO).is_dir() or _read(old / CONFIG_NAME) != variant.text:
                continue
            for source in sorted(p for p in (old / VIDEO).rglob("*") if p.is_file()):
                target = staged / variant.student.id / source.relative_to(old)
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(source, target)
                except OSError:
                    target.write_bytes(source.read_bytes())
                files.append(target)
        return files

    return kept


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def missing(out: Path, variants: Sequence[Variant]) -> list[Variant]:
    """The students without a video folder."""
    return [v for v in variants if not (out / v.student.id / VIDEO).is_dir()]


def run_videos(args: argparse.Namespace, out: Path, variants: Sequence[Variant]) -> int:
    """Render the missing videos on the cluster, with progress; the exit status."""
    from rich.console import Console

    from scenes.pipeline.quality import qualities

    console = Console(stderr=True)
    todo = missing(out, variants)
    if args.quality not in qualities():
        print(f"error: --quality {args.quality}: expected one of {', '.join(qualities())}", file=sys.stderr)
        return 2
    console.print(f"videos: {len(variants) - len(todo)} of {len(variants)} students have theirs, {len(todo)} to render")
    if not todo:
        return 0
    try:
        with _client(args, len(todo)) as client:
            _batch(client, todo, out, args.quality, console)
    except KeyboardInterrupt:
        done = len(variants) - len(missing(out, variants))
        print(
            f"interrupted: {done} of {len(variants)} students have their video; a re-run renders the rest",
            file=sys.stderr,
        )
        return 130
    except OSError as exc:  # no scheduler at --scheduler, say
        print(f"error: --scheduler {args.scheduler}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a student's render failed after its retries
        print(f"error: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", file=sys.stderr)
        return EXIT_FAILED
    return 0


class _client:
    """A Dask client of the scheduler at --scheduler, or of a LocalCluster started here (stopped at exit)."""

    def __init__(self, args: argparse.Namespace, tasks: int) -> None:
        from distributed import Client, LocalCluster

        logging.getLogger("distributed").setLevel(logging.ERROR)  # the scheduler's chatter, in this process
        self.cluster: LocalCluster | None = None
        if args.scheduler:
            self.client = Client(args.scheduler, timeout="20s")
        else:
            workers = args.workers or max(1, min(tasks, os.cpu_count() or 1))
            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)

    def __enter__(self) -> object:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _batch(client: object, todo: Sequence[Variant], out: Path, quality: str, console: object) -> None:
    """Submit one task per student; publish each student's video as it arrives."""
    from distributed import Client, as_completed
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    assert isinstance(client, Client) and isinstance(console, Console)
    futures = {
        client.submit(render_student, v.text, quality, key=f"video-{v.student.id}", retries=RETRIES, pure=False): v
        for v in todo
    }
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total} students"),
               TimeElapsedColumn(), TextColumn("left:"), TimeRemainingColumn())  # fmt: skip
    start = time.monotonic()
    with Progress(*columns, console=console) as progress:
        bar = progress.add_task("solution videos", total=len(todo))
        for future, files in as_completed(futures, with_results=True):
            student = futures[future].student.id
            publish_video(out, student, files)
            progress.console.print(f"  [green]✓[/green] {student}")
            progress.advance(bar)
    hours = (time.monotonic() - start) / 3600
    console.print(f"  {len(todo)} students in {hours * 60:.1f} min: {len(todo) / hours:.0f} students/hour")


def publish_video(out: Path, student: str, files: dict[str, bytes]) -> None:
    """Write a student's video folder aside, rename it in whole, and list its files in the class's manifest."""
    target = out / student / VIDEO
    with staging_folder(target) as staged:
        for name, data in files.items():
            path = staged / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        with signals_held():
            replace_folder(staged, target)
            _list_in_manifest(out, [f"{student}/{VIDEO}/{name}" for name in files])


def _list_in_manifest(out: Path, names: list[str]) -> None:
    manifest = read_manifest(out) or {"written_by": "backprop-video", "files": []}
    listed = manifest.get("files")
    manifest["files"] = sorted({*(listed if isinstance(listed, list) else []), *names})
    with atomic_file(out / MANIFEST) as tmp:
        tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
