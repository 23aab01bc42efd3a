"""`backprop-video render` refuses bad input before any work, one line each: config, options, --out, system tools."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from nnmath.config import DEFAULT_CONFIG
from scenes.pipeline.output import MANIFEST
from tests.command import previous_render, run


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
    if os.geteuid() == 0:  # root writes anywhere a mode allows; nobody creates files in /proc
        place = Path("/proc")
        if not (place / "self").exists():
            pytest.skip("no /proc mounted here: nowhere root cannot write")
    else:
        place = tmp_path / "locked"
        place.mkdir(mode=0o555)
    result = run("render", "--out", str(place / "video"), cwd=tmp_path, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: --out {place / 'video'}: cannot write in {place} (")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


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
