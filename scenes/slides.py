"""The slide variants: each step scene, and the whole video, as a manim-slides presentation (the ``slides`` extra).

A variant is the step's own scene class with manim-slides' ``Slide`` in front of it: the same construct, the same
sections and numbers. Every sub-step (a ``narrated`` section) starts a slide, so a presentation plays one sub-step
and waits for the next key press; its subtitle is the slide's presenter notes.

    manim render scenes/slides.py ForwardPassSlides    # then: manim-slides convert ForwardPassSlides deck.html

``backprop-video slides`` renders the clips' variants (``SLIDE_SCENES``) in parallel and joins them into one deck.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from manim import config
from manim_slides import Slide

from scenes.backward_pass import BackwardPass
from scenes.check_yourself import CheckYourself
from scenes.error_calc import ErrorCalc
from scenes.forward_pass import ForwardPass
from scenes.full_video import FullVideo
from scenes.intro import Intro
from scenes.repeat import Repeat
from scenes.weight_update import WeightUpdate

SLIDES_FOLDER = "slides"  # inside the render's media folder: <Scene>.json and the slides' videos


class StepSlides(Slide):  # type: ignore[misc]  # manim-slides' classes are untyped for mypy's strict mode
    """What makes a step scene a presentation; put it first among the bases: ``class X(StepSlides, Step)``."""

    skip_reversing = True  # reversed clips serve only `manim-slides present`'s back key; the decks never use them

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The slides go into the render's own media folder, not ./slides of whatever folder manim runs in.
        super().__init__(*args, output_folder=Path(config.media_dir) / SLIDES_FOLDER, **kwargs)


class IntroSlides(StepSlides, Intro):
    pass


class ForwardPassSlides(StepSlides, ForwardPass):
    pass


class ErrorCalcSlides(StepSlides, ErrorCalc):
    pass


class BackwardPassSlides(StepSlides, BackwardPass):
    pass


class WeightUpdateSlides(StepSlides, WeightUpdate):
    pass


class CheckYourselfSlides(StepSlides, CheckYourself):
    pass


class RepeatSlides(StepSlides, Repeat):
    pass


class FullVideoSlides(StepSlides, FullVideo):
    pass


__all__ = [
    "BackwardPassSlides",
    "CheckYourselfSlides",
    "ErrorCalcSlides",
    "ForwardPassSlides",
    "FullVideoSlides",
    "IntroSlides",
    "RepeatSlides",
    "StepSlides",
    "WeightUpdateSlides",
]
