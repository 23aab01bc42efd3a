"""The render pipeline end to end with manim replaced by tiny synthetic clips: assemble, manifest, publish.

Fast (no manim process), so it can render twice: the output folder must hold exactly the last render.
"""

from __future__ import annotations

import signal
from datetime import timedelta
from pathlib import Path

import pytest
import srt

from nnmath import load_config
from nnmath.config import DEFAULT_CONFIG
from scenes.environment import CONFIG_ENV, NARRATE_ENV
from scenes.pipeline import render
from scenes.pipeline.clips import RenderJob, clips_for
from scenes.pipeline.output import ANSWER_KEY, MANIFEST, read_manifest
from scenes.pipeline.probe import probe
from scenes.pipeline.quality import Quality, qualities
from tests.media import has_sound, make_clip

LOW = Quality("l", 854, 480, 15)


def test_qualities_are_manims_own() -> None:
    from manim.constants import QUALITIES

    presets = qualities()
    assert presets["l"] == LOW and presets["l"].folder == "480p15"
    assert list(presets) == ["l", "m", "h", "p", "k"]
    assert {q.letter for q in presets.values()} == {p["flag"] for p in QUALITIES.values() if p["flag"]}


told: list[dict[str, str]] = []  # the environment each fake render gave its scenes


def fake_render_clips(
    render_jobs: list[RenderJob], quality: Quality, sections: bool, env: dict[str, str], *_: object
) -> None:
    """Write what manim would: each clip with its subtitles, and with --sections a section clip named after the config."""
    told.append(env)
    network = Path(env[CONFIG_ENV]).stem
    for k, job in enumerate(render_jobs):
        video = job.video(quality)
        video.parent.mkdir(parents=True)
        make_clip(video, (40 * k, 100, 200), frames=6 + k)
        cue = srt.Subtitle(1, timedelta(0), timedelta(seconds=0.2), f"{job.scene} of {network}")
        video.with_suffix(".srt").write_text(srt.compose([cue]), encoding="utf-8")
        if sections:
            job.sections_dir(quality).mkdir()
            make_clip(job.sections_dir(quality) / f"{job.scene}_0001_{network}.mp4", (200, 0, 0), frames=3)


@pytest.fixture
def no_manim(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "render_clips", fake_render_clips)


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_render_twice_the_folder_holds_the_last_render_only(tmp_path: Path, no_manim: None) -> None:
    out = tmp_path / "out"
    other = tmp_path / "other.toml"
    other.write_text(DEFAULT_CONFIG.read_text().replace("learning_rate = 0.5", "learning_rate = 0.25"))

    first = render.render_video(load_config(DEFAULT_CONFIG), out, LOW, sections=True)
    assert files_in(out) == sorted(p.relative_to(out).as_posix() for p in first)
    assert told[-1][NARRATE_ENV] == "0"  # the scenes speak only in a narrated render
    assert not [video for video in out.rglob("*.mp4") if has_sound(video)]  # and no track is added
    assert "narration" not in (read_manifest(out) or {})
    assert {p.name for p in (out / "sections" / "Intro").iterdir()} == {"Intro_0001_default.mp4"}

    second = render.render_video(load_config(other), out, LOW, theme="light", sections=False)
    clips = clips_for(dataset=False)  # a single sample's parts (not the dataset epilogue)
    expected = sorted(f"{scene}{suffix}" for scene in [*clips, "FullVideo"] for suffix in (".mp4", ".srt", ".png"))
    assert files_in(out) == sorted([*expected, ANSWER_KEY, MANIFEST])  # no sections/ of the earlier network
    assert "η = 0.25" in (out / ANSWER_KEY).read_text(encoding="utf-8")  # the key of the last render's network
    assert files_in(out) == sorted(p.relative_to(out).as_posix() for p in second)
    manifest = read_manifest(out)
    assert manifest is not None
    assert (manifest["config"], manifest["theme"], manifest["sections"]) == (str(other), "light", False)
    assert "Intro of other" in (out / "FullVideo.srt").read_text(encoding="utf-8")
    assert probe(out / "FullVideo.mp4").frames == sum(6 + k for k in range(len(clips)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.toml", "out"]  # no staging folder left


def test_a_failed_render_leaves_the_previous_one(
    tmp_path: Path, no_manim: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    render.render_video(load_config(DEFAULT_CONFIG), out, LOW, sections=True)
    before = {name: (out / name).read_bytes() for name in files_in(out)}

    def broken_stitch(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("scenes.pipeline.assemble.stitch", broken_stitch)
    with pytest.raises(OSError, match="No space"):
        render.render_video(load_config(DEFAULT_CONFIG), out, LOW, sections=False)
    assert {name: (out / name).read_bytes() for name in files_in(out)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_ctrl_c_during_the_swap_waits_for_it(
    tmp_path: Path, no_manim: None, monkeypatch: pytest.MonkeyPatch, python_sigint: None
) -> None:
    """An interrupt that arrives while the folder is swapped is held: the swap ends, then the command stops."""
    out = tmp_path / "out"
    real_replace = render.replace_folder

    def interrupted_replace(staged: Path, target: Path) -> None:
        signal.raise_signal(signal.SIGINT)  # Ctrl-C, just as the swap starts
        real_replace(staged, target)

    monkeypatch.setattr(render, "replace_folder", interrupted_replace)
    with pytest.raises(render.InterruptedAfterPublishError):
        render.render_video(load_config(DEFAULT_CONFIG), out, LOW)
    assert read_manifest(out) is not None and (out / "FullVideo.mp4").exists()  # the new render, complete
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
