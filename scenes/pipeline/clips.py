"""One clip, one manim process: the step's scene file rendered in a media folder of its own.

Each process gets its own media folder (manim's LaTeX clean-up would otherwise race between processes) and its
own session, so the terminal's Ctrl-C reaches the command alone, which then stops every process it started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import scenes
from scenes import SCENE_MODULES
from scenes.pipeline.quality import Quality

SCENES_DIR = Path(scenes.__file__).resolve().parent
MANIM_CFG = SCENES_DIR.parent / "manim.cfg"  # the project's manim settings, where the project is checked out
# The clips of the full video, in order; FullVideo itself is stitched from them, not rendered.
CLIPS = tuple(scene for scene in SCENE_MODULES if scene != "FullVideo")
# The order they start in: the longest renders first, so that the last clip to finish is a short one and no core
# waits idle at the end. Measured at 480p15, one clip at a time, in seconds, in this order: the default network
# 22, 10, 11, 8, 8, 5, 5; the largest (4-4-4-4-4) 53, 23, 20, 10, 9, 13 (LaTeX cold), 6. The backward pass grows fastest.
LONGEST_FIRST = ("BackwardPass", "ForwardPass", "WeightUpdate", "Repeat", "CheckYourself", "ErrorCalc", "Intro")
assert sorted(LONGEST_FIRST) == sorted(CLIPS)


SLIDES_MODULE = "slides"  # scenes/slides.py: each clip's slide variant, <clip>Slides


@dataclass(frozen=True)
class RenderJob:
    clip: str  # one of CLIPS
    media_dir: Path
    slides: bool = False  # the clip's slide variant (scenes/slides.py) rather than the clip

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

    def command(self, quality: Quality, sections: bool) -> list[str]:
        """The manim command line that renders this clip (and its section clips)."""
        command = [sys.executable, "-m", "manim", "render", "-q", quality.letter]
        if MANIM_CFG.exists():  # the project's settings (no update check, …) wherever the command runs from
            command += ["--config_file", str(MANIM_CFG)]
        command += ["--media_dir", str(self.media_dir), "--progress_bar", "none", "-v", "WARNING", "--disable_caching"]
        command.append("--silent")  # no query to the package index after the render, in an installed copy too
        if sections:
            command.append("--save_sections")
        return [*command, str(SCENES_DIR / f"{self.module}.py"), self.scene]


class ManimProcesses:
    """The running manim processes, so that an interrupt or a failure can stop them all."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []
        self.stopping = False
        self.lock = threading.Lock()  # no process starts once stop() has begun

    def run(self, command: list[str], env: dict[str, str], log: Path) -> int:
        """Run ``command`` to its end with its output in ``log``; its exit status (-1: not started, stopping)."""
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
        """Terminate every process group started (a manim process and anything it ran), killing stragglers."""
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
