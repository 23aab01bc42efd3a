"""The smallest error the computer computes for a loss: below it a number is no measured error.

Cross-entropy takes ln ŷ of a ŷ kept within BCE_EPSILON of 0 and 1 (``nnmath.losses``), so once the network
predicts its targets the loss reads about 10⁻¹⁵ however much closer ŷ gets: that value is where the computer
stops, not an error the network still makes. The squared errors have no such floor (E = 0 is computed exactly).

``floor_of(config)`` is the power of ten at or above FLOOR_MARGIN times that value (0 when the loss has no floor),
and an error below it reads "E < 10⁻¹⁴", never as a number; errors below it are equally small (no run is better
than another for being further below). Targets that are not 0 or 1 give a floor that is a real error (the
loss's least value, e.g. the targets' entropy): it is no artefact and not treated as one (above FLOOR_LIMIT).
"""

from __future__ import annotations

import math

import numpy as np

from nnmath.config import Config
from nnmath.losses import LOSSES

FLOOR_MARGIN = 10.0  # errors within this factor of the clipped loss's value at ŷ = y are at the floor
FLOOR_LIMIT = 1e-12  # a loss whose value at ŷ = y is above this has a real least value, not a floor


def least_loss(config: Config) -> float:
    """The data's loss, as the computer computes it, when every ŷ is its target y."""
    y = np.asarray(config.data_y, dtype=float)
    return float(np.mean(LOSSES[config.loss].terms(y, y).sum(axis=-1)))


def floor_of(config: Config) -> float:
    """Errors below this are the computer's floor for this loss (0: none), a power of ten."""
    least = least_loss(config)
    if not 0.0 < least <= FLOOR_LIMIT:
        return 0.0
    return 10.0 ** math.ceil(math.log10(FLOOR_MARGIN * least))


def at_floor(value: float, floor: float) -> bool:
    """The error is below the floor: it reads "< floor", not as a number."""
    return floor > 0.0 and value < floor


def settled(value: float, floor: float) -> float:
    """The error as compared with others: every error below the floor counts as the floor itself."""
    return floor if at_floor(value, floor) else value


def floor_exponent(floor: float) -> int:
    """n of the floor 10ⁿ."""
    return round(math.log10(floor))
