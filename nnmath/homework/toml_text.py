"""A student's config file: the template's network and settings with the student's numbers, as TOML text."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from nnmath.config import Config
from nnmath.notation import format_number


def variant_text(
    base: Config, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray], x: np.ndarray | None, digits: int
) -> str:
    """The config a student renders their own video from; drawn numbers written with ``digits`` decimals (the
    inputs too when ``x`` is given, else the template's)."""
    vary_inputs = x is not None

    def drawn(values: np.ndarray) -> str:
        return _list(values, lambda v: format_number(v, digits))

    lines = [
        "# Your own network for the homework: render its video with",
        "#   backprop-video render --config config.toml",
        "",
        "[network]",
        f"layers = [{', '.join(map(str, base.layers))}]",
        f'hidden_activation = "{base.hidden_activation}"',
        f'output_activation = "{base.output_activation}"',
        f'loss = "{base.loss}"',
        f"learning_rate = {_number(base.learning_rate)}",
        "",
        "[sample]",
        f"x = {drawn(np.asarray(x)) if vary_inputs else _list(base.x, _number)}",
        f"y = {_list(base.y, _number)}",
        "",
        "[parameters]",
        f"weights = [{', '.join(drawn(w) for w in weights)}]",
        f"biases = [{', '.join(drawn(b) for b in biases)}]",
        "",
        "[display]",
        f"decimals = {base.decimals}",
        f'theme = "{base.theme}"',
        f"focus = [{', '.join(f'[{j}, {i}]' for j, i in base.focus)}]",
    ]
    if base.narrate:
        lines += ["", "[narration]", "enabled = true", f"voice = {_string(base.voice)}", f"rate = {_number(base.rate)}"]
    return "\n".join(lines) + "\n"


def _list(values: np.ndarray, number: Callable[[float], str]) -> str:
    """A TOML array (nested for a matrix), each entry written by ``number``."""
    if values.ndim == 0:
        return str(number(float(values)))
    return "[" + ", ".join(_list(v, number) for v in values) + "]"


def _number(value: float) -> str:
    """A float as TOML reads it back exactly (Python's shortest repr)."""
    return repr(float(value))


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
