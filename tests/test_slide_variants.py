"""The slide variants (scenes/slides.py), constructed without rendering: a slide per section, the section's
subtitle as its notes, and the same numbers as the video's scene."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from manim import Scene, tempconfig

import scenes
from scenes.environment import CONFIG_ENV
from scenes.pipeline.clips import RenderJob
from scenes.stage import tex_cache
from tests.command import TINY
from tests.deck import need_slides_extra
from tests.scene_probe import recorded

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def construct_slides(scene_class: type[Scene], config_path: Path, media_dir: Path) -> Scene:
    """Construct a slide variant to its end without rendering; its slides are then in ``_slides``."""
    os.environ[CONFIG_ENV] = str(config_path)
    try:
        with tempconfig({"media_dir": str(media_dir), "quality": "low_quality", "verbosity": "WARNING",
                         "progress_bar": "none", "disable_caching": True}):  # fmt: skip
            cached = tex_cache.fill(media_dir)
            scene = scene_class(skip_animations=True)
            scene.setup()
            scene.construct()
            scene._add_last_slide()  # type: ignore[attr-defined]  # what manim-slides does when it saves them
            tex_cache.keep(media_dir, cached)
            return scene
    finally:
        os.environ.pop(CONFIG_ENV, None)


@pytest.fixture(scope="module")
def configs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tiny = tmp_path_factory.mktemp("configs") / "tiny.toml"
    tiny.write_text(TINY)
    return {"default": ASSETS / "default.toml", "tiny": tiny}


# Each construct takes seconds: the quiz (its question sections) here; every part is rendered in test_slides_*.py.
@pytest.mark.parametrize(("config", "clip"), [("tiny", "CheckYourself")])
def test_a_slide_per_section_with_its_subtitle_as_notes(
    configs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, config: str, clip: str
) -> None:
    """Every section of the video's scene is one slide of its variant, in order, each playing at least one
    animation, its notes the section's subtitle (the numbers of the config)."""
    need_slides_extra("pptx")
    from scenes import slides

    media = tmp_path_factory.mktemp("media")
    video = recorded(getattr(scenes, clip), configs[config], media)  # the video's scene, as the scene tests see it
    variant = construct_slides(getattr(slides, RenderJob(clip, media, slides=True).scene), configs[config], media)
    every = variant._slides  # type: ignore[attr-defined]
    made = [slide for slide in every if not slide.skip_animations]  # a clearing at the scene's end is left out
    assert len(made) == len(video.sections), (len(made), video.sections)
    assert [slide.notes for slide in made] == [caption.content for caption in video.subcaptions]
    assert all(slide.end_animation > slide.start_animation for slide in every), "a slide that plays nothing"
    assert [s.start_animation for s in every[1:]] == [s.end_animation for s in every[:-1]], "animations left out"
    assert every[0].start_animation == 0 and len(every) - len(made) <= 1
