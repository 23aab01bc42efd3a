"""The epilogue's three learning rates, chosen by training this network: too small, about right, too large.

The search (all runs are EPILOGUE_STEPS updates of ``nnmath.train`` from the config's parameters):

- **upward** from the config's η, doubling, to at most RATE_LIMIT × the config's η (ten doublings),
  until a run's error *rises* at some step (E_{k+1} − E_k > RISE_TOLERANCE · E₀: far above float noise).
  That first rising η is **too large**. If the config's η already rises, η is halved instead until a
  run no longer rises, and the last rising η is the too-large one.
- **about right** is, of the steady (never rising) runs tried below the first rising η, the smallest η
  whose error after the last step is as low as any of theirs (within RISE_TOLERANCE · E₀): the smallest
  step that gets as far. Not simply the largest steady η: a sigmoid network driven hard saturates and
  gets stuck, steadily but higher.
- **too small** halves the right η until its run has removed at most SLOW_SHARE of the error the right
  run removed (E₀ − E_last): clearly slow on the same axes.

If no η up to the limit makes the error rise, ``found_rise`` is False and the third run is the largest η
tried, labelled from its data (it never rose): the video says so instead of calling anything too large.
Each run is labelled from its history alone (see :func:`classify`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnmath.config import Config
from nnmath.network import train_rates

EPILOGUE_STEPS = 100  # training steps in the epilogue (its loss curve and its learning-rate runs)
RATE_LIMIT = 1024.0  # the upward search goes to at most this many times the config's η (2¹⁰: ten doublings)
MAX_HALVINGS = 30  # the downward searches give up after this many halvings
RISE_TOLERANCE = 1e-6  # a rise counts beyond this share of E₀ (float noise is ~1e-16 of it)
SLOW_SHARE = 0.5  # "too small" removes at most this share of the error the right η removes
DIVERGED = 1e6  # an error beyond this (or not finite) means the run diverged

# Labels, from a run's data.
SLOW, CONVERGES, OVERSHOOTS, OSCILLATES, DIVERGES = "slow", "converges", "overshoots", "oscillates", "diverges"
STUCK = "stuck"  # never rises, never falls: the gradient is zero (e.g. every ReLU inactive)
# Roles in the comparison.
TOO_SMALL, ABOUT_RIGHT, TOO_LARGE, LARGEST_TRIED = "too small", "about right", "too large", "largest η tried"


@dataclass(frozen=True, eq=False)
class Regime:
    """One run of the comparison: its η, its loss history (EPILOGUE_STEPS + 1 entries) and what it does."""

    role: str  # TOO_SMALL | ABOUT_RIGHT | TOO_LARGE | LARGEST_TRIED
    learning_rate: float
    history: np.ndarray
    label: str  # SLOW | CONVERGES | STUCK | OVERSHOOTS | OSCILLATES | DIVERGES
    rises: int  # the steps at which the error rose

    @property
    def final(self) -> float:
        return float(self.history[-1])


@dataclass(frozen=True, eq=False)
class Regimes:
    """The three runs, small η first, and how far the search went."""

    small: Regime
    right: Regime
    large: Regime  # too large, or (found_rise False) the largest η tried
    found_rise: bool  # some η up to ``limit`` made the error rise
    limit: float  # the largest η the upward search would try: the config's η doubled while ≤ RATE_LIMIT times it
    halved: bool  # the config's η already made the error rise, so the search went down from it

    @property
    def runs(self) -> tuple[Regime, Regime, Regime]:
        return (self.small, self.right, self.large)


def rises(history: np.ndarray) -> int:
    """How many steps raise the error by more than RISE_TOLERANCE · E₀ (a non-finite error counts)."""
    h = np.asarray(history, dtype=float)
    with np.errstate(invalid="ignore"):
        step_up = np.diff(h) > RISE_TOLERANCE * abs(float(h[0]))
    return int(np.count_nonzero(step_up | ~np.isfinite(h[1:])))


def diverged(history: np.ndarray) -> bool:
    h = np.asarray(history, dtype=float)
    return bool(not np.isfinite(h).all() or np.abs(h).max() > DIVERGED)


def removed(history: np.ndarray) -> float:
    """How much of the error the run removed: E₀ − E_last."""
    return float(history[0] - history[-1])


def classify(history: np.ndarray, reference: np.ndarray | None = None) -> str:
    """What a run does: diverges (not finite or beyond DIVERGED), oscillates (rises at two steps or more),
    overshoots (rises at one step), stuck (removed nothing), else slow (removed at most SLOW_SHARE of what
    ``reference`` removed) or converges."""
    up = rises(history)
    if diverged(history):
        return DIVERGES
    if up >= 2:
        return OSCILLATES
    if up == 1:
        return OVERSHOOTS
    if removed(history) <= 0:
        return STUCK
    if reference is not None and removed(history) <= SLOW_SHARE * removed(reference):
        return SLOW
    return CONVERGES


def doublings_within(limit: float) -> int:
    """How many doublings stay within ``limit`` times the start."""
    return math.floor(math.log2(limit) + 1e-9)


def choose_learning_rates(config: Config, steps: int = EPILOGUE_STEPS, limit: float = RATE_LIMIT) -> Regimes:
    """The three learning rates of the epilogue, chosen as the module docstring describes.

    Each search trains all its candidate η side by side (``train_rates``) and reads the first that qualifies.
    """
    eta0 = config.learning_rate
    runs: dict[float, np.ndarray] = {}

    def tried(rates: list[float]) -> list[float]:
        with np.errstate(all="ignore"):  # a diverging run overflows on purpose
            for eta, history in zip(rates, train_rates(config, steps, rates), strict=True):
                runs.setdefault(eta, history)
        return rates

    first_rise: float | None = None
    tried([eta0])
    if rises(runs[eta0]):
        first_rise = eta0
        for eta in tried([eta0 / 2**k for k in range(1, MAX_HALVINGS + 1)]):  # down until a run no longer rises
            if not rises(runs[eta]):
                break
            first_rise = eta
    else:
        doublings = doublings_within(limit)
        first_rise = next((e for e in tried([eta0 * 2**k for k in range(1, doublings + 1)]) if rises(runs[e])), None)
    steady = [e for e, h in runs.items() if not rises(h) and (first_rise is None or e < first_rise)]
    steady = steady or [min(runs)]
    lowest = min((float(runs[e][-1]) for e in steady if not math.isnan(runs[e][-1])), default=math.inf)
    near = [e for e in steady if float(runs[e][-1]) <= lowest + RISE_TOLERANCE * abs(float(runs[e][0]))]
    right_eta = min(near or steady)  # none near when every run ends undefined (∞ − ∞ after an overflow)
    right = runs[right_eta]

    smaller = tried([right_eta / 2**k for k in range(1, MAX_HALVINGS + 1)])
    small_eta = next((e for e in smaller if removed(runs[e]) <= SLOW_SHARE * removed(right)), smaller[-1])
    large_eta = first_rise if first_rise is not None else max(runs)

    def regime(role: str, eta: float) -> Regime:
        history = runs[eta]
        reference = right if role == TOO_SMALL else None
        return Regime(role, eta, history, classify(history, reference), rises(history))

    return Regimes(
        small=regime(TOO_SMALL, small_eta),
        right=regime(ABOUT_RIGHT, right_eta),
        large=regime(TOO_LARGE if first_rise is not None else LARGEST_TRIED, large_eta),
        found_rise=first_rise is not None,
        limit=eta0 * 2.0 ** doublings_within(limit),
        halved=right_eta < eta0,
    )
