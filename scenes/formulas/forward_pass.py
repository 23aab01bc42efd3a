"""Step 1's formulas, the forward pass: its rules in LaTeX, and the rows with numbers it builds (every number a
trace entry); what ``ForwardPass`` typesets ahead (``forward_formulas``)."""

from __future__ import annotations

from manim import MathTex

from nnmath.rounding import mixes_output
from scenes.drawing import symbols
from scenes.drawing.formula import Formula, Token, piece_formula
from scenes.drawing.style import PANEL_WIDTH, RULE_SIZE
from scenes.formulas.activations import activation_formulas
from scenes.stage.context import StepContext
from scenes.stage.step import Step


def layer_rule(layer: int) -> str:
    """z⁽ˡ⁾ⱼ = Σᵢ w⁽ˡ⁾ⱼᵢ a⁽ˡ⁻¹⁾ᵢ + b⁽ˡ⁾ⱼ in LaTeX: every neuron j of the layer alike, in the symbols the video has
    defined (no matrix W, which it does not)."""
    return rf"z^{{({layer})}}_j = \sum_i w^{{({layer})}}_{{ji}} \, a^{{({layer - 1})}}_i + b^{{({layer})}}_j"


def softmax_rule(layer: int) -> str:
    """ŷₖ = softmax(z⁽ᴸ⁾)ₖ = e^zₖ / Σₘ e^zₘ in LaTeX."""
    return rf"\hat y_k = \mathrm{{softmax}}(z^{{({layer})}})_k = \frac{{e^{{z_k}}}}{{\sum_m e^{{z_m}}}}"


def probabilities_add_up(outputs: int) -> str:
    """ŷ₁ + … + ŷₙ = 1 in LaTeX."""
    return " + ".join(symbols.y_hat(k) for k in range(outputs)) + " = 1"


def forward_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The forward pass's own formulas (``StepScene.formulas``)."""
    rules: list[tuple[str, ...]] = [(layer_rule(layer),) for layer in range(1, ctx.output_layer + 1)]
    rules += activation_formulas(ctx)
    if mixes_output(ctx.trace):
        rules += [(softmax_rule(ctx.output_layer),), (probabilities_add_up(ctx.config.layers[-1]),)]
        rules += [piece_formula(piece) for piece in (EXP, OVER, SUM, OPEN_SUM, CLOSE_SUM)]
        # the output neurons' labels while they hold z, before softmax makes them ŷ
        rules += [(symbols.z(ctx.output_layer, k),) for k in range(ctx.config.layers[-1])]
    return rules


def compact_rule(step: Step, layer: int) -> MathTex:
    """z⁽ˡ⁾ⱼ = Σᵢ w⁽ˡ⁾ⱼᵢ a⁽ˡ⁻¹⁾ᵢ + b⁽ˡ⁾ⱼ: the whole layer at once, above the rows of its other neurons."""
    return MathTex(
        layer_rule(layer),
        font_size=RULE_SIZE,
        color=step.theme.text,
    )


EXP, OVER, SUM, OPEN_SUM, CLOSE_SUM = r"\exp(", "/", r"\Sigma", r"\big(", r"\big)"  # a softmax row's pieces


def softmax_formula(ctx: StepContext, layer: int, k: int, compact: bool = False) -> Formula:
    """ŷₖ = exp(zₖ) / (exp(z₁) + … + exp(zₙ)) = ŷₖ with every z a trace value; ``compact``: the
    denominator, the same for every output, as Σ (worked out in the row before)."""
    theme = ctx.theme
    tokens: list[Token] = [symbols.a(layer, k, ctx.config), "=", EXP, ctx.num("z", layer, k), ")", OVER]
    if compact:
        tokens.append(SUM)
    else:
        tokens.append(OPEN_SUM)
        for m in range(ctx.config.layers[layer]):
            tokens += (["+"] if m else []) + [EXP, ctx.num("z", layer, m), ")"]
        tokens.append(CLOSE_SUM)
    tokens += ["=", ctx.num("a", layer, k, color=theme.forward)]
    return Formula(*tokens, decimals=ctx.decimals, color=theme.text, max_width=PANEL_WIDTH)


def z_formula(ctx: StepContext, layer: int, j: int) -> Formula:
    """z⁽ˡ⁾ⱼ = w·a + … + b = z, every number a trace value."""
    theme, l = ctx.theme, layer - 1
    tokens: list[Token] = [symbols.z(layer, j), "="]
    for i in range(ctx.config.layers[l]):
        if i:
            tokens.append("+")
        tokens += [
            ctx.num("weights", l, j, i, factor=True),
            r"\cdot",
            ctx.num("a", l, i, color=theme.forward, factor=True),
        ]
    tokens += ["+", ctx.num("biases", l, j, factor=True), "=", ctx.num("z", layer, j, color=theme.forward)]
    return Formula(*tokens, decimals=ctx.decimals, color=theme.text, max_width=PANEL_WIDTH)


def a_formula(ctx: StepContext, layer: int, j: int) -> Formula:
    """a⁽ˡ⁾ⱼ = f(z⁽ˡ⁾ⱼ) = a."""
    return Formula(
        symbols.a(layer, j, ctx.config),
        "=",
        symbols.activation_open(ctx.trace.activations[layer]),
        ctx.num("z", layer, j),
        ")",
        "=",
        ctx.num("a", layer, j, color=ctx.theme.forward),
        decimals=ctx.decimals,
        color=ctx.theme.text,
        max_width=PANEL_WIDTH,
    )
