"""The command starts fast and without manim (help, version, trace and bad input never import it), and says what it is."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from scenes.pipeline.output import MANIFEST
from tests.command import CLIPS, run

# Run the command's main() in a fresh interpreter, then list what it imported that it must not have.
PROBE = """
import json, sys
from scenes.pipeline.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = {"manim", "av", "cairo", "manimpango", "srt", "PIL"}
scenes_allowed = {"scenes", "scenes.environment", "scenes.steps_table", "scenes.pipeline", "scenes.homework", "scenes.homework.commands"}
# (no step module, no drawing module)
print(json.dumps(sorted(
    m for m in sys.modules
    if m.split(".")[0] in heavy
    or (m.split(".")[0] == "scenes" and m not in scenes_allowed and not m.startswith("scenes.pipeline."))
)))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["trace"],
        ["trace", "--format", "json"],
        ["render", "--out", "afile"],
        ["homework", "--roster", "afile", "--config", "afile", "--out", "out"],
    ],
    ids=["help", "version", "trace", "trace-json", "render-bad-out", "homework-bad-roster"],
)
def test_no_manim_and_no_scene_is_imported(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "afile").write_text("")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == []


def test_importing_the_command_imports_no_manim() -> None:
    code = "import scenes.pipeline.cli, sys; assert 'manim' not in sys.modules and 'av' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_trace_shorthand(tmp_path: Path) -> None:
    result = run("trace", "--format", "markdown", cwd=tmp_path, timeout=60)
    assert result.returncode == 0
    assert "E before = 0.2748 → E after = **0.2580**" in result.stdout


def test_version_and_what_render_writes(tmp_path: Path) -> None:
    result = run("--version", cwd=tmp_path, timeout=60)
    assert (result.returncode, result.stdout) == (0, f"backprop-video {metadata.version('backprop-video')}\n")
    usage = run("render", "--help", cwd=tmp_path, timeout=60).stdout
    for promised in ("FullVideo.mp4", ".srt", ".png", "sections/", "--sections", ", ".join(CLIPS), MANIFEST):
        assert promised in usage, promised
    assert "l 480p15, m 720p30, h 1080p60, p 1440p60, k 2160p60 (default: l)" in " ".join(usage.split())
