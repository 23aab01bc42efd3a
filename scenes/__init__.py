"""The video's front door: one scene per part of the video (``scenes/steps_table.py``) and the full video.

from scenes import ForwardPass, ErrorCalc, BackwardPass, WeightUpdate, CheckYourself, FullVideo

The scene classes are imported on first use, so the command (``scenes.pipeline``) starts without manim.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from scenes.steps_table import SCENE_MODULES

if TYPE_CHECKING:  # the classes' types for a type checker (a part not named here is an ``object`` to it)
    from scenes.backward_pass import BackwardPass as BackwardPass
    from scenes.check_yourself import CheckYourself as CheckYourself
    from scenes.error_calc import ErrorCalc as ErrorCalc
    from scenes.forward_pass import ForwardPass as ForwardPass
    from scenes.full_video import FullVideo as FullVideo
    from scenes.intro import Intro as Intro
    from scenes.repeat import Repeat as Repeat
    from scenes.weight_update import WeightUpdate as WeightUpdate


def __getattr__(name: str) -> object:
    if name in SCENE_MODULES:
        return getattr(import_module(f"scenes.{SCENE_MODULES[name]}"), name)
    raise AttributeError(f"module 'scenes' has no attribute {name!r}")


__all__ = list(SCENE_MODULES)  # every part of scenes/steps_table.py, and the full video
