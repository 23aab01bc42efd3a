"""Step 1's formulas, the forward pass: its rules in LaTeX, and the rows with numbers it builds (every number a
trace entry); what ``ForwardPass`` typesets ahead (``forward_formulas``)."""

from __future__ import annotations

from manim import DOWN, LEFT, MathTex, VGroup

from nnmath.rounding import mixes_output
from scenes.drawing import symbols
from scenes.drawing.formula import Formula, Token, piece_formula
from scenes.drawing.layout import glossed
from scenes.drawing.style import PANEL_WIDTH, RULE_SIZE
from scenes.formulas.activations import activation_formulas
from scenes.formulas.notation import WEIGHT_INDICES
from scenes.stage.context import StepContext
from scenes.stage.step import Step


def layer_rule(layer: int) -> str:
    """z⁽ˡ⁾ⱼ = Σᵢ w⁽ˡ⁾ⱼᵢ a⁽ˡ⁻¹⁾ᵢ + b⁽ˡ⁾ⱼ in LaTeX: every neuron j of the layer alike, in the symbols the video has
    defined (no matrix W, which it does not)."""
    return rf"z^{{({layer})}}_j = \sum_i w^{{({layer})}}_{{ji}} \, a^{{({layer - 1})}}_i + b^{{({layer})}}_j"


def softmax_rule(layer: int) -> str:
    """ŷₖ = softmax(z⁽ᴸ⁾)ₖ = exp(zₖ) / S in LaTeX: the denominator named (``SOFTMAX_SUM``), in the notation the rows
    with numbers use."""
    return rf"\hat y_k = \mathrm{{softmax}}(z^{{({layer})}})_k = \frac{{\exp(z_k)}}{{S}}"


# the softmax's denominator, the same for every output; exp(z) is the e^z of softmax's definition (the rows write exp)
SOFTMAX_SUM = r"S = \sum_m \exp(z_m), \quad \exp(z) = e^{z}"


def probabilities_add_up(outputs: int) -> str:
    """ŷ₁ + … + ŷₙ = 1 in LaTeX."""
    return " + ".join(symbols.y_hat(k) for k in range(outputs)) + " = 1"


INPUTS_ARE_A0 = r"a^{(0)}_i = x_i"  # the input layer's outputs are the inputs: said where a⁽⁰⁾ first appears


def forward_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The forward pass's own formulas (``StepScene.formulas``)."""
    rules: list[tuple[str, ...]] = [(layer_rule(layer),) for layer in range(1, ctx.output_layer + 1)]
    rules.append((INPUTS_ARE_A0,))
    rules += activation_formulas(ctx)
    if mixes_output(ctx.trace):
        rules += [(softmax_rule(ctx.output_layer),), (SOFTMAX_SUM,), (probabilities_add_up(ctx.config.layers[-1]),)]
        rules += [piece_formula(piece) for piece in (EXP, OVER, SUM)]
        # the output neurons' labels while they hold z, before softmax makes them ŷ
        rules += [(symbols.z(ctx.output_layer, k),) for k in range(ctx.config.layers[-1])]
    return rules


def compact_rule(step: Step, layer: int) -> VGroup:
    """z⁽ˡ⁾ⱼ = Σᵢ w⁽ˡ⁾ⱼᵢ a⁽ˡ⁻¹⁾ᵢ + b⁽ˡ⁾ⱼ: the whole layer at once, above the rows of its other neurons; under the
    first layer's, a⁽⁰⁾ᵢ = xᵢ (the inputs are what the input layer passes on)."""
    rule = MathTex(layer_rule(layer), font_size=RULE_SIZE, color=step.theme.text)
    if layer != 1:
        return glossed(rule, WEIGHT_INDICES, step.theme.text)  # the clip may be shown alone: what wⱼᵢ is
    inputs = MathTex(INPUTS_ARE_A0, font_size=RULE_SIZE, color=step.theme.text)
    both = VGroup(rule, inputs.next_to(rule, DOWN, buff=0.15, aligned_edge=LEFT))
    return glossed(both, WEIGHT_INDICES, step.theme.text)


EXP, OVER, SUM = r"\exp(", "/", "S"  # a softmax row's pieces: S names the denominator, the same for every output


def softmax_sum(ctx: StepContext, layer: int) -> Formula:
    """S = exp(z₁) + … + exp(zₙ) = S, every z and S trace values: the denominator every ŷ of the layer shares."""
    tokens: list[Token] = [SUM, "="]
    for m in range(ctx.config.layers[layer]):
        tokens += (["+"] if m else []) + [EXP, ctx.num("z", layer, m), ")"]
    tokens += ["=", ctx.num("softmax_sum")]
    return Formula(*tokens, decimals=ctx.decimals, color=ctx.theme.text, max_width=PANEL_WIDTH)


def softmax_formula(ctx: StepContext, layer: int, k: int) -> Formula:
    """ŷₖ = exp(zₖ) / S = ŷₖ with zₖ and S trace values (S worked out in ``softmax_sum``, on screen above): a row
    a student works by hand, "≈" before ŷₖ where its shown numbers give another last digit."""
    tokens: list[Token] = [symbols.a(layer, k, ctx.config), "=", EXP, ctx.num("z", layer, k), ")", OVER]
    tokens += [ctx.num("softmax_sum"), "=", ctx.num("a", layer, k, color=ctx.theme.forward)]
    return Formula(*tokens, decimals=ctx.decimals, color=ctx.theme.text, max_width=PANEL_WIDTH)


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
