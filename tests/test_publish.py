"""Publishing the output folder: all at once or not at all, and only over a folder the command wrote itself."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from scenes.pipeline import publish
from scenes.pipeline.output import MANIFEST, out_problem, read_manifest, write_manifest
from scenes.pipeline.publish import replace_folder, signals_held, staging_folder

OLD = {"FullVideo.mp4": b"old video", "sections/Step/Step_0001_old.mp4": b"old section"}
NEW = {"FullVideo.mp4": b"new video", "Intro.mp4": b"new intro"}


def fill(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def hidden(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


@pytest.fixture(params=["exchange", "rename"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of swapping: renameat2(RENAME_EXCHANGE), and the rename-aside fallback."""
    if request.param == "rename":
        monkeypatch.setattr(publish, "exchange", lambda a, b: False)
    return str(request.param)


def publish_new(out: Path) -> None:
    with staging_folder(out) as staging:
        fill(staging, NEW)
        replace_folder(staging, out)


def test_exchange_is_available_here(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    fill(a, {"x": b"a"})
    fill(b, {"y": b"b"})
    assert publish.exchange(a, b)
    assert contents(a) == {"y": b"b"} and contents(b) == {"x": b"a"}


def test_new_folder(tmp_path: Path, mode: str) -> None:
    out = tmp_path / "deep" / "out"
    publish_new(out)
    assert contents(out) == NEW
    assert hidden(out.parent) == []


def test_the_old_folder_is_replaced_whole(tmp_path: Path, mode: str) -> None:
    out = tmp_path / "out"
    fill(out, OLD)
    out.chmod(0o750)
    publish_new(out)
    assert contents(out) == NEW  # no stale section clip survives
    assert (out.stat().st_mode & 0o777) == 0o750  # the folder keeps its permissions
    assert hidden(tmp_path) == []


# Every step of a swap that touches the disk; a fault is injected before or after each of them in turn.
STEPS = [(os, "rename"), (shutil, "rmtree"), (publish, "exchange")]


def swap_with_fault(out: Path, monkeypatch: pytest.MonkeyPatch, fault_at: int, after: bool) -> list[dict[str, bytes]]:
    """Swap NEW in for ``out``, the ``fault_at``-th disk step raising KeyboardInterrupt (0: none).

    Returns what ``out`` held at each step boundary (a missing folder: {}).
    """
    seen: list[dict[str, bytes]] = []
    calls = [0]
    with staging_folder(out) as staging:
        fill(staging, NEW)
        with monkeypatch.context() as patch:
            for owner, name in STEPS:
                real = getattr(owner, name)

                def step(*args: object, _real: Callable[..., object] = real, **kw: object) -> object:
                    calls[0] += 1
                    seen.append(contents(out) if out.exists() else {})
                    if calls[0] == fault_at and not after:
                        raise KeyboardInterrupt
                    result = _real(*args, **kw)
                    seen.append(contents(out) if out.exists() else {})
                    if calls[0] == fault_at and after:
                        raise KeyboardInterrupt
                    return result

                patch.setattr(owner, name, step)
            replace_folder(staging, out)
    return seen


def test_with_exchange_the_folder_is_old_or_new_at_every_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    fill(out, OLD)
    seen = swap_with_fault(out, monkeypatch, fault_at=0, after=False)
    assert seen[0] == OLD and seen[-1] == NEW
    assert all(state in (OLD, NEW) for state in seen)  # even a power cut could not show a mix
    assert hidden(tmp_path) == []


@pytest.mark.parametrize("after", [False, True], ids=["before-step", "after-step"])
def test_a_fault_at_any_step_leaves_the_old_or_the_new_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, after: bool
) -> None:
    fill(tmp_path / "count", OLD)
    steps = len(swap_with_fault(tmp_path / "count", monkeypatch, fault_at=0, after=after)) // 2
    assert steps == (1 if mode == "exchange" else 3)  # exchange; or exchange (refused), aside, in
    for fault_at in range(1, steps + 1):
        out = tmp_path / f"out{fault_at}"
        fill(out, OLD)
        with pytest.raises(KeyboardInterrupt):
            swap_with_fault(out, monkeypatch, fault_at, after)
        assert contents(out) in (OLD, NEW), fault_at
        assert hidden(tmp_path) == [], fault_at


def test_a_failed_swap_puts_the_old_folder_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "exchange", lambda a, b: False)
    out = tmp_path / "out"
    real_rename = os.rename

    def rename(src: Path, dst: Path) -> None:
        if Path(dst) == out and Path(src).name == "new":
            raise OSError(28, "No space left on device")  # the new folder cannot be moved in
        real_rename(src, dst)

    fill(out, OLD)
    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError, match="No space"):
        publish_new(out)
    assert contents(out) == OLD
    assert hidden(tmp_path) == []


def test_staging_folder_is_hidden_beside_the_output_and_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(RuntimeError), staging_folder(out) as staging:
        assert staging.parent.parent == tmp_path and staging.parent.name.startswith(".out.partial-")
        fill(staging, NEW)
        raise RuntimeError
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(publish.NotWritableError) as error, staging_folder(tmp_path / "file" / "out"):
        pass
    assert error.value.strerror.startswith(f"cannot write in {tmp_path / 'file'} (")


def test_signals_wait_for_the_end_of_the_block(python_sigint: None) -> None:
    done = []
    with pytest.raises(KeyboardInterrupt), signals_held():  # the default SIGINT handler raises KeyboardInterrupt
        signal.raise_signal(signal.SIGINT)
        done.append("the step went on")
    assert done == ["the step went on"]
    with signals_held() as held:
        signal.raise_signal(signal.SIGINT)
        assert held == [signal.SIGINT]
        held.clear()  # handled by the caller: not delivered again
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# The output folder: which folders a render may replace.


def our_render(folder: Path, files: dict[str, bytes]) -> None:
    fill(folder, files)
    write_manifest(folder, [folder / name for name in files], {"quality": "l"})


def test_out_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("mine")
    (tmp_path / "empty").mkdir()
    fill(tmp_path / "lecture", {"notes.txt": b"mine"})
    our_render(tmp_path / "ours", OLD)
    our_render(tmp_path / "ours-plus", OLD)
    (tmp_path / "ours-plus" / "sections" / "my-slide.key").write_bytes(b"mine")
    assert out_problem(tmp_path / "new" / "deeper", "new/deeper") is None
    assert out_problem(tmp_path / "empty", "empty") is None
    assert out_problem(tmp_path / "ours", "ours") is None
    assert out_problem(tmp_path / "afile", "afile") == "--out afile: is a file, not a folder"
    assert (
        out_problem(tmp_path / "afile" / "out", "afile/out")
        == f"--out afile/out: {tmp_path / 'afile'} is a file, not a folder"
    )
    assert out_problem(tmp_path / "lecture", "lecture").startswith(
        "--out lecture: the folder holds files backprop-video did not write"
    )
    assert out_problem(tmp_path / "ours-plus", "ours-plus").startswith(
        "--out ours-plus: sections/my-slide.key was not written by backprop-video"
    )
    assert out_problem(tmp_path, ".").startswith("--out .: holds the current folder")
    assert out_problem(tmp_path.parent, "..").startswith("--out ..: holds the current folder")


def test_a_render_from_before_the_manifest_may_be_replaced(tmp_path: Path) -> None:
    """An earlier version wrote the same names without a manifest: its folder is ours, a stray file is not."""
    earlier = {"FullVideo.mp4": b"v", "FullVideo.srt": b"s", "Intro.png": b"p"}
    earlier["sections/Repeat/Repeat_0000_autocreated.mp4"] = b"v"
    fill(tmp_path / "earlier", earlier)
    assert out_problem(tmp_path / "earlier", "earlier") is None
    fill(tmp_path / "earlier-plus", {**earlier, "FullVideo.mp4.bak": b"mine"})
    assert out_problem(tmp_path / "earlier-plus", "earlier-plus").startswith(
        "--out earlier-plus: the folder holds files backprop-video did not write"
    )


def test_manifest_round_trip(tmp_path: Path) -> None:
    our_render(tmp_path, NEW)
    manifest = read_manifest(tmp_path)
    assert manifest is not None
    assert manifest["files"] == sorted(NEW) and manifest["quality"] == "l"
    (tmp_path / MANIFEST).write_text('{"files": []}')  # not ours: no writer
    assert read_manifest(tmp_path) is None
    shutil.rmtree(tmp_path)
    assert read_manifest(tmp_path) is None


def test_a_render_publishes_the_answer_key_beside_the_clips(tmp_path: Path) -> None:
    """The render writes the Markdown answer key into its staging folder (published whole, listed in the manifest),
    the same text ``python -m nnmath trace`` prints (FINDINGS-5 #14); the full render test checks the out folder."""
    import subprocess
    import sys

    from nnmath import load_config
    from nnmath.config import DEFAULT_CONFIG
    from scenes.pipeline.output import ANSWER_KEY, write_manifest
    from scenes.pipeline.render import write_answer_key

    staging = tmp_path / "staging"
    staging.mkdir()
    key = write_answer_key(staging, load_config(DEFAULT_CONFIG))
    assert key == staging / ANSWER_KEY
    printed = subprocess.run(
        [sys.executable, "-m", "nnmath", "trace", "--config", str(DEFAULT_CONFIG)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert key.read_text(encoding="utf-8") == printed
    write_manifest(staging, [key], {})
    out = tmp_path / "out"
    replace_folder(staging, out)
    manifest = read_manifest(out)
    assert manifest is not None and ANSWER_KEY in manifest["files"]  # type: ignore[operator]
    assert out_problem(out, "out") is None  # a later render may replace it
