"""The diagram as each step leaves it, so a step played on its own starts where the one before ended."""

from __future__ import annotations

from collections.abc import Callable

from manim import Scene

from scenes.drawing.diagram import NetworkDiagram
from scenes.stage.context import StepContext


def after_forward(ctx: StepContext) -> NetworkDiagram:
    """Every neuron shows its activation."""
    diagram = ctx.new_diagram()
    diagram.fill_values(ctx.trace.a, ctx.theme.forward)
    return diagram


def after_backward(ctx: StepContext) -> NetworkDiagram:
    """As after the forward pass, plus a δ badge under each neuron and every edge styled by its gradient."""
    t, theme = ctx.trace, ctx.theme
    diagram = after_forward(ctx)
    for l in range(ctx.depth):
        for j, d in enumerate(t.delta[l]):
            diagram.put_badge(l + 1, j, diagram.badge(l + 1, j, d, theme.backward))
        styles = diagram.gradient_styles(l, t.grad_weights[l], theme.backward, theme.backward_negative)
        for key, (color, width) in styles.items():
            diagram.edges[key].set_stroke(color, width=width)
    return diagram


def after_update(ctx: StepContext) -> NetworkDiagram:
    """New weights and biases (in the update colour) and the activations they give."""
    t, theme = ctx.trace, ctx.theme
    diagram = ctx.new_diagram(t.new_weights, t.new_biases)
    for label in [*diagram.weight_labels.values(), *diagram.bias_labels.values()]:
        label.set_color(theme.update)
    diagram.fill_values(t.a_after, theme.forward)
    return diagram


def on_scene(
    scene: Scene, ctx: StepContext, diagram: NetworkDiagram | None, state: Callable[[StepContext], NetworkDiagram]
) -> NetworkDiagram:
    """``diagram`` if a previous step left it on screen; otherwise ``state(ctx)``, shown at once."""
    if diagram is None:
        diagram = state(ctx)
        diagram.attach(scene)
    return diagram
