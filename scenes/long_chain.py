"""The long chain written out: one path's share of ∂E/∂w⁽¹⁾ⱼᵢ as the product of partial derivatives along one
path from the error back to the weight, then why backprop does not compute it that way (the sum of
every path's product is what δ carries layer by layer).

Played at the end of the backward pass, for networks with a hidden layer; every number is a trace
entry (a factor's own entry, a path's product ``("path", p)``, computed by ``nnmath.paths``).
"""

from __future__ import annotations

from manim import Scene, Text, VGroup, Write

from nnmath.paths import Path, has_long_chain, highlighted_path, path_count
from scenes.drawing.colour_key import panel_top_under
from scenes.drawing.diagram import Edge, Neuron
from scenes.drawing.fades import Appear
from scenes.drawing.formula import Formula
from scenes.drawing.geometry import EdgeKey
from scenes.drawing.layout import Panel
from scenes.drawing.motion import gradient_styles, light_up, neutral_styles, rest_neurons, restyle_edges
from scenes.drawing.narration import beat, narrated, read_out
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.shown_arithmetic import (
    ROUNDING_NOTE,
    WrittenRow,
    any_needs_note,
    note_of,
    read_note,
    room_with_note,
)
from scenes.drawing.style import (
    BEAT,
    FOCUS_STROKE,
    HIGHLIGHT_STROKE,
    LABEL_SIZE,
    MOVE,
    PANEL_WIDTH,
    READ,
    READ_ALL,
    READ_LONG,
    RESET,
    ROW_IN,
    SHOW_ROW,
    WRITE,
)
from scenes.formulas.backward_pass import signed
from scenes.formulas.long_chain import (
    WRITTEN_SPACING,
    factor_grid,
    gradient_is_delta_times_a,
    other_rows,
    path_number,
    product_row,
    row,
    sum_row,
    wrapped_note,
)
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.states import backward_key
from scenes.words import long_chain as words

WHY_WIDTH = 28  # characters a line of why backprop goes through δ: 8 lines at LABEL_SIZE, unscaled, fit under δ·a


def play_long_chain(scene: Scene, ctx: StepContext, board: Board) -> None:
    """One path's long product, then the sum over all paths = the gradient backprop found; leaves the
    edges styled by their gradients again. Nothing for a network without a hidden layer."""
    if not has_long_chain(ctx.trace):
        return
    panel = Panel(scene)
    if board.sign_key is not None and isinstance(board.sign_key, VGroup):
        panel.top = panel_top_under(board.sign_key)  # the formulas start clear of the key
    shown = highlighted_path(ctx.trace, ctx.config.focus)
    one_path(scene, ctx, board, panel, shown.path, shown.reason)
    every_path(scene, ctx, board, panel, shown.path)


def one_path(scene: Scene, ctx: StepContext, board: Board, panel: Panel, path: Path, reason: str) -> None:
    """The path lit on the diagram, its factors written out with their values, then their product P (one path's
    share of the gradient when there are several)."""
    theme, n = ctx.theme, path_count(ctx.trace)
    with narrated(scene, "backward-long-chain-path", words.long_chain_path(ctx, path, reason, n)):
        d = board.diagram
        quiet = restyle_edges(d, neutral_styles(d)) + rest_neurons(d.all_neurons(), theme)
        scene.play(*quiet, run_time=RESET)
        lit = light_up([*path_edges(board, path, ctx), *path_neurons(board, path, ctx)], theme.text, FOCUS_STROKE)
        which = Text(wrapped_note(words.path_line(ctx, n)), font_size=LABEL_SIZE, color=theme.muted, line_spacing=0.8)
        scene.play(*lit, panel.push(which), run_time=MOVE)
        grid = factor_grid(ctx, path)
        panel.add(grid)
        scene.play(Write(grid.head), Write(grid.symbols), run_time=WRITE)
        scene.play(Appear(grid.values), run_time=ROW_IN)
        scene.wait(BEAT)
        product = path_number(ctx, path, theme.of_sign(path.product))
        numbers = [value for value in grid.values if isinstance(value, TraceNumber)]
        factors: list[str | TraceNumber] = [piece for value in numbers for piece in (r"\cdot", value)][1:]
        result = WrittenRow(row(["=", product], theme.text), written=[*factors, "=", product])  # reads the grid's
        # (with the rounding note if the factors as shown do not give it: the line above, then the grid, give way)
        shown = room_with_note(panel, theme.muted, [result], ([which, grid], [grid], []), ctx.rounding_gaps)
        scene.play(*panel.push_all(shown), run_time=SHOW_ROW)
        beat(scene)  # the product's words read while its factors are on screen
        read_note(scene, shown, ctx.notes_shown)
        if reason:
            note = Text(
                wrapped_note(reason[0].upper() + reason[1:] + "."),
                font_size=LABEL_SIZE,
                color=theme.muted,
                line_spacing=0.8,
            )
            scene.play(panel.push(note), run_time=SHOW_ROW)
        scene.wait(READ_LONG)
        read_out(scene)
        panel.clear()


def every_path(scene: Scene, ctx: StepContext, board: Board, panel: Panel, path: Path) -> None:
    """All paths lit; their products summed = ∂E/∂w = δ⁽¹⁾ⱼ · a⁽⁰⁾ᵢ; why backprop computes it through δ instead."""
    t, theme = ctx.trace, ctx.theme
    paths, n = ctx.long_chain_paths, path_count(t)
    total = ctx.value(("path_sum",))
    terms, same = sum_row(ctx, paths), gradient_row(ctx)
    written = other_rows(ctx)
    rows = [product_row(ctx, p) for p in written]
    spacing, panel.spacing = panel.spacing, WRITTEN_SPACING if rows else panel.spacing
    note = Text(ROUNDING_NOTE, font_size=LABEL_SIZE, line_spacing=0.8)  # (a note on the sum's rounding may come)
    if not panel.fits([*rows, terms, same], note.height):  # too long to write out: the sum lists products only
        rows, written, panel.spacing = [], [], spacing
    with narrated(scene, "backward-long-chain-sum", words.long_chain_sum(ctx, n, total, written)):
        others = [e for e in all_path_edges(board, ctx) if e not in path_edges(board, path, ctx)]
        count = Text(
            wrapped_note(words.count_line(t, paths, path, written=bool(rows)), WHY_WIDTH),
            font_size=LABEL_SIZE,
            color=theme.text,
            line_spacing=0.8,
        )
        scene.play(*light_up(others, theme.text, HIGHLIGHT_STROKE), panel.push(count), run_time=MOVE)
        gaps = ctx.rounding_gaps
        for product in rows:  # the other non-zero products, each with its factors, before the sum that adds them
            shown = room_with_note(panel, theme.muted, [product], (list(panel.items),), gaps)  # (its note with it)
            scene.play(*panel.push_all(shown), run_time=SHOW_ROW)
            read_note(scene, shown, ctx.notes_shown)
        if rows:
            read_out(scene)  # the count and the written-out paths read (the heading may go to make room for the sum)
        # the sum, with the rounding note if its terms as shown do not add up to it (room for what it equals under)
        shown = room_with_note(
            panel, theme.muted, [terms], ([count, *rows], rows), gaps, below=same.height + panel.spacing
        )
        scene.play(*panel.push_all(shown), run_time=SHOW_ROW)
        scene.wait(BEAT)
        read_note(scene, shown, ctx.notes_shown)
        shown = room_with_note(panel, theme.muted, [same], (list(panel.items),), gaps)
        scene.play(*panel.push_all(shown), run_time=SHOW_ROW)
        read_note(scene, shown, ctx.notes_shown)
        # why some products are 0, read while the paragraph saying so is on screen
        beat(scene)
        reuse = wrapped_note(words.reuse_lines(ctx), WHY_WIDTH)
        why = Text(reuse, font_size=LABEL_SIZE, color=theme.text, line_spacing=0.8)
        # the sum and what it equals stay beside why, for the whole sub-step, with the rounding note if one of them
        # needs it (the heading goes too if there is no room; on a large network the sum too, once read: δ·a stays,
        # the δ the paragraph names); the written-out paths stay with the sum they add up: both or neither
        held = note_of(panel)
        choices = [
            [*k, *([held] if held is not None and any_needs_note(k, gaps) else [])]
            for k in ([count, *rows, terms, same], [*rows, terms, same], [same])
        ]
        kept = next((k for k in choices if all(m in panel.items for m in k) and panel.fits(k, why.height)), choices[-1])
        beat(scene)  # the sum read while it is on screen
        panel.make_room(kept, why.height)
        scene.play(panel.push(why), run_time=SHOW_ROW)
        scene.wait(READ_ALL)
        d = board.diagram
        back = restyle_edges(d, gradient_styles(t.grad_weights, theme.backward, theme.backward_negative))
        plain = board.show_sign_key(backward_key(ctx))  # the paths leave: the key's "path followed" with them
        scene.play(*back, *rest_neurons(d.all_neurons(), theme), *plain, run_time=RESET)
        scene.wait(READ)
        read_out(scene)
        panel.clear()


def gradient_row(ctx: StepContext) -> Formula:
    """∂E/∂w⁽¹⁾ⱼᵢ = δ⁽¹⁾ⱼ a⁽⁰⁾ᵢ = their values = the gradient: what the sum of the paths' products equals."""
    j, i = ctx.config.focus[0]
    gradient, product = gradient_is_delta_times_a(j, i)
    return Formula(  # the gradient begins its line; a line it wraps onto begins with "=" (never a bare number)
        gradient, "=", product, "=",
        signed(ctx, "delta", 0, j), r"\cdot", ctx.num("dz_dw", 0, i, factor=True),
        "=", signed(ctx, "grad_weights", 0, j, i),
        decimals=ctx.decimals, color=ctx.theme.text, max_width=PANEL_WIDTH,
    )  # fmt: skip


# --- the path on the diagram ---------------------------------------------------------------------------------


def path_edges(board: Board, path: Path, ctx: StepContext) -> list[Edge]:
    """The focus weight's edge and the path's edge between each two layers 1 … L."""
    j, i = ctx.config.focus[0]
    keys: list[EdgeKey] = [(0, j, i)] + [(l, path.neurons[l], path.neurons[l - 1]) for l in range(1, ctx.depth)]
    return [board.diagram.edges[key] for key in keys]


def path_neurons(board: Board, path: Path, ctx: StepContext) -> list[Neuron]:
    """The input neuron i, the path's neuron in each layer, and ŷₘ (a softmax path's output)."""
    d, i = board.diagram, ctx.config.focus[0][1]
    neurons = [d.neuron(0, i)] + [d.neuron(layer, n) for layer, n in enumerate(path.neurons, start=1)]
    if path.output != path.neurons[-1]:
        neurons.append(d.neuron(ctx.depth, path.output))
    return neurons


def all_path_edges(board: Board, ctx: StepContext) -> list[Edge]:
    """Every edge some path runs along: the focus edge, neuron j's out-edges, every edge after layer 2."""
    j, i = ctx.config.focus[0]
    keys = [key for key in board.diagram.edges if key == (0, j, i) or (key[0] == 1 and key[2] == j) or key[0] >= 2]
    return [board.diagram.edges[key] for key in keys]


# --- the formulas ----------------------------------------------------------------------------------------------
