"""The epilogue's learning-rate comparison: the same training with different η, each run labelled by what
its own numbers show.

Every run is EPILOGUE_STEPS updates of ``nnmath.train`` from the config's parameters. The runs form one
ladder, trained side by side: the config's η times 2ᵏ for k = −LADDER_DOWN … doublings_within(RATE_LIMIT).

What a run does (:func:`behaviour`), read from its errors E₀ … E_N and its outputs ŷ:

- **diverges**: E stops being a number or grows beyond DIVERGED;
- **stalls past the target** ("jumps past the target and stalls"), or **stalls**: at the end an output
  still away from its target is saturated (f′(z) < SATURATED: the gradient through it is all but zero)
  and E moved by less than STALL_SHARE over the run's second half; "past" when ŷ went past the target or
  E rose on the way;
- **oscillates**: E rises at two steps or more, or ŷ swings across its target at two steps or more;
- **overshoots**: E rises at one step, or ŷ goes past its target once;
- **stuck**: E never moves;
- **steady**: E falls at every step and ŷ never goes past the target; **slow** when it removes at most
  SLOW_SHARE of the error the about-right run removes.

The roles, from those labels:

- **about right**: of the steady runs below the first η that goes wrong, the one whose error ends lowest;
  of runs that end as low (:func:`ends_as_low`), the smallest η.
- **too large**: the smallest η above about right whose run goes wrong where one sees it: E rises at some
  step, or it ends higher than about right (a run that only passes the target and ends as low is not
  shown as too large). If there is none up to the limit, the largest η tried is shown instead
  (``found_rise`` False) and the video says that no η up to it went wrong.
- **too small**: the largest η below about right whose run is slow.
- the config's own η is one of the runs (``yours``): its panel is marked, and when it is none of the
  three it is a fourth run, labelled by what it does.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from nnmath.config import Config
from nnmath.network import train_runs
from nnmath.run_behaviour import (
    CLOSE,
    CONVERGES,
    CROSS_NOISE,
    DIVERGED,
    DIVERGES,
    OSCILLATES,
    OVERSHOOTS,
    RISE_TOLERANCE,
    SATURATED,
    SLOW,
    SLOW_SHARE,
    STALL_SHARE,
    STALLS,
    STALLS_PAST,
    STEADY,
    STUCK,
    WENT_WRONG,
    Behaviour,
    behaviour,
    classify,
    cross_steps,
    diverged,
    removed,
    rise_steps,
    rises,
    slower,
    stall,
)

EPILOGUE_STEPS = 100  # training steps in the epilogue (its loss curve and its learning-rate runs)
RATE_LIMIT = 1024.0  # the ladder goes up to at most this many times the config's η (2¹⁰: ten doublings)
LADDER_DOWN = 24  # … and down to the config's η halved this many times
TIE_FACTOR = 1.05  # runs whose final errors are within this factor end as low (on a log axis: the same height)
TIE_SHARE = 1e-12  # … or within this share of E₀ (float noise near zero)

# Roles in the comparison.
TOO_SMALL, ABOUT_RIGHT, TOO_LARGE, LARGEST_TRIED = "too small", "about right", "too large", "largest η tried"
YOURS = "the η you watched"  # the config's η when it is none of the other roles


@dataclass(frozen=True, eq=False)
class Regime:
    """One run: its η, errors E₀ … E_N, outputs ŷ per step, and what it does."""

    role: str  # TOO_SMALL | ABOUT_RIGHT | TOO_LARGE | LARGEST_TRIED | YOURS
    learning_rate: float
    history: np.ndarray  # [k]: E after k updates
    y_hat: np.ndarray  # [k, n]
    slope: np.ndarray  # [k, n]: f′(z) of each output
    behaviour: Behaviour
    yours: bool = False  # the config's own η

    @property
    def label(self) -> str:
        return self.behaviour.label

    @property
    def rises(self) -> int:
        return self.behaviour.rises

    @property
    def final(self) -> float:
        return float(self.history[-1])


@dataclass(frozen=True, eq=False)
class Regimes:
    """The runs of the comparison, small η first, and what the search found."""

    small: Regime
    right: Regime
    large: Regime  # too large, or (found_rise False) the largest η tried
    yours: Regime  # the config's η: one of the three above, or a run of its own
    found_rise: bool  # some η up to ``limit`` went wrong (overshot, oscillated, stalled or diverged)
    limit: float  # the largest η tried
    target: np.ndarray  # y (a dataset's: every sample's, one after the other)
    outputs: int  # outputs per sample

    @property
    def halved(self) -> bool:
        """The config's η is larger than about right."""
        return self.right.learning_rate < self.yours.learning_rate

    @property
    def runs(self) -> tuple[Regime, Regime, Regime]:
        """The three roles, small η first."""
        return (self.small, self.right, self.large)

    @property
    def compared(self) -> tuple[Regime, ...]:
        """Every run of the comparison, small η first: the three roles, and the config's η if it is none of them."""
        runs = {run.learning_rate: run for run in (self.small, self.right, self.large, self.yours)}
        return tuple(runs[eta] for eta in sorted(runs))

    def log_range(self) -> tuple[float, float]:
        """Bounds for E on a log axis: every finite positive error of the runs, at most 10¹⁶ apart and
        never above DIVERGED (an exact 0, inf or nan is drawn at a bound: :meth:`plotted`)."""
        values = np.concatenate([run.history for run in self.compared])
        shown = values[np.isfinite(values) & (values > 0) & (values <= DIVERGED)]
        top = float(shown.max()) if shown.size else 1.0
        bottom = float(shown.min()) if shown.size else top
        bottom = max(bottom, top * 1e-16, np.finfo(float).tiny)
        return (bottom, top) if bottom < top else (top / 10, top)

    def plotted(self, history: np.ndarray) -> np.ndarray:
        """``history`` ready for a log axis: clipped into :meth:`log_range` (0 to the bottom, inf/nan to the top)."""
        bottom, top = self.log_range()
        h = np.nan_to_num(np.asarray(history, dtype=float), nan=top, posinf=top, neginf=bottom)
        return np.clip(h, bottom, top)


def doublings_within(limit: float) -> int:
    """How many doublings stay within ``limit`` times the start."""
    return math.floor(math.log2(limit) + 1e-9)


def ladder(eta0: float, limit: float = RATE_LIMIT) -> list[float]:
    """The η tried: the config's η times 2ᵏ, small first; only finite, positive values (a huge η stops early)."""
    rates = [math.ldexp(eta0, k) for k in range(-LADDER_DOWN, doublings_within(limit) + 1)]
    return [eta for eta in rates if math.isfinite(eta) and eta > 0]


SLOPE_OF_OUTPUT: dict[
    str, Callable[[np.ndarray], np.ndarray]
] = {  # f′(z) from a = f(z), for the activations whose saturation the lesson can tell
    "sigmoid": lambda a: a * (1.0 - a),
    "softmax": lambda a: a * (1.0 - a),  # the Jacobian's diagonal ∂aₖ/∂zₖ
    "tanh": lambda a: 1.0 - a * a,
    "relu": lambda a: (a > 0).astype(float),
}


def output_slopes(activation: str, a: np.ndarray) -> np.ndarray:
    """f′(z) of each output from its value a (ones where the activation does not saturate, or is unknown)."""
    slope = SLOPE_OF_OUTPUT.get(activation)
    return slope(a) if slope is not None else np.ones_like(a)


def trained_runs(config: Config, steps: int, rates: list[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Loss [r, k], outputs ŷ [r, k, n] and their f′ [r, k, n] of every run; a dataset's samples and outputs
    are one axis n (each sample's output against its own target)."""
    with np.errstate(all="ignore"):  # a diverging run overflows on purpose
        runs = train_runs(config, steps, rates, keep=range(steps + 1))
        outputs = np.stack([np.asarray(o).reshape(len(rates), -1) for o in runs.outputs], axis=1)
        return runs.loss, outputs, output_slopes(config.output_activation, outputs)


def choose_learning_rates(config: Config, steps: int = EPILOGUE_STEPS, limit: float = RATE_LIMIT) -> Regimes:
    """The runs of the epilogue, chosen as the module docstring describes."""
    rates = ladder(config.learning_rate, limit)
    loss, y_hat, slope = trained_runs(config, steps, rates)
    target = np.asarray(config.data_y, dtype=float).ravel()
    does = [behaviour(loss[r], y_hat[r], slope[r], target) for r in range(len(rates))]

    def at(r: int, role: str) -> Regime:
        eta = rates[r]
        return Regime(role, eta, loss[r], y_hat[r], slope[r], does[r], eta == config.learning_rate)

    first_wrong = next((r for r, d in enumerate(does) if d.label in WENT_WRONG), len(rates))
    steady = [r for r in range(first_wrong) if does[r].label == STEADY] or [0]
    e0 = abs(float(loss[0, 0]))
    final = [float(loss[r, -1]) if math.isfinite(loss[r, -1]) else math.inf for r in range(len(rates))]
    lowest = min(final[r] for r in steady)
    right = min(r for r in steady if final[r] <= ends_as_low(lowest, e0))
    reference = loss[right]
    slow = [r for r in range(right) if slower(does[r].label, loss[r], reference) == SLOW]
    small = max(slow) if slow else 0
    visibly = (
        r
        for r in range(right + 1, len(rates))
        if does[r].label in WENT_WRONG and (does[r].rises or final[r] > ends_as_low(final[right], e0))
    )  # E goes up, or ends higher
    wrong = next(visibly, None)
    large = wrong if wrong is not None else len(rates) - 1
    runs = {
        small: at(small, TOO_SMALL),
        right: at(right, ABOUT_RIGHT),
        large: at(large, TOO_LARGE if wrong is not None and large == wrong else LARGEST_TRIED),
    }
    runs = {r: relabel(run, reference) for r, run in runs.items()}
    own = rates.index(config.learning_rate) if config.learning_rate in rates else None
    yours = runs.get(own) if own is not None else None
    if yours is None:
        yours = relabel(at(own if own is not None else right, YOURS), reference)
    return Regimes(
        small=runs[small],
        right=runs[right],
        large=runs[large],
        yours=yours,
        found_rise=wrong is not None,
        limit=rates[-1],
        target=target,
        outputs=len(config.y),
    )


def ends_as_low(lowest: float, e0: float) -> float:
    """The highest final error that reads as low as ``lowest`` on a log axis: TIE_FACTOR times it, or within
    TIE_SHARE of E₀ of it (float noise near zero)."""
    return max(lowest * TIE_FACTOR, lowest + TIE_SHARE * e0)


def relabel(run: Regime, reference: np.ndarray) -> Regime:
    """The run with ``slow`` in its label where it is slow against ``reference`` (the about-right run)."""
    label = slower(run.label, run.history, reference)
    return run if label == run.label else replace(run, behaviour=replace(run.behaviour, label=label))


__all__ = [
    "ABOUT_RIGHT", "CLOSE", "CONVERGES", "CROSS_NOISE", "DIVERGED", "DIVERGES", "EPILOGUE_STEPS", "LARGEST_TRIED",
    "OSCILLATES", "OVERSHOOTS", "RATE_LIMIT", "RISE_TOLERANCE", "SATURATED", "SLOW", "SLOW_SHARE", "STALLS",
    "STALLS_PAST", "STALL_SHARE", "STEADY", "STUCK", "TOO_LARGE", "TOO_SMALL", "WENT_WRONG", "YOURS", "Behaviour",
    "Regime", "Regimes", "behaviour", "choose_learning_rates", "classify", "cross_steps", "diverged", "removed",
    "rise_steps", "rises", "slower", "stall", "trained_runs",
]  # fmt: skip
