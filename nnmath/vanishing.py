"""How big the gradient is in each weight layer: does it vanish on its way back to the input?

For one step's trace, the mean |∂E/∂w| over the weights of W⁽ˡ⁾, per layer l (trace index l − 1).
Each layer back multiplies the error signal by w · f′(z): with sigmoid f′ ≤ 0.25, so the gradient
tends to shrink layer by layer toward the input; ReLU's f′ is 1 for an active neuron.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnmath.batch_trace import UpdateTrace

DEEP_LAYERS = 4  # networks with at least this many layers (input included) get the section in the video
SHRINKS, GROWS, MIXED = "shrinks", "grows", "mixed"


def size_decimals(value: float, decimals: int) -> int:
    """At least ``decimals``, and enough for two significant digits: sizes that differ by decades (on a log
    scale) each read as a number, not as 0.0000 or 0.0002."""
    if value == 0.0 or not math.isfinite(value):
        return decimals
    return max(decimals, 1 - math.floor(math.log10(abs(value))))


def layer_gradient_sizes(trace: UpdateTrace) -> np.ndarray:
    """Entry l: the mean |∂E/∂w| over W⁽ˡ⁺¹⁾ (the weights into layer l + 1), input side first."""
    return np.array([float(np.abs(g).mean()) for g in trace.grad_weights])


@dataclass(frozen=True, eq=False)
class GradientSizes:
    """The per-layer sizes and what they do from the output back to the input."""

    sizes: np.ndarray  # as layer_gradient_sizes
    trend: str  # SHRINKS (every layer back is smaller), GROWS (every layer back is larger) or MIXED

    @property
    def ratio(self) -> float:
        """Output layer's mean |∂E/∂w| over the first layer's: how many times smaller the first layer's is."""
        first = float(self.sizes[0])
        return float(self.sizes[-1]) / first if first > 0 else float("inf")


def gradient_sizes(trace: UpdateTrace) -> GradientSizes:
    sizes = layer_gradient_sizes(trace)
    steps = np.diff(sizes)  # from the input side toward the output
    if sizes.size > 1 and bool((steps > 0).all()):
        trend = SHRINKS  # each layer is larger than the one before it: smaller going back
    elif sizes.size > 1 and bool((steps < 0).all()):
        trend = GROWS
    else:
        trend = MIXED
    return GradientSizes(sizes, trend)
