"""One learning-rate run's panel (``scenes.repeat_rates`` lays them out): its tag (role and what it does, wrapped
to the panel), for a run that jumps past its target ŷ before and after, η, the log plot with E at the start in long
dashes, and E when it is read ("after 100 updates", or for a run that diverges when E passed 10⁶)."""

from __future__ import annotations

from manim import (
    DOWN,
    UP,
    MathTex,
    SurroundingRectangle,
    Text,
    VGroup,
    VMobject,
)

from nnmath import regime_tags, run_terms
from nnmath.error_floor import at_floor, floor_exponent
from nnmath.notation import needs_scientific, scientific_parts, setting_decimals
from nnmath.regimes import DIVERGED, Regime, Regimes
from scenes.drawing import symbols
from scenes.drawing.formula import Formula, Num, Sym, piece_formula
from scenes.drawing.log_plot import (
    AXIS_NUMBER_SIZE,
    LogRunPlot,
    decade_latex,
    times_power,
)
from scenes.drawing.powered_text import powered_text
from scenes.drawing.style import (
    CHART_SIZE,
    E0_LINE_STROKE,
    LABEL_SIZE,
)
from scenes.drawing.theme import Color, Theme
from scenes.stage.context import StepContext

MIN_PLOT_WIDTH = 2.5  # a panel's plot is never narrower (150 px at 480p): a hundred updates stay apart
TAG_REACH = 0.15  # a panel's tag and "after 100 updates" may reach this far past its plot's width
PLOT_HEIGHT = 2.2
FRAME_BUFF = 0.2  # the frame round the η you watched, from its panel: 12 px of room inside (5 px touched it)
PLOT_BUFF = 0.12  # between a plot and the lines above and under it


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
    if needs_scientific(value, decimals):  # the whole number m × 10ⁿ in its colour, not only m
        mantissa, exponent = scientific_parts(value)
        num = Num(float(mantissa), ("mantissa", *entry), color)
        return Formula(lhs, "=", num, Sym(times_power(exponent), color), decimals=1, color=text, font_size=size)
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
    return f"after {run_terms.counted(regimes, run_terms.read_at(run))}"


def jump_formula(ctx: StepContext, r: int, run: Regime, room: float) -> VGroup | None:
    """ "ŷ: 0.7514 → 7.1 × 10⁻⁶" over "target 0.0100": run ``r``'s output before and after the step it jumps past
    its target in (``run_terms.jump``), and that target, the evidence for its tag; ŷ on two lines where one is
    wider than ``room``; None for a run that does not."""
    regimes, theme = ctx.regimes, ctx.theme
    jumped = run_terms.jump(run, regimes)
    if jumped is None:
        return None
    k, n = jumped
    name = Sym(rf"{output_latex(regimes, n)}\colon", theme.forward)  # ŷ and its values: a value's colour
    values = run_terms.jump_values(run, regimes)
    before, after = (
        number_pieces(v, ("rate_y_hat", r, step, n), ctx, theme.forward)
        for v, step in zip(values, (k, k + 1), strict=True)
    )
    style = {"decimals": ctx.decimals, "color": theme.text, "font_size": CHART_SIZE}
    # what it jumps past: the target, word and value in the target's colour
    target = Formula(Sym(TARGET_WORD, theme.target), ctx.num("y", n, color=theme.target), **style)  # type: ignore[arg-type]
    line = Formula(name, *before, r"\to", *after, **style)  # type: ignore[arg-type]
    if line.width <= room:
        return VGroup(line, target).arrange(DOWN, buff=0.1)
    lines = VGroup(Formula(name, *before, r"\to", **style), Formula(*after, **style), target)  # type: ignore[arg-type]
    return lines.arrange(DOWN, buff=0.1)


TARGET_WORD = r"\text{target}"  # before the target's value, under the ŷ that jumps past it


def output_latex(regimes: Regimes, n: int) -> str:
    """ŷ (ŷₙ₊₁ for a network with several outputs) in LaTeX."""
    return r"\hat{y}" + (f"_{{{n + 1}}}" if regimes.outputs > 1 else "")


def number_pieces(value: float, entry: tuple[str | int, ...], ctx: StepContext, color: Color) -> list[Num | Sym]:
    """A trace value as a formula's pieces in ``color``: fixed-point, or its mantissa and × 10ⁿ where fixed-point
    would hide it (the whole number in the colour)."""
    if needs_scientific(value, ctx.decimals):
        mantissa, exponent = scientific_parts(value)
        return [Num(float(mantissa), ("mantissa", *entry), color, decimals=1), Sym(times_power(exponent), color)]
    return [Num(value, entry, color)]


def tag_parts(run: Regime, ctx: StepContext) -> list[str]:
    """The run's tag (``regime_tags.tag``) as its parts, each wrapped to the panel's width: the role, then what the
    run does (the tag's line breaks fit a narrow panel; a wide one takes more words a line)."""
    role, _, does = regime_tags.tag(run, ctx.regimes, ctx.decimals).partition(":\n")
    return [f"{role}:".replace("\n", " "), does.replace("\n", " ")]


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
        self.tag = powered_text("\n".join(lines), LABEL_SIZE, theme.text)  # 10⁻¹⁴ as tall as its digits
        self.head = Formula(
            r"\eta",
            "=",
            ctx.num("rate", r, color=theme.update),
            decimals=setting_decimals(run.learning_rate),
            color=theme.text,
            font_size=CHART_SIZE,
        )
        plotted = regimes.plotted(run.history)
        self.plot = LogRunPlot(plotted, low, high, color, theme.muted, width, height, clear_of=float(plotted[0]))
        steps = regimes.steps
        # E at the start: long dashes in the text colour, so a red curve that barely falls still shows beside it
        self.start = self.plot.level(float(run.history[0]), steps).set_stroke(theme.text, E0_LINE_STROKE)
        value = value_label(
            symbols.error(regimes.per_epoch),
            float(run.history[run_terms.read_at(run)]),
            ("rate_history", r, run_terms.read_at(run)),
            ctx.decimals,
            theme.error,
            theme.text,
            CHART_SIZE,
            regimes.floor,
        )
        if run_terms.read_at(run) == steps:  # read at the end: one line over the panels says it for all
            self.final = VGroup(value)
        else:  # read at another step (a run that diverges): which, over its E
            after = VGroup(
                *(
                    Text(line, font_size=LABEL_SIZE, color=theme.muted)
                    for line in fitted(after_words(regimes, run), room)
                )
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
