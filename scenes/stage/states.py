"""The board as each step leaves it, so a step played on its own starts where the one before ended."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import Scene, VGroup

from nnmath.paths import has_long_chain
from nnmath.rounding import mixes_output
from scenes.drawing.colour_key import colour_key
from scenes.drawing.motion import gradient_styles
from scenes.drawing.sign_key import SIGN_ROLES, SignKey
from scenes.stage.board import Board
from scenes.stage.context import StepContext


def forward_key(ctx: StepContext) -> VGroup:
    """The key while the neurons show their values and nothing else is coloured."""
    return colour_key(ctx.theme, ["forward"])


def update_key(ctx: StepContext, board: Board) -> VGroup:
    """The key to the board the update leaves: the values the new weights and biases give, and those (in the
    update colour) where the diagram labels its edges (else no number on the board is in that colour)."""
    return colour_key(ctx.theme, ["forward", "update"] if board.diagram.labels_on_edges else ["forward"])


def after_forward(ctx: StepContext) -> Board:
    """Every neuron shows its activation (the key says what the colour means)."""
    board = Board(ctx)
    board.fill_values("a", ctx.theme.forward)
    board.sign_key = forward_key(ctx)
    return board


HIGHLIGHT_WORDS = "path followed"  # the key's words for the white line on the weight or path the step follows


def backward_key(ctx: StepContext, highlight: bool = False) -> SignKey:
    """The backward pass's key: the values' colour, the target's where a formula shows y (ŷ − y), the signs; with
    ``highlight``, what the white line on a weight or path means (while the backward pass lights them)."""
    others = ("forward", "target") if mixes_output(ctx.trace) else ("forward",)
    return SignKey(ctx.theme, others, HIGHLIGHT_WORDS if highlight else "", slope_signs(ctx))


def slope_signs(ctx: StepContext) -> tuple[str, ...]:
    """The sign colours the backward pass draws: "backward_negative" only where some slope it shows (∂E/∂ŷ, ∂E/∂a,
    δ, a gradient, a path's product) is below 0 (a dataset's batch: both)."""
    t = ctx.trace
    if ctx.config.is_dataset:
        return SIGN_ROLES
    arrays = [t.dE_dyhat, *t.dE_da, *t.delta, *t.grad_weights, *t.grad_biases]
    products = [p.product for p in ctx.long_chain_paths] if has_long_chain(t) else []
    negative = any(float(np.min(a)) < 0 for a in arrays if np.size(a)) or any(p < 0 for p in products)
    return SIGN_ROLES if negative else ("backward",)


def after_backward(ctx: StepContext) -> Board:
    """As after the forward pass, plus a δ badge under each neuron and every edge styled by its gradient (a
    dataset: by the batch gradient, and no badges: the batch step took the worked sample's δ away)."""
    t, theme = ctx.trace, ctx.theme
    board = after_forward(ctx)
    for l in range(ctx.depth):
        for j in range(ctx.config.layers[l + 1] if not ctx.config.is_dataset else 0):
            board.place_badge(l + 1, j, board.badge(l + 1, j, theme.of_sign(float(t.delta[l][j]))))
    for key, (color, width) in gradient_styles(t.grad_weights, theme.backward, theme.backward_negative).items():
        board.diagram.edges[key].set_stroke(color, width=width)
    board.sign_key = backward_key(ctx)  # what the colours mean
    return board


def after_update(ctx: StepContext) -> Board:
    """New weights and biases (in the update colour) and the activations they give (a dataset: the batch's)."""
    ctx = ctx.for_update()
    board = Board(ctx, parameters="new_", label_color=ctx.theme.update)
    board.fill_values("a_after", ctx.theme.forward)
    board.sign_key = update_key(ctx, board)
    return board


def on_scene(scene: Scene, ctx: StepContext, board: Board | None, state: Callable[[StepContext], Board]) -> Board:
    """``board`` if a previous step left it on screen; otherwise ``state(ctx)``, shown at once."""
    if board is None:
        board = state(ctx)
        board.attach(scene)
    return board
