"""The opening of the full video: title, the four-step cycle, and the network with its config."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, Create, CurvedArrow, RoundedRectangle, Scene, Text, VGroup, Write

from nnmath import LOSSES
from scenes.dataset_intro import dataset_intro_formulas, play_dataset_intro
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, piece_formula
from scenes.drawing.layout import glossed, glosses, step_title
from scenes.drawing.motion import light_up, stroke_to
from scenes.drawing.narration import narrated, wait_to_read
from scenes.drawing.style import (
    EDGE_WIDTH,
    FADE,
    FOCUS_STROKE,
    PANEL_LEFT,
    PANEL_TOP,
    PANEL_WIDTH,
    PULSE,
    READ,
    READ_ALL,
    READ_LONG,
    RULE_SIZE,
    SAFE_BOTTOM,
    SHOW,
    SHOW_ROW,
    SUBTITLE_SIZE,
    TEXT_SIZE,
    VIDEO_TITLE_SIZE,
    WRITE,
)
from scenes.formulas.activations import RULES
from scenes.formulas.notation import (
    KEY_TOP,
    NETWORK_KEY,
    TRAINING_KEY,
    example_weight,
    key_rows,
    ln_meaning,
    notation_formulas,
)
from scenes.forward_pass import show_network
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.steps_table import STEPS
from scenes.words import intro as words

# Where each box of the cycle is left and the next one entered: top → right → bottom → left → top.
_EXITS = ((1, 0, 0), (0, -1, 0), (-1, 0, 0), (0, 1, 0))
_ENTRIES = ((0, 1, 0), (1, 0, 0), (0, -1, 0), (-1, 0, 0))


class Cycle(VGroup):
    """The four steps on a circle, in the text colour (``self.boxes``), with arrows going round (``self.arrows``)."""

    def __init__(self, ctx: StepContext) -> None:
        super().__init__()
        theme = ctx.theme
        self.boxes = VGroup()
        for k, part in enumerate(STEPS):
            angle = np.pi / 2 - k * np.pi / 2  # top, right, bottom, left: clockwise
            color = theme.text  # no key here: a colour a step would mean nothing yet
            label = Text(f"{part.number}. {part.cycle}", font_size=TEXT_SIZE, color=color)
            box = RoundedRectangle(width=label.width + 0.5, height=0.8, corner_radius=0.15, color=color, stroke_width=3)
            self.boxes.add(VGroup(box, label).move_to((2.9 * np.cos(angle), 1.6 * np.sin(angle) - 0.4, 0)))
        self.arrows = VGroup(
            *(
                CurvedArrow(
                    self.boxes[k].get_corner(np.array(_EXITS[k])),
                    self.boxes[(k + 1) % 4].get_corner(np.array(_ENTRIES[k])),
                    angle=-np.pi / 4,
                    color=theme.muted,
                    stroke_width=3,
                )
                for k in range(4)
            )
        )
        self.add(self.boxes, self.arrows)


LEARNING_RATE = r"\text{learning rate } \eta"


def summary_rows(ctx: StepContext) -> tuple[str, str, str]:
    """The summary's rows for the activations (with their rules) and the loss, as LaTeX."""
    c = ctx.config
    output = r"\hat y_k = " if c.output_activation == "softmax" else r"\hat y = "
    return (  # each activation with its rule: f is defined where it first appears
        r"\text{hidden: } a = " + RULES[c.hidden_activation],
        r"\text{output: } " + output + RULES[c.output_activation],
        LOSSES[c.loss].latex,
    )


def intro_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The intro's own formulas (``StepScene.formulas``)."""
    return (
        [piece_formula(piece) for row in (*summary_rows(ctx), LEARNING_RATE) for piece in equals_pieces(row)]
        + notation_formulas()
        + dataset_intro_formulas(ctx)
    )


CARD_SIZE = RULE_SIZE  # the card's rules (σ, softmax, the loss, η): a size up from the epilogue's labels, so that a
# softmax's exponents in e^(zₖ)/Σₘ e^(zₘ) read at 480p (FINDINGS-8 #3)


def equals_pieces(latex: str) -> list[str]:
    """``latex`` cut at each top-level " = " into its sides and the "=" between them (where a row may wrap)."""
    sides = latex.split(" = ")
    return [piece for k, side in enumerate(sides) for piece in ([side] if k == 0 else ["=", side])]


def config_summary(ctx: StepContext) -> VGroup:
    """The config in the panel: layers, activations, loss and η, as formulas."""
    c, theme = ctx.config, ctx.theme

    def row(latex: str, color: str = theme.text) -> Formula:
        # too wide for the panel (a softmax's rule): wrapped before an "=", at its size
        pieces = equals_pieces(latex)
        formula = Formula(*pieces, decimals=c.decimals, color=color, font_size=CARD_SIZE, max_width=PANEL_WIDTH)
        if formula.width > PANEL_WIDTH:  # one piece (a loss's formula) a little wider: inside the side margin
            formula.scale_to_fit_width(PANEL_WIDTH)
        return formula

    hidden, output, loss = summary_rows(ctx)
    meanings = glosses(words.card_indices(ctx), ln_meaning(loss))  # what the loss's k (softmax's m) and ln are
    rows = VGroup(
        Text("layers  " + " – ".join(map(str, c.layers)), font_size=TEXT_SIZE, color=theme.text),
        row(hidden),
        row(output),
        glossed(row(loss), meanings, theme.text) if meanings else row(loss),  # its k (and m) and ln, first written
        Formula(
            LEARNING_RATE,
            "=",
            ctx.num("learning_rate"),  # a setting here, not yet the update: no colour to explain
            decimals=c.decimals,
            color=theme.text,
            font_size=CARD_SIZE,
        ),
    ).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
    return rows.move_to((PANEL_LEFT, PANEL_TOP, 0), aligned_edge=UP + LEFT)


def play_intro(scene: Scene, ctx: StepContext, keep_network: bool = True) -> Board:
    """Title, the cycle, the network; returns the board the forward pass goes on with.

    As a clip of its own (``keep_network=False``) the intro ends on an empty frame, where the
    forward-pass clip begins.
    """
    the_title(scene, ctx)
    the_cycle(scene, ctx)
    if ctx.config.is_dataset:  # the data, and the first batch
        play_dataset_intro(scene, ctx)
    return the_network(scene, ctx, keep_network)


def the_title(scene: Scene, ctx: StepContext) -> None:
    with narrated(scene, "intro-title", words.intro_title(ctx)):
        title = Text("Backpropagation", font_size=VIDEO_TITLE_SIZE, color=ctx.theme.text, weight="BOLD").shift(0.5 * UP)
        subtitle = Text(words.title_line(ctx), font_size=SUBTITLE_SIZE, color=ctx.theme.muted)
        subtitle.next_to(title, DOWN)
        scene.play(Write(title), run_time=WRITE)
        scene.play(Appear(subtitle))
        wait_to_read(scene, READ, then=1.0)
        scene.play(Vanish(title), Vanish(subtitle))


def the_cycle(scene: Scene, ctx: StepContext) -> None:
    with narrated(scene, "intro-cycle", words.intro_cycle(ctx)):
        heading = step_title(None, "The learning cycle", ctx.theme.text)
        cycle = Cycle(ctx)
        scene.play(Appear(heading))
        for box, arrow in zip(cycle.boxes, cycle.arrows, strict=True):
            scene.play(Appear(box), run_time=SHOW)
            scene.play(Create(arrow), run_time=FADE)
        wait_to_read(scene, READ_LONG, then=1.0)
        scene.play(Vanish(cycle), Vanish(heading))


def the_network(scene: Scene, ctx: StepContext, keep_network: bool) -> Board:
    """The network, the symbols every step uses (a key beside it, before any formula), then the config."""
    heading = step_title(None, "The network", ctx.theme.text)
    board = Board(ctx)
    with narrated(scene, "intro-symbols", words.intro_symbols(ctx, board.diagram.labels_on_edges)):
        scene.play(Appear(heading))
        show_network(scene, ctx, board)
        the_key(scene, ctx, board)
    with narrated(scene, "intro-targets", words.intro_targets(ctx)):
        key = key_rows(ctx, TRAINING_KEY).move_to((PANEL_LEFT, KEY_TOP, 0), aligned_edge=UP + LEFT)
        scene.play(*(Appear(row) for row in key), run_time=PULSE)
        wait_to_read(scene, READ_LONG, then=1.0)
        scene.play(Vanish(key))
    with narrated(scene, "intro-network", words.intro_network(ctx)):
        summary = config_summary(ctx)
        scene.play(*(Appear(row) for row in summary), run_time=PULSE)
        wait_to_read(scene, READ_ALL)
    # The caption reads the panel out: it fades after the caption's last cue has ended, not under it.
    scene.play(Vanish(summary), Vanish(heading))
    if not keep_network:
        scene.play(Vanish(board.everything()), run_time=SHOW_ROW)
    return board


def the_key(scene: Scene, ctx: StepContext, board: Board) -> None:
    """The network's symbols, and the first layer's lit weight as an example of w⁽ˡ⁾ⱼᵢ."""
    key = key_rows(ctx, NETWORK_KEY).move_to((PANEL_LEFT, KEY_TOP, 0), aligned_edge=UP + LEFT)
    example = example_weight(ctx).next_to(key, DOWN, buff=0.25, aligned_edge=LEFT)
    if (low := example.get_bottom()[1]) < SAFE_BOTTOM:  # out of the strip where a player shows the subtitles
        legend = VGroup(key, example)
        legend.scale((KEY_TOP - SAFE_BOTTOM) / (KEY_TOP - low), about_point=legend.get_corner(UP + LEFT))
    scene.play(*(Appear(row) for row in key), run_time=PULSE)
    scene.wait(READ)
    edge = board.diagram.edges[(0, *ctx.config.focus[0])]
    scene.play(Appear(example), *light_up([edge], ctx.theme.text, FOCUS_STROKE), run_time=SHOW_ROW)
    wait_to_read(scene, READ_LONG, then=SHOW_ROW)
    # the example's edge goes back to how every edge rests, its width too: a thick edge would still point at it
    scene.play(Vanish(key), Vanish(example), stroke_to(edge, ctx.theme.muted, EDGE_WIDTH), run_time=SHOW_ROW)


class Intro(StepScene):
    """The opening on its own: `manim render scenes/intro.py Intro`."""

    part_formulas = staticmethod(intro_formulas)

    @staticmethod
    def play_in_video(scene: Scene, ctx: StepContext, board: Board | None) -> Board | None:
        return play_intro(scene, ctx)

    def construct(self) -> None:
        play_intro(self, self.ctx, keep_network=False)
