"""What one training run does, read from its numbers: its errors E₀ … E_N, its outputs ŷ and their f′(z)
(the labels ``nnmath.regimes`` gives the learning-rate runs; see there for what each means)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

RISE_TOLERANCE = 1e-6  # a rise counts beyond this share of E₀ (float noise is ~1e-16 of it)
DIVERGED = 1e6  # an error beyond this (or not finite) means the run diverged
SATURATED = 1e-3  # an output whose f′(z) is below this passes (almost) no gradient back
STALL_SHARE = 0.01  # a stalled run's E moves by less than this share over its second half
CROSS_NOISE = 1e-9  # ŷ within this share of its first distance from the target is on it (no side)
CLOSE = 1e-3  # an output within this of its target has reached it (a flat E there is not a stall)
SLOW_SHARE = 0.5  # "too small" removes at most this share of the error the about-right run removes

# What a run does, from its numbers.
SLOW, STEADY, STUCK = "slow", "steady", "stuck"
OVERSHOOTS, OSCILLATES, DIVERGES = "overshoots", "oscillates", "diverges"
STALLS, STALLS_PAST = "stalls", "stalls past the target"
CONVERGES = STEADY  # the earlier name of a steady run
WENT_WRONG = (OVERSHOOTS, OSCILLATES, DIVERGES, STALLS, STALLS_PAST)


@dataclass(frozen=True)
class Behaviour:
    """What one run does and the numbers that show it (steps count updates: E_k is E after k)."""

    label: str
    rises: int  # steps at which E rose
    first_rise: int | None  # k: E_{k+1} > E_k
    crossings: int  # steps at which some output went past its target
    first_cross: tuple[int, int] | None  # (k, n): output n went past its target between k and k + 1
    stall_from: int | None  # the step from which a stalled run's E stays put
    saturated: int | None  # the saturated output of a stalled run


def rise_steps(history: np.ndarray) -> np.ndarray:
    """The steps k at which E_{k+1} exceeds E_k by more than RISE_TOLERANCE · E₀ (becoming non-finite counts)."""
    h = np.asarray(history, dtype=float)
    with np.errstate(invalid="ignore"):
        up = np.diff(h) > RISE_TOLERANCE * abs(float(h[0]))
    return np.flatnonzero(up | (~np.isfinite(h[1:]) & np.isfinite(h[:-1])))


def rises(history: np.ndarray) -> int:
    return int(rise_steps(history).size)


def diverged(history: np.ndarray) -> bool:
    h = np.asarray(history, dtype=float)
    return bool(not np.isfinite(h).all() or np.abs(h).max() > DIVERGED)


def removed(history: np.ndarray) -> float:
    """How much of the error the run removed: E₀ − E_last."""
    return float(history[0] - history[-1])


def cross_steps(y_hat: np.ndarray, target: np.ndarray) -> list[tuple[int, int]]:
    """(k, n) for each step k at which output n went past its target (ŷ − y changed sign), first output per step."""
    gap = np.asarray(y_hat, dtype=float) - np.asarray(target, dtype=float)[None]
    noise = CROSS_NOISE * max(float(np.abs(gap[0]).max()), np.finfo(float).tiny)
    side = np.where(np.abs(gap) > noise, np.sign(gap), 0.0)  # on the target (within noise): no side
    flips = (side[1:] * side[:-1]) < 0
    return [(int(k), int(np.flatnonzero(flips[k])[0])) for k in np.flatnonzero(flips.any(axis=1))]


def stall(history: np.ndarray, y_hat: np.ndarray, slope: np.ndarray, target: np.ndarray) -> tuple[int, int] | None:
    """(from which step E stays put, the saturated output) if the run ends stalled, else None."""
    h = np.asarray(history, dtype=float)
    half = len(h) // 2
    if len(h) < 3 or not np.isfinite(h).all() or abs(h[-1] - h[half]) > STALL_SHARE * abs(h[half]):
        return None
    away = np.abs(y_hat[-1] - target) > CLOSE * np.maximum(1.0, np.abs(target))
    stuck = np.flatnonzero(away & (slope[-1] < SATURATED))
    if stuck.size == 0:
        return None
    moving = np.flatnonzero(np.abs(h - h[-1]) > STALL_SHARE * abs(h[-1]))
    return (int(moving[-1]) + 1 if moving.size else 0), int(stuck[0])


def behaviour(history: np.ndarray, y_hat: np.ndarray, slope: np.ndarray, target: np.ndarray) -> Behaviour:
    """What a run does, as the module docstring lists (without ``slow``: that compares with another run)."""
    up = rise_steps(history)
    crosses = cross_steps(y_hat, target)
    stalled = None if diverged(history) else stall(history, y_hat, slope, target)
    if diverged(history):
        label = DIVERGES
    elif stalled is not None:
        label = STALLS_PAST if (crosses or up.size) else STALLS
    elif up.size >= 2 or len(crosses) >= 2:
        label = OSCILLATES
    elif up.size or crosses:
        label = OVERSHOOTS
    elif removed(history) <= RISE_TOLERANCE * abs(float(history[0])):
        label = STUCK
    else:
        label = STEADY
    return Behaviour(
        label=label,
        rises=int(up.size),
        first_rise=int(up[0]) if up.size else None,
        crossings=len(crosses),
        first_cross=crosses[0] if crosses else None,
        stall_from=stalled[0] if stalled else None,
        saturated=stalled[1] if stalled else None,
    )


def classify(history: np.ndarray, reference: np.ndarray | None = None) -> str:
    """A run's label from its errors alone (no outputs: no crossings, no saturation), ``slow`` against ``reference``."""
    n = len(history)
    label = behaviour(history, np.zeros((n, 1)), np.ones((n, 1)), np.zeros(1)).label
    return slower(label, history, reference)


def slower(label: str, history: np.ndarray, reference: np.ndarray | None) -> str:
    """A steady run that removes at most SLOW_SHARE of what ``reference`` removes is slow."""
    if label == STEADY and reference is not None and removed(history) <= SLOW_SHARE * removed(reference):
        return SLOW
    return label


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
