"""The notation key the intro shows beside the network before any formula uses a symbol: what x, w⁽ˡ⁾ⱼᵢ, b, z,
a = f(z), ŷ, y, E and η mean, one row each (the symbol, then its meaning in words)."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, MathTex, Text, VGroup

from nnmath.notation import LN_MEANING
from scenes.drawing import symbols
from scenes.drawing.formula import Formula
from scenes.drawing.style import LABEL_SIZE, STEP_TITLE_SIZE
from scenes.stage.context import StepContext

SYMBOL_COLUMN = 1.3  # the width of the symbols' column
SYMBOL_SIZE = STEP_TITLE_SIZE  # LaTeX looks smaller than text at one size
ROW_GAP = 0.2
KEY_TOP = 3.6  # above the panel: the intro has no step title on the right

# The network's symbols: each neuron's sum and activation, the parameters, layer 0.
NETWORK_KEY = (
    (r"x", "the input (layer 0)"),
    (r"w^{(l)}_{ji}", "weight from neuron i\nof layer l − 1 into\nneuron j of layer l"),
    (r"b^{(l)}_{j}", "bias of neuron j\nof layer l"),
    (r"z = \textstyle\sum w \cdot a + b", "weighted inputs + bias"),
    (r"a = f(z)", "activation: f of z"),
)
# What training compares and changes.
TRAINING_KEY = (
    (r"\hat y", "prediction: the\noutput layer's a"),
    (r"y", "target: the answer\nwe want"),
    (r"E", "error (loss): how far\nthe prediction is\nfrom the target"),
    (r"\eta", "learning rate:\nthe size of a step"),
)

Y_HAT_MEANING = "ŷ: the prediction"  # beside the forward pass's first ŷ (the clip may be shown alone)
WEIGHT_INDICES = "wⱼᵢ: from neuron i into j"  # beside the first rule of a clip that sums over wⱼᵢ
INPUTS_ARE = "a⁽⁰⁾ᵢ = xᵢ: the inputs"  # beside a rule with a⁽⁰⁾ in a clip that does not write a⁽⁰⁾ᵢ = xᵢ


def ln_meaning(latex: str) -> str | None:
    """What ln is, for a formula that uses it (``latex``); None for a formula without ln."""
    return LN_MEANING if r"\ln" in latex else None


def key_rows(ctx: StepContext, rows: tuple[tuple[str, str], ...]) -> VGroup:
    """The key's rows, the symbols in a column of their own and the meanings left-aligned beside them."""
    theme = ctx.theme
    lines = VGroup()
    for symbol, meaning in rows:
        tex = MathTex(symbol, font_size=SYMBOL_SIZE, color=theme.text)
        words = Text(meaning, font_size=LABEL_SIZE, color=theme.text, line_spacing=0.7)
        if tex.width + 0.2 <= SYMBOL_COLUMN:  # beside its symbol, level with its first line
            words.next_to(tex, RIGHT, buff=0).align_to(tex, LEFT).shift(SYMBOL_COLUMN * RIGHT)
            words.align_to(tex, UP)
        else:  # a formula: its meaning under it, in the meanings' column
            words.next_to(tex, DOWN, buff=0.12).align_to(tex, LEFT).shift(SYMBOL_COLUMN * RIGHT)
        lines.add(VGroup(tex, words))
    return lines.arrange(DOWN, aligned_edge=LEFT, buff=ROW_GAP)


def example_weight(ctx: StepContext) -> VGroup:
    """The first layer's highlighted weight as an example of the index convention: w⁽¹⁾ⱼᵢ = its value, and where it goes."""
    j, i = ctx.config.focus[0]
    row = Formula(
        symbols.weight(0, j, i), "=", ctx.num("weights", 0, j, i), decimals=ctx.decimals, color=ctx.theme.text
    )
    words = Text(
        f"highlighted: input {i + 1} (layer 0)\ninto neuron {j + 1} of layer 1",  # inside the side margin
        font_size=LABEL_SIZE,
        color=ctx.theme.text,
        line_spacing=0.7,
    )
    return VGroup(row, words.next_to(row, DOWN, buff=0.15, aligned_edge=LEFT))


def notation_formulas() -> list[tuple[str, ...]]:
    """The key's symbols (typeset ahead by the intro)."""
    return [(symbol,) for symbol, _ in (*NETWORK_KEY, *TRAINING_KEY)]
