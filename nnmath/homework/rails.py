"""Guard rails: whether a drawn variant makes a good exercise. Each refusal is a short reason (for the message
when no draw passes)."""

from __future__ import annotations

import numpy as np

from nnmath.activations import ACTIVATIONS
from nnmath.config import Config
from nnmath.fields import MAX_MAGNITUDE
from nnmath.homework.questions import answers, questions
from nnmath.homework.template import Template
from nnmath.notation import rounded
from nnmath.quiz import value
from nnmath.trace import StepTrace

GRADIENT_MARGIN = 2.0  # a gradient or δ must be this many absolute tolerances away from 0: "0" is never right


def rail_problem(template: Template, config: Config, trace: StepTrace) -> str | None:
    """Why this variant is not a good exercise, or None."""
    d = config.decimals
    for l in range(trace.depth):
        if ACTIVATIONS[trace.activations[l + 1]].elementwise and np.any(np.abs(trace.da_dz[l]) < 10.0**-d):
            return "a dead ReLU or a saturated neuron (f′(z) rounds to 0)"
    values = answers(config, trace)
    asked = questions(config)
    gradients = [values[q.id] for q in asked if q.entry[0] in ("delta", "grad_weights")]  # δ = ∂E/∂b too
    if any(abs(g) < GRADIENT_MARGIN * template.absolute_tolerance for g in gradients):
        return "a gradient that rounds to 0 (or is within the tolerance of 0)"
    if any(not np.isfinite(v) or abs(v) >= MAX_MAGNITUDE for v in values.values()):
        return f"a value of {MAX_MAGNITUDE:g} or more"
    if any(rounded(v, d) == 0.0 and v != 0.0 for v in values.values()):
        return "an asked value that rounds to 0"
    for q in asked:
        if q.offset is not None and rounded(values[q.id], d) == rounded(value(trace, q.offset), d):
            return "an update too small to show at the configured decimals"
    return None
