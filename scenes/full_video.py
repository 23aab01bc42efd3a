"""The whole video as one scene: intro, the four steps on one board, the quiz, and the epilogue."""

from __future__ import annotations

from manim import Group

from scenes.backward_pass import play_backward_pass
from scenes.check_yourself import play_check_yourself
from scenes.drawing.fades import Vanish
from scenes.error_calc import play_error_calc
from scenes.forward_pass import play_forward_pass
from scenes.intro import play_intro
from scenes.repeat import play_repeat
from scenes.stage.base import StepScene
from scenes.weight_update import play_weight_update


class FullVideo(StepScene):
    """`manim render scenes/full_video.py FullVideo`: every step, in order, on one network."""

    def construct(self) -> None:
        board = play_intro(self, self.ctx)
        steps = (play_forward_pass, play_error_calc, play_backward_pass, play_weight_update, play_check_yourself)
        for step in steps:
            board = step(self, self.ctx, board)
        self.play(Vanish(Group(*self.mobjects)))
        play_repeat(self, self.ctx)
