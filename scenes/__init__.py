"""The video: one scene per step of backpropagation, the epilogue, and the full video.

from scenes import ForwardPass, ErrorCalc, BackwardPass, WeightUpdate, CheckYourself, FullVideo

The scene classes are imported on first use, so the command (``scenes.pipeline``) starts without manim.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from scenes.steps_table import FULL_VIDEO, PARTS

# scene class -> the module a user renders it from (`manim render scenes/<module>.py <Scene>`)
SCENE_MODULES = {part.scene: part.module for part in (*PARTS, FULL_VIDEO)}

if TYPE_CHECKING:
    from scenes.backward_pass import BackwardPass
    from scenes.check_yourself import CheckYourself
    from scenes.error_calc import ErrorCalc
    from scenes.forward_pass import ForwardPass
    from scenes.full_video import FullVideo
    from scenes.intro import Intro
    from scenes.repeat import Repeat
    from scenes.weight_update import WeightUpdate


def __getattr__(name: str) -> object:
    if name in SCENE_MODULES:
        return getattr(import_module(f"scenes.{SCENE_MODULES[name]}"), name)
    raise AttributeError(f"module 'scenes' has no attribute {name!r}")


__all__ = ["BackwardPass", "CheckYourself", "ErrorCalc", "ForwardPass", "FullVideo", "Intro", "Repeat", "WeightUpdate"]
