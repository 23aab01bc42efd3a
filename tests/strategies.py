"""Hypothesis strategies for configs: random valid networks of every allowed shape."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import strategies as st

from nnmath import ACTIVATIONS, LOSSES
from nnmath.config import MAX_LAYERS, MAX_WIDTH, MIN_LAYERS, MIN_WIDTH


def toml_value(value: Any) -> str:
    """Serialise a value the way a person would write it in TOML (tests only: tomllib cannot write)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON's string escapes are TOML's too
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return (
            repr(value)
            if value == value and abs(value) != float("inf")
            else ("nan" if value != value else ("inf" if value > 0 else "-inf"))
        )
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def toml_key(key: str) -> str:
    """A bare key when TOML allows one, else a quoted one."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_value(key)


def toml_document(doc: dict[str, dict[str, Any]]) -> str:
    lines = []
    for section, table in doc.items():
        lines.append(f"[{section}]")
        lines.extend(f"{toml_key(key)} = {toml_value(value)}" for key, value in table.items())
        lines.append("")
    return "\n".join(lines)


def free_activations() -> list[str]:
    """The activations any layer may use with any loss (softmax is the output's, with cross-entropy)."""
    return [name for name, activation in ACTIVATIONS.items() if activation.loss is None]


small = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False)
MAX_ROWS = 6  # samples in a drawn dataset


@st.composite
def targets_for(draw: st.DrawFn, loss: str, outputs: int) -> list[float]:
    """One sample's targets, in range for ``loss``."""
    targets = LOSSES[loss].targets
    target = st.floats(*targets) if targets is not None else small
    y = [draw(target) for _ in range(outputs)]
    if LOSSES[loss].targets_sum is not None:  # a probability distribution: one-hot, or weights scaled to 1
        weights_y = [draw(st.floats(0.0, 1.0)) for _ in y]
        total = sum(weights_y)
        hot = draw(st.integers(0, len(y) - 1))
        y = [w / total for w in weights_y] if total > 0.1 else [float(k == hot) for k in range(len(y))]
    return y


@st.composite
def config_documents(
    draw: st.DrawFn,
    loss: str | None = None,
    output: str | None = None,
    hidden: str | None = None,
    data: bool = False,
) -> dict[str, dict[str, Any]]:
    """A valid config document (as a dict) with explicit parameters; with ``data``, a [data] section of
    1 to MAX_ROWS samples and a batch size (instead of [sample])."""
    layers = draw(st.lists(st.integers(MIN_WIDTH, MAX_WIDTH), min_size=MIN_LAYERS, max_size=MAX_LAYERS))
    loss = loss or draw(st.sampled_from(sorted(LOSSES)))
    output = output or LOSSES[loss].output_activation or draw(st.sampled_from(sorted(free_activations())))
    hidden = hidden or draw(st.sampled_from(sorted(free_activations())))
    layers[-1] = max(layers[-1], ACTIVATIONS[output].min_neurons)
    weights = [[[draw(small) for _ in range(layers[l])] for _ in range(layers[l + 1])] for l in range(len(layers) - 1)]
    biases = [[draw(small) for _ in range(layers[l + 1])] for l in range(len(layers) - 1)]
    rows = draw(st.integers(1, MAX_ROWS)) if data else 1
    xs = [[draw(small) for _ in range(layers[0])] for _ in range(rows)]
    ys = [draw(targets_for(loss, layers[-1])) for _ in range(rows)]
    samples: dict[str, Any] = {"x": xs[0], "y": ys[0]}
    if data:
        samples = {"x": xs, "y": ys, "batch_size": draw(st.integers(1, rows)), "seed": draw(st.integers(0, 3))}
    return {
        "network": {
            "layers": layers,
            "hidden_activation": hidden,
            "output_activation": output,
            "loss": loss,
            "learning_rate": draw(st.floats(0.01, 2.0)),
        },
        "data" if data else "sample": samples,
        "parameters": {"weights": weights, "biases": biases},
    }
