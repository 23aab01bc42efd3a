"""What the lecture deck's tests need: the slides extra and the programs a person opens a deck with.

``./setup.sh --slides`` installs them (CI runs it). Without them the deck's tests skip, except under CI, where a
missing piece fails the test: a green CI must never hide a deck that was not tested.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

from scenes.pipeline.revealjs import revealjs_problem

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def need(missing: str | None) -> None:
    """Skip the test for what is ``missing`` (a description), or fail it under CI."""
    if missing is None:
        return
    message = f"{missing}: run ./setup.sh --slides"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def need_slides_extra(to: str = "html") -> None:
    # manim-slides replaces its module with a lazy one, whose spec is None, once imported
    installed = "manim_slides" in sys.modules or importlib.util.find_spec("manim_slides") is not None
    need(None if installed else "manim-slides is not installed")
    if to == "html":
        need(revealjs_problem())


def need_program(*names: str) -> list[str]:
    """The paths of the programs ``names`` (skipping or failing the test when one is missing)."""
    paths = [shutil.which(name) for name in names]
    need(next((f"{name} is not installed" for name, path in zip(names, paths, strict=True) if not path), None))
    return [str(path) for path in paths]


def dark_share(png: Path, background: int = 200) -> float:
    """The share of pixels darker than ``background`` (0–255 grey) in an image: above 0 when something is drawn
    on a white slide."""
    from PIL import Image

    with Image.open(png) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
    return sum(histogram[:background]) / (grey.width * grey.height)
