"""`homework --videos` on a real LocalCluster of 2 worker processes: 3 students of the tiny network, one worker
killed mid-batch, the batch still completes with every student's video; a second run renders nothing.

It renders every clip of 3 students (about 40 s of CPU each here, and the killed worker's task again): several
minutes on 2 busy cores, more than the suite's budget, so it runs when BACKPROP_CLUSTER_TEST=1 is set.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from nnmath.config import load_config
from tests.command import TINY, command, descendants

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(os.environ.get("BACKPROP_CLUSTER_TEST") != "1", reason="set BACKPROP_CLUSTER_TEST=1 (minutes)"),
]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _dask_workers(pid: int) -> list[int]:
    """The command's Dask worker processes (started by their nannies with multiprocessing)."""
    return [p for p in descendants(pid) if "multiprocessing" in _cmdline(p) and "resource_tracker" not in _cmdline(p)]


def _rendering(pid: int) -> bool:
    return any("scenes.pipeline.worker" in _cmdline(p) for p in descendants(pid))


def test_a_lost_worker_costs_only_its_task_and_a_rerun_renders_nothing(tmp_path: Path) -> None:
    (tmp_path / "tiny.toml").write_text(TINY)
    (tmp_path / "roster.csv").write_text("id,name\na1,Ann\nb2,Bob\nc3,Cem\n")
    (tmp_path / "course.secret").write_text("secret")
    args = ("homework", "--roster", "roster.csv", "--config", "tiny.toml", "--out", "class",
            "--secret-file", "course.secret", "--videos", "--workers", "2")  # fmt: skip
    batch = subprocess.Popen(command(*args), cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 600
    while killed is None and batch.poll() is None and time.monotonic() < deadline:
        workers = _dask_workers(batch.pid)
        if len(workers) == 2 and _rendering(batch.pid):
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.5)
    _, err = batch.communicate(timeout=1200)
    assert killed is not None, "no worker was rendering"
    assert batch.returncode == 0, err
    for student in ("a1", "b2", "c3"):
        video = tmp_path / "class" / student / "video"
        assert (video / "FullVideo.mp4").stat().st_size > 0 and (video / "FullVideo.srt").exists()
        assert load_config(tmp_path / "class" / student / "config.toml")
    assert "3/3 students" in err
    again = subprocess.run(command(*args), cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "3 of 3 students have theirs, 0 to render" in again.stderr
