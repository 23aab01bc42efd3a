"""Short phrases on one learning-rate run, with its numbers: its η, a count of steps, E after k steps, where
it ends, the floor, the step its output jumps past its target. The words of :mod:`nnmath.regime_tags` and
:mod:`nnmath.regime_words` are made of them."""

from __future__ import annotations

import math

from nnmath.error_floor import at_floor, floor_exponent, settled
from nnmath.notation import error_name, format_setting, format_value, sub, sup
from nnmath.regimes import (
    DIVERGED,
    DIVERGES,
    STALLS_PAST,
    Regime,
    Regimes,
)


def eta_text(run: Regime) -> str:
    """η as a setting: "η = 16"."""
    return f"η = {format_setting(run.learning_rate)}"


def output_name(regimes: Regimes, n: int) -> str:
    """ŷ, ŷ₂, or for a dataset "ŷ of sample 3" / "ŷ₂ of sample 3" (n counts every sample's outputs)."""
    sample, k = divmod(n, regimes.outputs)
    name = "ŷ" if regimes.outputs == 1 else f"ŷ{sub(k + 1)}"
    return name if regimes.target.size == regimes.outputs else f"{name} of sample {sample + 1}"


def counted(regimes: Regimes, k: int) -> str:
    """ "1 update", "100 updates", "100 epochs": k of the runs' steps."""
    return f"{k} {regimes.unit}{'' if k == 1 else 's'}"


def at_step(regimes: Regimes, k: int) -> str:
    """The k-th step, counted from 1: "update 13", "epoch 13"."""
    return f"{regimes.unit} {k}"


def error_at(run: Regime, regimes: Regimes, k: int, decimals: int) -> str:
    """E after k steps, readable whatever its size and never a number the computer cannot tell from 0:
    "after 100 updates E = 2.5 × 10⁻⁵", "after 3 updates E > 10⁶", "after 100 updates E < 10⁻¹⁴"."""
    value, after, e = float(run.history[k]), f"after {counted(regimes, k)}", error_of(regimes)
    if not abs(value) < DIVERGED:
        return f"{after} {e} > 10⁶" if value == value else f"{after} {e} is not a number"
    if at_floor(value, regimes.floor):
        return f"{after} {e} < {floor_text(regimes.floor)}"
    return f"{after} {e} = {format_value(value, decimals)}"


def read_at(run: Regime) -> int:
    """The step whose E the run's panel and words read: the last, or for a run that diverges the first step its E
    passes 10⁶ ("after 7 updates E > 10⁶", on the panel as in the subtitle)."""
    last = len(run.history) - 1
    if run.label != DIVERGES:
        return last
    return next((k for k, e in enumerate(run.history) if not abs(e) < DIVERGED), last)


def error_of(regimes: Regimes) -> str:
    """The error the runs are judged on: E for one sample, Ē (the mean over all the data) for a dataset."""
    return error_name(regimes.per_epoch)


def floor_text(floor: float) -> str:
    """The floor as a power of ten: "10⁻¹⁴"."""
    return f"10{sup(floor_exponent(floor))}"


def reaches_floor(run: Regime, regimes: Regimes) -> bool:
    return at_floor(run.final, regimes.floor)


FLOOR_WORDS = "too small for the computer to tell from 0 here"  # below the floor (``nnmath.error_floor``)


def level(run: Regime, regimes: Regimes, decimals: int) -> str:
    """Where the run's E ends: "2.5 × 10⁻⁵", or "below 10⁻¹⁴" at the floor."""
    if reaches_floor(run, regimes):
        return f"below {floor_text(regimes.floor)}"
    return format_value(run.final, decimals)


def below_yours(run: Regime, regimes: Regimes) -> str:
    """ "lower than where η = 0.5 ends": for a stalled run that still ends below the η the student watched (too
    large here means it stalls above about right, not that it does worse than that η); "" otherwise."""
    yours = regimes.yours
    if yours is run or yours.learning_rate == run.learning_rate:
        return ""
    if settled(run.final, regimes.floor) >= settled(yours.final, regimes.floor):
        return ""
    return f"lower than where {eta_text(yours)} ends"


def jump(run: Regime, regimes: Regimes) -> tuple[int, int] | None:
    """(k, n): the run's output n jumps past its target in step k + 1 and sticks there, as its panel shows under
    its tag (ŷ before and after that step, :func:`jump_values`); None for any other run, or a dataset's (its ŷ
    belong to many samples)."""
    if run.label != STALLS_PAST or run.behaviour.first_cross is None or regimes.target.size != regimes.outputs:
        return None
    return run.behaviour.first_cross


def jump_values(run: Regime, regimes: Regimes) -> tuple[float, float]:
    """ŷ before and after the step in which it jumps past its target (:func:`jump`)."""
    k, n = jump(run, regimes) or (0, 0)
    return float(run.y_hat[k][n]), float(run.y_hat[k + 1][n])


def rounded_up(value: float) -> float:
    """A positive value rounded up to two significant digits (3.14 × 10⁻⁸ → 3.2 × 10⁻⁸): a bound it does not pass."""
    step = 10.0 ** (math.floor(math.log10(value)) - 1)
    return math.ceil(value / step * (1 - 1e-12)) * step
