"""The command starts fast and without manim: help, version, trace and bad input never import it."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.command import command

# Run the command's main() in a fresh interpreter, then list what it imported that it must not have.
PROBE = """
import json, sys
from scenes.pipeline.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = {"manim", "av", "cairo", "manimpango", "srt", "PIL"}
scenes_allowed = {"scenes", "scenes.environment", "scenes.pipeline"}  # no step module, no drawing module
print(json.dumps(sorted(
    m for m in sys.modules
    if m.split(".")[0] in heavy
    or (m.split(".")[0] == "scenes" and m not in scenes_allowed and not m.startswith("scenes.pipeline."))
)))
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["trace"], ["trace", "--format", "json"], ["render", "--out", "afile"]],
    ids=["help", "version", "trace", "trace-json", "render-bad-out"],
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


@pytest.mark.parametrize("args", [["--help"], ["trace"]])
def test_the_console_script_answers_quickly(tmp_path: Path, args: list[str]) -> None:
    """Best of three runs of the real console script: well under manim's own import time (about 1 s)."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        result = subprocess.run(command(*args), cwd=tmp_path, capture_output=True, timeout=60)
        times.append(time.perf_counter() - start)
        assert result.returncode == 0
    assert min(times) < 0.5, times
