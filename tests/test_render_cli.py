"""`backprop-video` through its real entry point, in a temporary folder."""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import srt

from nnmath.config import DEFAULT_CONFIG
from scenes.pipeline.stitch import probe

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
CLIPS = ["Intro", "ForwardPass", "ErrorCalc", "BackwardPass", "WeightUpdate", "Repeat"]


def command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("backprop-video")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "scenes.pipeline.cli", *args]


def run(*args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("render")
    (folder / "tiny.toml").write_text(TINY)
    result = run("render", "--config", "tiny.toml", "--quality", "l", "--out", "out", "--sections", cwd=folder)
    return folder / "out", result


@pytest.mark.render
def test_render_writes_every_clip_with_subtitles_and_posters(
    rendered: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, result = rendered
    assert result.returncode == 0, result.stderr[-3000:]
    for name in [*CLIPS, "FullVideo"]:
        for suffix in (".mp4", ".srt", ".png"):
            path = out / f"{name}{suffix}"
            assert path.exists() and path.stat().st_size > 0, path
    assert not list(out.rglob("*.part")) and not list(out.rglob(".*"))
    assert "FullVideo.mp4" in result.stdout  # the closing table


@pytest.mark.render
def test_full_video_is_the_clips_back_to_back(rendered: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = rendered
    clips = [probe(out / f"{name}.mp4") for name in CLIPS]
    full = probe(out / "FullVideo.mp4")
    assert full.frames == sum(c.frames for c in clips)
    assert full.duration == pytest.approx(sum(c.duration for c in clips))
    assert (full.width, full.height, full.fps) == (854, 480, 15)


@pytest.mark.render
def test_subtitles_are_merged_in_order_with_offsets(rendered: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = rendered
    cues = list(srt.parse((out / "FullVideo.srt").read_text()))
    per_clip = [list(srt.parse((out / f"{name}.srt").read_text())) for name in CLIPS]
    assert len(cues) == sum(len(c) for c in per_clip)
    assert all(a.start <= b.start for a, b in itertools.pairwise(cues))
    forward_start = probe(out / "Intro.mp4").duration
    first_forward = cues[len(per_clip[0])]
    assert first_forward.content == per_clip[1][0].content
    assert first_forward.start.total_seconds() == pytest.approx(
        forward_start + per_clip[1][0].start.total_seconds(), abs=0.01
    )
    assert cues[-1].end.total_seconds() <= probe(out / "FullVideo.mp4").duration + 0.01


@pytest.mark.render
def test_sections_are_exported_for_slides(rendered: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = rendered
    forward = sorted((out / "sections" / "ForwardPass").glob("*.mp4"))
    assert len(forward) >= 3
    assert any("forward-prediction" in p.name for p in forward)


def test_bad_config_exits_2_and_leaves_the_previous_video_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    previous = os.urandom(4096)
    (out / "FullVideo.mp4").write_bytes(previous)
    (tmp_path / "bad.toml").write_text(DEFAULT_CONFIG.read_text().replace("learning_rate = 0.5", "learning_rate = 0"))
    result = run("render", "--config", "bad.toml", "--out", "out", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "error: bad.toml: network.learning_rate: must be greater than 0, got 0\n"
    assert (out / "FullVideo.mp4").read_bytes() == previous
    assert sorted(p.name for p in out.iterdir()) == ["FullVideo.mp4"]


def test_bad_options_exit_2(tmp_path: Path) -> None:
    for args in (["render", "--quality", "x"], ["render", "--jobs", "0"], ["render", "--theme", "blue"]):
        result = run(*args, cwd=tmp_path, timeout=60)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr


def test_trace_shorthand(tmp_path: Path) -> None:
    result = run("trace", "--format", "markdown", cwd=tmp_path, timeout=60)
    assert result.returncode == 0
    assert "E before = 0.2748 → E after = **0.2580**" in result.stdout


def test_missing_latex_is_reported_with_the_install_command(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}  # the venv's tools only: no latex
    result = subprocess.run(
        command("render", "--out", "out"), cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1
    assert "apt-get install" in result.stderr and "texlive-latex-base" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.render
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_render_leaves_no_partial_output(tmp_path: Path, sig: signal.Signals) -> None:
    (tmp_path / "tiny.toml").write_text(TINY)
    out = tmp_path / "out"
    out.mkdir()
    (out / "FullVideo.mp4").write_bytes(b"previous video")
    process = subprocess.Popen(command("render", "--config", "tiny.toml", "--out", "out", "--jobs", "2"), cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    time.sleep(6)  # the clips are being rendered
    assert process.poll() is None, process.communicate()
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["FullVideo.mp4"]
    assert (out / "FullVideo.mp4").read_bytes() == b"previous video"
    leftovers = subprocess.run(["pgrep", "-f", "scenes/intro.py"], capture_output=True, text=True).stdout
    assert not leftovers.strip(), "manim processes left running"
    shutil.rmtree(out)


def test_manim_render_with_a_bad_config_stops_before_any_frame(tmp_path: Path) -> None:
    env = {**os.environ, "BACKPROP_CONFIG": str(tmp_path / "missing.toml")}
    scene_file = Path(__file__).resolve().parent.parent / "scenes" / "error_calc.py"
    result = subprocess.run(
        [sys.executable, "-m", "manim", "render", "-ql", "--media_dir", str(tmp_path / "media"), str(scene_file), "ErrorCalc"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert f"error: {tmp_path / 'missing.toml'}: no such file" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not list((tmp_path / "media").rglob("*.mp4"))
