"""A worker process renders clip after clip as `manim render` would, and says how each one ended."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scenes.environment import CONFIG_ENV
from scenes.pipeline.clips import ManimWorkers, RenderJob
from scenes.pipeline.probe import probe
from scenes.pipeline.quality import Quality
from tests.command import TINY

LOW = Quality("l", 854, 480, 15)


def workers_for(config: Path, logs: Path) -> ManimWorkers:
    return ManimWorkers(LOW, False, {**os.environ, CONFIG_ENV: str(config)}, logs)


@pytest.mark.render
def test_one_worker_renders_clips_one_after_another(tmp_path: Path) -> None:
    (tmp_path / "tiny.toml").write_text(TINY)
    workers = workers_for(tmp_path / "tiny.toml", tmp_path)
    jobs = [RenderJob("ErrorCalc", tmp_path / f"media-{k}") for k in range(2)]  # the shortest clip, twice
    try:
        codes = [workers.render(job, tmp_path / f"{job.media_dir.name}.log") for job in jobs]
    finally:
        workers.close()
    assert codes == [0, 0]
    assert len(workers.processes) == 1 and workers.processes[0].returncode == 0  # the same process, ended cleanly
    for job in jobs:
        assert probe(job.video(LOW)).frames > 15 and job.video(LOW).with_suffix(".srt").exists()


def test_a_clip_that_fails_says_so_with_its_exit_status_and_log(tmp_path: Path) -> None:
    """A bad config exits 2 in the scene's setup, as `manim render` of the clip would; the worker goes on."""
    workers = workers_for(tmp_path / "missing.toml", tmp_path)
    job = RenderJob("ErrorCalc", tmp_path / "media")
    try:
        assert workers.render(job, tmp_path / "clip.log") == 2
        assert workers.processes[0].poll() is None  # still there for the next clip
    finally:
        workers.close()
    log = (tmp_path / "clip.log").read_text()
    assert f"error: {tmp_path / 'missing.toml'}: no such file" in log and "Traceback" not in log
    assert not job.video(LOW).exists()


def test_a_worker_that_dies_is_a_failed_clip(tmp_path: Path) -> None:
    workers = workers_for(tmp_path / "missing.toml", tmp_path)
    workers.command = [*workers.command[:1], "-c", "import sys; sys.exit(3)"]  # a worker that cannot start
    assert workers.render(RenderJob("ErrorCalc", tmp_path / "media"), tmp_path / "clip.log") == 3
    workers.close()
