"""The values a homework asks for, in the order a student works them out, and where each is in the trace.

Forward pass: z and a of every neuron past the input; error: E; backward pass: δ of every neuron, then
∂E/∂w of each layer's focus weight (``display.focus``); update: that weight's new value. Each question has a
short ASCII id for CSV columns (``z1_2`` = z of neuron 2 of layer 1, ``dw2_11`` = ∂E/∂w⁽²⁾₁₁, ``new_w2_11``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nnmath.config import Config
from nnmath.notation import neuron_value, weight
from nnmath.quiz import Entry, value
from nnmath.trace import StepTrace

Task = Literal["forward", "error", "backward", "update"]
TASKS: dict[Task, str] = {
    "forward": "Forward pass",
    "error": "Error",
    "backward": "Backward pass",
    "update": "Weight update",
}


@dataclass(frozen=True)
class Question:
    id: str  # the CSV column
    task: Task
    text: str  # how the sheet and the key name it, e.g. "z⁽¹⁾₂", "∂E/∂w⁽²⁾₁₁"
    latex: str  # the same in LaTeX math
    entry: Entry  # where its value is in the trace
    offset: Entry | None = None  # a new weight's old value: its tolerance is relative to the step from it


def questions(config: Config) -> tuple[Question, ...]:
    """Every asked value of a network of this shape, in working order."""
    L = len(config.layers) - 1
    asked: list[Question] = []
    for layer in range(1, L + 1):
        for j in range(config.layers[layer]):
            for symbol in ("z", "a"):
                asked.append(
                    Question(
                        f"{symbol}{layer}_{j + 1}", "forward", neuron_value(symbol, layer, j),
                        rf"{symbol}^{{({layer})}}_{{{j + 1}}}", (symbol, layer, j),
                    )
                )  # fmt: skip
    asked.append(Question("E", "error", "E", "E", ("loss",)))
    for layer in range(L, 0, -1):
        for j in range(config.layers[layer]):
            asked.append(
                Question(
                    f"delta{layer}_{j + 1}", "backward", neuron_value("δ", layer, j),
                    rf"\delta^{{({layer})}}_{{{j + 1}}}", ("delta", layer - 1, j),
                )
            )  # fmt: skip
    for l in range(L - 1, -1, -1):
        j, i = config.focus[l]
        name = f"w{l + 1}_{j + 1}{i + 1}"
        tex = rf"w^{{({l + 1})}}_{{{j + 1}{i + 1}}}"
        asked.append(
            Question(f"d{name}", "backward", f"∂E/∂{weight(l, j, i)}", rf"\frac{{\partial E}}{{\partial {tex}}}",
                     ("grad_weights", l, j, i))
        )  # fmt: skip
    for l in range(L - 1, -1, -1):
        j, i = config.focus[l]
        tex = rf"w^{{({l + 1})}}_{{{j + 1}{i + 1}}}"
        asked.append(
            Question(f"new_w{l + 1}_{j + 1}{i + 1}", "update", f"new {weight(l, j, i)}", rf"{{{tex}}}^{{\text{{new}}}}",
                     ("new_weights", l, j, i), ("weights", l, j, i))
        )  # fmt: skip
    return tuple(asked)


def answers(config: Config, trace: StepTrace) -> dict[str, float]:
    """Each question's value, unrounded, by id."""
    return {q.id: value(trace, q.entry) for q in questions(config)}


def offset(trace: StepTrace, q: Question) -> float:
    """What ``q``'s tolerance is relative to the distance from: a new weight's old value, else 0."""
    return value(trace, q.offset) if q.offset is not None else 0.0
