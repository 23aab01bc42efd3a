"""Error carried forward: what each answer should be, given the student's own earlier answers.

Each value is recomputed by nnmath's activations and losses from the values it is made of, taking the student's
answer for each of those where they gave one (the true value where they did not): z from the previous layer's a,
a from z, E from ŷ, the output δ from ŷ and z, a hidden δ from z and the next layer's δ, ∂E/∂w from δ and a, the
new weight from ∂E/∂w. A later answer that matches this is right for the student's own earlier wrong one.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from nnmath.activations import ACTIVATIONS
from nnmath.config import Config
from nnmath.losses import LOSSES
from nnmath.trace import StepTrace


def carried_values(config: Config, trace: StepTrace, given: Mapping[str, float | None]) -> dict[str, float]:
    """Each question's value computed from the student's answers ``given`` (by question id) for its inputs."""
    L = trace.depth

    def own(prefix: str, layer: int, true: np.ndarray) -> np.ndarray:
        """The layer's values as the student has them: their answer where given, else the true value."""
        values = np.array(true, dtype=float)
        for j in range(len(values)):
            answer = given.get(f"{prefix}{layer}_{j + 1}")
            if answer is not None:
                values[j] = answer
        return values

    out: dict[str, float] = {}
    z = [trace.x] + [own("z", l, trace.z[l]) for l in range(1, L + 1)]
    a = [trace.x] + [own("a", l, trace.a[l]) for l in range(1, L + 1)]
    for l in range(1, L + 1):  # forward
        f = ACTIVATIONS[config.activation_of(l)]
        z_from_a = trace.weights[l - 1] @ a[l - 1] + trace.biases[l - 1]
        a_from_z = f.value(z[l])
        for j in range(config.layers[l]):
            out[f"z{l}_{j + 1}"] = float(z_from_a[j])
            out[f"a{l}_{j + 1}"] = float(a_from_z[j])
    loss = LOSSES[config.loss]
    out["E"] = float(loss.terms(a[L], trace.y).sum())
    delta = [np.empty(0)] * (L + 1)
    for l in range(L, 0, -1):  # backward: each δ from the student's own z and the layer above's δ
        f = ACTIVATIONS[config.activation_of(l)]
        if l == L:
            computed = a[L] - trace.y if not f.elementwise else loss.derivative(a[L], trace.y) * f.derivative(z[L])
        else:
            computed = f.derivative(z[l]) * (trace.weights[l].T @ delta[l + 1])
        for j in range(config.layers[l]):
            out[f"delta{l}_{j + 1}"] = float(computed[j])
        delta[l] = own("delta", l, trace.delta[l - 1])
    for l in range(L):
        j, i = config.focus[l]
        name = f"w{l + 1}_{j + 1}{i + 1}"
        out[f"d{name}"] = float(delta[l + 1][j] * a[l][i])
        gradient = given.get(f"d{name}")
        gradient = float(trace.grad_weights[l][j, i]) if gradient is None else gradient
        out[f"new_{name}"] = float(trace.weights[l][j, i] - trace.learning_rate * gradient)
    return out
