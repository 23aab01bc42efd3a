"""Which learning-rate runs get a panel of their own, and why no η is too large where none is.

Two runs whose curves look the same on the log axis (their errors, those below the floor counted as the floor,
within SAME_HEIGHT decades of each other at every step) would make two identical panels: the larger η's is left
out and the smaller η's words say the other does the same. The config's own η always keeps its panel.

Where no η up to the limit shows a fault, what the runs show is said only when they show it: one example, a
cross-entropy loss with a one-hot target (E = −ln ŷ of the true class), and the error of about right and of every
larger η tried never rises, so each update only pushed that ŷ closer to 1. It is said as what these runs did, not
as a rule (a large step also moves the hidden weights, which could lower that ŷ); with many examples a too-large η
can overshoot, and the words say so.
"""

from __future__ import annotations

import numpy as np

from nnmath.notation import sub
from nnmath.regimes import Regime, Regimes

SAME_HEIGHT = 0.02  # decades: two curves this close at every step look the same on the log axis


def settled_curve(history: np.ndarray, floor: float) -> np.ndarray:
    """log₁₀ E of each step, errors below the floor (or 0) counted as the floor, inf/nan as 10⁶⁰⁰ (never equal)."""
    h = np.nan_to_num(np.asarray(history, dtype=float), nan=np.inf)
    low = floor if floor > 0 else np.finfo(float).tiny
    with np.errstate(divide="ignore"):
        return np.log10(np.maximum(np.abs(h), low))


def look_the_same(a: Regime, b: Regime, regimes: Regimes) -> bool:
    """The two runs' curves lie within SAME_HEIGHT decades of each other at every step."""
    ca, cb = settled_curve(a.history, regimes.floor), settled_curve(b.history, regimes.floor)
    if ca.shape != cb.shape or not (np.isfinite(ca).all() and np.isfinite(cb).all()):
        return False
    return bool(np.max(np.abs(ca - cb)) < SAME_HEIGHT)


def twin_of(run: Regime, regimes: Regimes) -> Regime | None:
    """The smaller η of the comparison whose curve looks the same as ``run``'s (None: none, or ``run`` is the η
    watched, which keeps its panel)."""
    if run.yours:
        return None
    for other in regimes.compared:
        if other.learning_rate >= run.learning_rate:
            return None
        if twin_of(other, regimes) is None and look_the_same(other, run, regimes):
            return other
    return None


def shown(regimes: Regimes) -> list[tuple[int, Regime]]:
    """The runs that get a panel, with their index in ``regimes.compared``, small η first."""
    return [(r, run) for r, run in enumerate(regimes.compared) if twin_of(run, regimes) is None]


def twins(run: Regime, regimes: Regimes) -> list[Regime]:
    """The runs left out because they look the same as ``run``."""
    return [other for other in regimes.compared if twin_of(other, regimes) is run]


def one_hot(target: np.ndarray) -> bool:
    t = np.asarray(target, dtype=float)
    return bool(t.size > 1 and np.all((t == 0) | (t == 1)) and t.sum() == 1)


def no_minimum_to_pass(regimes: Regimes) -> bool:
    """No η showed a fault, and the runs show what happened instead: one example, cross-entropy with a one-hot
    target, and the error of about right and every larger η tried never rises (ŷ of the true class never falls)."""
    return (
        not regimes.found_fault
        and not regimes.per_epoch
        and regimes.loss == "cross_entropy"
        and one_hot(regimes.target)
        and regimes.all_fall_above
    )


def target_output(regimes: Regimes) -> str:
    """The output whose target is 1: "ŷ₂"."""
    return f"ŷ{sub(int(np.argmax(regimes.target)) + 1)}"


def why_none_too_large(regimes: Regimes) -> str:
    """The one-line reason no η is too large here, or "" when the runs do not show it."""
    if not no_minimum_to_pass(regimes):
        return ""
    return (  # what these runs showed, not a rule: with a hidden layer a large step could lower ŷ of the true class
        f"Its target is {ONE_HOT}, and with each of these η, E never rose: every update only pushed "
        f"{target_output(regimes)} closer to 1. {MANY_EXAMPLES}"
    )


MANY_EXAMPLES = "With many examples, a too-large η can still overshoot."  # the reason holds for one example only
ONE_HOT = "one-hot (1 for the true class, 0 for the others)"  # defined where it is said


def why_on_screen(regimes: Regimes) -> str:
    """What the note beside the panels adds to "for this one example, none is too large" where the runs show why
    (the subtitle gives the reason, one-hot defined; the note has room for the scope only): "" otherwise."""
    return MANY_EXAMPLES if no_minimum_to_pass(regimes) else ""
