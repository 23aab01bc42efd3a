"""Step 1, the forward pass: inputs enter, each layer computes z = Σ w·a + b and a = f(z), ŷ."""

from __future__ import annotations

from manim import (
    Create,
    Scene,
    Write,
)

from scenes.drawing import symbols
from scenes.drawing.diagram import NetworkDiagram
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num
from scenes.drawing.layout import PANEL_WIDTH, Panel, step_title
from scenes.drawing.moves import assemble, fly
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import text
from scenes.drawing.tables import ParameterTable
from scenes.stage.base import StepScene
from scenes.stage.context import StepContext


def show_network(scene: Scene, ctx: StepContext) -> NetworkDiagram:
    """Draw the network: edges, neurons, then every weight and bias."""
    diagram = ctx.new_diagram()
    scene.play(Create(diagram.edge_layer), Appear(diagram.neuron_layer), Appear(diagram.titles), run_time=1.5)
    scene.play(Appear(diagram.io_labels), *(Appear(m) for m in diagram.label_mobjects()), run_time=1.0)
    scene.remove(diagram.edge_layer, diagram.neuron_layer, diagram.titles, diagram.io_labels)
    scene.add(diagram)
    scene.bring_to_front(*diagram.label_mobjects())
    return diagram


def play_forward_pass(scene: Scene, ctx: StepContext, diagram: NetworkDiagram | None = None) -> NetworkDiagram:
    """Play step 1 on ``scene``; draws the network first unless ``diagram`` is already on screen."""
    t, theme, c = ctx.trace, ctx.theme, ctx.config
    f = ctx.decimals
    title = step_title(1, "Forward pass", theme.forward)
    panel = Panel(scene, theme)
    layer_word = {ctx.output_layer: "output layer"}

    # --- the network -----------------------------------------------------------------------
    sizes = "-".join(map(str, c.layers))
    with narrated(
        scene,
        "forward-network",
        f"Step 1, the forward pass. Our {sizes} network: every edge has a weight, every neuron a bias.",
    ):
        scene.play(Appear(title))
        if diagram is None:
            diagram = show_network(scene, ctx)
        scene.wait(1.5)

    # --- the inputs ------------------------------------------------------------------------
    x_text = ", ".join(text(v, f) for v in t.x)
    with narrated(scene, "forward-inputs", f"The sample x = ({x_text}) enters the input neurons."):
        tokens: list = ["x", "=", "("]
        for i, value in enumerate(t.x):
            tokens += [Num(value, theme.forward)] + ([","] if i < len(t.x) - 1 else [])
        x_row = Formula(*tokens, ")", decimals=f, color=theme.text)
        scene.play(panel.push(x_row, Write))
        values = [diagram.value_at(0, i, v, theme.forward) for i, v in enumerate(t.x)]
        scene.play(*(fly(x_row.numbers[i], values[i]) for i in range(len(values))), run_time=1.2)
        for i, mob in enumerate(values):
            diagram.put_value(0, i, mob)
        scene.wait(1.0)
        panel.clear()

    # --- layer by layer ----------------------------------------------------------------------
    for layer in range(1, ctx.output_layer + 1):
        l = layer - 1
        act = t.activations[layer]
        where = layer_word.get(layer, f"hidden layer {layer}" if ctx.output_layer > 2 else "hidden layer")
        z_text = ", ".join(text(v, f) for v in t.z[layer])
        a_text = ", ".join(text(v, f) for v in t.a[layer])
        caption = (
            f"The {where}: each neuron adds its weighted inputs and its bias, z = Σ w·a + b = ({z_text}), "
            f"then applies {act}: a = ({a_text})."
        )
        with narrated(scene, f"forward-layer-{layer}", caption):
            scene.play(diagram.forward_pulse(layer, theme.forward))
            if not diagram.labels_on_edges:
                table = ParameterTable(l, t.weights[l], t.biases[l], f, theme.text, theme.text)
                scene.play(panel.push(table))
            for j in range(c.layers[layer]):
                neuron = diagram.neuron(layer, j)
                z_row = _z_row(ctx, layer, j)
                a_row = Formula(
                    symbols.a(layer, j, c),
                    "=",
                    symbols.activation_open(act),
                    Num(t.z[layer][j]),
                    ")",
                    "=",
                    Num(t.a[layer][j], theme.forward),
                    decimals=f,
                    color=theme.text,
                    max_width=PANEL_WIDTH,
                )
                panel.add(z_row)
                sources = dict(enumerate(_z_sources(diagram, layer, j)))
                sources.pop(len(z_row.numbers) - 1, None)
                assemble(
                    scene,
                    z_row,
                    sources,
                    neuron.animate.set_stroke(theme.forward, width=5),
                    *(e.animate.set_stroke(theme.forward) for e in neuron.in_edges),
                    run_time=1.4,
                )
                scene.wait(0.8)
                scene.play(panel.push(a_row), run_time=0.7)
                value = diagram.value_at(layer, j, t.a[layer][j], theme.forward)
                scene.play(fly(a_row.numbers[-1], value), run_time=0.9)
                diagram.put_value(layer, j, value)
                scene.play(
                    neuron.animate.set_stroke(theme.neuron_stroke, width=2.5),
                    *(e.animate.set_stroke(theme.muted) for e in neuron.in_edges),
                    run_time=0.3,
                )
                scene.wait(0.6)
            scene.wait(0.5)
            panel.clear()

    # --- the prediction --------------------------------------------------------------------
    yhat_text = ", ".join(text(v, f) for v in t.y_hat)
    with narrated(scene, "forward-prediction", f"The network's prediction: ŷ = ({yhat_text})."):
        outputs = [diagram.neuron(ctx.output_layer, k) for k in range(c.layers[-1])]
        rows = [
            Formula(
                symbols.a(ctx.output_layer, k, c),
                "=",
                Num(v, theme.forward),
                decimals=f,
                color=theme.text,
                font_size=36,
            )
            for k, v in enumerate(t.y_hat)
        ]
        scene.play(*(n.animate.set_stroke(theme.forward, width=6) for n in outputs), *(panel.push(r) for r in rows))
        scene.wait(2.0)
        scene.play(*(n.animate.set_stroke(theme.neuron_stroke, width=2.5) for n in outputs))
        panel.clear()
    scene.play(Vanish(title), run_time=0.5)
    return diagram


def _z_row(ctx: StepContext, layer: int, j: int) -> Formula:
    """z⁽ˡ⁾ⱼ = w·a + … + b = z, every number a trace value."""
    t, theme = ctx.trace, ctx.theme
    l = layer - 1
    tokens: list = [symbols.z(layer, j), "="]
    for i in range(ctx.config.layers[l]):
        if i:
            tokens.append("+")
        tokens += [Num(t.weights[l][j, i], factor=True), r"\cdot", Num(t.a[l][i], theme.forward, factor=True)]
    tokens += ["+", Num(t.biases[l][j], factor=True), "=", Num(t.z[layer][j], theme.forward)]
    return Formula(*tokens, decimals=ctx.decimals, color=theme.text, max_width=PANEL_WIDTH)


def _z_sources(diagram: NetworkDiagram, layer: int, j: int) -> list:
    """Where each number of the z row comes from on the diagram: w and a per input, then b."""
    l = layer - 1
    sources = []
    for i in range(diagram.layers[l]):
        sources += [diagram.label_of((l, j, i)), diagram.values[(l, i)]]
    sources.append(diagram.bias_labels.get((l, j), diagram.neuron(layer, j)))
    return sources


class ForwardPass(StepScene):
    """Step 1 on its own: `manim render scenes/forward_pass.py ForwardPass`."""

    def construct(self) -> None:
        play_forward_pass(self, self.ctx)
