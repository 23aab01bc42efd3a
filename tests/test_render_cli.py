"""`backprop-video` through its real entry point (the console script), in a temporary folder.

Real renders are few: one module-scoped render (over an earlier one) that most tests read, and the interrupted ones.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest
import srt

from nnmath.config import DEFAULT_CONFIG
from scenes.pipeline.output import MANIFEST, read_manifest, write_manifest
from scenes.pipeline.probe import probe

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
CLIPS = ["Intro", "ForwardPass", "ErrorCalc", "BackwardPass", "WeightUpdate", "Repeat"]


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


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("render")
    (folder / "tiny.toml").write_text(TINY)
    previous_render(folder / "out", sections=True)  # replaced whole: its section clip must not survive
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
    assert [p.name for p in out.rglob(".*")] == [MANIFEST]  # no .part file left
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []  # nor the staging folder
    assert "FullVideo.mp4" in result.stdout  # the closing table


@pytest.mark.render
def test_manifest_lists_exactly_the_files_written(rendered: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = rendered
    manifest = read_manifest(out)
    assert manifest is not None
    present = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert sorted([*manifest["files"], MANIFEST]) == present  # type: ignore[list-item]
    assert manifest["config"] == str(out.parent / "tiny.toml")
    assert (manifest["quality"], manifest["theme"], manifest["sections"]) == ("l", "dark", True)


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


@pytest.mark.render
def test_an_earlier_render_is_replaced_whole(rendered: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The section clips of an earlier network do not survive beside the new ones (tests/test_pipeline.py
    renders twice with synthetic clips: a render without --sections leaves no sections/)."""
    out, _ = rendered
    assert not (out / STALE_SECTION).exists()
    assert (out / "FullVideo.mp4").stat().st_size > 4096
    assert sorted(p.name for p in out.parent.iterdir()) == ["out", "tiny.toml"]  # no staging folder left


def test_bad_config_exits_2_and_leaves_the_previous_video_alone(tmp_path: Path) -> None:
    previous = previous_render(tmp_path / "out")
    (tmp_path / "bad.toml").write_text(DEFAULT_CONFIG.read_text().replace("learning_rate = 0.5", "learning_rate = 0"))
    result = run("render", "--config", "bad.toml", "--out", "out", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "error: bad.toml: network.learning_rate: must be greater than 0, got 0\n"
    assert (tmp_path / "out" / "FullVideo.mp4").read_bytes() == previous
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [MANIFEST, "FullVideo.mp4"]


def test_bad_options_exit_2(tmp_path: Path) -> None:
    for args in (["render", "--quality", "x"], ["render", "--jobs", "0"], ["render", "--theme", "blue"]):
        result = run(*args, cwd=tmp_path, timeout=60)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        if "--quality" in args:
            assert result.stderr == "error: --quality x: expected one of l, m, h, p, k\n"  # manim's own presets


def test_out_that_is_a_file_exits_2_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "outfile").write_text("my notes")
    start = time.monotonic()
    result = run("render", "--out", "outfile", cwd=tmp_path, timeout=60)
    assert time.monotonic() - start < 10  # no clip was rendered
    assert (result.returncode, result.stderr) == (2, "error: --out outfile: is a file, not a folder\n")
    assert (tmp_path / "outfile").read_text() == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outfile"]


def test_a_folder_of_someone_elses_files_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "lecture.key").write_text("a lecture")
    result = run("render", "--out", "slides", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("error: --out slides: the folder holds files backprop-video did not write")
    assert result.stderr.count("\n") == 1
    # An earlier render's folder that someone added a file to is refused too, naming the file.
    previous_render(tmp_path / "out")
    (tmp_path / "out" / "my-notes.txt").write_text("mine")
    result = run("render", "--out", "out", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("error: --out out: my-notes.txt was not written by backprop-video")
    assert (tmp_path / "slides" / "lecture.key").read_text() == "a lecture"
    assert (tmp_path / "out" / "my-notes.txt").read_text() == "mine"


def test_an_unwritable_out_is_one_clear_line(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere a mode allows: use a filesystem the kernel keeps read-only
        place = Path("/sys")
        if not place.is_dir():
            pytest.skip("no /sys here")
    else:
        place = tmp_path / "locked"
        place.mkdir(mode=0o555)
    result = run("render", "--out", str(place / "video"), cwd=tmp_path, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: --out {place / 'video'}: cannot write in {place} (")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


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


def path_without_latex(tmp_path: Path) -> str:
    """A PATH holding python alone: no latex, no dvisvgm."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    return str(bin_dir)


def test_missing_latex_is_reported_with_the_install_command(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": path_without_latex(tmp_path)}
    result = run("render", "--out", "out", cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (
        "error: latex is not installed (the formulas need LaTeX); install it with: sudo apt-get install "
        "--no-install-recommends texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm\n"
    )
    assert not (tmp_path / "out").exists()


def test_missing_cairo_is_reported_with_the_install_command(tmp_path: Path) -> None:
    fake = tmp_path / "no-cairo"
    fake.mkdir()
    (fake / "cairo.py").write_text("raise ImportError('libcairo.so.2: cannot open shared object file')\n")
    env = {**os.environ, "PYTHONPATH": str(fake)}  # `import cairo` fails as it does without the library
    result = run("render", "--out", "out", cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (
        "error: cairo/pango are not usable (libcairo.so.2: cannot open shared object file); install them with: "
        "sudo apt-get install pkg-config libcairo2-dev libpango1.0-dev, then run ./setup.sh again\n"
    )
    assert not (tmp_path / "out").exists()


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


@pytest.mark.render
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_render_leaves_no_partial_output(tmp_path: Path, sig: signal.Signals) -> None:
    (tmp_path / "tiny.toml").write_text(TINY)
    previous = previous_render(tmp_path / "out")
    process = subprocess.Popen(command("render", "--config", "tiny.toml", "--out", "out", "--jobs", "2"), cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 30
    children: set[int] = set()
    while len(children) < 2 and time.monotonic() < deadline:  # the two manim processes are rendering
        time.sleep(0.5)
        children = {pid for pid in descendants(process.pid) if alive(pid)}
    time.sleep(3)
    children |= descendants(process.pid)
    assert process.poll() is None and len(children) >= 2, (children, process.poll())
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.endswith("interrupted: nothing was written; the previous video is untouched\n")
    assert "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [MANIFEST, "FullVideo.mp4"]
    assert (tmp_path / "out" / "FullVideo.mp4").read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tiny.toml"]  # no staging folder
    assert not [pid for pid in children if alive(pid)], "manim processes left running"


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
