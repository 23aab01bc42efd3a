"""Sections and subcaptions: every sub-step is a manim section with a subcaption narrating it, and, when the
scene narrates, a voice saying it (the sub-step lasts at least as long as its speech).

On a slide variant (a manim-slides ``Slide``, see ``scenes/slides.py``) each section is also a slide, the
caption its presenter notes: manim-slides makes ``next_section`` start a slide and take the slide's options.

The one home of reading time: ``READING_RATE``; ``narrated`` makes every sub-step last at least its caption's
``reading_seconds``, and ``wait_to_read`` / ``read_out`` spend that time while what the caption is about is still on
screen (before a sub-step clears it), not on an emptied frame.

A caption may be written in beats (``beats``): the sub-step calls ``beat`` where its picture moves on (e.g. before
the panel clears a worked line), the words of one beat are shown only while that beat's picture is, and a beat lasts
at least its own words' reading time. So the subtitle reads a number while it is on screen, in the picture's order.
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


MIN_CAPTION_SECONDS = 1.2  # a subtitle shown for less flashes by
READING_RATE = 18.0  # characters a second a class reads comfortably (17–20): a caption stays at least len / this


BEAT = "\x1e"  # between two beats of a caption (an ASCII record separator: whitespace to ``str.split``)


def beats(*parts: str) -> str:
    """A caption of ``parts``, each one beat of the sub-step (``beat`` starts the next): each is cut into its own
    cues, shown while its part of the picture is."""
    return BEAT.join(part for part in parts if part)


def plain(caption: str) -> str:
    """``caption`` without its beat marks, as a person reads it (slide notes, the answer key)."""
    return " ".join(caption.replace(BEAT, " ").split())


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
    parts = [typeset(part) for part in words.caption.split(BEAT)]  # the subtitle writes "−" and "ŷ₁" as the screen
    caption, spoken = plain(" ".join(parts)), words.spoken
    if is_slide(scene):  # manim-slides' next_section takes the slide's options too
        scene.next_section(name, section_type=section_type, notes=caption)  # type: ignore[call-arg]
    else:
        scene.next_section(name, section_type=section_type)
    start = scene.time
    # When each beat started (None: not yet), and its words: see ``beat``.
    scene.caption_beats = [(start if n == 0 else None, part) for n, part in enumerate(parts)]  # type: ignore[attr-defined]
    scene.caption_due = start + reading_seconds(parts[0])  # type: ignore[attr-defined]  # see wait_to_read
    script = getattr(scene, "script", None)
    if script is not None:
        script.append((name, spoken))
    narrator = getattr(scene, "narrator", None)
    speech = narrator.say(scene, name, spoken) if narrator is not None else None
    yield
    while any(when is None for when, _ in scene.caption_beats):  # type: ignore[attr-defined]
        beat(scene)  # beats the sub-step did not reach: each still read in turn
    if speech is not None and scene.time - start < speech + SPEECH_PAUSE:
        # Whole frames, so the section's video is never shorter than its speech.
        hold(scene, start + speech + SPEECH_PAUSE)
    hold(scene, scene.caption_due)  # type: ignore[attr-defined]  # the last beat's last frame stays until it is read
    duration = scene.time - start
    timed = beat_times(scene.caption_beats, scene.time)  # type: ignore[attr-defined]
    # Each beat's words in cues a player can show (two lines at most), each for its share of the beat.
    for (beat_start, seconds), part in timed:
        for offset, share in cue_times(cues := cue_texts(part), seconds):
            scene.add_subcaption(cues.pop(0), duration=share, offset=beat_start + offset - scene.time)
    # Each sub-step's whole caption, start and duration: what it says, for whoever reads it by sub-step.
    if not hasattr(scene, "sub_step_captions"):
        scene.sub_step_captions = []  # type: ignore[attr-defined]
    scene.sub_step_captions.append((caption, start, duration))  # type: ignore[attr-defined]
    scene.caption_beats = []  # type: ignore[attr-defined]


def hold(scene: Scene, until: float) -> None:
    """Hold the frame until scene time ``until`` (if it is later), in whole frames."""
    if (missing := until - scene.time) > 0:
        frames = math.ceil(missing * config.frame_rate)
        scene.wait((frames + 0.5) / config.frame_rate)


def beat(scene: Scene) -> None:
    """The running sub-step's next beat starts: the words of this one have been on screen for their reading time
    first (the frame held if need be), while the picture they describe still is."""
    beats_: list[tuple[float | None, str]] = getattr(scene, "caption_beats", [])
    following = next((n for n, (when, _) in enumerate(beats_) if when is None), None)
    if following is None:
        return  # no beat left to start (a caption of one part, or the last beat already running)
    read_out(scene)
    beats_[following] = (scene.time, beats_[following][1])
    scene.caption_due = scene.time + reading_seconds(beats_[following][1])  # type: ignore[attr-defined]


def beat_times(marked: list[tuple[float | None, str]], end: float) -> list[tuple[tuple[float, float], str]]:
    """Each beat's (start, seconds) and words, from the times ``beat`` marked (every one by now), the last until
    ``end``."""
    starts = [end if when is None else when for when, _ in marked]
    return [
        ((when, later - when), part)
        for when, later, (_, part) in zip(starts, [*starts[1:], end], marked, strict=True)
        if part.strip()
    ]


def wait_to_read(scene: Scene, least: float, then: float = 0.0) -> None:
    """Wait ``least`` seconds, or longer: until the running sub-step's caption can be read by the end of the
    ``then`` seconds of animation that follow (e.g. clearing the panel). The place to wait out a long caption is
    while what it describes is still on screen, not on an empty frame at the end of the sub-step."""
    due = getattr(scene, "caption_due", None)
    remaining = 0.0 if due is None else due - then - scene.time
    if (seconds := max(least, remaining)) > 0:
        scene.wait(max(seconds, 1 / config.frame_rate))  # a sliver of a frame is one frame (manim's warning unsaid)


def read_out(scene: Scene) -> None:
    """Wait, if need be, until the running sub-step's caption has been on screen for its reading time: called
    before a sub-step clears what its caption is about (else ``narrated`` holds an emptied screen)."""
    wait_to_read(scene, 0.0)


def is_slide(scene: Scene) -> bool:
    """Whether ``scene`` is a manim-slides slide (an optional extra: recognised without importing it)."""
    return callable(getattr(scene, "next_slide", None))
