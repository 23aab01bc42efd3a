"""The yardstick: backpropagation drawn the way a first Manim script would draw it.

Circles and Lines for the network, a fresh MathTex for every number, plain Write / Transform / FadeOut.
No caching, no DecimalNumber, no reuse: that is the point. The numbers are real (the nnmath trace).

    BACKPROP_CONFIG=assets/default.toml manim render -ql --disable_caching benchmarks/naive_baseline.py NaiveBackprop
"""

from __future__ import annotations

import os

from manim import (
    BLUE,
    DOWN,
    GREEN,
    ORANGE,
    RED,
    UP,
    WHITE,
    Circle,
    FadeOut,
    Line,
    MathTex,
    Scene,
    Text,
    Transform,
    VGroup,
    Write,
)

from nnmath import load_config, train_step
from nnmath.config import DEFAULT_CONFIG
from scenes.environment import CONFIG_ENV

CONFIG = os.environ.get(CONFIG_ENV, str(DEFAULT_CONFIG))


class NaiveBackprop(Scene):
    def construct(self) -> None:
        t = train_step(load_config(CONFIG))
        L = len(t.layers) - 1

        # Title
        title = Text("Backpropagation, step by step")
        self.play(Write(title))
        self.wait(2)
        self.play(FadeOut(title))

        # Network: circles in columns, lines between every pair of neighbouring layers
        neurons = []
        for l, n in enumerate(t.layers):
            column = [
                Circle(radius=0.35, color=WHITE).move_to([3 * (l - L / 2), 1.2 * (n - 1) / 2 - 1.2 * j + 1, 0])
                for j in range(n)
            ]
            neurons.append(column)
        edges = {}
        for l in range(L):
            for j, right in enumerate(neurons[l + 1]):
                for i, left in enumerate(neurons[l]):
                    edges[l, j, i] = Line(left.get_right(), right.get_left(), color=BLUE, stroke_width=2)
        self.play(*[Write(c) for column in neurons for c in column], *[Write(e) for e in edges.values()])

        # Weight labels on the edges
        labels = {}
        for (l, j, i), edge in edges.items():
            labels[l, j, i] = MathTex(f"{t.weights[l][j, i]:.4f}", font_size=22).move_to(
                edge.point_from_proportion(0.3 + 0.4 * (j % 2)) + 0.2 * UP
            )
        self.play(*[Write(m) for m in labels.values()])
        self.wait(2)

        def show(tex: str, seconds: float = 2.0, color: str = WHITE) -> MathTex:
            # A new formula at the bottom of the screen, held, then removed
            formula = MathTex(tex, font_size=36, color=color).to_edge(DOWN)
            self.play(Write(formula))
            self.wait(seconds)
            return formula

        # Step 1: forward pass, neuron by neuron
        heading = Text("1. Forward pass", font_size=32).to_edge(UP)
        self.play(Write(heading))
        values = []
        for i, x in enumerate(t.x):
            v = MathTex(f"{x:.4f}", font_size=20).move_to(neurons[0][i])
            self.play(Write(v))
            values.append(v)
        for l in range(1, L + 1):
            for j in range(t.layers[l]):
                terms = " + ".join(
                    f"{t.weights[l - 1][j, i]:.4f} \\cdot {t.a[l - 1][i]:.4f}" for i in range(t.layers[l - 1])
                )
                z = show(f"z^{{({l})}}_{j + 1} = {terms} + {t.biases[l - 1][j]:.4f} = {t.z[l][j]:.4f}")
                a = MathTex(f"a^{{({l})}}_{j + 1} = f(z^{{({l})}}_{j + 1}) = {t.a[l][j]:.4f}", font_size=36).to_edge(
                    DOWN
                )
                self.play(Transform(z, a))
                self.wait(1.5)
                v = MathTex(f"{t.a[l][j]:.4f}", font_size=20).move_to(neurons[l][j])
                self.play(Transform(z, v))
                values.append(v)
                self.remove(z)
                self.add(v)
        self.wait(1)
        self.play(FadeOut(heading))

        # Step 2: error
        heading = Text("2. Error", font_size=32, color=RED).to_edge(UP)
        self.play(Write(heading))
        for k in range(t.layers[-1]):
            f = show(f"\\hat y_{k + 1} = {t.y_hat[k]:.4f}, \\quad y_{k + 1} = {t.y[k]:.4f}", color=RED)
            self.play(FadeOut(f))
        terms = " + ".join(f"{term:.4f}" for term in t.loss_terms)
        f = show(f"E = {terms} = {t.loss:.4f}", 3, RED)
        self.play(FadeOut(f))
        for k in range(t.layers[-1]):
            f = show(f"\\frac{{\\partial E}}{{\\partial \\hat y_{k + 1}}} = {t.dE_dyhat[k]:.4f}", 2, RED)
            self.play(FadeOut(f))
        self.play(FadeOut(heading))

        # Step 3: backward pass, δ per neuron from the output back, then every gradient
        heading = Text("3. Backward pass", font_size=32, color=ORANGE).to_edge(UP)
        self.play(Write(heading))
        for l in range(L, 0, -1):
            for j in range(t.layers[l]):
                f = show(
                    f"\\delta^{{({l})}}_{j + 1} = {t.dE_da[l - 1][j]:.4f} \\cdot {t.da_dz[l - 1][j]:.4f} = {t.delta[l - 1][j]:.4f}",
                    2,
                    ORANGE,
                )
                self.play(FadeOut(f))
            for j in range(t.layers[l]):
                for i in range(t.layers[l - 1]):
                    g = t.grad_weights[l - 1][j, i]
                    f = show(
                        f"\\frac{{\\partial E}}{{\\partial w^{{({l})}}_{{{j + 1}{i + 1}}}}} = {t.delta[l - 1][j]:.4f} \\cdot {t.a[l - 1][i]:.4f} = {g:.6f}",
                        2,
                        ORANGE,
                    )
                    self.play(FadeOut(f))
        self.play(FadeOut(heading))

        # Step 4: weight update, weight by weight, each edge label replaced by its new value
        heading = Text("4. Weight update", font_size=32, color=GREEN).to_edge(UP)
        self.play(Write(heading))
        for (l, j, i), label in labels.items():
            old, g, new = t.weights[l][j, i], t.grad_weights[l][j, i], t.new_weights[l][j, i]
            f = show(
                f"w^{{({l + 1})}}_{{{j + 1}{i + 1}}} = {old:.4f} - {t.learning_rate} \\cdot {g:.6f} = {new:.4f}",
                2,
                GREEN,
            )
            self.play(Transform(label, MathTex(f"{new:.4f}", font_size=22, color=GREEN).move_to(label)))
            self.play(FadeOut(f))
        for l in range(L):
            for j in range(t.layers[l + 1]):
                f = show(
                    f"b^{{({l + 1})}}_{j + 1} = {t.biases[l][j]:.4f} - {t.learning_rate} \\cdot {t.grad_biases[l][j]:.6f} = {t.new_biases[l][j]:.4f}",
                    2,
                    GREEN,
                )
                self.play(FadeOut(f))
        self.play(FadeOut(heading))

        # The error after one step
        f = show(
            f"E_{{\\text{{before}}}} = {t.loss:.4f} \\quad \\to \\quad E_{{\\text{{after}}}} = {t.loss_after:.4f}", 4
        )
        self.play(
            FadeOut(VGroup(f, *values, *labels.values(), *edges.values(), *[c for column in neurons for c in column]))
        )
        self.wait(1)
