"""Step 2's words, the error (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath import LOSSES, StepTrace
from nnmath.notation import rounded, significant_decimals, sub
from nnmath.rounding import mixes_output
from nnmath.speech import name_words, number_words, output_words, partial_words
from scenes.drawing.narration import Words, beats
from scenes.drawing.numbers import gradient_text, listed, text
from scenes.stage.context import StepContext
from scenes.steps_table import PART
from scenes.words import step_opening

# Each loss as a sentence names it, with its formula.
LOSS_PHRASES = {
    "half_squared_error": "half the squared error, E = ½ Σ (y − ŷ)²",
    "squared_error": "the squared error, E = Σ (y − ŷ)²",
    "mse": "the mean squared error, E = (1/n) Σ (y − ŷ)²",
    "binary_cross_entropy": "the binary cross-entropy, E = −Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]",
    "cross_entropy": "the cross-entropy, E = −Σ y ln ŷ",
}


def loss_phrase(name: str) -> str:
    """The loss in a sentence: "half the squared error, E = ½ Σ (y − ŷ)²"."""
    return LOSS_PHRASES.get(name, name.replace("_", " "))


def error_compare(ctx: StepContext) -> Words:
    t, decimals = ctx.trace, ctx.decimals
    opening = step_opening(PART["ErrorCalc"])
    n = len(t.y)
    if n == 1:
        groups = [f"ŷ = {text(t.y_hat[0], decimals)} against y = {text(t.y[0], decimals)}"]
    else:  # in the picture's order: the worked output, then the others (scenes.error_calc.prediction_against_target)
        groups = [
            "; ".join(
                f"ŷ{k + 1} = {text(t.y_hat[k], decimals)} against y{k + 1} = {text(t.y[k], decimals)}" for k in ks
            )
            for ks in first_then_rest(n, worked_output(ctx))
        ]
    after = ""  # said with the last pair: what the screen writes under the gaps
    pair = f"{output_words(0, n)} is {number_words(t.y_hat[0])}; the target is {number_words(t.y[0])}"
    others = " The other outputs are on the screen." if n > 1 else ""
    true = true_class(ctx)
    if true is not None:  # the screen says it under the gaps (scenes.error_calc.prediction_against_target)
        after += (
            f". y is a one-hot target: the true class is class {true + 1}, "
            "so its y is 1, and the y of every other class is 0"
        )
    if not all(adds_to_error(t, k) for k in range(n)):
        after += ". Where y = 0, the gap is grey and dashed: the loss, shown next, gives it 0"
    if ctx.config.is_dataset:
        opening = Words(f"{opening.caption} Sample 1 of the batch, the one we worked:", opening.spoken)
    *first, last = groups
    return Words(
        beats(  # each pair from when its target comes in
            f"{opening.caption} How wrong is the prediction? Compare it with the target y, the answer we want:",
            *(f"{group};" for group in first),
            f"{last}{after}.",
        ),
        f"{opening.spoken} How wrong is the prediction? {pair[0].upper()}{pair[1:]}.{others}",
    )


def error_loss(ctx: StepContext) -> Words:
    t, decimals = ctx.trace, ctx.decimals
    n, loss = len(t.y), LOSSES[ctx.config.loss]
    terms = " + ".join(text(v, decimals) for v in t.loss_terms)
    caption = beats(  # the rule and its rows, then their numbers (scenes.error_calc.the_loss)
        f"The loss, {loss_phrase(loss.name)}, measures it" + (", one term for each output k:" if n > 1 else ":"),
        f"E = {terms}" + (f" = {text(t.loss, decimals)}." if n > 1 else "."),
    )
    if ctx.config.is_dataset:
        caption += " This E is the error of sample 1 alone."
    true = true_class(ctx)
    if true is not None:  # the screen shows E = −ln ŷₖ under the sum (scenes.error_calc.true_class_rows)
        caption += f" Every term with y = 0 is 0: only the true class counts, E = −ln ŷ{true + 1}."
    return Words(caption, f"The {name_words(ctx.config.loss)} measures it: the error E is {number_words(t.loss)}.")


def adds_nothing() -> str:
    """Under a gap whose loss term is −0 · ln ŷ (its y is 0): it is drawn, but the loss (shown next, where E is
    defined) counts it as 0."""
    return "counts as 0"


def adds_to_error(t: StepTrace, k: int) -> bool:
    """Whether output k's gap adds to E: not when its target is 0 and its term is 0 (cross-entropy's −0 · ln ŷₖ)."""
    return not (t.y[k] == 0 and t.loss_terms[k] == 0)


def output_index(names: str = "k") -> str:
    """What an index over the outputs is ("k: each output"; "k, m: each output"), said beside a formula that sums
    over it, where it is first used."""
    return f"{names}: each output"


OUTPUT_INDEX = output_index("k")  # beside or under a loss's Σₖ, where it is first used (the Intro's card, step 2)
OUTPUT_INDICES = output_index("k, m")  # … and softmax's Σₘ beside it (its rule, the card), where both are used


def loss_index(loss: str) -> str:
    """What the loss formula's index k is, said under it ("" for a loss with no sum over k)."""
    return OUTPUT_INDEX if r"\sum_k" in LOSSES[loss].latex else ""


def term_names() -> str:
    """Where the terms Eₒ₁, Eₒ₂, … of several outputs are first used: what they are, said beside their symbol in
    general (``symbols.LOSS_TERM``, E with o and k under it: the o for output keeps them apart from a batch sample's
    error Eₛ)."""
    return "the error at output k"


def true_class(ctx: StepContext) -> int | None:
    """The one output whose target is not 0, for cross-entropy with a one-hot target (its E is −ln ŷ of it)."""
    counted = [k for k in range(len(ctx.trace.y)) if ctx.trace.y[k] != 0]
    return counted[0] if LOSSES[ctx.config.loss].targets_sum is not None and len(counted) == 1 else None


def true_class_definition(k: int) -> str:
    """Where a one-hot target is first shown (the gaps): what it means, for class ``k`` (0-based)."""
    return f"the true class is class {k + 1}\n(one-hot: its y is 1, others 0)"


def true_class_words(k: int) -> str:
    """The panel's line under E = −ln ŷₖ: which class is the true one."""
    return f"the true class: {k + 1} (y{sub(k + 1)} = 1)"


def whose_error(ctx: StepContext) -> str:
    """A dataset's panel line under E: whose error it is (the batch's comes at the end of the step)."""
    return "E: the error of sample 1 alone"


def error_signal(ctx: StepContext) -> Words:
    t = ctx.trace
    n = len(t.y)
    slope = partial_words("E", output_words(0, n))
    first = f"{slope[0].upper()}{slope[1:]} is {number_words(t.dE_dyhat[0])}"
    return Words(
        beats(  # the numbers once their rows are all on screen (scenes.error_calc.the_signal)
            "Its slope, how fast E changes as the prediction moves,",
            f"∂E/∂ŷ = {listed(t.dE_dyhat, ctx.decimals, gradient=True)}, is the signal the backward pass starts from.",
        ),
        f"{first}: the signal the backward pass starts from" + (", one per output." if n > 1 else "."),
    )


def error_slope(ctx: StepContext, k: int) -> Words:
    """What ∂E/∂ŷₖ says: how E changes when ŷₖ is nudged (its own sub-step: the text saying so stays while this
    is said)."""
    value = float(ctx.trace.dE_dyhat[k])
    shown = rounded(value, significant_decimals(value, ctx.decimals))  # as it reads: a gradient's digits
    sign = (
        "positive, so nudging it up makes E grow"
        if shown > 0
        else "negative, so nudging it up makes E shrink"
        if shown < 0
        else "zero, so a small nudge leaves E as it is"
    )
    return Words(
        f"A slope says how much E changes when a value is nudged: ∂E/∂ŷ{k + 1} = {gradient_text(value, ctx.decimals)} is {sign}.",
        "A slope says how much the error changes when a value is nudged.",
    )


def error_gradient(ctx: StepContext) -> Words:
    """The gradient (all of ∂E/∂w and ∂E/∂b), which points uphill."""
    return Words(
        "The backward pass finds the slope of E for every weight and every bias. "
        "All of them together are the gradient: it points uphill, the way E grows fastest.",
        "The backward pass finds one for every weight and bias; together they are the gradient, which points uphill.",
    )


def first_then_rest(n: int, first: int = 0) -> list[list[int]]:
    """Output ``first`` worked out on its own, then the others' results together: [[first], [the rest]]."""
    rest = [k for k in range(n) if k != first]
    return [[first], rest] if rest else [[first]]


def worked_output(ctx: StepContext) -> int:
    """The output worked out in full: the first, or for a softmax classifier the focus output (whose δ
    the backward pass derives), usually the true class, so its loss term is not 0."""
    return ctx.config.focus[-1][0] if mixes_output(ctx.trace) else 0
