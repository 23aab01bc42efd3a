"""Sections and subcaptions: every sub-step is a manim section with a subcaption narrating it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from manim import Scene
from manim.scene.section import DefaultSectionType

MIN_CAPTION_SECONDS = 1.0


@contextmanager
def narrated(scene: Scene, name: str, caption: str, section_type: str = DefaultSectionType.NORMAL) -> Iterator[None]:
    """Start section ``name`` (of ``section_type``: manim's own, or e.g. ``"backprop.question"`` for a
    section slides stop on); when the block ends, add ``caption`` for exactly its duration."""
    scene.next_section(name, section_type=section_type)
    start = scene.time
    yield
    duration = scene.time - start
    if duration < MIN_CAPTION_SECONDS:
        scene.wait(MIN_CAPTION_SECONDS - duration)
        duration = MIN_CAPTION_SECONDS
    scene.add_subcaption(caption, duration=duration, offset=-duration)
