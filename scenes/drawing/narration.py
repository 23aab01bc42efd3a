"""Sections and subcaptions: every sub-step is a manim section with a subcaption narrating it.

On a slide variant (a manim-slides ``Slide``, see ``scenes/slides.py``) each section is also a slide, the
caption its presenter notes: manim-slides makes ``next_section`` start a slide and take the slide's options.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from manim import Scene
from manim.scene.section import DefaultSectionType

MIN_CAPTION_SECONDS = 1.0


@contextmanager
def narrated(scene: Scene, name: str, caption: str, section_type: str = DefaultSectionType.NORMAL) -> Iterator[None]:
    """Start section ``name`` (of ``section_type``: manim's own, or e.g. ``"backprop.question"`` for a
    section slides stop on); when the block ends, add ``caption`` for exactly its duration. On a slide
    variant the section is a slide whose presenter notes are ``caption``."""
    if is_slide(scene):  # manim-slides' next_section takes the slide's options too
        scene.next_section(name, section_type=section_type, notes=caption)  # type: ignore[call-arg]
    else:
        scene.next_section(name, section_type=section_type)
    start = scene.time
    yield
    duration = scene.time - start
    if duration < MIN_CAPTION_SECONDS:
        scene.wait(MIN_CAPTION_SECONDS - duration)
        duration = MIN_CAPTION_SECONDS
    scene.add_subcaption(caption, duration=duration, offset=-duration)


def is_slide(scene: Scene) -> bool:
    """Whether ``scene`` is a manim-slides slide (an optional extra: recognised without importing it)."""
    return callable(getattr(scene, "next_slide", None))
