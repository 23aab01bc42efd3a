"""`backprop-video render --narrate` through its real entry point: one narrated render of the tiny network, with
section clips, at the lowest quality, that every test here reads (the silent render is tests/test_render_cli.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import av
import numpy as np
import pyloudnorm
import pytest
import srt
from manim import tempconfig

from scenes import ErrorCalc, Intro
from scenes.environment import CONFIG_ENV, NARRATE_ENV
from scenes.pipeline.audio import SAMPLE_RATE, TARGET_LUFS
from scenes.pipeline.output import read_manifest
from scenes.pipeline.probe import index_first, probe
from scenes.stage import tex_cache
from tests.command import CLIPS, TINY, run

pytestmark = pytest.mark.render
SPEAKING, QUIET = 0.01, 0.002  # RMS of speech at about −16 LUFS is about 0.1; AAC noise in silence far below 0.002


@pytest.fixture(scope="module")
def narrated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("narrated")
    (folder / "tiny.toml").write_text(TINY)
    result = run(
        "render", "--config", "tiny.toml", "--quality", "l", "--out", "out", "--sections", "--narrate", cwd=folder
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "out", result


def videos(out: Path) -> list[Path]:
    return [*(out / f"{name}.mp4" for name in [*CLIPS, "FullVideo"]), *sorted(out.glob("sections/*/*.mp4"))]


def sound(video: Path) -> np.ndarray:
    """The decoded voice track of ``video`` (mono, SAMPLE_RATE), after checking it is one AAC stream at that rate."""
    with av.open(str(video)) as container:
        assert len(container.streams.audio) == 1, video
        stream = container.streams.audio[0]
        assert (stream.codec_context.name, stream.rate, stream.channels) == ("aac", SAMPLE_RATE, 1), video
        return np.concatenate([frame.to_ndarray().reshape(-1) for frame in container.decode(stream)])


def rms(samples: np.ndarray, start: float, end: float) -> float:
    part = samples[round(start * SAMPLE_RATE) : round(end * SAMPLE_RATE)]
    return float(np.sqrt(np.mean(part**2))) if len(part) else 0.0


def test_every_video_has_a_voice_track_as_long_as_its_frames(narrated: tuple[Path, object]) -> None:
    """Clips, section clips and the full video: audio and video agree within one frame."""
    out, _ = narrated
    found = videos(out)
    assert len(found) > len(CLIPS) + 1 + 20  # the section clips too
    for video in found:
        info = probe(video)
        assert abs(len(sound(video)) / SAMPLE_RATE - info.duration) <= 1 / float(info.fps), video


def test_every_voiced_video_has_its_index_first(narrated: tuple[Path, object]) -> None:
    out, _ = narrated
    assert all(index_first(video) for video in videos(out))


def test_the_full_video_joins_the_clips_sounds_as_it_joins_their_frames(narrated: tuple[Path, object]) -> None:
    out, _ = narrated
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


def test_speech_plays_while_its_sub_step_is_on_screen(narrated: tuple[Path, object]) -> None:
    """At every sub-step's start the voice speaks, and it has stopped before the sub-step ends: a sub-step lasts at
    least as long as its speech. The sub-steps are the section clips, one after another; the subtitles' cues (two
    lines at most each) tile the same time."""
    out, _ = narrated
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


def test_each_section_clip_carries_its_own_speech_whole(narrated: tuple[Path, object]) -> None:
    """A sub-step's speech starts with its section clip and ends within it (no speech is cut at a section's end)."""
    out, _ = narrated
    for video in sorted(out.glob("sections/*/*.mp4")):
        samples = sound(video)
        seconds = len(samples) / SAMPLE_RATE
        assert rms(samples, 0.0, 1.0) > SPEAKING, video.name
        assert rms(samples, seconds - 0.2, seconds) < QUIET, video.name


def test_a_render_of_the_same_config_synthesises_nothing(
    narrated: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every line the render spoke is in the speech cache: the clips constructed again speak from it alone."""
    out, result = narrated
    assert re.search(r"voice: \d+ lines synthesised, \d+ from ", result.stderr)
    manifest = read_manifest(out)
    assert manifest is not None and manifest["narration"] == {"voice": "en-us", "rate": 1.0}
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
