"""The table of the video's parts (scenes/steps_table.py): every place that lists the parts covers every row, in
the table's order, so that adding a part is its module and one row."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import scenes
from nnmath.config import DEFAULT_CONFIG
from nnmath.speech import integer_words
from scenes import SCENE_MODULES
from scenes.full_video import FullVideo, part_scenes
from scenes.pipeline.assemble import POSTER_SPAN
from scenes.pipeline.clips import CLIPS, LONGEST_FIRST, RENDER_SECONDS, RenderJob
from scenes.stage.base import StepScene
from scenes.steps_table import FULL_VIDEO, PART, PARTS, STEPS
from scenes.words import step_opening
from tests.scene_probe import Recording, recorded

SCENES_DIR = Path(scenes.__file__).parent
NAMES = [part.scene for part in PARTS]


def test_the_table_names_each_part_once_with_its_module() -> None:
    assert len(set(NAMES)) == len(NAMES) and FULL_VIDEO.scene not in NAMES
    assert {part.scene: part for part in PARTS} == PART
    for part in (*PARTS, FULL_VIDEO):
        assert (SCENES_DIR / f"{part.module}.py").is_file(), part
        assert 0 <= part.poster_span[0] < part.poster_span[1] <= 1, part
    assert [part.number for part in STEPS] == list(range(1, len(STEPS) + 1))  # numbered 1, 2, … in the video's order
    for part in STEPS:
        assert part.title and part.opening and part.cycle, part


def test_the_command_renders_every_part_in_the_tables_order() -> None:
    assert list(CLIPS) == NAMES
    assert list(SCENE_MODULES) == [*NAMES, FULL_VIDEO.scene]
    assert {part.scene: part.render_seconds for part in PARTS} == RENDER_SECONDS
    assert sorted(LONGEST_FIRST) == sorted(NAMES)
    assert set(POSTER_SPAN) == {*NAMES, FULL_VIDEO.scene}
    for part in PARTS:
        job = RenderJob(part.scene, Path("media"))
        assert (job.module, job.scene) == (part.module, part.scene)


def test_each_part_is_a_scene_from_scenes_in_its_module() -> None:
    """`from scenes import …` and `manim render scenes/<module>.py <Scene>` find every part, and the full video
    plays them in the table's order."""
    for part in (*PARTS, FULL_VIDEO):
        scene = getattr(scenes, part.scene)
        assert issubclass(scene, StepScene) and scene.__module__ == f"scenes.{part.module}", part
    assert [scene.__name__ for scene in part_scenes()] == NAMES
    for scene in part_scenes():  # each part says how the full video plays it
        assert scene.play_in_video is not StepScene.play_in_video, scene


def test_every_part_and_the_full_video_have_a_slide_variant() -> None:
    if "manim_slides" not in sys.modules and importlib.util.find_spec("manim_slides") is None:
        pytest.skip("the slides extra is not installed")  # (once imported, manim-slides' module has no spec)
    from scenes.slides import VARIANTS, StepSlides

    assert list(VARIANTS) == [f"{name}Slides" for name in [*NAMES, FULL_VIDEO.scene]]
    for name, variant in VARIANTS.items():
        assert issubclass(variant, StepSlides) and variant.__module__ == "scenes.slides", name
        assert variant.__bases__[1] is getattr(scenes, name.removesuffix("Slides"))


@pytest.fixture(scope="module")
def full_video(tmp_path_factory: pytest.TempPathFactory) -> Recording:
    return recorded(FullVideo, DEFAULT_CONFIG, tmp_path_factory.mktemp("media"))


def test_each_step_shows_and_says_its_number_title_and_cycle_box(full_video: Recording) -> None:
    """The intro's cycle, each step's title, and the caption and spoken line it opens with, from the table."""
    captions = [caption.content for caption in full_video.subcaptions]
    spoken = [line for _, line in full_video.script]
    texts = set(full_video.texts)  # as manim keeps a Text's string: without its spaces
    for part in STEPS:
        assert f"{part.number}.{part.cycle}".replace(" ", "") in texts, part
        assert f"Step{part.number}·{part.title}".replace(" ", "") in texts, part
        opening = step_opening(part)
        assert sum(caption.startswith(opening.caption) for caption in captions) == 1, part
        assert sum(line.startswith(f"Step {integer_words(part.number)}, ") for line in spoken) == 1, part
        assert opening.spoken in spoken[captions.index(next(c for c in captions if c.startswith(opening.caption)))]
