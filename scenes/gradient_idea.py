"""The end of step 2: what a slope ∂E/∂… says, and what the gradient is, before the backward pass computes one.

∂E/∂ŷ, just worked out, says how E changes when ŷ is nudged; the backward pass finds such a slope for every
weight and bias, and all of them together are the gradient, which points uphill (the way E grows fastest).
"""

from __future__ import annotations

from manim import MathTex, Text, VGroup, Write

from nnmath.notation import rounded, significant_decimals, sub
from scenes.drawing import symbols
from scenes.drawing.formula import Formula
from scenes.drawing.narration import narrated, wait_to_read
from scenes.drawing.style import FADE, LABEL_SIZE, READ, READ_LONG, RULE_SIZE, SHOW_ROW, WRITE
from scenes.drawing.theme import slope_color
from scenes.stage.step import Step
from scenes.words import error_calc as words

GRADIENT = r"\text{gradient} = \text{every } \frac{\partial E}{\partial w} \text{ and } \frac{\partial E}{\partial b}"


def sign_lines(value: float, k: int, decimals: int) -> str:
    """What the sign of ∂E/∂ŷₖ (as shown) says, in a few words."""
    shown = rounded(value, significant_decimals(value, decimals))  # as it reads: a gradient's digits
    y_hat = f"ŷ{sub(k + 1)}"
    if shown > 0:
        return f"positive:\nnudge {y_hat} up and E grows."
    if shown < 0:
        return f"negative:\nnudge {y_hat} up and E shrinks."
    return "zero:\na small nudge leaves E as it is."


def the_gradient(step: Step, key: VGroup, k: int) -> None:
    """∂E/∂ŷₖ again with what its sign says; then the gradient: every ∂E/∂w and ∂E/∂b, pointing uphill. The
    colour key stays: the step's end takes it."""
    ctx, scene, theme = step.ctx, step.scene, step.theme
    value = float(ctx.trace.dE_dyhat[k])
    with narrated(scene, "error-slope", words.error_slope(ctx, k)):  # the slope and its meaning, while said
        slope = Formula(
            symbols.partial("E", symbols.y_hat(k)),
            "=",
            ctx.num("dE_dyhat", k, color=slope_color(theme, value, ctx.decimals)),
            decimals=ctx.decimals,
            color=theme.text,
        )
        meaning = Text(
            f"how much E changes when\nŷ{sub(k + 1)} is nudged. It is " + sign_lines(value, k, ctx.decimals),
            font_size=LABEL_SIZE,
            color=theme.text,
            line_spacing=0.8,
        )
        scene.play(*step.panel.push_all([slope, meaning]), run_time=SHOW_ROW)
        wait_to_read(scene, READ_LONG)
    with narrated(scene, "error-gradient", words.error_gradient(ctx)):
        rule = MathTex(GRADIENT, font_size=RULE_SIZE, color=theme.text)
        uphill = Text(
            "found by the backward pass.\nThe gradient points uphill:\nthe way E grows fastest.",
            font_size=LABEL_SIZE,
            color=theme.text,
            line_spacing=0.8,
        )
        # The gradient's definition and what it says come as one block: if they do not fit under the slope,
        # its meaning goes first (then the slope), never a line of the block.
        block = rule.height + uphill.height + step.panel.spacing
        kept = [slope] if step.panel.fits([slope], block) else []
        step.panel.make_room(kept, block)
        scene.play(step.panel.push(rule, Write), run_time=WRITE)
        scene.play(step.panel.push(uphill), run_time=SHOW_ROW)
        wait_to_read(scene, READ, then=FADE)
        step.panel.clear()


def gradient_formulas() -> list[tuple[str, ...]]:
    """The gradient's rule (typeset ahead by the error step)."""
    return [(GRADIENT,)]
