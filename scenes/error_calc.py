"""Step 2, the error: ŷ beside y, the loss with numbers substituted, and ∂E/∂ŷ."""

from __future__ import annotations

from collections.abc import Callable

from manim import (
    DOWN,
    UP,
    Create,
    Dot,
    Line,
    MathTex,
    NumberLine,
    Scene,
    VGroup,
    Write,
)

from scenes import losses
from scenes.drawing import symbols
from scenes.drawing.diagram import LABEL_FONT_SIZE, NetworkDiagram
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num, Token
from scenes.drawing.layout import PANEL_WIDTH, Panel, step_title
from scenes.drawing.moves import assemble
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import text
from scenes.stage.base import StepScene
from scenes.stage.context import StepContext
from scenes.stage.states import after_forward, on_scene

TokensOf = Callable[[str, Num, Num, int], list[Token]]  # a loss's substitution, from scenes.losses


def gap_line(ctx: StepContext, k: int) -> VGroup:
    """ŷₖ and yₖ as dots on an unlabelled number line, the gap between them in the error colour."""
    t, theme, f = ctx.trace, ctx.theme, ctx.decimals
    low = min(0.0, t.y_hat[k], t.y[k])
    high = max(1.0, t.y_hat[k], t.y[k])
    line = NumberLine(
        x_range=[low, high, (high - low) / 4],
        length=PANEL_WIDTH - 0.6,
        color=theme.muted,
        include_numbers=False,
        tick_size=0.06,
    )
    p_dot = Dot(line.n2p(t.y_hat[k]), color=theme.forward, radius=0.09)
    y_dot = Dot(line.n2p(t.y[k]), color=theme.error, radius=0.09)
    gap = Line(p_dot.get_center(), y_dot.get_center(), color=theme.error, stroke_width=6)
    p_label = Formula(
        rf"\hat y_{{{k + 1}}}",
        "=",
        Num(t.y_hat[k], theme.forward),
        decimals=f,
        color=theme.text,
        font_size=LABEL_FONT_SIZE,
    ).next_to(p_dot, UP, buff=0.15)
    y_label = Formula(
        rf"y_{{{k + 1}}}", "=", Num(t.y[k], theme.error), decimals=f, color=theme.text, font_size=LABEL_FONT_SIZE
    ).next_to(y_dot, DOWN, buff=0.15)
    group = VGroup(line, gap, p_dot, y_dot, p_label, y_label)
    group.numbers = [*p_label.numbers, *y_label.numbers]
    return group


def play_error_calc(scene: Scene, ctx: StepContext, diagram: NetworkDiagram | None = None) -> NetworkDiagram:
    """Play step 2 on ``scene``."""
    t, theme, c, f = ctx.trace, ctx.theme, ctx.config, ctx.decimals
    diagram = on_scene(scene, ctx, diagram, after_forward)
    title = step_title(2, "Error calculation", theme.error)
    panel = Panel(scene, theme)
    n = len(t.y)
    out = ctx.output_layer

    # --- prediction against target ---------------------------------------------------------------
    pairs = "; ".join(f"ŷ{k + 1} = {text(t.y_hat[k], f)} against y{k + 1} = {text(t.y[k], f)}" for k in range(n))
    with narrated(scene, "error-compare", f"Step 2, the error. How wrong is the prediction? {pairs}."):
        scene.play(Appear(title))
        for k in range(n):
            group = gap_line(ctx, k)
            panel.add(group)
            assemble(scene, group[4], {0: diagram.values[(out, k)]}, Create(group[0]), Appear(group[2]), run_time=1.0)
            scene.play(Appear(group[3]), Appear(group[5]), Create(group[1]), run_time=1.0)
        scene.wait(2.0)
        panel.clear()

    # --- the loss ---------------------------------------------------------------------------------
    terms = " + ".join(text(v, f) for v in t.loss_terms)
    caption = f"The loss {c.loss.replace('_', ' ')} measures it: E = {terms}" + (
        f" = {text(t.loss, f)}." if n > 1 else "."
    )
    with narrated(scene, "error-loss", caption):
        formula = MathTex(losses.FORMULAS[c.loss], font_size=36, color=theme.text)
        scene.play(panel.push(formula, Write), run_time=1.5)
        scene.wait(1.0)
        for k in range(n):
            row = _per_output_row(ctx, k, f"E_{{{k + 1}}}", losses.term_tokens, Num(t.loss_terms[k], theme.error))
            scene.play(panel.push(row), run_time=0.8)
            scene.wait(1.2)
        if n > 1:
            tokens: list = ["E", "="]
            for k, term in enumerate(t.loss_terms):
                tokens += (["+"] if k else []) + [Num(term, theme.error)]
            total = Formula(
                *tokens,
                "=",
                Num(t.loss, theme.error),
                decimals=f,
                color=theme.text,
                max_width=PANEL_WIDTH,
                font_size=34,
            )
        else:
            total = Formula("E", "=", Num(t.loss, theme.error), decimals=f, color=theme.text, font_size=36)
        scene.play(panel.push(total), run_time=0.8)
        scene.wait(2.0)
        panel.clear()

    # --- the signal the backward pass starts from ---------------------------------------------------
    signals = ", ".join(text(v, f) for v in t.dE_dyhat)
    with narrated(
        scene,
        "error-signal",
        f"Its slope with respect to the prediction, ∂E/∂ŷ = ({signals}), is the signal the backward pass starts from.",
    ):
        formula = MathTex(losses.DERIVATIVES[c.loss], font_size=36, color=theme.text)
        scene.play(panel.push(formula, Write), run_time=1.5)
        for k in range(n):
            symbol = symbols.partial("E", rf"\hat y_{{{k + 1}}}")
            row = _per_output_row(ctx, k, symbol, losses.derivative_tokens, Num(t.dE_dyhat[k], theme.backward))
            scene.play(panel.push(row), run_time=0.8)
            scene.wait(1.5)
        scene.wait(1.0)
        panel.clear()
    scene.play(Vanish(title), run_time=0.5)
    return diagram


def _per_output_row(ctx: StepContext, k: int, symbol: str, substituted: TokensOf, result: Num) -> Formula:
    """``symbol = <formula with yₖ and ŷₖ substituted> = result`` for output k."""
    t, theme = ctx.trace, ctx.theme
    y, y_hat = Num(t.y[k], theme.error, factor=True), Num(t.y_hat[k], theme.forward, factor=True)
    tokens = substituted(ctx.config.loss, y, y_hat, len(t.y))
    return Formula(symbol, "=", *tokens, "=", result, decimals=ctx.decimals, color=theme.text, max_width=PANEL_WIDTH)


class ErrorCalc(StepScene):
    """Step 2 on its own: `manim render scenes/error_calc.py ErrorCalc`."""

    def construct(self) -> None:
        play_error_calc(self, self.ctx)
