"""Step 1, the forward pass: inputs enter, each layer computes z = Σ w·a + b and a = f(z), ŷ."""

from __future__ import annotations

from manim import Create, MathTex, Scene, Text, VGroup, VMobject, Write

from nnmath.rounding import add_to_one_as_shown, mixes_output
from scenes.drawing import symbols
from scenes.drawing.colour_key import panel_top_under
from scenes.drawing.fades import Appear
from scenes.drawing.formula import Formula, Token
from scenes.drawing.motion import light_up, rest_neurons
from scenes.drawing.moves import fly
from scenes.drawing.narration import narrated, wait_to_read
from scenes.drawing.shown_arithmetic import ROUNDING_NOTE
from scenes.drawing.style import (
    FADE,
    FOCUS_STROKE,
    LABEL_SIZE,
    MOVE,
    PAUSE,
    PULSE,
    READ,
    READ_LONG,
    RULE_SIZE,
    WRITE,
)
from scenes.formulas.forward_pass import (
    forward_formulas,
    probabilities_add_up,
)
from scenes.forward_layers import one_layer
from scenes.softmax_forward import softmax_layer
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.states import forward_key
from scenes.stage.step import Step
from scenes.steps_table import PART
from scenes.words import forward_pass as words


def play_forward_pass(scene: Scene, ctx: StepContext, board: Board | None = None) -> Board:
    """Play step 1 on ``scene``; draws the network first unless ``board`` is already on screen."""
    step = Step(scene, ctx, PART["ForwardPass"])
    key = forward_key(ctx)  # stays with the board: the values keep their colour
    step.panel.top = panel_top_under(key)
    board = the_network(step, board, key)
    the_inputs(step, board)
    for layer in range(1, ctx.output_layer + 1):
        if layer == ctx.output_layer and mixes_output(ctx.trace):
            softmax_layer(step, board, layer)
        else:
            one_layer(step, board, layer)
    the_prediction(step, board)
    step.end()
    return board


def show_network(scene: Scene, ctx: StepContext, board: Board | None = None) -> Board:
    """Draw the network (``board``'s, or a new one): edges, neurons, then every weight and bias."""
    board = Board(ctx) if board is None else board
    d = board.diagram
    scene.play(Create(d.edge_layer), Appear(d.neuron_layer), Appear(d.titles), run_time=WRITE)
    scene.play(Appear(d.io_labels), *(Appear(m) for m in board.label_mobjects()), run_time=MOVE)
    scene.remove(d.edge_layer, d.neuron_layer, d.titles, d.io_labels)
    scene.add(d)
    scene.bring_to_front(*board.label_mobjects())
    return board


def the_network(step: Step, board: Board | None, key: VGroup) -> Board:
    drawn = board is not None
    board = Board(step.ctx) if board is None else board
    with narrated(step.scene, "forward-network", words.forward_network(step.ctx, board.diagram.labels_on_edges)):
        step.show_title(*board.show_sign_key(key))
        if not drawn:
            show_network(step.scene, step.ctx, board)
        wait_to_read(step.scene, READ)
    return board


def the_inputs(step: Step, board: Board) -> None:
    """The sample's x values fly from the panel into the input neurons."""
    ctx, scene, theme = step.ctx, step.scene, step.theme
    with narrated(scene, "forward-inputs", words.forward_inputs(ctx)):
        tokens: list[Token] = ["x", "=", "("]
        for i in range(len(step.t.x)):
            tokens += [ctx.num("x", i, color=theme.forward)] + ([","] if i < len(step.t.x) - 1 else [])
        x_row = Formula(*tokens, ")", decimals=step.decimals, color=theme.text)
        scene.play(step.panel.push(x_row, Write))
        values = [board.number_in(0, i, "a", theme.forward) for i in range(len(step.t.x))]
        scene.play(*(fly(x_row.numbers[i], values[i]) for i in range(len(values))), run_time=PULSE)
        for i, mob in enumerate(values):
            board.keep_value(0, i, mob)
        wait_to_read(scene, PAUSE, then=FADE)
        step.panel.clear()


def the_prediction(step: Step, board: Board) -> None:
    """The output neurons light up with ŷ."""
    ctx, scene, theme = step.ctx, step.scene, step.theme
    with narrated(scene, "forward-prediction", words.forward_prediction(ctx)):
        outputs = board.diagram.column(ctx.output_layer)
        rows: list[VMobject] = [
            Formula(
                symbols.a(ctx.output_layer, k, step.config),
                "=",
                ctx.num("y_hat", k, color=theme.forward),
                decimals=step.decimals,
                color=theme.text,
                font_size=RULE_SIZE,
            )
            for k in range(len(outputs))
        ]
        if mixes_output(step.t):  # softmax: the ŷ are probabilities (the rounded ones shown may not add to 1)
            rows.append(MathTex(probabilities_add_up(len(outputs)), font_size=RULE_SIZE, color=theme.text))
            if not add_to_one_as_shown(step.t.y_hat, step.decimals):
                rows.append(Text(ROUNDING_NOTE, font_size=LABEL_SIZE, color=theme.muted, line_spacing=0.8))
        scene.play(*light_up(outputs, theme.text, FOCUS_STROKE), *step.panel.push_all(rows))
        wait_to_read(scene, READ_LONG, then=1.0 + FADE)
        scene.play(*rest_neurons(outputs, theme))
        step.panel.clear()


class ForwardPass(StepScene):
    """Step 1 on its own: `manim render scenes/forward_pass.py ForwardPass`."""

    part_formulas = staticmethod(forward_formulas)

    @staticmethod
    def play_in_video(scene: Scene, ctx: StepContext, board: Board | None) -> Board | None:
        return play_forward_pass(scene, ctx, board)

    def construct(self) -> None:
        play_forward_pass(self, self.ctx)
