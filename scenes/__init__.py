"""The video: one scene per step of backpropagation, the epilogue, and the full video.

from scenes import ForwardPass, ErrorCalc, BackwardPass, WeightUpdate, FullVideo
"""

from scenes.backward_pass import BackwardPass
from scenes.error_calc import ErrorCalc
from scenes.forward_pass import ForwardPass
from scenes.full_video import FullVideo
from scenes.intro import Intro
from scenes.repeat import Repeat
from scenes.weight_update import WeightUpdate

__all__ = ["BackwardPass", "ErrorCalc", "ForwardPass", "FullVideo", "Intro", "Repeat", "WeightUpdate"]
