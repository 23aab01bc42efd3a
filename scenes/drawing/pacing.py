"""A sub-step whose caption can be read: the section lasts at least as long as its caption takes to read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from manim import Scene
from manim.scene.section import DefaultSectionType

from scenes.drawing.narration import Words, narrated

READING_PACE = 17.0  # characters a second a class reads comfortably (subtitles: at most 20)


def reading_time(caption: str) -> float:
    return len(caption) / READING_PACE


@contextmanager
def paced(scene: Scene, name: str, words: Words, section_type: str = DefaultSectionType.NORMAL) -> Iterator[None]:
    """``narrated``, then a wait until the caption has been on screen for its reading time."""
    with narrated(scene, name, words, section_type=section_type):
        start = scene.time
        yield
        rest = reading_time(words.caption) - (scene.time - start)
        if rest > 0:
            scene.wait(rest)
