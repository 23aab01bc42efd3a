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
    max_layers: int = MAX_LAYERS,
) -> dict[str, dict[str, Any]]:
    """A valid config document (as a dict) with explicit parameters; with ``data``, a [data] section of
    1 to MAX_ROWS samples and a batch size (instead of [sample])."""
    layers = draw(st.lists(st.integers(MIN_WIDTH, MAX_WIDTH), min_size=MIN_LAYERS, max_size=max_layers))
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


# --- the edges of every documented range (README: values within ±100, any η > 0, targets in [0, 1] for the
# cross-entropies, 2–6 decimals), for the fuzzer of tests/test_fuzz_ranges.py -------------------------------

SMALLEST, LARGEST = 5e-324, 1.7976931348623157e308  # the smallest positive float and the largest finite one
edge_values = st.one_of(
    st.sampled_from([0.0, -0.0, 100.0, -100.0, 1e-300, -1e-300, SMALLEST, 99.99999999, -1.0, 1.0]),
    st.floats(-100.0, 100.0),
    small,
)
edge_rates = st.one_of(
    st.sampled_from([1e-300, 1e300, SMALLEST, LARGEST, 0.5]),
    st.floats(-300.0, 300.0).map(lambda e: 10.0**e),  # log-uniform from 1e-300 to 1e300
)


@st.composite
def edge_documents(draw: st.DrawFn, max_layers: int = MAX_LAYERS) -> dict[str, dict[str, Any]]:
    """A valid config whose numbers reach the edges of their ranges: η from 1e-300 to 1e300 (and the extreme
    floats), values at 0, ±100 and ±1e-300, cross-entropy targets at 0 and 1, 2–6 decimals, any focus."""
    doc = draw(config_documents(max_layers=max_layers))
    layers, loss = doc["network"]["layers"], LOSSES[doc["network"]["loss"]]
    doc["network"]["learning_rate"] = draw(edge_rates)
    doc["sample"]["x"] = [draw(edge_values) for _ in range(layers[0])]
    weights = doc["parameters"]["weights"]
    doc["parameters"] = {
        "weights": [[[draw(edge_values) for _ in row] for row in w] for w in weights],
        "biases": [[draw(edge_values) for _ in b] for b in doc["parameters"]["biases"]],
    }
    if loss.targets_sum is not None:  # one-hot (0s and a 1), or kept as drawn
        if draw(st.booleans()):
            hot = draw(st.integers(0, layers[-1] - 1))
            doc["sample"]["y"] = [float(k == hot) for k in range(layers[-1])]
    elif loss.targets is not None:
        doc["sample"]["y"] = [
            draw(st.one_of(st.sampled_from(loss.targets), st.floats(*loss.targets))) for _ in range(layers[-1])
        ]
    else:
        doc["sample"]["y"] = [draw(edge_values) for _ in range(layers[-1])]
    focus = [
        [draw(st.integers(0, layers[l + 1] - 1)), draw(st.integers(0, layers[l] - 1))] for l in range(len(layers) - 1)
    ]
    doc["display"] = {"decimals": draw(st.integers(2, 6)), "focus": focus}
    return doc


# Just outside a range, and the field the one-line error must name.
OUT_OF_RANGE = [
    ("network", "learning_rate", 0.0),
    ("network", "learning_rate", -1e-300),
    ("network", "learning_rate", float("inf")),
    ("network", "learning_rate", float("nan")),
    ("sample", "x", 100.00000000001),
    ("sample", "x", -1e300),
    ("parameters", "weights", float("-inf")),
    ("parameters", "biases", 100.5),
    ("display", "decimals", 7),
    ("display", "decimals", 1),
]


@st.composite
def out_of_range_documents(draw: st.DrawFn) -> tuple[dict[str, dict[str, Any]], str]:
    """An edge document with one number just outside its range, and the dotted field the error must name."""
    doc = draw(edge_documents())
    section, key, value = draw(st.sampled_from(OUT_OF_RANGE))
    if key == "x":
        doc[section][key][0] = value
        return doc, f"{section}.{key}[0]"
    if key in ("weights", "biases"):
        first: Any = doc[section][key][0]
        while isinstance(first[0], list):
            first = first[0]
        first[0] = value
        return doc, f"{section}.{key}[0][0]" + ("[0]" if key == "weights" else "")
    doc[section][key] = value
    return doc, f"{section}.{key}"
