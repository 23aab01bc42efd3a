"""`backprop-video render`: every clip rendered in parallel, stitched, subtitled, with posters.

Each clip is rendered by its own `manim` process with its own media folder (manim's LaTeX clean-up
would otherwise race). Everything is made in a temporary folder; files are moved into the output
folder only when all of them are complete, so a failed or interrupted render leaves the previous
video as it was and no half-written file behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from nnmath import Config
from scenes.environment import CONFIG_ENV
from scenes.pipeline.stitch import ClipInfo, fullest_frame, merge_subtitles, poster, probe, stitch
from scenes.environment import THEME_ENV

SCENES_DIR = Path(__file__).resolve().parent.parent
MANIM_CFG = SCENES_DIR.parent / "manim.cfg"
# The clips of the full video, in order: (scene class, module file).
CLIPS: tuple[tuple[str, str], ...] = (
    ("Intro", "intro.py"),
    ("ForwardPass", "forward_pass.py"),
    ("ErrorCalc", "error_calc.py"),
    ("BackwardPass", "backward_pass.py"),
    ("WeightUpdate", "weight_update.py"),
    ("Repeat", "repeat.py"),
)
QUALITY_FOLDERS = {"l": "480p15", "m": "720p30", "h": "1080p60", "p": "1440p60", "k": "2160p60"}
# Posters: the frame showing the most, searched in this part of each clip (the full video: its forward pass).
POSTER_SPAN = {"Intro": (0.55, 0.95), "FullVideo": (0.15, 0.3)}
POSTER_DEFAULT_SPAN = (0.3, 0.95)


class RenderError(Exception):
    """A render that could not finish; a one-line message."""


@dataclass(frozen=True)
class RenderJob:
    scene: str
    module: str
    media_dir: Path

    def video(self, quality: str) -> Path:
        return self.media_dir / "videos" / Path(self.module).stem / QUALITY_FOLDERS[quality] / f"{self.scene}.mp4"

    def sections_dir(self, quality: str) -> Path:
        return self.video(quality).parent / "sections"


def _manim_command(job: RenderJob, quality: str, sections: bool) -> list[str]:
    command = [
        sys.executable, "-m", "manim", "render", "-q", quality, "--media_dir", str(job.media_dir),
        "--progress_bar", "none", "-v", "WARNING", "--disable_caching",
        str(SCENES_DIR / job.module), job.scene,
    ]  # fmt: skip
    if sections:
        command.insert(-2, "--save_sections")
    if MANIM_CFG.exists():  # the project's settings (no update check, …) wherever the command runs from
        command[4:4] = ["--config_file", str(MANIM_CFG)]
    return command


class _Children:
    """The running manim processes, so an interrupt can stop them all."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []
        self.stopping = False
        self.lock = threading.Lock()  # no process starts once stop() has begun

    def run(self, command: list[str], env: dict[str, str], log: Path) -> int:
        with log.open("wb") as out:
            with self.lock:
                if self.stopping:
                    return -1
                process = subprocess.Popen(
                    command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
                )
                self.processes.append(process)
            return process.wait()

    def stop(self) -> None:
        with self.lock:
            self.stopping = True
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def render_video(
    config: Config,
    out_dir: Path,
    quality: str = "l",
    theme: str | None = None,
    jobs: int | None = None,
    sections: bool = False,
    console: Console | None = None,
) -> list[tuple[Path, ClipInfo]]:
    """Render every clip and the stitched full video into ``out_dir``; returns what was written."""
    console = console or Console(stderr=True)
    jobs = max(1, jobs or os.cpu_count() or 1)
    env = {**os.environ, CONFIG_ENV: str(Path(config.path).resolve())}
    if theme:
        env[THEME_ENV] = theme
    children = _Children()
    with tempfile.TemporaryDirectory(prefix="backprop-video-") as scratch_dir:
        scratch = Path(scratch_dir)
        render_jobs = [RenderJob(scene, module, scratch / f"media-{scene}") for scene, module in CLIPS]
        _render_all(render_jobs, quality, sections, env, jobs, children, scratch, console)
        staged = _assemble(render_jobs, quality, sections, scratch / "out")
        return _publish(staged, out_dir)


def _render_all(
    render_jobs: Sequence[RenderJob], quality: str, sections: bool, env: dict[str, str], jobs: int,
    children: _Children, scratch: Path, console: Console,
) -> None:  # fmt: skip
    """Run the manim processes, ``jobs`` at a time, under one progress display."""
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        overall = progress.add_task(f"rendering {len(render_jobs)} clips, {jobs} at a time", total=len(render_jobs))

        def one(job: RenderJob) -> None:
            log = scratch / f"{job.scene}.log"
            code = children.run(_manim_command(job, quality, sections), env, log)
            if code != 0 or not job.video(quality).exists():
                tail = log.read_text(errors="replace").strip().splitlines()[-12:] if log.exists() else []
                raise RenderError(f"rendering {job.scene} failed (exit {code}):\n" + "\n".join(tail))
            progress.console.print(f"  [green]✓[/green] {job.scene}")
            progress.advance(overall)

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            try:
                futures: list[Future[None]] = [pool.submit(one, job) for job in render_jobs]
                wait(futures, return_when=FIRST_EXCEPTION)
                for future in futures:
                    future.result()  # the first failure, if any, is raised here
            except BaseException:
                # Stop the running manim processes before the pool waits for its threads (Ctrl-C, a kill
                # or one failed clip): otherwise the interrupt would wait for every render to finish.
                children.stop()
                pool.shutdown(wait=True, cancel_futures=True)
                raise


def _assemble(render_jobs: Sequence[RenderJob], quality: str, sections: bool, staging: Path) -> list[Path]:
    """Clips, FullVideo, subtitles, posters and sections in ``staging``; returns the files in order."""
    staging.mkdir(parents=True)
    files: list[Path] = []
    parts: list[tuple[Path | None, float]] = []
    clips: list[Path] = []
    for job in render_jobs:
        video = job.video(quality)
        clip = staging / f"{job.scene}.mp4"
        shutil.copyfile(video, clip)
        srt = video.with_suffix(".srt")
        if srt.exists():
            shutil.copyfile(srt, clip.with_suffix(".srt"))
        poster(clip, clip.with_suffix(".png"), fullest_frame(clip, *POSTER_SPAN.get(job.scene, POSTER_DEFAULT_SPAN)))
        parts.append((clip.with_suffix(".srt") if srt.exists() else None, probe(clip).duration))
        clips.append(clip)
        files += [clip, clip.with_suffix(".srt"), clip.with_suffix(".png")]
        if sections:
            files += _copy_sections(job, quality, staging / "sections" / job.scene)
    full = staging / "FullVideo.mp4"
    stitch(clips, full)
    merge_subtitles(parts, full.with_suffix(".srt"))
    poster(full, full.with_suffix(".png"), fullest_frame(full, *POSTER_SPAN["FullVideo"]))
    files += [full, full.with_suffix(".srt"), full.with_suffix(".png")]
    return [f for f in files if f.exists()]


def _copy_sections(job: RenderJob, quality: str, target: Path) -> list[Path]:
    """A step's section clips (one per sub-step), named in order, for hand-embedding in slides."""
    source = job.sections_dir(quality)
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for clip in sorted(source.glob(f"{job.scene}_*.mp4")):
        shutil.copyfile(clip, target / clip.name)
        copied.append(target / clip.name)
    return copied


def _publish(staged: Sequence[Path], out_dir: Path) -> list[tuple[Path, ClipInfo]]:
    """Move every staged file into ``out_dir``: copied to a hidden ``.part`` name, then renamed."""
    root = staged[0].parent
    placed = []
    for path in staged:
        target = out_dir / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(f".{target.name}.part")
        try:
            shutil.copyfile(path, part)
            os.replace(part, target)
        finally:
            part.unlink(missing_ok=True)
        placed.append(target)
    return [(p, probe(p)) for p in placed if p.suffix == ".mp4" and p.parent == out_dir]


def summary_table(written: Sequence[tuple[Path, ClipInfo]], seconds: float) -> Table:
    table = Table(title=f"backprop-video: done in {seconds:.0f} s", title_justify="left")
    table.add_column("file")
    table.add_column("duration", justify="right")
    table.add_column("size", justify="right")
    for path, info in written:
        for companion in (path, path.with_suffix(".srt"), path.with_suffix(".png")):
            if companion.exists():
                duration = f"{info.duration:.1f} s" if companion.suffix == ".mp4" else ""
                table.add_row(str(companion), duration, _size(companion.stat().st_size))
    return table


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"


def timed_render(**kwargs: object) -> tuple[list[tuple[Path, ClipInfo]], float]:
    start = time.monotonic()
    written = render_video(**kwargs)  # type: ignore[arg-type]
    return written, time.monotonic() - start
