"""`backprop-video` through its real entry point (the console script), in a temporary folder.

Real renders are few: one module-scoped render (over an earlier one) that most tests read, and the interrupted ones.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest
import srt

import scenes
from scenes.pipeline.output import MANIFEST, read_manifest
from scenes.pipeline.probe import index_first, probe, top_level_boxes
from scenes.stage.tex_cache import fill, keep
from tests.command import CLIPS, STALE_SECTION, TINY, alive, command, descendants, previous_render, run
from tests.scene_probe import record


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("render")
    (folder / "tiny.toml").write_text(TINY)
    previous_render(folder / "out", sections=True)  # replaced whole: its section clip must not survive
    result = run("render", "--config", "tiny.toml", "--quality", "l", "--out", "out", "--sections", cwd=folder)
    return folder / "out", result


# The same network with other numbers (every weight, bias, input and target), as a lecturer's next render.
NEW_NUMBERS = TINY.replace("[[[0.8]]]", "[[[-1.37]]]").replace("[[0.1]]", "[[0.42]]").replace(
    "x = [0.5]", "x = [0.25]").replace("y = [1.0]", "y = [0.3]")  # fmt: skip


@pytest.mark.render
def test_a_render_with_new_numbers_compiles_no_latex(
    rendered: tuple[Path, subprocess.CompletedProcess[str]], latex_cache: Path, tmp_path: Path
) -> None:
    """After one render, every clip of the same network with other numbers finds all its formulas cached
    (constructed, not rendered: what a second render would typeset, in a media folder filled from the cache;
    the cache is the test run's, see conftest.py)."""
    _, first = rendered
    assert re.search(r"LaTeX: \d+ formulas compiled, the others from " + re.escape(str(latex_cache)), first.stderr)
    (tmp_path / "new.toml").write_text(NEW_NUMBERS)
    for scene in CLIPS:
        media = tmp_path / f"media-{scene}"
        cached = fill(media)
        assert cached  # the render kept what it compiled
        record(getattr(scenes, scene), tmp_path / "new.toml", media)
        assert keep(media, cached) == 0, f"{scene} compiled LaTeX for new numbers"


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
def test_a_render_without_narrate_has_no_sound(rendered: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, result = rendered
    for video in [*out.glob("*.mp4"), *out.glob("sections/*/*.mp4")]:
        with av.open(str(video)) as container:
            assert not container.streams.audio, video
    manifest = read_manifest(out)
    assert manifest is not None and "narration" not in manifest
    assert "voice:" not in result.stderr


@pytest.mark.render
def test_every_video_has_its_index_first(rendered: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """FullVideo.mp4, each clip and each section clip: the box after ``ftyp`` is the index (``moov``), so a browser
    plays them while they download."""
    out, _ = rendered
    videos = [out / "FullVideo.mp4", *out.glob("*.mp4"), *out.glob("sections/*/*.mp4")]
    assert len(videos) > 10 and any(video.parent.parent.name == "sections" for video in videos)
    for video in videos:
        assert index_first(video), (video, top_level_boxes(video))


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
