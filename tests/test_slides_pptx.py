"""`backprop-video slides --to pptx` through its real entry point (one part of the tiny network, rendered once for
this file), opened by LibreOffice Impress headless; and the checks every deck gets before any work."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import scenes
from scenes.environment import REVEALJS_ENV
from tests.command import TINY, run
from tests.deck import dark_share, need_program, need_slides_extra
from tests.scene_probe import recorded

PART = "ErrorCalc"  # short, and its first frame shows the network


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    need_slides_extra("pptx")
    folder = tmp_path_factory.mktemp("pptx")
    (folder / "tiny.toml").write_text(TINY)
    result = run("slides", "--config", "tiny.toml", "--to", "pptx", "--part", PART, "--out", "deck", cwd=folder)
    return folder / "deck", result


@pytest.mark.render
def test_a_slide_per_sub_step_with_its_video_and_notes(
    deck: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    from pptx import Presentation

    out, result = deck
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(p.name for p in out.iterdir()) == [".backprop-video.json", "slides.pptx"]
    assert "Generating video slides" not in result.stderr  # manim-slides' own bars stay out of the display
    config = tmp_path / "tiny.toml"
    config.write_text(TINY)
    captions = [c.content for c in recorded(getattr(scenes, PART), config, tmp_path / "media").subcaptions]
    deck_file = Presentation(str(out / "slides.pptx"))
    assert deck_file.slide_width * 9 == deck_file.slide_height * 16  # 16:9
    slides = list(deck_file.slides)
    assert [s.notes_slide.notes_text_frame.text for s in slides] == captions
    for slide in slides:
        assert any(shape.shape_type == 16 or "movie" in shape.name.lower() for shape in slide.shapes), slide.shapes


@pytest.mark.render
def test_libreoffice_opens_the_deck(deck: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    """Impress converts it to PDF, a 16:9 page per slide; the first page shows the network (looked at as PNG)."""
    soffice, pdftoppm, pdfinfo = need_program("soffice", "pdftoppm", "pdfinfo")
    out, _ = deck
    profile = (tmp_path / "profile").as_uri()  # a LibreOffice profile of its own: no clash with a running one
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out / "slides.pptx")], check=True, capture_output=True, timeout=180)  # fmt: skip
    pdf = tmp_path / "slides.pdf"
    info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True).stdout
    from pptx import Presentation

    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == len(Presentation(str(out / "slides.pptx")).slides)
    width, height = (
        float(v) for v in next(ln for ln in info.splitlines() if ln.startswith("Page size:")).split()[2:5:2]
    )
    assert width / height == pytest.approx(16 / 9, rel=0.01)
    subprocess.run([pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    first = next(tmp_path.glob("page*.png"))
    assert dark_share(first) > 0.005, f"the first slide shows nothing: {first}"


def test_a_bad_config_exits_2_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(TINY.replace("learning_rate = 0.5", "learning_rate = -1"))
    result = run("slides", "--config", "bad.toml", "--out", "deck", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: bad.toml: network.learning_rate") and result.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]  # no deck, no staging folder


@pytest.mark.parametrize("args", [["--to", "pdf"], ["--part", "Outro"], ["--theme", "blue"]])
def test_bad_options_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = run("slides", *args, "--out", "deck", cwd=tmp_path)
    assert result.returncode == 2 and "invalid choice" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_html_without_revealjs_says_how_to_install_it(tmp_path: Path) -> None:
    """Before any render: reveal.js missing is one line with the command that installs it (exit 1)."""
    need_slides_extra("pptx")
    import os

    env = {**os.environ, REVEALJS_ENV: str(tmp_path / "nowhere")}
    result = run("slides", "--out", "deck", cwd=tmp_path, env=env)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("error: reveal.js is not installed") and "npm install" in result.stderr
    assert result.stderr.count("\n") == 1 and list(tmp_path.iterdir()) == []
