"""The slide variants: each step scene, and the whole video, as a manim-slides presentation (the ``slides`` extra).

A variant is the step's own scene class with manim-slides' ``Slide`` in front of it: the same construct, the same
sections and numbers. Every sub-step (a ``narrated`` section) starts a slide, so a presentation plays one sub-step
and waits for the next key press; its subtitle is the slide's presenter notes. A slide pauses on what its sub-step
built: where a sub-step ends by clearing the screen (a title fading out, an answer making way), the clearing opens
the next slide instead, and a clearing that ends the scene is left out of its slides (the next part of the deck
starts on its own).

    manim render scenes/slides.py ForwardPassSlides    # then: manim-slides convert ForwardPassSlides deck.html

``backprop-video slides`` renders the clips' variants (``VARIANTS``) in parallel and joins them into one deck.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from manim import Animation, Wait, config
from manim_slides import Slide
from manim_slides.config import BaseSlideConfig, PreSlideConfig

from scenes.full_video import FullVideo, part_scenes
from scenes.stage.base import StepScene

SLIDES_FOLDER = "slides"  # inside the render's media folder: <Scene>.json and the slides' videos


class StepSlides(Slide):  # type: ignore[misc]  # manim-slides' classes are untyped for mypy's strict mode
    """What makes a step scene a presentation; put it first among the bases: ``class X(StepSlides, Step)``."""

    skip_reversing = True  # reversed clips serve only `manim-slides present`'s back key; the decks never use them
    _current_animation: int  # manim-slides' count of plays so far, and the first play of the current slide
    _start_animation: int
    _slides: list[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The slides go into the render's own media folder, not ./slides of whatever folder manim runs in.
        super().__init__(*args, output_folder=Path(config.media_dir) / SLIDES_FOLDER, **kwargs)
        self._clearing_from: int | None = None  # the first of the plays at the end that only take things away

    def play(self, *animations: Any, **kwargs: Any) -> None:
        first = self._current_animation
        super().play(*animations, **kwargs)
        if all(isinstance(a, Wait) for a in animations):
            return  # a pause: neither builds nor clears
        if all(isinstance(a, Animation) and a.remover for a in animations):
            self._clearing_from = first if self._clearing_from is None else self._clearing_from
        else:
            self._clearing_from = None

    def next_section(self, *args: Any, **kwargs: Any) -> None:
        """A new slide (manim-slides: a section is a slide), cut before the clearing that ends the last one."""
        cut, played = self._clearing_from, self._current_animation
        if cut is not None and cut > self._start_animation:
            self._current_animation = cut  # where manim-slides ends the slide and starts the next one
        try:
            super().next_section(*args, **kwargs)
        finally:
            self._current_animation, self._clearing_from = played, None

    def _add_last_slide(self) -> None:
        """The last slide (manim-slides adds it when it saves them) ends before a clearing that ends the scene; the
        clearing is kept as a slide that is skipped (manim-slides leaves such slides out of the files it saves)."""
        cut, played = self._clearing_from, self._current_animation
        if cut is None or cut <= self._start_animation:
            super()._add_last_slide()
            return
        self._current_animation = cut
        try:
            super()._add_last_slide()
        finally:
            self._current_animation = played
        skipped = BaseSlideConfig(skip_animations=True)
        self._slides.append(PreSlideConfig.from_base_slide_config_and_animation_indices(skipped, cut, played))


def slide_variant(scene: type[StepScene]) -> type[StepSlides]:
    """``<Scene>Slides``: ``scene`` as a presentation, a class of this module (where ``manim render`` finds it)."""
    name = f"{scene.__name__}Slides"
    return type(name, (StepSlides, scene), {"__module__": __name__, "__qualname__": name, "__doc__": scene.__doc__})


# A slide variant of every part of the video (scenes/steps_table.py) and of the whole video.
VARIANTS = {variant.__name__: variant for variant in map(slide_variant, [*part_scenes(), FullVideo])}
globals().update(VARIANTS)
__all__ = ["StepSlides", *VARIANTS]
