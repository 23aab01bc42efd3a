"""Step 3, the backward pass: δ from the output back, the chain rule, every gradient on its edge."""

from __future__ import annotations

import numpy as np
from manim import GrowFromCenter, MathTex, Scene, Write

from nnmath.notation import weight as weight_name
from scenes.chain import ChainRule
from scenes.drawing import symbols
from scenes.drawing.diagram import NetworkDiagram
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num
from scenes.drawing.layout import PANEL_WIDTH, Panel, step_title
from scenes.drawing.moves import fly
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import factor_text, text
from scenes.drawing.tables import ParameterTable
from scenes.stage.base import StepScene
from scenes.stage.context import StepContext
from scenes.stage.states import after_forward, on_scene


def play_backward_pass(scene: Scene, ctx: StepContext, diagram: NetworkDiagram | None = None) -> NetworkDiagram:
    """Play step 3 on ``scene``; leaves every edge styled by its gradient and labelled by its weight."""
    t, theme, c, f = ctx.trace, ctx.theme, ctx.config, ctx.decimals
    diagram = on_scene(scene, ctx, diagram, after_forward)
    title = step_title(3, "Backward pass", theme.backward)
    panel = Panel(scene, theme)
    out = ctx.output_layer

    # --- the error signal enters at the output ------------------------------------------------------
    signals = ", ".join(text(v, f) for v in t.dE_dyhat)
    with narrated(
        scene,
        "backward-signal",
        f"Step 3, the backward pass. The error signal ∂E/∂ŷ = ({signals}) enters at the output and flows back.",
    ):
        scene.play(Appear(title))
        rows = [
            Formula(
                symbols.partial("E", rf"\hat y_{{{k + 1}}}"), "=", Num(v, theme.backward), decimals=f, color=theme.text
            )
            for k, v in enumerate(t.dE_dyhat)
        ]
        scene.play(*(panel.push(r) for r in rows))
        scene.play(*(diagram.neuron(out, k).animate.set_stroke(theme.backward, width=5) for k in range(c.layers[-1])))
        scene.wait(1.5)
        panel.clear()

    styled: dict = {}  # edge styles set so far (gradients of the layers already done)
    for l in reversed(range(ctx.depth)):
        layer = l + 1
        act = t.activations[layer]
        is_output = layer == out
        deltas = ", ".join(text(v, f) for v in t.delta[l])

        # --- δ of this layer ------------------------------------------------------------------------
        if is_output:
            caption = f"At the output, δ = ∂E/∂ŷ · {act}′(z): δ = ({deltas})."
        else:
            caption = f"Hidden layer {layer}: each neuron sums the δ of the layer after it, weighted by the edges, and multiplies by {act}′(z): δ = ({deltas})."
        with narrated(scene, f"backward-delta-{layer}", caption):
            if not is_output:
                scene.play(diagram.backward_pulse(layer + 1, theme.backward))
            general = (
                rf"\delta^{{({layer})}}_j = \frac{{\partial E}}{{\partial \hat y_j}} \cdot {symbols.ACTIVATION_LATEX[act]}'(z^{{({layer})}}_j)"
                if is_output
                else rf"\delta^{{({layer})}}_j = {symbols.ACTIVATION_LATEX[act]}'(z^{{({layer})}}_j) \sum_k w^{{({layer + 1})}}_{{kj}} \delta^{{({layer + 1})}}_k"
            )
            scene.play(panel.push(MathTex(general, font_size=36, color=theme.text), Write), run_time=1.2)
            for j in range(c.layers[layer]):
                neuron = diagram.neuron(layer, j)
                highlights = [e.animate.set_stroke(theme.backward, width=5) for e in neuron.out_edges]
                if not is_output:
                    tokens: list = [symbols.partial("E", symbols.a(layer, j)), "="]
                    for k in range(c.layers[layer + 1]):
                        tokens += (["+"] if k else []) + [
                            Num(t.weights[l + 1][k, j], factor=True),
                            r"\cdot",
                            Num(t.delta[l + 1][k], theme.backward, factor=True),
                        ]
                    upstream = Formula(
                        *tokens,
                        "=",
                        Num(t.dE_da[l][j], theme.backward),
                        decimals=f,
                        color=theme.text,
                        max_width=PANEL_WIDTH,
                    )
                    scene.play(
                        neuron.animate.set_stroke(theme.backward, width=5),
                        *highlights,
                        panel.push(upstream),
                        run_time=1.0,
                    )
                    scene.wait(1.0)
                row = Formula(
                    symbols.delta(layer, j),
                    "=",
                    Num(t.dE_da[l][j], theme.backward, factor=True),
                    r"\cdot",
                    Num(t.da_dz[l][j], factor=True),
                    "=",
                    Num(t.delta[l][j], theme.backward),
                    decimals=f,
                    color=theme.text,
                    max_width=PANEL_WIDTH,
                )
                scene.play(panel.push(row), neuron.animate.set_stroke(theme.backward, width=5), run_time=0.8)
                badge = diagram.badge(layer, j, t.delta[l][j], theme.backward)
                scene.play(Appear(badge[0]), fly(row.numbers[-1], badge[1]), run_time=0.8)
                diagram.put_badge(layer, j, badge)
                if not is_output:
                    restore = diagram.restyle_edges({e.key: styled[e.key] for e in neuron.out_edges})
                    scene.play(*restore, run_time=0.3)
                scene.wait(0.6)
            scene.wait(0.5)
            panel.clear()

        # --- the chain rule for the focus weight -----------------------------------------------------------
        j, i = c.focus[l]
        focus_edge = diagram.edges[(l, j, i)]
        caption = (
            f"The chain rule for the weight {weight_name(l, j, i)}: ∂E/∂w = {factor_text(t.dE_da[l][j], f)} · "
            f"{factor_text(t.da_dz[l][j], f)} · {factor_text(t.dz_dw[l][i], f)} = {text(t.grad_weights[l][j, i], f)}."
        )
        with narrated(scene, f"backward-chain-{layer}", caption):
            chain = panel.add(ChainRule(ctx, l))
            scene.play(focus_edge.animate.set_stroke(theme.backward, width=6), Write(chain.equation), run_time=1.5)
            for brace, factor in zip(chain.braces, chain.factors, strict=True):
                scene.play(GrowFromCenter(brace), Appear(factor), run_time=0.7)
                scene.wait(0.5)
            product = Formula(
                "=",
                Num(t.dE_da[l][j], factor=True),
                r"\cdot",
                Num(t.da_dz[l][j], factor=True),
                r"\cdot",
                Num(t.dz_dw[l][i], factor=True),
                "=",
                Num(t.grad_weights[l][j, i], theme.backward),
                decimals=f,
                color=theme.text,
                max_width=PANEL_WIDTH,
            )
            scene.play(panel.push(product), run_time=0.8)
            scene.wait(2.0)
            panel.clear()

        # --- every gradient of the layer on its edge ------------------------------------------------------
        styles = diagram.gradient_styles(l, t.grad_weights[l], theme.backward, theme.backward_negative)
        styled.update(styles)
        caption = "Every weight of the layer gets its gradient δ · a: colour shows the sign, thickness the size."
        with narrated(scene, f"backward-gradients-{layer}", caption):
            rule = MathTex(
                rf"\frac{{\partial E}}{{\partial w^{{({layer})}}_{{ji}}}} = \delta^{{({layer})}}_j \, a^{{({layer - 1})}}_i",
                r"\qquad",
                rf"\frac{{\partial E}}{{\partial b^{{({layer})}}_j}} = \delta^{{({layer})}}_j",
                font_size=36,
                color=theme.text,
            )
            scene.play(panel.push(rule, Write), run_time=1.2)
            signed = {
                key: (theme.backward if g >= 0 else theme.backward_negative)
                for key, g in _layer_items(t.grad_weights[l], l)
            }
            animations = diagram.restyle_edges(styles)
            if diagram.labels_on_edges:
                for key, g in _layer_items(t.grad_weights[l], l):
                    animations += diagram.relabel({key: g}, signed[key])
                for j_, g in enumerate(t.grad_biases[l]):
                    color = theme.backward if g >= 0 else theme.backward_negative
                    animations += diagram.relabel_biases({(l, j_): g}, color)
                scene.play(*animations, run_time=1.5)
            else:
                table = ParameterTable(
                    l,
                    t.grad_weights[l],
                    t.grad_biases[l],
                    f,
                    theme.backward,
                    theme.backward,
                    weight_symbol=r"\partial E / \partial W",
                    bias_symbol=r"\partial E / \partial b",
                )
                scene.play(*animations, panel.push(table), run_time=1.5)
            scene.wait(2.5)
            panel.clear()

    # --- back to the weights, the gradients kept as colour and thickness --------------------------------------------
    with narrated(
        scene, "backward-summary", "Every weight and bias now knows which way, and how strongly, it pushes the error."
    ):
        animations = []
        if diagram.labels_on_edges:
            for l in range(ctx.depth):
                animations += diagram.relabel({key: w for key, w in _layer_items(t.weights[l], l)}, theme.text)
                animations += diagram.relabel_biases({(l, j): b for j, b in enumerate(t.biases[l])}, theme.text)
        animations += [
            n.animate.set_stroke(theme.neuron_stroke, width=2.5) for column in diagram.neurons for n in column
        ]
        scene.play(*animations, run_time=1.2)
        scene.wait(1.5)
    scene.play(Vanish(title), run_time=0.5)
    return diagram


def _layer_items(matrix: np.ndarray, l: int) -> list[tuple[tuple[int, int, int], float]]:
    return [((l, j, i), float(v)) for (j, i), v in np.ndenumerate(matrix)]


class BackwardPass(StepScene):
    """Step 3 on its own: `manim render scenes/backward_pass.py BackwardPass`."""

    def construct(self) -> None:
        play_backward_pass(self, self.ctx)
