"""A worker process renders clip after clip as `manim render` would, and says how each one ended."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scenes.environment import CONFIG_ENV
from scenes.pipeline.clips import ManimWorkers, RenderJob
from scenes.pipeline.probe import probe
from scenes.pipeline.quality import Quality
from tests.command import TINY
from tests.media import has_sound

LOW = Quality("l", 854, 480, 15)


def render(workers: ManimWorkers, job: RenderJob, config: Path, log: Path) -> int:
    return workers.render(job, LOW, False, {CONFIG_ENV: str(config)}, log)


@pytest.mark.render
def test_one_worker_renders_clips_one_after_another(tmp_path: Path) -> None:
    (tmp_path / "tiny.toml").write_text(TINY)
    jobs = [RenderJob("ErrorCalc", tmp_path / f"media-{k}") for k in range(2)]  # the shortest clip, twice
    with ManimWorkers(1) as workers:
        codes = [render(workers, job, tmp_path / "tiny.toml", tmp_path / f"{job.media_dir.name}.log") for job in jobs]
        workers.close()
    assert codes == [0, 0]
    assert len(workers.processes) == 1 and workers.processes[0].returncode == 0  # the same process, ended cleanly
    for job in jobs:
        assert probe(job.video(LOW)).frames > 15 and job.video(LOW).with_suffix(".srt").exists()
        assert not has_sound(job.video(LOW))  # not narrated (tests/test_render_cli.py renders a narrated video)
    assert not [log for log in workers.logs.values() if log.exists()]  # its own log removed with it


def test_a_clip_that_fails_says_so_with_its_exit_status_and_log(tmp_path: Path) -> None:
    """A bad config exits 2 in the scene's setup, as `manim render` of the clip would; the worker goes on."""
    job = RenderJob("ErrorCalc", tmp_path / "media")
    with ManimWorkers(1) as workers:
        assert render(workers, job, tmp_path / "missing.toml", tmp_path / "clip.log") == 2
        assert workers.processes[0].poll() is None  # still there for the next clip
    log = (tmp_path / "clip.log").read_text()
    assert f"error: {tmp_path / 'missing.toml'}: no such file" in log and "Traceback" not in log
    assert not job.video(LOW).exists()


def test_workers_stop_with_the_block_that_started_them(tmp_path: Path) -> None:
    """As when the command's input is bad: the workers it started ahead are stopped, having rendered nothing."""
    with ManimWorkers(2) as workers:
        assert all(process.poll() is None for process in workers.processes)
    assert all(process.poll() is not None for process in workers.processes)


def test_a_worker_that_dies_is_a_failed_clip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ManimWorkers, "command", (sys.executable, "-c", "import sys; sys.exit(3)"))
    with ManimWorkers(1) as workers:  # a worker that cannot start
        assert render(workers, RenderJob("ErrorCalc", tmp_path / "media"), tmp_path / "x.toml", tmp_path / "c.log") == 3
