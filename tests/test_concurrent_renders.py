"""Two renders into one folder, and what a render killed with ``kill -9`` leaves: through the real command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scenes.pipeline.lock import OWNER, owner_text, remove_leftovers, staging_prefix
from tests.command import TINY, command, previous_render, run


def start_render(folder: Path) -> tuple[subprocess.Popen[str], Path]:
    """A render of the tiny network into ``folder/out``, once it is building its staging folder (so it holds the
    lock and has removed what dead renders left); the process (a session of its own) and that folder."""
    before = set(staging_folders(folder))
    process = subprocess.Popen(command("render", "--config", "tiny.toml", "--out", "out", "--jobs", "1"), cwd=folder,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        new = [p for p in staging_folders(folder) if p not in before and (p / OWNER).exists()]
        if new:
            return process, new[0]
        assert process.poll() is None, process.communicate()
        time.sleep(0.2)
    raise AssertionError("the render never started its staging folder")


def staging_folders(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{staging_prefix(folder / 'out')}*"))


def ended_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def leftover(folder: Path, name: str, owner: str) -> Path:
    """A staging folder as a render leaves it, with its owner file."""
    path = folder / f"{staging_prefix(folder / 'out')}{name}"
    (path / "new").mkdir(parents=True)
    (path / "new" / "FullVideo.mp4").write_bytes(b"half a video")
    (path / OWNER).write_text(owner)
    return path


@pytest.mark.render
def test_one_render_at_a_time_and_killed_renders_cleaned_up(tmp_path: Path) -> None:
    (tmp_path / "tiny.toml").write_text(TINY)
    previous = previous_render(tmp_path / "out")
    dead = leftover(tmp_path, "dead1234", f"{ended_pid()} 12345\n")
    live = leftover(tmp_path, "live1234", owner_text())  # this test's own process: still running
    foreign = tmp_path / f"{staging_prefix(tmp_path / 'out')}mine1234"  # the name, but no owner file
    foreign.mkdir()

    first, staging = start_render(tmp_path)
    try:
        assert not dead.exists() and live.exists() and foreign.exists()
        second = run("render", "--config", "tiny.toml", "--out", "out", "--jobs", "1", cwd=tmp_path)
        assert second.returncode == 2, second.stderr
        assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
        assert second.stderr.startswith("error: --out out: another render is writing into this folder")
        assert f"pid {first.pid}, started " in second.stderr
        assert staging.exists()
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # kill -9: nothing of the render's own clean-up runs
        first.communicate(timeout=60)
    assert staging.exists()  # what the killed render left
    assert (tmp_path / "out" / "FullVideo.mp4").read_bytes() == previous

    # The next render removes it as it starts (as this one removed the dead leftover above): its owner has ended.
    assert remove_leftovers(tmp_path / "out") == [staging]
    assert live.exists() and foreign.exists()


def test_leftovers_of_live_or_unknown_renders_stay(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dead = leftover(tmp_path, "abcd_123", f"{ended_pid()} 1\n")
    reused = leftover(tmp_path, "efgh_123", f"{os.getpid()} 1\n")  # a live id, but another start: ended
    live = leftover(tmp_path, "ijkl_123", owner_text())
    odd = leftover(tmp_path, "mnop_123", "not an owner line")
    longer = leftover(tmp_path, "qrst_1234", f"{ended_pid()} 1\n")  # not a name mkdtemp gives
    assert sorted(remove_leftovers(out)) == sorted([dead, reused])
    assert live.exists() and odd.exists() and longer.exists()
