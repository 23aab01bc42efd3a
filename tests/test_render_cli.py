"""`backprop-video render` through its real entry point (the console script), in a temporary folder.

Real renders are few: one module-scoped render of the tiny network, narrated and with section clips, over an earlier
render, that most tests here read (the files, the subtitles, the sound); and the interrupted ones. A render without
``--narrate`` writes no sound: tests/test_pipeline.py (the pipeline) and tests/test_worker.py (manim's clip).
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import srt
from manim import tempconfig

import scenes
from nnmath import load_config
from nnmath.answer_key import answer_key_of
from scenes import ErrorCalc, Intro
from scenes.environment import CONFIG_ENV, NARRATE_ENV
from scenes.pipeline.audio import SAMPLE_RATE, TARGET_LUFS
from scenes.pipeline.output import ANSWER_KEY, MANIFEST, read_manifest
from scenes.pipeline.probe import index_first, probe, top_level_boxes
from scenes.stage import tex_cache
from scenes.stage.tex_cache import fill, keep
from tests import media
from tests.command import CLIPS, STALE_SECTION, TINY, alive, command, descendants, previous_render, run
from tests.scene_probe import construct_only

SPEAKING, QUIET = 0.01, 0.002  # RMS of speech at about −16 LUFS is about 0.1; AAC noise in silence far below 0.002
Rendered = tuple[Path, subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("render")
    (folder / "tiny.toml").write_text(TINY)
    previous_render(folder / "out", sections=True)  # replaced whole: its section clip must not survive
    result = run(
        "render", "--config", "tiny.toml", "--quality", "l", "--out", "out", "--sections", "--narrate", cwd=folder
    )
    return folder / "out", result


@functools.cache
def sound(video: Path) -> np.ndarray:
    """The voice track of one of the render's videos, decoded once for this file's tests (read-only: shared)."""
    samples = media.sound(video, SAMPLE_RATE)
    samples.flags.writeable = False
    return samples


def rms(samples: np.ndarray, start: float, end: float) -> float:
    return media.rms(samples, SAMPLE_RATE, start, end)


def videos(out: Path) -> list[Path]:
    """Each clip, the full video and every section clip."""
    return [*(out / f"{name}.mp4" for name in [*CLIPS, "FullVideo"]), *sorted(out.glob("sections/*/*.mp4"))]


# The same network with other numbers (every weight, bias, input and target), as a lecturer's next render.
NEW_NUMBERS = TINY.replace("[[[0.8]]]", "[[[-1.37]]]").replace("[[0.1]]", "[[0.42]]").replace(
    "x = [0.5]", "x = [0.25]").replace("y = [1.0]", "y = [0.3]")  # fmt: skip


@pytest.mark.render
def test_a_render_with_new_numbers_compiles_no_latex(rendered: Rendered, latex_cache: Path, tmp_path: Path) -> None:
    """After one render, every clip of the same network with other numbers finds all its formulas cached
    (constructed, not rendered: what a second render would typeset, in a media folder filled from the cache;
    the cache is the test run's, see conftest.py)."""
    _, first = rendered
    assert re.search(r"LaTeX: \d+ formulas compiled, the others from " + re.escape(str(latex_cache)), first.stderr)
    (tmp_path / "new.toml").write_text(NEW_NUMBERS)
    for scene in CLIPS:
        media_dir = tmp_path / f"media-{scene}"
        cached = fill(media_dir)
        assert cached  # the render kept what it compiled
        construct_only(getattr(scenes, scene), tmp_path / "new.toml", media_dir)
        assert keep(media_dir, cached) == 0, f"{scene} compiled LaTeX for new numbers"


@pytest.mark.render
def test_render_writes_every_clip_with_subtitles_and_posters(rendered: Rendered) -> None:
    out, result = rendered
    assert result.returncode == 0, result.stderr[-3000:]
    for name in [*CLIPS, "FullVideo"]:
        for suffix in (".mp4", ".srt", ".png"):
            path = out / f"{name}{suffix}"
            assert path.exists() and path.stat().st_size > 0, path
    assert [p.name for p in out.rglob(".*")] == [MANIFEST]  # no .part file left
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []  # nor the staging folder
    assert "FullVideo.mp4" in result.stdout  # the closing table
    # the answer key beside the clips: a lecturer needs no second command (FINDINGS-5 #14)
    assert (out / ANSWER_KEY).read_text(encoding="utf-8") == answer_key_of(load_config(out.parent / "tiny.toml"))


@pytest.mark.render
def test_manifest_lists_exactly_the_files_written(rendered: Rendered) -> None:
    out, _ = rendered
    manifest = read_manifest(out)
    assert manifest is not None
    present = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert sorted([*manifest["files"], MANIFEST]) == present  # type: ignore[list-item]
    assert manifest["config"] == str(out.parent / "tiny.toml")
    assert (manifest["quality"], manifest["theme"], manifest["sections"]) == ("l", "dark", True)
    assert manifest["narration"] == {"voice": "en-us", "rate": 1.0}


@pytest.mark.render
def test_full_video_is_the_clips_back_to_back(rendered: Rendered) -> None:
    out, _ = rendered
    clips = [probe(out / f"{name}.mp4") for name in CLIPS]
    full = probe(out / "FullVideo.mp4")
    assert full.frames == sum(c.frames for c in clips)
    assert full.duration == pytest.approx(sum(c.duration for c in clips))
    assert (full.width, full.height, full.fps) == (854, 480, 15)


@pytest.mark.render
def test_subtitles_are_merged_in_order_with_offsets(rendered: Rendered) -> None:
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
def test_every_video_has_its_index_first(rendered: Rendered) -> None:
    """FullVideo.mp4, each clip and each section clip: the box after ``ftyp`` is the index (``moov``), so a browser
    plays them while they download."""
    out, _ = rendered
    found = videos(out)
    assert len(found) > len(CLIPS) + 1 + 20  # the section clips too
    for video in found:
        assert index_first(video), (video, top_level_boxes(video))


@pytest.mark.render
def test_sections_are_exported_for_slides(rendered: Rendered) -> None:
    out, _ = rendered
    forward = sorted((out / "sections" / "ForwardPass").glob("*.mp4"))
    assert len(forward) >= 3
    assert any("forward-prediction" in p.name for p in forward)


@pytest.mark.render
def test_an_earlier_render_is_replaced_whole(rendered: Rendered) -> None:
    """The section clips of an earlier network do not survive beside the new ones (tests/test_pipeline.py
    renders twice with synthetic clips: a render without --sections leaves no sections/)."""
    out, _ = rendered
    assert not (out / STALE_SECTION).exists()
    assert (out / "FullVideo.mp4").stat().st_size > 4096
    assert sorted(p.name for p in out.parent.iterdir()) == ["out", "tiny.toml"]  # no staging folder left


@pytest.mark.render
def test_every_video_has_a_voice_track_as_long_as_its_frames(rendered: Rendered) -> None:
    """Clips, section clips and the full video: audio and video agree within one frame."""
    out, _ = rendered
    for video in videos(out):
        info = probe(video)
        assert abs(len(sound(video)) / SAMPLE_RATE - info.duration) <= 1 / float(info.fps), video


@pytest.mark.render
def test_the_full_video_joins_the_clips_sounds_as_it_joins_their_frames(rendered: Rendered) -> None:
    out, _ = rendered
    full = sound(out / "FullVideo.mp4")
    clips = [sound(out / f"{name}.mp4") for name in CLIPS]
    assert len(full) / SAMPLE_RATE == pytest.approx(sum(probe(out / f"{n}.mp4").duration for n in CLIPS), abs=1 / 15)
    offset = 0.0
    for name, clip in zip(CLIPS, clips, strict=True):  # each clip's sound is where its frames are in the full video
        first = np.argmax(np.abs(clip) > 0.05) / SAMPLE_RATE
        assert rms(full, offset + first, offset + first + 0.5) == pytest.approx(rms(clip, first, first + 0.5), rel=0.1)
        offset += probe(out / f"{name}.mp4").duration
    loudness = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(full.astype(np.float64))
    assert loudness == pytest.approx(TARGET_LUFS, abs=1.5)
    assert np.max(np.abs(full)) < 1.0  # no clipping


@pytest.mark.render
def test_speech_plays_while_its_sub_step_is_on_screen(rendered: Rendered) -> None:
    """At every sub-step's start the voice speaks, and it has stopped before the sub-step ends: a sub-step lasts at
    least as long as its speech. The sub-steps are the section clips, one after another; the subtitles' cues (two
    lines at most each) tile the same time."""
    out, _ = rendered
    full = sound(out / "FullVideo.mp4")
    spans, offset = [], 0.0
    for name in CLIPS:
        for section in sorted((out / "sections" / name).glob("*.mp4")):
            seconds = probe(section).duration
            spans.append((offset, offset + seconds, section.name))
            offset += seconds
    assert len(spans) >= 20
    for start, end, name in spans:
        assert rms(full, start, start + 1.0) > SPEAKING, name
        assert rms(full, end - 0.2, end) < QUIET, name
    cues = list(srt.parse((out / "FullVideo.srt").read_text()))
    assert all(len(cue.content.splitlines()) <= 2 for cue in cues)
    assert cues[0].start.total_seconds() == pytest.approx(0.0, abs=0.01)
    assert cues[-1].end.total_seconds() <= offset + 0.1  # the last clip may close after its last caption


@pytest.mark.render
def test_each_section_clip_carries_its_own_speech_whole(rendered: Rendered) -> None:
    """A sub-step's speech starts with its section clip and ends within it (no speech is cut at a section's end)."""
    out, _ = rendered
    for video in sorted(out.glob("sections/*/*.mp4")):
        samples = sound(video)
        seconds = len(samples) / SAMPLE_RATE
        assert rms(samples, 0.0, 1.0) > SPEAKING, video.name
        assert rms(samples, seconds - 0.2, seconds) < QUIET, video.name


@pytest.mark.render
def test_a_render_of_the_same_config_synthesises_nothing(
    rendered: Rendered, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every line the render spoke is in the speech cache: the clips constructed again speak from it alone."""
    out, result = rendered
    assert re.search(r"voice: \d+ lines synthesised, \d+ from ", result.stderr)
    monkeypatch.setenv(CONFIG_ENV, str(out.parent / "tiny.toml"))
    monkeypatch.setenv(NARRATE_ENV, "1")
    for scene_class in (Intro, ErrorCalc):
        settings = {"media_dir": str(tmp_path), "quality": "low_quality", "verbosity": "WARNING", "dry_run": True}
        with tempconfig(settings):
            tex_cache.fill(tmp_path)
            scene = scene_class(skip_animations=True)
            scene.setup()
            scene.construct()
        assert scene.narrator is not None and scene.narrator.lines
        assert not [line.text for line in scene.narrator.lines if line.synthesised]


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
