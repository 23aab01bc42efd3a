"""The epilogue's learning-rate runs: the same training with other η, each in its panel with E on a log axis,
labelled by what it does (``nnmath.regimes``); the config's own η is one of the panels, framed.

All panels share one log scale (from the smallest error of the runs to the largest), so their heights compare;
the first panel names the powers of ten. Each panel's axes come in with its curve. A run's final error reads as
on the subtitle and in the answer key: m × 10ⁿ when fixed-point would hide it, "E < 10ⁿ" below the loss's floor
(``nnmath.error_floor``: no measured error), and the axis stops at that floor."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Animation,
    Create,
    MathTex,
    Mobject,
    Scene,
    Text,
    VGroup,
)

from nnmath import regime_words, run_panels, run_terms
from nnmath.error_floor import floor_exponent
from nnmath.notation import setting_decimals
from scenes.drawing import symbols
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import piece_formula
from scenes.drawing.log_plot import (
    AXIS_NUMBER_SIZE,
    decade_latex,
    decades,
    labelled_decades,
    times_power,
)
from scenes.drawing.moves import extend_key
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import shown_number, written_glyphs
from scenes.drawing.powered_text import PoweredText, powered_text, times_latex
from scenes.drawing.style import (
    DRAW_CURVE,
    FRAME_HALF_HEIGHT,
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
from scenes.rate_keys import key_before_jump, rate_key, reading_guide, start_key, start_lhs
from scenes.run_panel import (
    FRAME_BUFF,
    MIN_PLOT_WIDTH,
    PLOT_HEIGHT,
    TARGET_WORD,
    RunPanel,
    fitted,
    output_latex,
    value_formulas,
)
from scenes.stage.context import StepContext
from scenes.words import repeat as words

PANELS_WIDTH = 13.4  # the row of panels
SCALE_ROOM = 0.35  # of each panel's slot, left for the decade labels beside the first
PANEL_GAP = 0.45  # between panels: the frame round the η you watched (FRAME_BUFF out) keeps 15 px from the next
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
    out += [(times_latex(n),) for n in EXPONENTS]  # "× 10ⁿ" in the words (``scenes.drawing.powered_text``)
    if regimes.axis_cut:  # the cut axis's lowest label
        out.append((cut_latex(regimes.axis_cut),))
    out += value_formulas(start_lhs(ctx), float(regimes.compared[0].history[0]), ctx.decimals, regimes.floor)
    for run in regimes.compared:
        out += value_formulas(symbols.error(regimes.per_epoch), run.final, ctx.decimals, regimes.floor)
        eta = shown_number(run.learning_rate, setting_decimals(run.learning_rate), setting=True)
        out += [(glyph,) for glyph in written_glyphs(eta)]  # a fraction's "/", a power's "·" (1/256, 0.1·2⁻²⁰)
        if (jumped := run_terms.jump(run, regimes)) is not None:  # ŷ before and after it jumps past its target
            out += [piece_formula(rf"{output_latex(regimes, jumped[1])}\colon"), piece_formula(r"\to")]
            out.append(piece_formula(TARGET_WORD))
    return list(dict.fromkeys(out))


def rate_row(
    ctx: StepContext, ceiling: Callable[[Mobject], float] | None = None, bottom: float = ROW_BOTTOM
) -> tuple[list[RunPanel], VGroup]:
    """The panels of the runs side by side (small η first, plots level) and the decade labels beside the first,
    centred between the side margins; ``ceiling``: the height each panel (and the frame round the η you watched)
    stays below (:func:`ceiling_under`), the plots shorter if need be; ``bottom``: the row's lowest line (the no-fault
    note may go under it). Plots are never narrower than MIN_PLOT_WIDTH, so a hundred updates stay apart."""
    height, narrower = PLOT_HEIGHT, 0.0
    for _ in range(20):
        panels = panels_of(ctx, height, narrower, bottom)
        scale = cut_label(ctx, panels[0].plot.decade_labels(ctx.theme.muted))
        row = VGroup(*panels, scale)
        row.shift(LEFT * (row.get_left()[0] + row.get_right()[0]) / 2)  # labels and panels centred
        wide = max(SAFE_LEFT - row.get_left()[0], row.get_right()[0] - SAFE_RIGHT)
        tall = max(p.get_top()[1] + FRAME_BUFF - ceiling(p) for p in panels) if ceiling is not None else 0.0
        if wide > 0 and min(p.plot.axes.width for p in panels) > MIN_PLOT_WIDTH + 0.01:
            narrower += 2 * wide + 0.02  # a wide lowest label ("≤ 10⁻⁶"): narrower plots, clear of the margins
        elif tall > 0 and height > MIN_PLOT_HEIGHT:
            height = max(height - tall - 0.01, MIN_PLOT_HEIGHT)
        else:
            break
    return panels, scale


def ceiling_under(above: list[Mobject]) -> Callable[[Mobject], float]:
    """How high a panel may reach: KEY_GAP below the lowest of ``above`` (the title, the key, the lines under them)
    over its width (a panel with a tall head may stand under the key's short last line, beside the others)."""

    def ceiling(panel: Mobject) -> float:
        left, right = panel.get_left()[0] - FRAME_BUFF - KEY_GAP, panel.get_right()[0] + FRAME_BUFF + KEY_GAP
        over = [m.get_bottom()[1] for m in above if m.get_left()[0] < right and m.get_right()[0] > left]
        return min(over, default=FRAME_HALF_HEIGHT) - KEY_GAP

    return ceiling


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


def plot_width(ctx: StepContext, narrower: float = 0.0) -> float:
    """Each panel's plot width: its slot's, less the decade labels' room and its share of ``narrower``."""
    runs = len(run_panels.shown(ctx.regimes))
    return max(slot_width(runs) - SCALE_ROOM - narrower / runs, MIN_PLOT_WIDTH)


def panels_of(ctx: StepContext, height: float, narrower: float = 0.0, bottom: float = ROW_BOTTOM) -> list[RunPanel]:
    """The panels, plots ``height`` tall (and at least MIN_PLOT_WIDTH wide), side by side with their last line at
    ``bottom``; the row ``narrower`` than its slots in all."""
    regimes = ctx.regimes
    runs = run_panels.shown(regimes)  # a run that looks the same as a smaller η's gets no panel of its own
    low, high = decades(*regimes.log_range())
    width = plot_width(ctx, narrower)
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


def rate_layout(
    ctx: StepContext, title: Mobject
) -> tuple[Text | PoweredText | None, VGroup, VGroup, Text, list[RunPanel], VGroup]:
    """The section's pieces, laid out: the colour key and what the dashed line is under it (and where the axis
    stops, if it is cut short), when the error under each plot is read (under the title), the panels below them with
    the decade labels beside the first, and the no-fault note (None with a fault) under the panels, across the
    frame."""
    regimes = ctx.regimes
    # η (no new values here: the key says only what is drawn), and every curve and final value is E (Ē, the mean
    # over the data's samples, for a dataset); under it, what the dashed line is
    key = rate_key(ctx, title)
    start = start_key(ctx, key)
    guide = reading_guide(ctx, title, key)
    note = no_fault_note(ctx) if not regimes.found_fault else None
    bottom = ROW_BOTTOM if note is None else SAFE_BOTTOM + 0.05 + note.height + NOTE_GAP
    panels, scale = rate_row(ctx, ceiling_under([title, key, start, guide]), bottom)
    if note is not None:
        note.next_to(VGroup(*panels, scale), DOWN, buff=NOTE_GAP).set_x(0)
    return note, key, start, guide, panels, scale


def learning_rates(scene: Scene, ctx: StepContext, title: Mobject, last: bool) -> None:
    """The runs side by side, one section each (its caption says what it does, with its numbers)."""
    theme = ctx.theme
    runs = [run for _, run in run_panels.shown(ctx.regimes)]
    note, key, start, guide, panels, scale = rate_layout(ctx, title)
    first_key = key_before_jump(ctx, key)  # ŷ and the target join the key with the jump's panel
    shown: list[Mobject] = [VGroup(*panels), scale, first_key, start, guide]
    for n, (panel, run) in enumerate(zip(panels, runs, strict=True), 1):
        with narrated(scene, f"repeat-rate-{n}", words.run_words(ctx, run, first=n == 1)):
            grown: list[Animation] = []
            if panel.jump is not None and first_key is not key:
                grown = extend_key(first_key, key) if n > 1 else []  # the first panel's: the whole key at once
                shown[shown.index(first_key)] = key
            # each panel's axes come in with its curve: no empty axes wait for their run
            scene.play(Create(panel.plot.axes), Create(panel.plot.grid), *([Appear(m) for m in shown[1:]] if n == 1 else []), *grown,
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
