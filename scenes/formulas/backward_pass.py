"""Step 3's formulas, the backward pass: its rules in LaTeX, and the rows with numbers it builds (every number a
trace entry); what ``BackwardPass`` typesets ahead (``backward_formulas``)."""

from __future__ import annotations

from dataclasses import replace

from nnmath.rounding import mixes_output
from scenes.drawing import symbols
from scenes.drawing.chain_rule import ChainRule
from scenes.drawing.delta_names import column_tex
from scenes.drawing.formula import Formula, Num, Token, piece_formula
from scenes.drawing.numbers import Entry
from scenes.drawing.style import FORMULA_SIZE, PANEL_WIDTH
from scenes.drawing.tables import pair_brackets, pair_title
from scenes.formulas.activations import slope_pieces, slope_working
from scenes.formulas.backward_values import inline_partial, table_pieces
from scenes.formulas.backward_values import signed as signed  # where the scenes have it from
from scenes.formulas.long_chain import long_chain_formulas
from scenes.stage.context import StepContext

SOFTMAX_SLOPE = (  # ∂ŷₘ/∂zₖ of a softmax output, in its two cases (written before any of its values)
    r"\frac{\partial \hat y_m}{\partial z_k} = \begin{cases} \hat y_k (1 - \hat y_k) & \text{if } m = k \\ "
    r"-\hat y_m \hat y_k & \text{if } m \neq k \end{cases}"
)
LOSS_SLOPE = (  # the loss's slope, stated before the cancellation puts it in (cross-entropy: E = −Σₘ yₘ ln ŷₘ); the
    # slope on its own line in display style (its yₘ and ŷₘ full size, as the error step sets it), Σ inline
    r"E = -{\textstyle\sum_m} y_m \ln \hat y_m \text{, so} \\ "
    r"\frac{\partial E}{\partial \hat y_m} = -\frac{y_m}{\hat y_m}"
)
LOSS_TIMES_SLOPE = (  # the loss's ∂E/∂ŷₘ = −yₘ/ŷₘ times the slope: the ŷₘ cancel
    r"-\frac{y_m}{\hat y_m} \frac{\partial \hat y_m}{\partial z_k} = \begin{cases} -y_k + y_k \hat y_k "
    r"& \text{if } m = k \\ y_m \hat y_k & \text{if } m \neq k \end{cases}"
)


def cancellation(layer: int) -> tuple[str, str, str, str]:
    """Why δ = ŷ − y at a softmax output, line by line: the loss's slope ∂E/∂ŷₘ, that times the softmax's slope (the
    ŷₘ cancel), then their sum over m, term by term and gathered, then the step Σₘ yₘ = 1 written (LaTeX)."""
    delta = rf"\delta^{{({layer})}}_k"
    return (
        LOSS_SLOPE,
        LOSS_TIMES_SLOPE,
        # the cases summed over m (m = k once, every other m after it), then gathered
        rf"{delta} = -y_k + y_k \hat y_k + {{\textstyle\sum_{{m \neq k}}}} y_m \hat y_k \\ "
        rf"= \hat y_k \textstyle\sum_m y_m - y_k",
        rf"\textstyle\sum_m y_m = 1 \text{{, so }} {delta} = \hat y_k - y_k",
    )


TABLE_PLACES = "row j, column i: the weight\nfrom neuron i into neuron j"  # how to read a PairTable
DELTA_MEANING = r"\delta^{(l)}_j = \frac{\partial E}{\partial z^{(l)}_j}"  # what δ is, before any δ is computed
DELTA_WORDS = "how much the error E changes\nwhen this neuron's z changes"
WHY_THEY_CANCEL = "the ŷₘ cancel;\nthe targets yₘ add up to 1"  # words (a Text at body size), under the sum


def backward_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The backward pass's own formulas (``StepScene.formulas``): its rules, the chain rules, the long chain."""
    formulas: list[tuple[str, ...]] = [(DELTA_MEANING,)]
    formulas += delta_labels(ctx)
    formulas += slope_pieces(ctx)
    if mixes_output(ctx.trace):
        k = ctx.config.focus[-1][0]
        formulas += [
            (softmax_delta_rule(ctx.output_layer, k),),
            (SOFTMAX_SLOPE,),
            *((line,) for line in cancellation(ctx.output_layer)),
            *(piece_formula(softmax_slope_name(ctx, m, k)) for m in range(len(ctx.trace.y))),
            *(piece_formula(piece) for piece in ("(", ")", "1", "-", r"\cdot")),  # its rows' pieces
        ]
    for l in reversed(range(ctx.depth)):
        formulas.append((delta_rule(ctx, l + 1),))
        if l < ctx.depth - 1:
            formulas += [piece_formula(piece) for piece in upstream_symbols(ctx, l, ctx.config.focus[l][0])]
        if has_chain_rule(ctx, l):
            formulas.append(tuple(ChainRule.pieces(*chain_symbols(ctx, l))))
        formulas += [gradient_rule(l + 1), (bias_rule(l + 1),)]
        formulas += [(pair_title(l),), *pair_brackets(ctx.config.layers[l + 1])]  # if labels do not fit the edges
    return formulas + table_pieces(ctx) + long_chain_formulas(ctx)


def delta_labels(ctx: StepContext) -> list[tuple[str, ...]]:
    """The names δ⁽ˡ⁾ⱼ of neurons while their δ stands in them (``Board.show_badge``, ``place_badge``): an output's
    label, a hidden neuron's name beside it or its column's over it (``scenes.drawing.delta_names``)."""
    layers = ctx.config.layers
    columns: list[tuple[str, ...]] = [(column_tex(l),) for l in range(1, ctx.output_layer)]
    return [(symbols.delta(l, k),) for l in range(1, ctx.output_layer + 1) for k in range(layers[l])] + columns


def softmax_delta_rule(layer: int, k: int) -> str:
    """δₖ = ∂E/∂zₖ = Σₘ ∂E/∂ŷₘ ∂ŷₘ/∂zₖ at a softmax output (LaTeX)."""
    z_k = symbols.z(layer, k)
    return (
        rf"\delta^{{({layer})}}_{{{k + 1}}} = \frac{{\partial E}}{{\partial {z_k}}} = \sum_m "
        rf"\frac{{\partial E}}{{\partial \hat y_m}} \, \frac{{\partial \hat y_m}}{{\partial {z_k}}}"
    )


def delta_rule(ctx: StepContext, layer: int) -> str:
    """δ of every neuron of ``layer`` in general (LaTeX): ŷ − y at a softmax output, ∂E/∂ŷ · f′(z) at another
    output, f′(z) Σ w δ in a hidden layer."""
    t = ctx.trace
    act = symbols.activation(t.activations[layer])
    if layer == ctx.output_layer and mixes_output(t):
        return rf"\delta^{{({layer})}}_j = \hat y_j - y_j"
    if layer == ctx.output_layer:
        return rf"\delta^{{({layer})}}_j = \frac{{\partial E}}{{\partial \hat y_j}} \cdot {act}'(z^{{({layer})}}_j)"
    return rf"\delta^{{({layer})}}_j = {act}'(z^{{({layer})}}_j) \sum_k w^{{({layer + 1})}}_{{kj}} \delta^{{({layer + 1})}}_k"


def gradient_rule(layer: int) -> tuple[str, str, str]:
    """∂E/∂w⁽ˡ⁾ⱼᵢ = δⱼ aᵢ and ∂E/∂b⁽ˡ⁾ⱼ = δⱼ (``MathTex`` arguments)."""
    return (
        rf"\frac{{\partial E}}{{\partial w^{{({layer})}}_{{ji}}}} = \delta^{{({layer})}}_j \, a^{{({layer - 1})}}_i",
        r"\qquad",
        rf"\frac{{\partial E}}{{\partial b^{{({layer})}}_j}} = \delta^{{({layer})}}_j",
    )


def bias_rule(layer: int) -> str:
    """∂E/∂b⁽ˡ⁾ⱼ = δ⁽ˡ⁾ⱼ on one line (LaTeX): beside a gradient table, once the rule above it has made room."""
    return rf"\partial E / \partial b^{{({layer})}}_j = \delta^{{({layer})}}_j"


def softmax_slope_name(ctx: StepContext, m: int, k: int) -> str:
    """∂ŷₘ/∂zₖ at the softmax output (LaTeX)."""
    return symbols.partial(symbols.y_hat(m), symbols.z(ctx.output_layer, k))


def softmax_slope_row(ctx: StepContext, m: int, k: int) -> Formula:
    """∂ŷₘ/∂zₖ = its case with the numbers put in = its value (a Jacobian entry of the trace); the case in symbols is
    the slope's formula above it (a row of one line)."""
    theme = ctx.theme
    y_k = ctx.num("y_hat", k, color=theme.forward, factor=True)
    if m == k:
        numbers: list[Token] = [y_k, r"\cdot", "(", "1", "-", y_k, ")"]
    else:
        numbers = ["-", ctx.num("y_hat", m, color=theme.forward, factor=True), r"\cdot", y_k]
    return Formula(
        softmax_slope_name(ctx, m, k), "=", *numbers, "=", ctx.num("output_jacobian", m, k),
        decimals=ctx.decimals, color=theme.text, max_width=PANEL_WIDTH,
    )  # fmt: skip


def softmax_sum_formula(ctx: StepContext, k: int) -> Formula:
    """δ⁽ᴸ⁾ₖ = Σₘ ∂E/∂ŷₘ · ∂ŷₘ/∂zₖ = δ with every ∂E/∂ŷₘ and Jacobian entry J[m, k] a trace value."""
    theme, l = ctx.theme, ctx.depth - 1
    tokens: list[Token] = [symbols.delta(l + 1, k), "="]
    for m in range(len(ctx.trace.y)):
        tokens += (["+"] if m else []) + [
            signed(ctx, "dE_dyhat", m, factor=True),
            r"\cdot",
            ctx.num("output_jacobian", m, k, factor=True),
        ]
    tokens += ["=", signed(ctx, "delta", l, k)]
    return Formula(*tokens, decimals=ctx.decimals, color=theme.text, max_width=PANEL_WIDTH)


def delta_formula(ctx: StepContext, l: int, j: int, worked: bool = False, font_size: float = FORMULA_SIZE) -> Formula:
    """δ⁽ˡ⁾ⱼ = ∂E/∂a · f′(z) = δ (at a softmax output: δ = ŷ − y); ``worked``: f′(z) as its numbers give it
    (a · (1 − a) for σ), for a neuron whose f′ has no row of its own."""
    theme = ctx.theme
    if l == ctx.depth - 1 and mixes_output(ctx.trace):
        return y_hat_minus_y(ctx, j)
    slope = slope_working(ctx, l + 1, j) if worked else [ctx.num("da_dz", l, j, factor=True)]
    return Formula(
        symbols.delta(l + 1, j),
        "=",
        signed(ctx, "dE_da", l, j, factor=True),
        r"\cdot",
        *slope,
        "=",
        signed(ctx, "delta", l, j),
        decimals=ctx.decimals,
        color=theme.text,
        max_width=PANEL_WIDTH,
        font_size=font_size,
    )


def y_hat_minus_y(ctx: StepContext, k: int) -> Formula:
    """δ⁽ᴸ⁾ₖ = ŷₖ − yₖ = δ at a softmax output, with the numbers."""
    theme, l = ctx.theme, ctx.depth - 1
    return Formula(
        symbols.delta(l + 1, k),
        "=",
        ctx.num("y_hat", k, color=theme.forward),
        "-",
        ctx.num("y", k, color=theme.target, factor=True),
        "=",
        signed(ctx, "delta", l, k),
        decimals=ctx.decimals,
        color=theme.text,
        max_width=PANEL_WIDTH,
    )


def upstream_symbols(ctx: StepContext, l: int, j: int) -> list[str]:
    """∂E/∂a⁽ˡ⁾ⱼ = w⁽ˡ⁺¹⁾₁ⱼ δ⁽ˡ⁺¹⁾₁ + …: which weight and which δ each number of ``upstream_formula`` is (pieces)."""
    tokens = [symbols.partial("E", symbols.a(l + 1, j)), "="]
    for k in range(ctx.config.layers[l + 2]):
        tokens += (["+"] if k else []) + [rf"{symbols.weight(l + 1, k, j)} \, {symbols.delta(l + 2, k)}"]
    return tokens


def upstream_terms(ctx: StepContext, l: int, j: int) -> Formula:
    """``upstream_symbols`` as a formula, wrapped to the panel."""
    return Formula(*upstream_symbols(ctx, l, j), decimals=ctx.decimals, color=ctx.theme.text, max_width=PANEL_WIDTH)


def upstream_formula(ctx: StepContext, l: int, j: int, font_size: float = FORMULA_SIZE) -> Formula:
    """∂E/∂a⁽ˡ⁾ⱼ = Σₖ w·δ = value, for a hidden neuron (its head on one line: the rows δ uses must fit the panel
    together)."""
    tokens: list[Token] = [inline_partial("E", symbols.a(l + 1, j)), "="]
    for k in range(ctx.config.layers[l + 2]):
        tokens += (["+"] if k else []) + [
            ctx.num("weights", l + 1, k, j, factor=True),
            r"\cdot",
            signed(ctx, "delta", l + 1, k, factor=True),
        ]
    tokens += ["=", signed(ctx, "dE_da", l, j)]
    return Formula(*tokens, decimals=ctx.decimals, color=ctx.theme.text, max_width=PANEL_WIDTH, font_size=font_size)


def chain_symbols(ctx: StepContext, l: int) -> tuple[str, str | None, str]:
    """The focus weight of layer l, and the a (none at a softmax output) and z of the neuron it leads into:
    what its chain rule is written in (``ChainRule``)."""
    j, i = ctx.config.focus[l]
    a_j = symbols.a(l + 1, j, ctx.config) if len(chain_entries(ctx, l, j, i)) == 3 else None
    return symbols.weight(l, j, i), a_j, symbols.z(l + 1, j)


def chain_entries(ctx: StepContext, l: int, j: int, i: int) -> list[Entry]:
    """The chain rule's factors for weight (l, j, i), as ``nnmath.rounding.chain_factors`` has them:
    ∂E/∂a · ∂a/∂z · ∂z/∂w, or at a softmax output δ · ∂z/∂w (its ∂E/∂z is ŷ − y, one number)."""
    if l == ctx.depth - 1 and mixes_output(ctx.trace):
        return [("delta", l, j), ("dz_dw", l, i)]
    return [("dE_da", l, j), ("da_dz", l, j), ("dz_dw", l, i)]


def product_tokens(factors: list[Num]) -> list[Token]:
    """f₁ · f₂ · …: a negative factor in parentheses, but the first (as the captions write it: ``product_text``)."""
    tokens: list[Token] = []
    for factor in factors:
        tokens += [r"\cdot", factor] if tokens else [replace(factor, factor=False)]
    return tokens


def has_chain_rule(ctx: StepContext, l: int) -> bool:
    """The output layer's chain rule and the longest one (the first layer's) are worked out; middle layers go alike."""
    return l in (0, ctx.depth - 1)
