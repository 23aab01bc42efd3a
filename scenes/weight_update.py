"""Step 4, the weight update: w_new = w_old − η ∂E/∂w, every parameter moves, E before → after."""

from __future__ import annotations

from manim import DOWN, LEFT, Arrow, MathTex, Scene, Text, VGroup, Write

from nnmath.notation import weight as weight_name
from scenes.drawing import symbols
from scenes.drawing.diagram import NetworkDiagram
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num
from scenes.drawing.layout import PANEL_WIDTH, Panel, step_title
from scenes.drawing.moves import assemble
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import text
from scenes.drawing.tables import ParameterTable
from scenes.stage.base import StepScene
from scenes.stage.context import StepContext
from scenes.stage.states import after_backward, on_scene


def play_weight_update(scene: Scene, ctx: StepContext, diagram: NetworkDiagram | None = None) -> NetworkDiagram:
    """Play step 4 on ``scene``."""
    t, theme, c, f = ctx.trace, ctx.theme, ctx.config, ctx.decimals
    diagram = on_scene(scene, ctx, diagram, after_backward)
    title = step_title(4, "Weight update", theme.update)
    panel = Panel(scene, theme)

    # --- the rule ------------------------------------------------------------------------------
    with narrated(
        scene,
        "update-rule",
        f"Step 4, the weight update. Gradient descent moves every weight against its gradient, scaled by the learning rate η = {text(c.learning_rate, f)}.",
    ):
        scene.play(Appear(title))
        rule = MathTex(
            r"w_{\text{new}} = w_{\text{old}} - \eta \, \frac{\partial E}{\partial w}", font_size=40, color=theme.text
        )
        eta = Formula(r"\eta", "=", Num(c.learning_rate, theme.update), decimals=f, color=theme.text)
        scene.play(panel.push(rule, Write), run_time=1.5)
        scene.play(panel.push(eta), run_time=0.6)
        scene.wait(1.5)

    # --- the focus weights, with numbers ---------------------------------------------------------
    news = "; ".join(
        f"{weight_name(l, *c.focus[l])} goes from {text(t.weights[l][c.focus[l]], f)} to {text(t.new_weights[l][c.focus[l]], f)}"
        for l in reversed(range(ctx.depth))
    )
    with narrated(scene, "update-focus", f"The weights whose chain rule we followed: {news}."):
        for l in reversed(range(ctx.depth)):
            j, i = c.focus[l]
            key = (l, j, i)
            row = Formula(
                symbols.weight(l, j, i),
                "=",
                Num(t.weights[l][j, i], factor=True),
                "-",
                Num(c.learning_rate, theme.update),
                r"\cdot",
                Num(t.grad_weights[l][j, i], theme.backward, factor=True),
                "=",
                Num(t.new_weights[l][j, i], theme.update),
                decimals=f,
                color=theme.text,
                max_width=PANEL_WIDTH,
            )
            panel.add(row)
            sources = {0: diagram.label_of(key)}
            if eta in panel.items:
                sources[1] = eta.numbers[0]
            assemble(scene, row, sources, diagram.edges[key].animate.set_stroke(theme.update, width=6), run_time=1.2)
            scene.wait(1.8)
        panel.clear()

    # --- every weight and bias at once -----------------------------------------------------------------
    with narrated(scene, "update-all", "Every weight and every bias takes its step at the same time."):
        animations = diagram.restyle_edges(diagram.neutral_styles())
        animations += [Vanish(part) for badge in diagram.badges.values() for part in badge]
        diagram.badges.clear()
        if diagram.labels_on_edges:
            animations += diagram.tick_labels(t.new_weights, t.new_biases, theme.update)
            scene.play(*animations, run_time=2.0)
        else:
            scene.play(*animations, run_time=1.0)
            for l in range(ctx.depth):
                table = ParameterTable(l, t.new_weights[l], t.new_biases[l], f, theme.update, theme.update)
                scene.play(panel.push(table), run_time=0.8)
                scene.wait(1.5)
        scene.wait(1.5)
        panel.clear()

    # --- did it help? --------------------------------------------------------------------------------
    better = t.loss_after < t.loss
    verdict = "smaller: the network learned" if better else "larger: η is too large for this step"
    with narrated(
        scene,
        "update-check",
        f"A forward pass with the new weights: ŷ = ({', '.join(text(v, f) for v in t.y_hat_after)}). The error goes from {text(t.loss, f)} to {text(t.loss_after, f)}, {verdict}.",
    ):
        for layer in range(1, ctx.output_layer + 1):
            scene.play(diagram.forward_pulse(layer, theme.forward, run_time=0.6))
        scene.play(*diagram.change_values(t.a_after, theme.forward), run_time=1.0)
        before = Formula(
            r"E_{\text{before}}", "=", Num(t.loss, theme.error), decimals=f, color=theme.text, font_size=38
        )
        after = Formula(
            r"E_{\text{after}}",
            "=",
            Num(t.loss_after, theme.update if better else theme.error),
            decimals=f,
            color=theme.text,
            font_size=38,
        )
        comparison = VGroup(before, after).arrange(DOWN, buff=0.9, aligned_edge=LEFT)
        x = before.get_left()[0] + 0.35
        arrow = Arrow([x, before.get_bottom()[1], 0], [x, after.get_top()[1], 0], buff=0.1, color=theme.muted)
        note = Text(verdict, font_size=28, color=theme.update if better else theme.error)
        block = VGroup(comparison, arrow, note.next_to(comparison, DOWN, buff=0.4, aligned_edge=LEFT))
        panel.add(block)
        yhat = [
            Formula(symbols.a(ctx.output_layer, k, c), "=", Num(v, theme.forward), decimals=f, color=theme.text)
            for k, v in enumerate(t.y_hat_after)
        ]
        scene.play(Appear(before), run_time=0.6)
        scene.play(Appear(arrow), Appear(after), run_time=0.8)
        scene.play(Appear(note), *(panel.push(r) for r in yhat), run_time=0.8)
        scene.wait(3.0)
        panel.clear()
    scene.play(Vanish(title), run_time=0.5)
    return diagram


class WeightUpdate(StepScene):
    """Step 4 on its own: `manim render scenes/weight_update.py WeightUpdate`."""

    def construct(self) -> None:
        play_weight_update(self, self.ctx)
