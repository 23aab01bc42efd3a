"""How big the error signal is in each layer: does it shrink on its way back to the input?

For one step's trace, the mean |δ| over the neurons of each layer 1 … L (δ = ∂E/∂z; trace index l is layer
l + 1). Each layer back multiplies δ by w · f′(z): with sigmoid f′ ≤ 0.25, so δ tends to shrink layer by
layer toward the input (the vanishing gradient); tanh′ and ReLU′ reach 1. Mean |δ| measures that alone:
∂E/∂w = δ · a also carries the size of the inputs a, which is no part of the lesson.

The lesson claims only what the numbers show: a layer back "shrinks" it when its mean |δ| is at most
1/FACTOR of the layer after it, "grows" it when at least FACTOR times, else the two are about the same size.
Every network with a hidden layer gets the lesson; a network without one has a single layer of δ.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnmath.batch_trace import BatchTrace, UpdateTrace

FACTOR = 1.5  # a layer back is "smaller" at 1/FACTOR of the next layer's size or below, "larger" at FACTOR or above
SHRINKS, GROWS, SAME, MIXED = "shrinks", "grows", "about the same", "mixed"
DEEP_LAYERS = 3  # networks with at least this many layers (input included: one hidden layer) get the lesson


def size_decimals(value: float, decimals: int) -> int:
    """At least ``decimals``, and enough for two significant digits: sizes that differ by decades (on a log
    scale) each read as a number, not as 0.0000 or 0.0002."""
    if value == 0.0 or not math.isfinite(value):
        return decimals
    return max(decimals, 1 - math.floor(math.log10(abs(value))))


def layer_delta_sizes(trace: UpdateTrace) -> np.ndarray:
    """Entry l: the mean |δ| over the neurons of layer l + 1, input side first (for a batch: over its samples
    too; a sample's δ is its ∂Eₛ/∂b)."""
    if isinstance(trace, BatchTrace):
        per_sample = [[np.abs(s.grad_biases[l]) for s in trace.samples] for l in range(trace.depth)]
        return np.array([float(np.mean(layer)) for layer in per_sample])
    return np.array([float(np.abs(d).mean()) for d in trace.delta])


layer_gradient_sizes = layer_delta_sizes  # the earlier name


def step_back(later: float, earlier: float) -> str:
    """What one layer back does to mean |δ|: SHRINKS, GROWS or SAME (a zero layer after: SAME if both are 0)."""
    if later == 0.0:
        return SAME if earlier == 0.0 else GROWS
    ratio = earlier / later
    return SHRINKS if ratio <= 1 / FACTOR else GROWS if ratio >= FACTOR else SAME


@dataclass(frozen=True, eq=False)
class GradientSizes:
    """The per-layer sizes and what each layer back does to them, from the output toward the input."""

    sizes: np.ndarray  # as layer_delta_sizes, input side first
    slopes: np.ndarray  # slopes[l]: the mean f′(z) over the neurons of layer l + 1 (what δ is multiplied by there;
    # for a batch: over its samples too, as the sizes)
    steps: tuple[str, ...]  # steps[l]: what going back from layer l + 2 to layer l + 1 does (SHRINKS | GROWS | SAME)
    trend: str  # SHRINKS, GROWS or SAME when every step back does that, else MIXED

    @property
    def ratio(self) -> float:
        """Output layer's mean |δ| over the first layer's: how many times smaller the first layer's is."""
        first = float(self.sizes[0])
        return float(self.sizes[-1]) / first if first > 0 else math.inf

    @property
    def has_lesson(self) -> bool:
        """A network with a hidden layer: there is a way back to compare."""
        return len(self.sizes) >= DEEP_LAYERS - 1


def gradient_sizes(trace: UpdateTrace) -> GradientSizes:
    sizes = layer_delta_sizes(trace)
    steps = tuple(step_back(float(sizes[l + 1]), float(sizes[l])) for l in range(len(sizes) - 1))
    trend = steps[0] if steps and all(s == steps[0] for s in steps) else MIXED
    if isinstance(trace, BatchTrace):  # f′ over the batch's samples, as its sizes
        per_layer = [[np.abs(s.da_dz[l]) for s in trace.samples] for l in range(trace.depth)]
        slopes = np.array([float(np.mean(layer)) for layer in per_layer])
    else:
        slopes = np.array([float(np.abs(s).mean()) for s in trace.da_dz])
    return GradientSizes(sizes, slopes, steps, trend)
