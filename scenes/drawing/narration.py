"""Sections and subcaptions: every sub-step is a manim section with a subcaption narrating it, and, when the
scene narrates, a voice saying it (the sub-step lasts at least as long as its speech).

On a slide variant (a manim-slides ``Slide``, see ``scenes/slides.py``) each section is also a slide, the
caption its presenter notes: manim-slides makes ``next_section`` start a slide and take the slide's options.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from manim import Scene, config
from manim.scene.section import DefaultSectionType


class Words(NamedTuple):
    """What a sub-step says (``scenes.words``): its caption on screen and its line for the voice."""

    caption: str  # the subtitle (and a slide's presenter notes)
    spoken: str  # the caption written for the ear


MIN_CAPTION_SECONDS = 1.0
READING_CHARS_PER_SECOND = 18.0  # a comfortable subtitle pace (at most 20); a cue stays up long enough to read


def reading_seconds(caption: str) -> float:
    """How long ``caption`` must stay on screen to be read at ``READING_CHARS_PER_SECOND``."""
    return max(MIN_CAPTION_SECONDS, len(caption) / READING_CHARS_PER_SECOND)


SPEECH_PAUSE = 0.3  # seconds of quiet after a sub-step's speech, before the next one speaks


@contextmanager
def narrated(scene: Scene, name: str, words: Words, section_type: str = DefaultSectionType.NORMAL) -> Iterator[None]:
    """Start section ``name`` (of ``section_type``: manim's own, or e.g. ``"backprop.question"`` for a
    section slides stop on); when the block ends, add ``words.caption`` for exactly its duration, which is at least
    the caption's reading time (``reading_seconds``: a sub-step shorter than that holds its last frame). On a slide
    variant the section is a slide whose presenter notes are the caption. A scene with a ``narrator`` says
    ``words.spoken`` (the caption for the ear) from the start, and waits out what remains of it; a scene with a
    ``script`` list notes (name, spoken) in it, voiced or not."""
    caption, spoken = words
    if is_slide(scene):  # manim-slides' next_section takes the slide's options too
        scene.next_section(name, section_type=section_type, notes=caption)  # type: ignore[call-arg]
    else:
        scene.next_section(name, section_type=section_type)
    start = scene.time
    scene.reading_due = start + reading_seconds(caption)  # type: ignore[attr-defined]  # for ``read_out``
    script = getattr(scene, "script", None)
    if script is not None:
        script.append((name, spoken))
    narrator = getattr(scene, "narrator", None)
    speech = narrator.say(scene, name, spoken) if narrator is not None else None
    yield
    duration = scene.time - start
    if speech is not None and duration < speech + SPEECH_PAUSE:
        # Whole frames, so the section's video is never shorter than its speech.
        frames = math.ceil((speech + SPEECH_PAUSE - duration) * config.frame_rate)
        scene.wait((frames + 0.5) / config.frame_rate)
        duration = scene.time - start
    if duration < (reading := reading_seconds(caption)):  # the screen holds still until the caption is read
        scene.wait(reading - duration)
        duration = reading
    scene.add_subcaption(caption, duration=duration, offset=-duration)


def read_out(scene: Scene) -> None:
    """Wait, if need be, until the caption of the sub-step being narrated has been on screen for its reading time:
    called before a sub-step clears what its caption is about (else ``narrated`` holds an emptied screen)."""
    due = getattr(scene, "reading_due", None)
    if due is not None and scene.time < due:
        scene.wait(due - scene.time)


def is_slide(scene: Scene) -> bool:
    """Whether ``scene`` is a manim-slides slide (an optional extra: recognised without importing it)."""
    return callable(getattr(scene, "next_slide", None))
