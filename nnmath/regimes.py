"""The epilogue's learning-rate comparison: the same training with different η, each run labelled by what
its own numbers show.

Every run trains from the config's parameters as ``nnmath.train`` does: one sample for EPILOGUE_STEPS updates,
judged on E after each update; a dataset for the config's epochs, judged on E after each epoch (the data's
loss: between two epochs a mini-batch update may raise it and the next lower it again, which is no fault). The
runs form one ladder, trained side by side: the config's η times 2ᵏ for k = −LADDER_DOWN …
doublings_within(RATE_LIMIT). Errors below the computer's floor for the loss (``nnmath.error_floor``) all count
as the floor: no run is better for reaching further below it.

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

- **about right**: of the steady runs, the one whose error ends lowest, unless another run ends more than WORSE
  times lower (then that run, whatever it does); of runs that end as low (:func:`ends_as_low`), the smallest η.
  (With one sample a larger η can end lower than a smaller one; a run between the two that rises on the way is
  not shown, and the video's claims are about the η above about right.)
- **too large**: the smallest η above about right whose run shows a fault (:func:`shows_fault`): it diverges;
  or it stalls (a saturated output passes no gradient back, so E stays put while about right goes on below it)
  and ends visibly higher than about right (beyond :func:`ends_as_low`); or it overshoots or oscillates and
  ends at least WORSE times higher (a run that rises on the way but ends nearly as low, as mini-batches make
  every fast run do, is no example of a too-large η). If there is none up to the limit, the largest η tried is
  shown instead (``found_fault`` False), labelled by what it does, and the video says that every η above about
  right up to it brought the error as low.
- **too small**: the largest η below about right whose run is slow.
- the config's own η is one of the runs (``yours``): its panel is marked, and when it is none of the
  three it is a fourth run, labelled by what it does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from nnmath.config import Config
from nnmath.error_floor import floor_of, settled
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
    output_slopes,
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
AXIS_DECADES = 6  # the runs' log axis spans at most this many decades (lower errors on its bottom line)
WORSE = 10.0  # a too-large run that rises or oscillates ends at least this many times higher than about right
STALLED = (STALLS, STALLS_PAST)  # runs whose output saturated: too large once they end visibly above about right

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
    large: Regime  # too large, or (found_fault False) the largest η tried
    yours: Regime  # the config's η: one of the three above, or a run of its own
    found_fault: bool  # some η up to ``limit`` showed a fault (:func:`shows_fault`): the too-large run
    limit: float  # the largest η tried
    target: np.ndarray  # y (a dataset's: every sample's, one after the other)
    outputs: int  # outputs per sample
    per_epoch: bool = False  # a dataset: E is measured after each epoch, else after each update
    floor: float = 0.0  # errors below this are the computer's floor for the loss (``nnmath.error_floor``; 0: none)
    output_activation: str = ""  # the output layer's f, whose f′(z) a stalled run's words name
    highest_above: float = math.nan  # the highest final error (floor-settled) of about right and every larger η tried
    loss: str = ""  # the loss the runs are judged on (``nnmath.losses``)
    all_fall_above: bool = False  # about right and every larger η tried: E never rises (each run steady)

    @property
    def steps(self) -> int:
        """Updates (one sample) or epochs (a dataset) each run trains."""
        return len(self.right.history) - 1

    @property
    def unit(self) -> str:
        """What a step of the runs' x axis is: "update" or "epoch"."""
        return "epoch" if self.per_epoch else "update"

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
        """Bounds for E on a log axis: every finite positive error of the runs, at most 10¹⁶ apart, never above
        DIVERGED nor below the floor (an exact 0, inf or nan is drawn at a bound: :meth:`plotted`; an error
        below the floor on it)."""
        values = np.concatenate([run.history for run in self.compared])
        shown = values[np.isfinite(values) & (values > 0) & (values <= DIVERGED)]
        top = float(shown.max()) if shown.size else 1.0
        bottom = float(shown.min()) if shown.size else top
        bottom = max(bottom, top * 1e-16, np.finfo(float).tiny, self.floor, self.axis_cut)
        return (bottom, top) if bottom < top else (top / 10, top)

    @property
    def axis_cut(self) -> float:
        """Where the log axis stops when the runs span more than AXIS_DECADES decades (0: it does not): a few
        decades show how far each run falls at first, which 14 decades would squeeze flat; lower errors are drawn
        on the axis's bottom line, and the figure says so."""
        values = np.concatenate([run.history for run in self.compared])
        shown = values[np.isfinite(values) & (values > 0) & (values <= DIVERGED)]
        if not shown.size:
            return 0.0
        cut = 10.0 ** (math.ceil(math.log10(float(shown.max()))) - AXIS_DECADES)
        return cut if float(shown.min()) < cut and max(float(shown.min()), self.floor) < cut else 0.0

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
    rates = [_times_power_of_two(eta0, k) for k in range(-LADDER_DOWN, doublings_within(limit) + 1)]
    return [eta for eta in rates if math.isfinite(eta) and eta > 0]


def _times_power_of_two(eta: float, k: int) -> float:
    """η · 2ᵏ, or ∞ past the largest float (then left out of the ladder)."""
    try:
        return math.ldexp(eta, k)
    except OverflowError:
        return math.inf


def trained_runs(config: Config, steps: int, rates: list[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Loss [r, k], outputs ŷ [r, k, n] and their f′ [r, k, n] of every run after k = 0 … ``steps`` updates, or for
    a dataset after k epochs (each epoch ``config.updates_per_epoch`` updates); a dataset's samples and outputs are
    one axis n (each sample's output against its own target)."""
    per = config.updates_per_epoch if config.is_dataset else 1
    with np.errstate(all="ignore"):  # a diverging run overflows on purpose
        runs = train_runs(config, steps * per, rates, keep=range(0, steps * per + 1, per))
        kept = [runs.outputs[k * per] for k in range(steps + 1)]
        outputs = np.stack([np.asarray(o).reshape(len(rates), -1) for o in kept], axis=1)
        return runs.loss[:, ::per], outputs, output_slopes(config.output_activation, outputs)


def measured_steps(config: Config) -> int:
    """How long each run trains: EPILOGUE_STEPS updates for one sample, the config's epochs for a dataset."""
    return config.epochs if config.is_dataset else EPILOGUE_STEPS


def choose_learning_rates(config: Config, steps: int | None = None, limit: float = RATE_LIMIT) -> Regimes:
    """The runs of the epilogue, chosen as the module docstring describes (``steps``: updates for one sample,
    epochs for a dataset; default :func:`measured_steps`)."""
    steps = measured_steps(config) if steps is None else steps
    rates = ladder(config.learning_rate, limit)
    loss, y_hat, slope = trained_runs(config, steps, rates)
    target = np.asarray(config.data_y, dtype=float).ravel()
    floor = floor_of(config)
    does = [behaviour(loss[r], y_hat[r], slope[r], target) for r in range(len(rates))]

    def at(r: int, role: str) -> Regime:
        eta = rates[r]
        return Regime(role, eta, loss[r], y_hat[r], slope[r], does[r], eta == config.learning_rate)

    e0 = abs(float(loss[0, 0]))
    final = [settled(float(loss[r, -1]), floor) if math.isfinite(loss[r, -1]) else math.inf for r in range(len(rates))]
    right = about_right(does, final, e0)
    reference = loss[right]
    slow = [r for r in range(right) if slower(does[r].label, loss[r], reference) == SLOW]
    small = max(slow) if slow else 0
    wrong = next((r for r in range(right + 1, len(rates)) if shows_fault(does[r], final[r], final[right], e0)), None)
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
        found_fault=wrong is not None,
        limit=rates[-1],
        target=target,
        outputs=len(config.y),
        per_epoch=config.is_dataset,
        floor=floor,
        output_activation=config.output_activation,
        highest_above=max(final[right:]),
        loss=config.loss,
        all_fall_above=all(d.label == STEADY for d in does[right:]),
    )


def about_right(does: list[Behaviour], final: list[float], e0: float) -> int:
    """The steady run whose error ends lowest (``final``: errors below the floor count as the floor), unless some
    run ends more than WORSE times lower still (mini-batches: every η that learns fast raises E now and then); then
    the run that ends lowest, whatever it does. Of runs that end as low, the smallest η."""
    steady = [r for r, d in enumerate(does) if d.label == STEADY] or [0]
    best = min(final[r] for r in steady)
    if min(final) * WORSE < best:  # a steady run visibly beaten: it is not about right
        steady, best = list(range(len(final))), min(final)
    return min(r for r in steady if final[r] <= ends_as_low(best, e0))


def shows_fault(run: Behaviour, final: float, right: float, e0: float) -> bool:
    """A run is too large only where its numbers show a fault one sees: it diverged; or it stalled (its output
    saturated: a flat line while the about-right run goes on below it) and ended visibly higher than about right
    (beyond :func:`ends_as_low`); or it rose or passed the target on the way and ended at least WORSE times higher
    (a decade on the log axis: a run that rises now and then, as mini-batches do, but ends nearly as low is no
    example of a too-large η)."""
    if run.label not in WENT_WRONG:
        return False
    if run.label == DIVERGES:
        return True
    if run.label in STALLED:
        return final > ends_as_low(right, e0)
    return final >= WORSE * max(right, ends_as_low(0.0, e0))


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
    "OSCILLATES", "OVERSHOOTS", "RATE_LIMIT", "RISE_TOLERANCE", "SATURATED", "SLOW", "SLOW_SHARE", "STALLED", "STALLS",
    "STALLS_PAST", "STALL_SHARE", "STEADY", "STUCK", "TIE_FACTOR", "TIE_SHARE", "TOO_LARGE", "TOO_SMALL", "WENT_WRONG", "WORSE", "YOURS",
    "Behaviour", "Regime", "Regimes", "about_right", "behaviour", "choose_learning_rates", "classify",
    "cross_steps", "diverged", "measured_steps", "removed", "rise_steps", "rises", "shows_fault", "slower", "stall",
    "trained_runs",
]  # fmt: skip
