"""The activation f and its derivative f′, defined where the video first uses them: each one's rule in LaTeX
(for the screen) and in text (for the captions), and the rows with numbers put in.

The forward pass writes f's rule above the first neuron that applies it (``first_layer_applying``), then
a = f(z) with z's number; the backward pass writes f′'s rule where it first multiplies by f′ (``first_slopes``),
and f′(z) with its numbers in every layer (``slope_formula``), e.g. σ′(z) = a(1 − a) = 0.7514 · (1 − 0.7514) = 0.1868.
"""

from __future__ import annotations

from nnmath import ACTIVATIONS, StepTrace
from scenes.drawing import symbols
from scenes.drawing.formula import Formula, Token, piece_formula
from scenes.drawing.style import FORMULA_SIZE, PANEL_WIDTH
from scenes.stage.context import StepContext

# f's rule, as the screen sets it (softmax's, a whole layer's, is the forward pass's own: ``softmax_rule``).
RULES = {
    "sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    "tanh": r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
    "relu": r"\mathrm{relu}(z) = \max(0, z)",
    "linear": r"\mathrm{id}(z) = z",
    "softmax": r"\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_m e^{z_m}}",
}
# f′'s rule, ending in what the backward pass puts its numbers into (softmax's slope is its Jacobian, shown as
# why δ = ŷ − y at a softmax output).
DERIVATIVE_RULES = {
    "sigmoid": r"\sigma'(z) = \sigma(z)\,\big(1 - \sigma(z)\big) = a\,(1 - a)",
    "tanh": r"\tanh'(z) = 1 - \tanh^2(z) = 1 - a^2",
    "relu": r"\mathrm{relu}'(z) = 1 \text{ if } z > 0 \text{, else } 0",
    "linear": r"\mathrm{id}'(z) = 1 \text{ for every } z",
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


def first_slopes(trace: StepTrace) -> list[tuple[int, str]]:
    """(layer, activation) where each elementwise activation's f′ is first used, from the output back: the
    backward pass writes f′'s rule there, then its numbers."""
    seen: list[tuple[int, str]] = []
    for layer in range(trace.depth, 0, -1):
        name = trace.activations[layer]
        if name in DERIVATIVE_RULES and name not in [n for _, n in seen]:
            seen.append((layer, name))
    return seen


def slope_formula(ctx: StepContext, layer: int, j: int, font_size: float = FORMULA_SIZE) -> Formula:
    """f′(z) of neuron j of ``layer`` with its numbers: σ′ = a · (1 − a), tanh′ = 1 − a², relu′: z > 0 or
    not, id′ = 1; = the trace's ∂a/∂z."""
    tokens = slope_tokens(ctx, layer, j)
    return Formula(*tokens, decimals=ctx.decimals, color=ctx.theme.text, max_width=PANEL_WIDTH, font_size=font_size)


def slope_tokens(ctx: StepContext, layer: int, j: int) -> list[Token]:
    """``slope_formula``'s pieces and numbers."""
    name, l = ctx.trace.activations[layer], layer - 1
    slope = rf"{symbols.activation(name)}'({symbols.z(layer, j)})"
    tokens: list[Token] = [slope, "="]
    if name in ("sigmoid", "tanh"):
        tokens += slope_working(ctx, layer, j)[1:-1] if name == "tanh" else slope_working(ctx, layer, j)
    elif name == "relu":
        z = ctx.num("z", layer, j)
        tokens = [symbols.z(layer, j), "=", z, ">" if z.value > 0 else r"\le", "0", r"\;\Rightarrow\;", slope]
    else:  # the identity: id′(z) = 1, nothing to work out
        tokens = [slope]
    return [*tokens, "=", ctx.num("da_dz", l, j)]  # f′ is no slope of E: not in the sign key's colours


def slope_working(ctx: StepContext, layer: int, j: int) -> list[Token]:
    """f′(z⁽ˡ⁾ⱼ) as its numbers give it, to put in a product: a · (1 − a) for σ, (1 − a²) for tanh; else the
    slope itself (relu′ and id′ are 1 or 0 as they are)."""
    name, theme = ctx.trace.activations[layer], ctx.theme
    a = ctx.num("a", layer, j, color=theme.forward, factor=True)
    if name == "sigmoid":
        return [a, r"\cdot", "(", "1", "-", a, ")"]
    if name == "tanh":
        return ["(", "1", "-", a, "^2", ")"]
    return [ctx.num("da_dz", layer - 1, j, factor=True)]


def slope_pieces(ctx: StepContext) -> list[tuple[str, ...]]:
    """f′'s rules and the pieces of its rows with numbers (typeset ahead by the backward pass)."""
    formulas: list[tuple[str, ...]] = [(DERIVATIVE_RULES[name],) for _, name in first_slopes(ctx.trace)]
    pieces = ["(", ")"]  # and those of ``slope_working``
    for layer in range(1, ctx.output_layer + 1):  # each layer's focus neuron has its f′ row
        if ctx.trace.activations[layer] in DERIVATIVE_RULES:
            pieces += [t for t in slope_tokens(ctx, layer, ctx.config.focus[layer - 1][0]) if isinstance(t, str)]
    return formulas + [piece_formula(piece) for piece in dict.fromkeys(pieces)]


def activation_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The rules the forward pass writes (typeset ahead: ``StepScene.formulas``; softmax's is its own)."""
    names = dict.fromkeys(name for name in ctx.trace.activations[1:] if ACTIVATIONS[name].elementwise)
    return [(RULES[name],) for name in names]
