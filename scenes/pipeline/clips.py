"""The clips and the manim processes that render them, each clip in a media folder of its own.

Each clip gets its own media folder (manim's LaTeX clean-up would otherwise race between processes); each
worker process its own session, so the terminal's Ctrl-C reaches the command alone, which then stops every
process it started.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from scenes.environment import PART_ENV
from scenes.pipeline.quality import Quality
from scenes.pipeline.worker import CHECKOUT, job_line
from scenes.steps_table import PARTS, SCENE_MODULES, parts_for

SCENES_DIR = CHECKOUT / "scenes"
CLIPS = tuple(part.scene for part in PARTS)  # the clips of the full video, in order (FullVideo is stitched from them)
# Clips start longest first (each worker takes the next when it is free), so that the last to finish is a short one
# and no core waits idle at the end; with more workers than clips, the longest are split (parts.py).


def clips_for(dataset: bool) -> tuple[str, ...]:
    """The clips a config's video is made of, in order: with ``[data]`` (``dataset``) or ``[sample]``."""
    return tuple(part.scene for part in parts_for(dataset))


RENDER_SECONDS = {part.scene: part.render_seconds for part in PARTS}
LONGEST_FIRST = tuple(sorted(RENDER_SECONDS, key=RENDER_SECONDS.__getitem__, reverse=True))  # stable: ties in order


SLIDES_MODULE = "slides"  # scenes/slides.py: each clip's slide variant, <clip>Slides


@dataclass(frozen=True)
class RenderJob:
    clip: str  # one of CLIPS
    media_dir: Path
    slides: bool = False  # the clip's slide variant (scenes/slides.py) rather than the clip
    part: int = 0  # of ``parts``: this job renders every parts-th section of the clip from this one (parts.py)
    parts: int = 1

    def part_of(self, part: int, parts: int) -> RenderJob:
        """The job rendering part ``part`` of ``parts`` of this clip, in a media folder of its own."""
        return replace(
            self, media_dir=self.media_dir.with_name(f"{self.media_dir.name}-part{part}"), part=part, parts=parts
        )

    @property
    def env(self) -> dict[str, str]:
        """What this job adds to the scene's environment: the part it renders, if only one."""
        return {PART_ENV: f"{self.part}/{self.parts}"} if self.parts > 1 else {}

    @property
    def scene(self) -> str:
        """The scene class rendered."""
        return f"{self.clip}Slides" if self.slides else self.clip

    @property
    def module(self) -> str:
        """Its module under scenes/."""
        return SLIDES_MODULE if self.slides else SCENE_MODULES[self.clip]

    def video(self, quality: Quality) -> Path:
        return self.media_dir / "videos" / self.module / quality.folder / f"{self.scene}.mp4"

    def sections_dir(self, quality: Quality) -> Path:
        return self.video(quality).parent / "sections"

    @property
    def scene_file(self) -> Path:
        return SCENES_DIR / f"{self.module}.py"


def log_tail(log: Path, lines: int = 12) -> list[str]:
    """The last lines of ``log`` (none if there is no such file)."""
    return log.read_text(errors="replace").strip().splitlines()[-lines:] if log.exists() else []


def worker_count(jobs: int | None) -> int:
    """How many manim processes render at once: ``jobs``, or one per core."""
    return max(1, jobs or os.cpu_count() or 1)


class ManimWorkers:
    """``count`` worker processes (``scenes/pipeline/worker.py``), started at once: each renders the clips it is
    given one after another, whichever thread gives them. Each has a session of its own, so that the terminal's
    Ctrl-C reaches the command alone, which then stops them all. As a context manager, leaving stops them."""

    command: ClassVar[tuple[str, ...]] = (sys.executable, "-m", "scenes.pipeline.worker")

    def __init__(self, count: int) -> None:
        path = os.pathsep.join(filter(None, [str(CHECKOUT), os.environ.get("PYTHONPATH")]))
        self.env = {**os.environ, "PYTHONPATH": path}  # this checkout's scenes, installed or not
        self.processes: list[subprocess.Popen[str]] = []
        self.logs: dict[int, Path] = {}  # each worker's own output (what it printed outside any clip), by pid
        self.idle: queue.SimpleQueue[subprocess.Popen[str]] = queue.SimpleQueue()
        self.stopping = False
        self.lock = threading.Lock()  # no worker starts once stop() has begun
        for _ in range(count):
            self._start()

    def __enter__(self) -> ManimWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        for log in self.logs.values():
            with suppress(OSError):
                log.unlink()

    def render(self, job: RenderJob, quality: Quality, sections: bool, env: dict[str, str], log: Path) -> int:
        """Render ``job`` in an idle worker, manim's output in ``log``, the scene reading ``env``; its exit status
        as a ``manim render`` of the clip alone (-1: stopping; the worker's own status if it died)."""
        worker = self.idle.get()
        if self.stopping:
            self.idle.put(worker)
            return -1
        assert worker.stdin is not None and worker.stdout is not None
        sections = sections or job.parts > 1  # a part's sections are what its clip is joined from
        line = job_line(job.scene_file, job.scene, job.media_dir, log, quality.letter, sections, {**env, **job.env})
        with suppress(BrokenPipeError):
            worker.stdin.write(line)
            worker.stdin.flush()
        answer = worker.stdout.readline().split()
        self.idle.put(worker)
        if not answer:  # the worker ended (killed, or it could not start: its log says why)
            code = worker.wait()
            return code if code != 0 else -1
        if answer == ["ok"]:
            return 0
        return int(answer[1]) if len(answer) == 2 and answer[0] == "failed" and answer[1].isdigit() else 1

    def log_tail(self) -> list[str]:
        """The last lines the workers printed outside any clip (why one could not start, say)."""
        return next((tail for tail in map(log_tail, self.logs.values()) if tail), [])

    def _start(self) -> None:
        handle, name = tempfile.mkstemp(prefix="backprop-worker-", suffix=".log")
        with self.lock, os.fdopen(handle, "w") as out:
            if self.stopping:
                return
            worker = subprocess.Popen(
                self.command,
                env=self.env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=out,
                text=True,
                start_new_session=True,
            )
            self.processes.append(worker)
            self.logs[worker.pid] = Path(name)
        self.idle.put(worker)

    def close(self) -> None:
        """End every worker (end of input) once its clip is done, waiting for them."""
        for process in self.processes:
            with suppress(OSError):
                if process.stdin:
                    process.stdin.close()
        for process in self.processes:
            process.wait()

    def stop(self) -> None:
        """Terminate every worker's process group (a worker and anything it ran), killing stragglers."""
        with self.lock:
            self.stopping = True
        for process in self.processes:
            if process.poll() is None:
                with suppress(ProcessLookupError):  # it ended meanwhile
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
