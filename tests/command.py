"""Running `backprop-video` as a user does (the console script) and the folders its tests start from."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scenes.pipeline.output import write_manifest

# The smallest network the video draws (one input, one output): a real render of every clip in about a minute.
TINY = """
[network]
layers = [1, 1]
hidden_activation = "sigmoid"
output_activation = "sigmoid"
loss = "half_squared_error"
learning_rate = 0.5

[sample]
x = [0.5]
y = [1.0]

[parameters]
weights = [[[0.8]]]
biases = [[0.1]]
"""
STALE_SECTION = "sections/BackwardPass/BackwardPass_0001_backward-delta-3.mp4"
CLIPS = ["Intro", "ForwardPass", "ErrorCalc", "BackwardPass", "WeightUpdate", "CheckYourself", "Repeat"]


def command(*args: str) -> list[str]:
    """The console script, as a user runs it (``python -m scenes.pipeline.cli`` where it is not installed)."""
    script = Path(sys.executable).with_name("backprop-video")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "scenes.pipeline.cli", *args]


def run(
    *args: str, cwd: Path, timeout: float = 600, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def previous_render(out: Path, sections: bool = False) -> bytes:
    """A folder as an earlier render leaves it: a video, the manifest, and with ``sections`` a section clip of
    a bigger network (a name the tiny network never has). Returns the video's bytes."""
    out.mkdir()
    video = os.urandom(4096)
    (out / "FullVideo.mp4").write_bytes(video)
    files = [out / "FullVideo.mp4"]
    if sections:
        files.append(out / STALE_SECTION)
        files[-1].parent.mkdir(parents=True)
        files[-1].write_bytes(b"a section of another network")
    write_manifest(out, files, {"quality": "l"})
    return video


def descendants(pid: int) -> set[int]:
    """Every process whose chain of parents leads to ``pid``: read from /proc (no procps), this command's only."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # it ended meanwhile
            continue
        parents[int(stat.parent.name)] = int(text[text.rindex(")") + 2 :].split()[1])  # the name may hold spaces
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return text[text.rindex(")") + 2] != "Z"  # a zombie has ended
