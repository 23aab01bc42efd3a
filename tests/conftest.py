"""Test settings: under CI, hypothesis runs a fixed set of examples so a run is reproducible."""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from scenes.environment import CACHE_ENV
from tests.scene_probe import RECORDINGS_ENV

pytest_plugins = ["tests.timeline"]  # BACKPROP_SUITE_TIMELINE=FILE: where the time goes (benchmarks/suite_timeline.py)

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def fewer_collections() -> None:
    """The collector scans fewer times: the modules imported by now (manim, numpy, the scenes) are never garbage
    (``gc.freeze``), and a collection starts after 100,000 new objects, not 700. A scene's construction makes
    millions of short-lived objects; its probe keeps many alive, which every full collection walked again (a tenth
    of a construction's CPU, measured: benchmarks/README.md)."""
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


@pytest.fixture(scope="session", autouse=True)
def latex_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One LaTeX cache for the renders of this run, not the user's: tests start from no cached formula."""
    base = tmp_path_factory.getbasetemp()
    # Shared by the workers of one run (pytest-xdist gives each a folder of its own under the run's folder).
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "latex-cache"
    folder.mkdir(exist_ok=True)
    os.environ[CACHE_ENV] = str(folder)  # the probe and the render commands the tests start read it
    recordings = folder.parent / "recordings"  # scenes constructed once per run, whichever worker asks first
    recordings.mkdir(exist_ok=True)
    os.environ[RECORDINGS_ENV] = str(recordings)
    return folder


# The slowest files first (measured with --durations and each file's CPU time): pytest-xdist deals whole files out
# in collection order (pyproject.toml turns off its own reordering, by number of tests), each worker taking the
# next file as it runs out, so a slow file dealt out last would run alone at the end while the other worker sits
# idle. Files that construct the same scenes (tests/scene_probe.py: the first to ask constructs, the others wait for
# it) start apart: the scene tests on one worker, while the network shapes (the largest network first, on two
# cores; the scene tests ask for it last) and then the real render (two manim processes) runs on the other.
SLOWEST_FIRST = (
    "test_scenes.py",
    "test_network_shapes.py",
    "test_render_cli.py",
    "test_narration.py",
    "test_class_can_follow.py",
    "test_slides_html.py",
    "test_slides_pptx.py",
    "test_homework_cli.py",  # 60 pdfLaTeX runs (a class of 30)
    "test_repeat.py",
    "test_softmax_scenes.py",
    "test_long_chain.py",
    "test_command_start.py",
    "test_check_yourself.py",
    "test_render_checks.py",
    "test_rounding.py",
    "test_static.py",
    "test_scene_numbers.py",
    "test_shared_tex.py",
    "test_slide_variants.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the others keep their order


@pytest.fixture
def python_sigint() -> Iterator[None]:
    """Python's own Ctrl-C handler during the test, as in a terminal: a suite started as a shell's background job
    inherits SIGINT ignored, and tests of what a Ctrl-C does would then see nothing arrive."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
