"""The whole video as one scene: intro, the four steps on one board, the quiz, and the epilogue."""

from __future__ import annotations

from manim import Group

from scenes.backward_pass import backward_formulas, play_backward_pass
from scenes.check_yourself import play_check_yourself, quiz_formulas
from scenes.drawing.fades import Vanish
from scenes.error_calc import error_formulas, play_error_calc
from scenes.forward_pass import forward_formulas, play_forward_pass
from scenes.intro import intro_formulas, play_intro
from scenes.repeat import play_repeat, repeat_formulas
from scenes.stage.base import StepScene
from scenes.weight_update import play_weight_update, update_formulas


class FullVideo(StepScene):
    """`manim render scenes/full_video.py FullVideo`: every step, in order, on one network."""

    def formulas(self) -> list[tuple[str, ...]]:
        parts = (intro_formulas, forward_formulas, error_formulas, backward_formulas, update_formulas, quiz_formulas)
        return [formula for part in (*parts, repeat_formulas) for formula in part(self.ctx)]

    def construct(self) -> None:
        board = play_intro(self, self.ctx)
        steps = (play_forward_pass, play_error_calc, play_backward_pass, play_weight_update, play_check_yourself)
        for step in steps:
            board = step(self, self.ctx, board)
        self.play(Vanish(Group(*self.mobjects)))
        play_repeat(self, self.ctx)
