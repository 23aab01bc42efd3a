"""Step 2's number lines: ŷₖ beside yₖ on a line, the gap between them (``scenes.error_calc`` places them)."""

from __future__ import annotations

import math

from manim import DOWN, LEFT, RIGHT, UP, DashedLine, Dot, Line, MathTex, NumberLine, Text, VGroup, VMobject

from nnmath import StepTrace
from scenes.drawing import symbols
from scenes.drawing.formula import Formula
from scenes.drawing.style import LABEL_SIZE, PANEL_WIDTH
from scenes.stage.context import StepContext
from scenes.words import error_calc as words

DOT_RADIUS = 0.09
LABEL_OVERHANG = 0.3  # how far a label may reach past the end of its number line
GAP_WIDTH = 6
END_ROOM = 0.55  # room beside each end of a number line for its end's label


class GapLine(VGroup):
    """ŷₖ and yₖ as dots on a number line with its ends labelled (0 and 1, or whole numbers around them), the gap
    |y − ŷ| between them in the text colour (it is not E, so not in the error's); a gap whose term adds nothing to E (a target of 0 under cross-entropy) is drawn neutral and
    dashed, with a note saying so (``counts`` is False)."""

    def __init__(self, ctx: StepContext, k: int) -> None:
        super().__init__()
        t, theme, decimals = ctx.trace, ctx.theme, ctx.decimals
        low, high = line_ends(t, k)
        self.line = NumberLine(
            x_range=[low, high, (high - low) / 4],
            length=PANEL_WIDTH - 2 * END_ROOM,
            color=theme.muted,
            include_numbers=False,
            tick_size=0.06,
        )
        self.ends = VGroup(
            MathTex(str(low), font_size=LABEL_SIZE, color=theme.muted).next_to(self.line, LEFT, buff=0.15),
            MathTex(str(high), font_size=LABEL_SIZE, color=theme.muted).next_to(self.line, RIGHT, buff=0.15),
        )
        self.prediction_dot = Dot(self.line.n2p(t.y_hat[k]), color=theme.forward, radius=DOT_RADIUS)
        self.target_dot = Dot(self.line.n2p(t.y[k]), color=theme.target, radius=DOT_RADIUS)
        ends = (self.prediction_dot.get_center(), self.target_dot.get_center())
        self.counts = words.adds_to_error(t, k)  # not cross-entropy's −0 · ln ŷₖ
        self.gap: VMobject = (  # |y − ŷ|, not E: neutral, not the error's colour
            Line(*ends, color=theme.text, stroke_width=GAP_WIDTH)
            if self.counts
            else DashedLine(*ends, color=theme.muted, stroke_width=GAP_WIDTH / 2)
        )

        def named(symbol: str, entry: str, color: str) -> Formula:  # "ŷ₁ = 0.7514" in the value's colour
            number = ctx.num(entry, k, color=color)
            return Formula(symbol, "=", number, decimals=decimals, color=theme.text, font_size=LABEL_SIZE)

        self.prediction = named(symbols.y_hat(k), "y_hat", theme.forward).next_to(self.prediction_dot, UP, buff=0.15)
        self.target = named(symbols.y(k), "y", theme.target).next_to(self.target_dot, DOWN, buff=0.15)
        for label in (self.prediction, self.target):  # over its dot, but never past the line's ends
            left, right = self.line.get_left()[0] - LABEL_OVERHANG, self.line.get_right()[0] + LABEL_OVERHANG
            label.shift((max(0.0, left - label.get_left()[0]) - max(0.0, label.get_right()[0] - right)) * RIGHT)
        self.add(self.line, self.ends, self.gap, self.prediction_dot, self.target_dot, self.prediction, self.target)
        self.note: VMobject = VGroup()  # what a gap that adds nothing to E says about itself
        if not self.counts:
            self.note = Text(words.adds_nothing(), font_size=LABEL_SIZE, color=theme.muted)
            self.note.next_to(self.line, DOWN, buff=0.15).align_to(self.line, RIGHT)
            self.add(self.note)


def line_ends(t: StepTrace, k: int) -> tuple[int, int]:
    """Output k's number line's ends: whole numbers (0 and 1 for a probability), labels that are no value of the
    trace, around 0, 1, ŷₖ and yₖ."""
    return math.floor(min(0.0, t.y_hat[k], t.y[k])), math.ceil(max(1.0, t.y_hat[k], t.y[k]))
