"""Sections and subcaptions: every sub-step is a manim section with a subcaption narrating it, and, when the
scene narrates, a voice saying it (the sub-step lasts at least as long as its speech).

On a slide variant (a manim-slides ``Slide``, see ``scenes/slides.py``) each section is also a slide, the
caption its presenter notes: manim-slides makes ``next_section`` start a slide and take the slide's options.

The one home of reading time: ``READING_RATE``; ``narrated`` makes every sub-step last at least its caption's
``reading_seconds``, and ``wait_to_read`` / ``read_out`` spend that time while what the caption is about is still on
screen (before a sub-step clears it), not on an emptied frame.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from manim import Scene, config
from manim.scene.section import DefaultSectionType

from scenes.drawing.subtitle_cues import cue_texts, cue_times
from scenes.drawing.typography import typeset


class Words(NamedTuple):
    """What a sub-step says (``scenes.words``): its caption on screen and its line for the voice."""

    caption: str  # the subtitle (and a slide's presenter notes)
    spoken: str  # the caption written for the ear


MIN_CAPTION_SECONDS = 1.0
READING_RATE = 18.0  # characters a second a class reads comfortably (17–20): a caption stays at least len / this


def reading_seconds(caption: str) -> float:
    """How long ``caption`` must stay on screen to be read at ``READING_RATE`` (at least ``MIN_CAPTION_SECONDS``)."""
    return max(MIN_CAPTION_SECONDS, len(" ".join(caption.split())) / READING_RATE)


SPEECH_PAUSE = 0.3  # seconds of quiet after a sub-step's speech, before the next one speaks


@contextmanager
def narrated(scene: Scene, name: str, words: Words, section_type: str = DefaultSectionType.NORMAL) -> Iterator[None]:
    """Start section ``name`` (of ``section_type``: manim's own, or e.g. ``"backprop.question"`` for a
    section slides stop on); when the block ends, add ``words.caption`` for exactly its duration, which is at least
    the caption's reading time (``reading_seconds``: a sub-step shorter than that holds its last frame). On a slide
    variant the section is a slide whose presenter notes are the caption. A scene with a ``narrator`` says
    ``words.spoken`` (the caption for the ear) from the start, and waits out what remains of it; the block lasts at
    least the caption's reading time (``reading_seconds``: a subtitle is never faster than a class reads); a scene with a
    ``script`` list notes (name, spoken) in it, voiced or not."""
    caption, spoken = typeset(words.caption), words.spoken  # the subtitle writes "−" and "ŷ₁" as the screen does
    if is_slide(scene):  # manim-slides' next_section takes the slide's options too
        scene.next_section(name, section_type=section_type, notes=caption)  # type: ignore[call-arg]
    else:
        scene.next_section(name, section_type=section_type)
    start = scene.time
    scene.caption_due = start + reading_seconds(caption)  # type: ignore[attr-defined]  # see wait_to_read
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
    if duration < (reading := reading_seconds(caption)):
        # The sub-step's last frame stays until its caption can be read, in whole frames.
        frames = math.ceil((reading - duration) * config.frame_rate)
        scene.wait((frames + 0.5) / config.frame_rate)
        duration = scene.time - start
    # The caption in cues a player can show (two lines at most), each for its share of the sub-step.
    for offset, seconds in cue_times(cues := cue_texts(caption), duration):
        scene.add_subcaption(cues.pop(0), duration=seconds, offset=offset - duration)
    # Each sub-step's whole caption, start and duration: what it says, for whoever reads it by sub-step.
    if not hasattr(scene, "sub_step_captions"):
        scene.sub_step_captions = []  # type: ignore[attr-defined]
    scene.sub_step_captions.append((caption, start, duration))  # type: ignore[attr-defined]


def wait_to_read(scene: Scene, least: float, then: float = 0.0) -> None:
    """Wait ``least`` seconds, or longer: until the running sub-step's caption can be read by the end of the
    ``then`` seconds of animation that follow (e.g. clearing the panel). The place to wait out a long caption is
    while what it describes is still on screen, not on an empty frame at the end of the sub-step."""
    due = getattr(scene, "caption_due", None)
    remaining = 0.0 if due is None else due - then - scene.time
    if (seconds := max(least, remaining)) > 0:
        scene.wait(seconds)


def read_out(scene: Scene) -> None:
    """Wait, if need be, until the running sub-step's caption has been on screen for its reading time: called
    before a sub-step clears what its caption is about (else ``narrated`` holds an emptied screen)."""
    wait_to_read(scene, 0.0)


def is_slide(scene: Scene) -> bool:
    """Whether ``scene`` is a manim-slides slide (an optional extra: recognised without importing it)."""
    return callable(getattr(scene, "next_slide", None))
