"""The epilogue's learning-rate runs: the same training with other η, each in its panel with E on a log axis,
labelled by what it does (``nnmath.regimes``); the config's own η is one of the panels, framed.

All panels share one log scale (from the smallest error of the runs to the largest), so their heights compare;
the first panel names the powers of ten. Each panel's axes come in with its curve. A run's final error reads as
on the subtitle and in the answer key: m × 10ⁿ when fixed-point would hide it, "E < 10ⁿ" below the loss's floor
(``nnmath.error_floor``: no measured error), and the axis stops at that floor."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    Create,
    DashedLine,
    MathTex,
    Mobject,
    Scene,
    Text,
    VGroup,
)

from nnmath import regime_words, run_panels
from nnmath.error_floor import floor_exponent
from nnmath.notation import setting_decimals
from scenes.drawing import symbols
from scenes.drawing.colour_key import colour_key
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import piece_formula
from scenes.drawing.log_plot import (
    AXIS_NUMBER_SIZE,
    LEVEL_DASH,
    decade_latex,
    decades,
    labelled_decades,
    times_power,
)
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import shown_number, written_glyphs
from scenes.drawing.powered_text import PoweredText, powered_text
from scenes.drawing.style import (
    DRAW_CURVE,
    E0_LINE_STROKE,
    FRAME_HALF_WIDTH,
    LABEL_SIZE,
    READ_ALL,
    SAFE_BOTTOM,
    SAFE_LEFT,
    SAFE_MARGIN,
    SAFE_RIGHT,
    SHOW,
    SHOW_ROW,
)
from scenes.drawing.theme import MEAN_ERROR
from scenes.run_panel import (
    FRAME_BUFF,
    MIN_PLOT_WIDTH,
    PLOT_HEIGHT,
    TARGET_WORD,
    RunPanel,
    fitted,
    output_latex,
    value_formulas,
    value_label,
)
from scenes.stage.context import StepContext
from scenes.words import repeat as words

PANELS_WIDTH = 13.4  # the row of panels
SCALE_ROOM = 0.35  # of each panel's slot, left for the decade labels beside the first
PANEL_GAP = 0.35
NOTE_GAP = 0.25  # the no-fault note keeps this clear of the panels above it (and the panels of the key)
NOTE_WIDTH = 2 * (FRAME_HALF_WIDTH - SAFE_MARGIN) - 0.2  # the note's lines, across the frame
MIN_PLOT_HEIGHT = 1.0  # a panel's plot is never drawn shorter than this (to make room for the note)
KEY_GAP = 0.25  # the panels (and the frame round the η you watched) keep this far below the key (15 px)
ROW_BOTTOM = SAFE_BOTTOM + FRAME_BUFF + 0.02  # the row's lowest line (E under each plot), above the subtitles' strip


EXPONENTS = range(-24, 7)  # powers of ten typeset ahead whatever the numbers: new weights, no new LaTeX run


def rate_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The section's formulas: η, each run's final error and the decade labels (every power of ten in
    EXPONENTS, so that other numbers find them typeset)."""
    regimes = ctx.regimes
    low, high = decades(*regimes.log_range())
    powers = sorted({*EXPONENTS, *labelled_decades(low, high)})
    out: list[tuple[str, ...]] = [piece_formula(r"\eta"), *((decade_latex(n),) for n in powers)]
    out += [piece_formula(times_power(n)) for n in EXPONENTS]
    if regimes.axis_cut:  # the cut axis's lowest label
        out.append((cut_latex(regimes.axis_cut),))
    out += value_formulas(start_lhs(ctx), float(regimes.compared[0].history[0]), ctx.decimals, regimes.floor)
    for run in regimes.compared:
        out += value_formulas(symbols.error(regimes.per_epoch), run.final, ctx.decimals, regimes.floor)
        eta = shown_number(run.learning_rate, setting_decimals(run.learning_rate), setting=True)
        out += [(glyph,) for glyph in written_glyphs(eta)]  # a fraction's "/", a power's "·" (1/256, 0.1·2⁻²⁰)
        if (jumped := regime_words.jump(run, regimes)) is not None:  # ŷ before and after it jumps past its target
            out += [piece_formula(rf"{output_latex(regimes, jumped[1])}\colon"), piece_formula(r"\to")]
            out.append(piece_formula(TARGET_WORD))
    return list(dict.fromkeys(out))


def rate_row(
    ctx: StepContext, ceiling: float | None = None, bottom: float = ROW_BOTTOM
) -> tuple[list[RunPanel], VGroup]:
    """The panels of the runs side by side (small η first, plots level) and the decade labels beside the first;
    ``ceiling``: the panels (and the frame round the η you watched) stay below it, their plots shorter if need be;
    ``bottom``: the row's lowest line (the no-fault note may go under it). Plots are never narrower than
    MIN_PLOT_WIDTH, so a hundred updates stay apart."""
    height = PLOT_HEIGHT
    panels = panels_of(ctx, height, bottom=bottom)
    for _ in range(8):
        over = VGroup(*panels).get_top()[1] + FRAME_BUFF - ceiling if ceiling is not None else 0.0
        if over <= 0 or height <= MIN_PLOT_HEIGHT:
            break
        height = max(height - over - 0.01, MIN_PLOT_HEIGHT)
        panels = panels_of(ctx, height, bottom=bottom)
    narrower = 0.0
    for _ in range(12):  # a wide lowest label ("≤ 10⁻⁶") makes the plots narrower, to keep clear of the margins
        scale = cut_label(ctx, panels[0].plot.decade_labels(ctx.theme.muted))
        row = VGroup(*panels, scale)
        row.shift(LEFT * (row.get_left()[0] + row.get_right()[0]) / 2)  # labels and panels centred
        over = max(SAFE_LEFT - row.get_left()[0], row.get_right()[0] - SAFE_RIGHT)
        if over <= 0 or min(p.plot.axes.width for p in panels) <= MIN_PLOT_WIDTH + 0.01:
            break
        narrower += 2 * over + 0.02
        panels = panels_of(ctx, height, narrower, bottom)
    return panels, scale


def cut_latex(cut: float) -> str:
    """The bottom label of an axis cut short: "≤ 10⁻⁶" (lower errors are drawn on its line), in LaTeX."""
    return rf"\le {decade_latex(floor_exponent(cut))}"


def cut_label(ctx: StepContext, labels: VGroup) -> VGroup:
    """The decade labels, the lowest one "≤ 10ⁿ" where the axis is cut short (``Regimes.axis_cut``)."""
    cut = ctx.regimes.axis_cut
    if not cut:
        return labels
    bottom = min(labels, key=lambda m: m.get_center()[1])
    marked = MathTex(cut_latex(cut), font_size=AXIS_NUMBER_SIZE, color=ctx.theme.muted)
    marked.move_to(bottom).align_to(bottom, RIGHT)
    labels.remove(bottom)
    return labels.add(marked)


def slot_width(slots: float) -> float:
    """The width of each of ``slots`` panels side by side in PANELS_WIDTH."""
    return (PANELS_WIDTH - PANEL_GAP * (slots - 1)) / slots


def panels_of(ctx: StepContext, height: float, narrower: float = 0.0, bottom: float = ROW_BOTTOM) -> list[RunPanel]:
    """The panels, plots ``height`` tall (and at least MIN_PLOT_WIDTH wide), side by side with their last line at
    ``bottom``; the row ``narrower`` than its slots in all."""
    regimes = ctx.regimes
    runs = run_panels.shown(regimes)  # a run that looks the same as a smaller η's gets no panel of its own
    low, high = decades(*regimes.log_range())
    width = max(slot_width(len(runs)) - SCALE_ROOM - narrower / len(runs), MIN_PLOT_WIDTH)
    panels = [RunPanel(ctx, r, run, width, low, high, height, first=k == 0) for k, (r, run) in enumerate(runs)]
    x = 0.0
    for panel in panels:  # side by side, plots level
        panel.shift(RIGHT * (x - panel.get_left()[0]))
        x = panel.get_right()[0] + PANEL_GAP
    row = VGroup(*panels)
    row.shift(np.array([-(row.get_left()[0] + row.get_right()[0]) / 2, bottom - row.get_bottom()[1], 0.0]))
    return panels


def no_fault_note(ctx: StepContext, width: float = NOTE_WIDTH) -> Text | PoweredText:
    """The conclusion when no η showed a fault, each part on lines of its own no wider than ``width`` (it goes
    under the panels, which keep their width: :func:`rate_layout`)."""
    lines = fitted(regime_words.no_fault_note(ctx.regimes).replace("\n", " "), width)  # as few lines as fit
    return powered_text("\n".join(lines), LABEL_SIZE, ctx.theme.text)  # 10⁻¹⁴ as tall as its digits


START_WORDS = r"\text{at the start: }"  # the dashed line's label, as the main curve's first label reads
SWATCH_LENGTH = 0.6


def start_lhs(ctx: StepContext) -> str:
    """The start line's label's left side: "at the start: E" (Ē for a dataset)."""
    return START_WORDS + symbols.error(ctx.regimes.per_epoch)


def start_key(ctx: StepContext, under: Mobject) -> VGroup:
    """What the long-dashed line in every panel is: a piece of it beside "at the start: E = 0.2748", under ``under``
    (the colour key), right-aligned with it."""
    theme, regimes = ctx.theme, ctx.regimes
    run = regimes.compared[0]
    swatch = DashedLine(ORIGIN, RIGHT * SWATCH_LENGTH, dash_length=LEVEL_DASH).set_stroke(theme.text, E0_LINE_STROKE)
    label = value_label(
        start_lhs(ctx), float(run.history[0]), ("rate_history", 0, 0), ctx.decimals, theme.error, theme.text,
        AXIS_NUMBER_SIZE, regimes.floor,
    )  # fmt: skip
    row = VGroup(swatch, label).arrange(RIGHT, buff=0.15)
    return row.next_to(under, DOWN, buff=0.12, aligned_edge=RIGHT)


RATE_ONLY = {"update": "learning rate η"}  # the update colour's words where only η is drawn in it


def key_names(ctx: StepContext) -> dict[str, str]:
    """The key's words for the panels: the update colour is η alone; E is Ē for a dataset."""
    return {**RATE_ONLY, **(MEAN_ERROR if ctx.config.is_dataset else {})}


def rate_layout(
    ctx: StepContext, title: Mobject
) -> tuple[Text | PoweredText | None, VGroup, VGroup, list[RunPanel], VGroup]:
    """The section's pieces, laid out: the colour key and what the dashed line is under it (and where the axis
    stops, if it is cut short), the panels below both with the decade labels beside the first, and the no-fault
    note (None with a fault) under the panels, across the frame."""
    regimes = ctx.regimes
    # η (no new values here: the key says only what is drawn), and every curve and final value is E (Ē, the mean
    # over the data's samples, for a dataset); under it, what the dashed line is
    key = colour_key(ctx.theme, ["update", "error"], names=key_names(ctx))
    start = start_key(ctx, key)
    note = no_fault_note(ctx) if not regimes.found_fault else None
    bottom = ROW_BOTTOM if note is None else SAFE_BOTTOM + 0.05 + note.height + NOTE_GAP
    panels, scale = rate_row(ctx, start.get_bottom()[1] - KEY_GAP, bottom)
    if note is not None:
        note.next_to(VGroup(*panels, scale), DOWN, buff=NOTE_GAP).set_x(0)
    return note, key, start, panels, scale


def learning_rates(scene: Scene, ctx: StepContext, title: Mobject, last: bool) -> None:
    """The runs side by side, one section each (its caption says what it does, with its numbers)."""
    theme = ctx.theme
    runs = [run for _, run in run_panels.shown(ctx.regimes)]
    note, key, start, panels, scale = rate_layout(ctx, title)
    shown: list[Mobject] = [VGroup(*panels), scale, key, start]
    for n, (panel, run) in enumerate(zip(panels, runs, strict=True), 1):
        with narrated(scene, f"repeat-rate-{n}", words.run_words(ctx, run, first=n == 1)):
            # each panel's axes come in with its curve: no empty axes wait for their run
            scene.play(Create(panel.plot.axes), Create(panel.plot.grid), *([Appear(scale), Appear(key), Appear(start)] if n == 1 else []),
                       Appear(panel.tag), *([Appear(panel.jump)] if panel.jump is not None else []), Appear(panel.head), Create(panel.start), run_time=SHOW_ROW)  # fmt: skip
            scene.play(Create(panel.plot.graph), Appear(panel.final), run_time=DRAW_CURVE)
            frame = panel.framed(theme)
            if frame is not None:  # the η you watched
                scene.play(Create(frame), run_time=SHOW)
                shown.append(frame)
    if note is not None:
        with narrated(scene, "repeat-rates-none", words.no_fault(ctx)):
            scene.play(Appear(note), run_time=SHOW)
            shown.append(note)
            scene.wait(READ_ALL)
    scene.play(*(Vanish(m) for m in shown), *([Vanish(title)] if last else []))
