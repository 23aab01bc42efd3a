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
    UP,
    Create,
    DashedLine,
    MathTex,
    Mobject,
    Scene,
    SurroundingRectangle,
    Text,
    VGroup,
    VMobject,
)

from nnmath import regime_words, run_panels
from nnmath.error_floor import at_floor, floor_exponent
from nnmath.notation import needs_scientific, scientific_parts, setting_decimals
from nnmath.regimes import DIVERGED, Regime, Regimes
from scenes.drawing import symbols
from scenes.drawing.colour_key import colour_key
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num, piece_formula
from scenes.drawing.log_plot import (
    AXIS_NUMBER_SIZE,
    LEVEL_DASH,
    LogRunPlot,
    decade_latex,
    decades,
    labelled_decades,
    times_power,
)
from scenes.drawing.narration import narrated
from scenes.drawing.numbers import shown_number, written_glyphs
from scenes.drawing.style import (
    DRAW_CURVE,
    E0_LINE_STROKE,
    FORMULA_SIZE,
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
from scenes.drawing.theme import MEAN_ERROR, Color, Theme
from scenes.stage.context import StepContext
from scenes.words import repeat as words

PANELS_WIDTH = 13.4  # the row of panels
MIN_PLOT_WIDTH = 2.5  # a panel's plot is never narrower (150 px at 480p): a hundred updates stay apart
SCALE_ROOM = 0.35  # of each panel's slot, left for the decade labels beside the first
TAG_REACH = 0.15  # a panel's tag and "after 100 updates" may reach this far past its plot's width
PANEL_GAP = 0.35
PLOT_HEIGHT = 2.2
FRAME_BUFF = 0.08  # the frame round the η you watched, from its panel
NOTE_GAP = 0.25  # the no-fault note keeps this clear of the panels above it (and the panels of the key)
NOTE_WIDTH = 2 * (FRAME_HALF_WIDTH - SAFE_MARGIN) - 0.2  # the note's lines, across the frame
MIN_PLOT_HEIGHT = 1.0  # a panel's plot is never drawn shorter than this (to make room for the note)
KEY_GAP = 0.12  # the panels (and the frame round the η you watched) keep this far below the key
PLOT_BUFF = 0.12  # between a plot and the lines above and under it
ROW_BOTTOM = SAFE_BOTTOM + FRAME_BUFF + 0.02  # the row's lowest line (E under each plot), above the subtitles' strip


def run_color(theme: Theme, run: Regime) -> Color:
    """Every run's curve is its error E (the tags above say which run does what): one colour, one meaning."""
    return theme.error


def value_label(
    lhs: str,
    value: float,
    entry: tuple[str | int, ...],
    decimals: int,
    color: Color,
    text: Color,
    size: float,
    floor: float = 0.0,
) -> VMobject:
    """``lhs = value``: fixed-point, or m × 10ⁿ (the mantissa a trace number) when fixed-point would hide it;
    beyond DIVERGED it reads ``lhs > 10⁶``, below the loss's floor ``lhs < 10ⁿ`` (no measured error there)."""
    if not abs(value) < DIVERGED:
        return MathTex(rf"{lhs} > {decade_latex(6)}", font_size=size, color=color)
    if at_floor(value, floor):
        return MathTex(below_floor(lhs, floor), font_size=size, color=color)
    if needs_scientific(value, decimals):
        mantissa, exponent = scientific_parts(value)
        num = Num(float(mantissa), ("mantissa", *entry), color)
        return Formula(lhs, "=", num, times_power(exponent), decimals=1, color=text, font_size=size)
    return Formula(lhs, "=", Num(value, entry, color), decimals=decimals, color=text, font_size=size)


def below_floor(lhs: str, floor: float) -> str:
    """``lhs < 10ⁿ`` in LaTeX: an error below the loss's floor."""
    return rf"{lhs} < {decade_latex(floor_exponent(floor))}"


def value_formulas(lhs: str, value: float, decimals: int, floor: float = 0.0) -> list[tuple[str, ...]]:
    """The LaTeX pieces :func:`value_label` may draw, to typeset ahead."""
    out = [piece_formula(lhs), (rf"{lhs} > {decade_latex(6)}",)]
    if at_floor(value, floor):
        out.append((below_floor(lhs, floor),))
    elif abs(value) < DIVERGED and needs_scientific(value, decimals):
        out.append(piece_formula(times_power(scientific_parts(value)[1])))
    return out


def after_words(regimes: Regimes, run: Regime) -> str:
    """Under each panel, when its E is read: "after 100 updates" (or epochs; on two lines where the panel is
    narrow), or for a run that diverges when E passed 10⁶ ("after 7 updates", as its subtitle says)."""
    return f"after {regime_words.counted(regimes, regime_words.read_at(run))}"


def jump_formula(ctx: StepContext, r: int, run: Regime, room: float) -> VGroup | None:
    """ "ŷ: 0.7514 → 7.1 × 10⁻⁶": run ``r``'s output before and after the step it jumps past its target in
    (``regime_words.jump``), the evidence for its tag, on two lines where one is wider than ``room``; None for a
    run that does not."""
    regimes = ctx.regimes
    jumped = regime_words.jump(run, regimes)
    if jumped is None:
        return None
    k, n = jumped
    name = output_latex(regimes, n)
    values = regime_words.jump_values(run, regimes)
    before, after = (
        number_pieces(v, ("rate_y_hat", r, step, n), ctx) for v, step in zip(values, (k, k + 1), strict=True)
    )
    style = {"decimals": ctx.decimals, "color": ctx.theme.text, "font_size": FORMULA_SIZE}
    line = Formula(rf"{name}\colon", *before, r"\to", *after, **style)  # type: ignore[arg-type]
    if line.width <= room:
        return VGroup(line)
    lines = VGroup(Formula(rf"{name}\colon", *before, r"\to", **style), Formula(*after, **style))  # type: ignore[arg-type]
    return lines.arrange(DOWN, buff=0.1)


def output_latex(regimes: Regimes, n: int) -> str:
    """ŷ (ŷₙ₊₁ for a network with several outputs) in LaTeX."""
    return r"\hat{y}" + (f"_{{{n + 1}}}" if regimes.outputs > 1 else "")


def number_pieces(value: float, entry: tuple[str | int, ...], ctx: StepContext) -> list[Num | str]:
    """A trace value as a formula's pieces: fixed-point, or its mantissa and × 10ⁿ where fixed-point would hide it."""
    if needs_scientific(value, ctx.decimals):
        mantissa, exponent = scientific_parts(value)
        return [Num(float(mantissa), ("mantissa", *entry), decimals=1), times_power(exponent)]  # as m × 10ⁿ reads
    return [Num(value, entry)]


def tag_parts(run: Regime, ctx: StepContext) -> list[str]:
    """The run's tag (``regime_words.tag``) as its parts, each wrapped to the panel's width: the role, then what the
    run does (the tag's line breaks fit a narrow panel; a wide one takes more words a line)."""
    role, _, does = regime_words.tag(run, ctx.regimes, ctx.decimals).partition(":\n")
    return [f"{role}:".replace("\n", " "), does.replace("\n", " ")]


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
    return list(dict.fromkeys(out))


class RunPanel(VGroup):
    """One run: its tag (role and what it does), η, the log plot with E at the start dashed, and E after the last step
    ("after 100 updates", then the value)."""

    def __init__(
        self,
        ctx: StepContext,
        r: int,
        run: Regime,
        width: float,
        low: int,
        high: int,
        height: float = PLOT_HEIGHT,
        first: bool = True,
    ) -> None:
        super().__init__()
        theme, regimes = ctx.theme, ctx.regimes
        color = run_color(theme, run)
        room = max(width, MIN_PLOT_WIDTH) + TAG_REACH  # the lines over and under the plot: as wide as its slot
        self.jump = jump_formula(ctx, r, run, room)  # where the run's ŷ jumped to, under the tag that says so
        lines = [line for part in tag_parts(run, ctx) for line in fitted(part, room)]
        self.tag = Text("\n".join(lines), font_size=LABEL_SIZE, color=theme.text, line_spacing=0.8)
        self.head = Formula(
            r"\eta",
            "=",
            ctx.num("rate", r, color=theme.update),
            decimals=setting_decimals(run.learning_rate),
            color=theme.text,
            font_size=FORMULA_SIZE,
        )
        plotted = regimes.plotted(run.history)
        self.plot = LogRunPlot(plotted, low, high, color, theme.muted, width, height, clear_of=float(plotted[0]))
        steps = regimes.steps
        # E at the start: long dashes in the text colour, so a red curve that barely falls still shows beside it
        self.start = self.plot.level(float(run.history[0]), steps).set_stroke(theme.text, E0_LINE_STROKE)
        value = value_label(
            symbols.error(regimes.per_epoch),
            float(run.history[regime_words.read_at(run)]),
            ("rate_history", r, regime_words.read_at(run)),
            ctx.decimals,
            theme.error,
            theme.text,
            FORMULA_SIZE,
            regimes.floor,
        )
        after = VGroup(
            *(Text(line, font_size=LABEL_SIZE, color=theme.muted) for line in fitted(after_words(regimes, run), room))
        )
        self.final = VGroup(after.arrange(DOWN, buff=0.1), value).arrange(DOWN, buff=0.12)  # centred under the plot
        self.start.shift(-self.plot.get_center())
        self.plot.move_to((0, 0, 0))  # every panel's plot on one line: the shared scale compares them
        top_label = MathTex(decade_latex(high), font_size=AXIS_NUMBER_SIZE)  # the top decade label, at the plot's top
        above = PLOT_BUFF + (top_label.height / 2 if first else 0.0)  # the first panel's η clear of it
        heads = [self.tag, *([self.jump] if self.jump is not None else []), self.head]
        VGroup(*heads).arrange(DOWN, buff=0.12).next_to(self.plot, UP, buff=above)
        self.final.next_to(self.plot, DOWN, buff=PLOT_BUFF)
        self.add(*heads, self.plot, self.start, self.final)
        self.yours = run.yours

    def framed(self, theme: Theme) -> VMobject | None:
        """The frame that marks the config's own η (None for the other runs)."""
        return SurroundingRectangle(self, color=theme.text, buff=FRAME_BUFF, corner_radius=0.1) if self.yours else None


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


def no_fault_note(ctx: StepContext, width: float = NOTE_WIDTH) -> Text:
    """The conclusion when no η showed a fault, each part on lines of its own no wider than ``width`` (it goes
    under the panels, which keep their width: :func:`rate_layout`)."""
    lines = fitted(regime_words.no_fault_note(ctx.regimes).replace("\n", " "), width)  # as few lines as fit
    return Text("\n".join(lines), font_size=LABEL_SIZE, color=ctx.theme.text, line_spacing=0.8)


def fitted(line: str, width: float) -> list[str]:
    """``line`` at LABEL_SIZE, broken between words into lines no wider than ``width`` (each line measured)."""
    lines: list[str] = []
    for word in line.split(" "):
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and Text(trial, font_size=LABEL_SIZE).width <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


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


def rate_layout(ctx: StepContext, title: Mobject) -> tuple[Text | None, VGroup, VGroup, list[RunPanel], VGroup]:
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
