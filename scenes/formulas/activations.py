"""The activation f and its derivative f′, defined where the video first uses them: each one's rule in LaTeX
(for the screen) and in text (for the captions), and the rows with numbers put in.

The forward pass writes f's rule above the first neuron that applies it (``first_layer_applying``), then
a = f(z) with z's number; the backward pass writes f′'s rule where it first multiplies by f′, then
f′(z) with its numbers (``derivative_formula``), e.g. σ′(z) = σ(z)(1 − σ(z)) = 0.7514 · (1 − 0.7514) = 0.1868.
"""

from __future__ import annotations

from nnmath import ACTIVATIONS, StepTrace
from scenes.drawing import symbols
from scenes.drawing.formula import Formula, Token, piece_formula
from scenes.drawing.style import PANEL_WIDTH
from scenes.stage.context import StepContext

# f's rule, as the screen sets it (softmax's, a whole layer's, is the forward pass's own: ``softmax_rule``).
RULES = {
    "sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    "tanh": r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
    "relu": r"\mathrm{relu}(z) = \max(0, z)",
    "linear": r"\mathrm{id}(z) = z",
    "softmax": r"\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_m e^{z_m}}",
}
# f′'s rule.
DERIVATIVE_RULES = {
    "sigmoid": r"\sigma'(z) = \sigma(z)\,\big(1 - \sigma(z)\big)",
    "tanh": r"\tanh'(z) = 1 - \tanh^2(z)",
    "relu": r"\mathrm{relu}'(z) = 1 \text{ if } z > 0, \text{ else } 0",
    "linear": r"\mathrm{id}'(z) = 1",
    "softmax": r"\frac{\partial \hat y_m}{\partial z_k} = \hat y_m \, (1[m = k] - \hat y_k)",
}
# The same in a caption's words: one name for each function on screen and in the subtitles (σ, σ′).
NAMES = {"sigmoid": "σ", "tanh": "tanh", "relu": "relu", "linear": "id", "softmax": "softmax"}
RULE_TEXT = {
    "sigmoid": "σ(z) = 1 / (1 + e^(−z))",
    "tanh": "tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z))",
    "relu": "relu(z) = max(0, z)",
    "linear": "id(z) = z",
    "softmax": "softmax(z)ₖ = e^(zₖ) / Σₘ e^(zₘ)",
}
DERIVATIVE_TEXT = {
    "sigmoid": "σ′(z) = σ(z)(1 − σ(z))",
    "tanh": "tanh′(z) = 1 − tanh²(z)",
    "relu": "relu′(z) = 1 if z > 0, else 0",
    "linear": "id′(z) = 1",
    "softmax": "∂ŷₘ/∂zₖ = ŷₘ(1[m = k] − ŷₖ)",
}
NAME_WORDS = {
    "sigmoid": "the sigmoid σ",
    "tanh": "tanh",
    "relu": "relu",
    "linear": "the identity",
    "softmax": "softmax",
}


def first_layer_applying(trace: StepTrace, name: str) -> int | None:
    """The first layer (1 … L) whose neurons apply activation ``name``: where its rule is written (None: none)."""
    return next((layer for layer in range(1, trace.depth + 1) if trace.activations[layer] == name), None)


def defines_activation(trace: StepTrace, layer: int) -> bool:
    """Whether ``layer`` is where its activation is first applied, so the forward pass writes its rule there."""
    return first_layer_applying(trace, trace.activations[layer]) == layer


def activation_rule(name: str) -> str:
    """f's rule in LaTeX, e.g. σ(z) = 1 / (1 + e^−z)."""
    return RULES[name]


def derivative_rule(name: str) -> str:
    """f′'s rule in LaTeX, e.g. σ′(z) = σ(z)(1 − σ(z))."""
    return DERIVATIVE_RULES[name]


def derivative_formula(ctx: StepContext, layer: int, j: int) -> Formula | None:
    """f′(z⁽ˡ⁾ⱼ) with its numbers: σ′(z) = a · (1 − a) = f′, tanh′(z) = 1 − a² = f′, relu′(z) = 1 or 0,
    id′(z) = 1, every number a trace value (a⁽ˡ⁾ⱼ, and ``da_dz`` = f′(z⁽ˡ⁾ⱼ)); None for softmax (a whole
    layer's Jacobian, not one number per neuron)."""
    name, theme = ctx.trace.activations[layer], ctx.theme
    if not ACTIVATIONS[name].elementwise:
        return None
    head: list[Token] = [ACTIVATIONS[name].latex + "'(", symbols.z(layer, j), ")", "="]
    a = ctx.num("a", layer, j, color=theme.forward, factor=True)
    middle: dict[str, list[Token]] = {
        "sigmoid": [a, r"\cdot", "(", "1", "-", a, ")", "="],
        "tanh": ["1", "-", "(", ctx.num("a", layer, j, color=theme.forward), ")^2", "="],
    }
    tokens = [
        *head,
        *middle.get(name, []),
        ctx.num("da_dz", layer - 1, j, color=theme.of_sign(ctx.value(("da_dz", layer - 1, j)), ctx.decimals)),
    ]
    return Formula(*tokens, decimals=ctx.decimals, color=theme.text, max_width=PANEL_WIDTH)


def activation_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The rules the forward pass writes (typeset ahead: ``StepScene.formulas``; softmax's is its own)."""
    names = dict.fromkeys(name for name in ctx.trace.activations[1:] if ACTIVATIONS[name].elementwise)
    return [(RULES[name],) for name in names]


def derivative_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """f′'s rules and the pieces of ``derivative_formula`` (typeset ahead by the part that draws them)."""
    names = dict.fromkeys(ctx.trace.activations[1:])
    pieces = ["(", "1", "-", ")", ")^2", "=", r"\cdot"] + [ACTIVATIONS[name].latex + "'(" for name in names]
    return [(DERIVATIVE_RULES[name],) for name in names] + [piece_formula(piece) for piece in pieces]
