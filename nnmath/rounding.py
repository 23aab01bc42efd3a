"""Where a shown result differs from what its shown (rounded) numbers give.

The video and the answer key show every value rounded to ``decimals``, while each value is computed
from the unrounded values before it. So a formula with its numbers substituted can read, with
``decimals = 3``, ``δ = 0.013 · 0.813 = 0.010`` although 0.013 · 0.813 rounds to 0.011. This module
walks the substituted formulas in the order the video shows them and finds the first such gap, so
the key (and the video) can say so where a student meets it.

The arithmetic formulas (sums of products, products, w − η·g) are recomputed exactly from the shown
digits (``decimal``) and rounded half away from zero, as a student does by hand; the loss terms and
∂E/∂ŷ are recomputed with the loss's own functions on the rounded ŷ and y. An exact tie (0.1500 − 0.5 · 0.0007 =
0.14965: 0.1496 or 0.1497 by hand, by the rule one learned) is a gap too: only the unrounded values decide it.
Besides the formulas, ``update_gaps`` checks every parameter's step as the diagram's edges or the step tables show it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Literal

import numpy as np

from nnmath.activations import ACTIVATIONS
from nnmath.batch_trace import UpdateTrace
from nnmath.losses import LOSSES, substitute_text
from nnmath.notation import (
    MOST_DECIMALS,
    SCIENTIFIC_FROM,
    format_number,
    is_gradient,
    rounded,
    scientific,
    shown_text,
    significant_decimals,
)
from nnmath.trace import StepTrace

Step = Literal["forward", "error", "backward", "update"]
# A trace entry: a StepTrace field and its indices, e.g. ("z", 2, 0), ("grad_weights", l, j, i), ("loss",).
Entry = tuple[str | int, ...]

# Exact for every sum and product here: a shown number has at most 12 significant digits below
# SCIENTIFIC_FROM and 7 from there (up to ±1.8×10³⁰⁸, or ∞), so a product of three has at most 36 and a sum
# of them spans at most ~650 digits. Nothing traps: a sum or product involving ∞ is ∞ or NaN, shown in words.
_EXACT = Context(prec=1000, rounding=ROUND_HALF_UP, traps=[])


@dataclass(frozen=True)
class RoundingGap:
    """One substituted formula whose shown result is not what its shown numbers give.

    ``formula`` is the substitution as shown, e.g. ``"0.013 · 0.813 = 0.010"``; ``expression`` is its
    left side (``"0.013 · 0.813"``); ``shown`` the result as shown (``"0.010"``, from the unrounded
    values); ``from_shown`` the result of the shown numbers, rounded the same way (``"0.011"``).
    """

    step: Step
    entry: Entry
    expression: str
    shown: str
    from_shown: str
    formula: str


def first_rounding_gap(trace: StepTrace, decimals: int, focus: Sequence[tuple[int, int]]) -> RoundingGap | None:
    """The first formula, in the video's order, whose shown result differs from its shown numbers'.

    ``focus[l]`` is the (j, i) of the weight of trace layer l whose chain rule and update are shown.
    None when every substituted formula adds up as shown.
    """
    gaps = [c for c in _substitutions(trace, decimals, focus) if c.shown != c.from_shown]  # the key's formulas
    return gaps[0] if gaps else None


def rounding_gaps(trace: StepTrace, decimals: int, focus: Sequence[tuple[int, int]]) -> list[RoundingGap]:
    """Every such formula, in the video's order (the video notes it at the first one it shows); and the functions the
    video works out of shown numbers (a softmax's S and ŷ, E from ŷ), which the answer key writes as values."""
    checks = [*_substitutions(trace, decimals, focus), *_functions_of_shown(trace, decimals)]
    return [c for c in checks if c.shown != c.from_shown]


def _substitutions(trace: StepTrace, decimals: int, focus: Sequence[tuple[int, int]]) -> Iterator[RoundingGap]:
    """Every substituted formula of rounded arithmetic, in the order the video shows them."""
    n = _Numbers(decimals)
    L = trace.depth

    # Step 1, forward: z⁽ˡ⁾ⱼ = Σᵢ w·a + b per layer 1..L (a = f(z) is no arithmetic on shown numbers).
    for l in range(L):
        for j in range(trace.layers[l + 1]):
            pairs = [(trace.weights[l][j, i], trace.a[l][i]) for i in range(trace.layers[l])]
            expression = " + ".join(f"{n.factor(w)}·{n.factor(a)}" for w, a in pairs)
            expression += f" + {n.factor(trace.biases[l][j])}"
            value = n.sum_of_products(pairs, trace.biases[l][j])
            yield n.check("forward", ("z", l + 1, j), expression, trace.z[l + 1][j], value)

    # Step 2, error: each output's term, E = Σ terms (more than one output), ∂E/∂ŷ per output.
    loss, count = LOSSES[trace.loss_name], len(trace.y)
    y = np.array([rounded(v, decimals) for v in trace.y])
    y_hat = np.array([rounded(v, decimals) for v in trace.y_hat])
    terms, slopes = loss.terms(y_hat, y), loss.derivative(y_hat, y)
    for k in range(count):
        expression = substitute_text(loss.term, n(trace.y[k]), n(trace.y_hat[k]), count)
        yield n.check("error", ("loss_terms", k), expression, trace.loss_terms[k], float(terms[k]))
    if count > 1:
        expression = " + ".join(n(t) for t in trace.loss_terms)
        total = n.sum_of_products([(t, 1.0) for t in trace.loss_terms], 0.0)
        yield n.check("error", ("loss",), expression, trace.loss, total)
    for k in range(count):
        expression = substitute_text(loss.slope, n.factor(trace.y[k]), n(trace.y_hat[k]), count)
        yield n.check("error", ("dE_dyhat", k), expression, trace.dE_dyhat[k], float(slopes[k]))

    # Step 3, backward, from the output layer back: per neuron ∂E/∂a (hidden) and δ, then the focus chain.
    for l in reversed(range(L)):
        for j in range(trace.layers[l + 1]):
            if l < L - 1:
                pairs = [(trace.weights[l + 1][k, j], trace.delta[l + 1][k]) for k in range(trace.layers[l + 2])]
                expression = " + ".join(f"{n.factor(w)}·{n.factor(d, True)}" for w, d in pairs)  # δ: a gradient
                value = n.sum_of_products(pairs, 0.0, second_gradient=True)
                yield n.check("backward", ("dE_da", l, j), expression, trace.dE_da[l][j], value)
            if l == L - 1 and mixes_output(trace):  # softmax with cross-entropy: δ = ŷ − y
                expression = f"{n(trace.y_hat[j])} − {n.factor(trace.y[j])}"
                value = _EXACT.subtract(n.exact(trace.y_hat[j]), n.exact(trace.y[j]))
                yield n.check("backward", ("delta", l, j), expression, trace.delta[l][j], value)
            else:
                delta_factors = [trace.dE_da[l][j], trace.da_dz[l][j]]
                yield n.product("backward", ("delta", l, j), delta_factors, trace.delta[l][j])
        j, i = focus[l]
        chain = [*chain_factors(trace, l, j), trace.dz_dw[l][i]]
        yield n.product("backward", ("grad_weights", l, j, i), chain, trace.grad_weights[l][j, i])

    # Step 4, update: w_new = w − η·∂E/∂w for each layer's focus weight, from the output layer back.
    for l in reversed(range(L)):
        j, i = focus[l]
        w, g = trace.weights[l][j, i], trace.grad_weights[l][j, i]
        expression = f"{n.factor(w)} − {n.factor(trace.learning_rate)} · {n.factor(g, True)}"
        value = _EXACT.subtract(n.exact(w), _EXACT.multiply(n.exact(trace.learning_rate), n.exact(g, True)))
        yield n.check("update", ("new_weights", l, j, i), expression, trace.new_weights[l][j, i], value)


def _functions_of_shown(trace: StepTrace, decimals: int) -> Iterator[RoundingGap]:
    """The functions of shown numbers the video works out with them: a softmax output's S = Σ exp(z) and each
    ŷₖ = exp(zₖ) / S of the shown z and S; E of the shown ŷ and y (one class: E = −ln ŷₖ)."""
    n, L = _Numbers(decimals), trace.depth
    with np.errstate(over="ignore"):  # a huge z: its exp is ∞ (no digit of it to check)
        exps = [float(np.exp(float(n.exact(z)))) for z in trace.z[L]] if mixes_output(trace) else []
    if exps and all(math.isfinite(e) for e in exps) and float(n.exact(trace.softmax_sum)) > 0:
        expression = " + ".join(f"exp({n(z)})" for z in trace.z[L])
        yield n.check("forward", ("softmax_sum",), expression, trace.softmax_sum, math.fsum(exps))
        shown_sum = float(n.exact(trace.softmax_sum))
        for k, (z, e) in enumerate(zip(trace.z[L], exps, strict=True)):
            expression = f"exp({n(z)}) / {n(trace.softmax_sum)}"
            yield n.check("forward", ("a", L, k), expression, trace.a[L][k], e / shown_sum)

    loss, count = LOSSES[trace.loss_name], len(trace.y)
    y = np.array([rounded(v, decimals) for v in trace.y])
    y_hat = np.array([rounded(v, decimals) for v in trace.y_hat])
    terms = loss.terms(y_hat, y)
    terms_text = (substitute_text(loss.term, n(trace.y[k]), n(trace.y_hat[k]), count) for k in range(count))
    expression = " + ".join(terms_text).replace("+ −", "− ")
    yield n.check("error", ("loss",), expression, trace.loss, float(np.sum(terms)))


def update_gaps(trace: UpdateTrace, decimals: int) -> list[RoundingGap]:
    """Every parameter whose shown new value is not what its shown old value, η and gradient give (w − η·∂E/∂w),
    weights then biases, layer by layer: what the diagram's or the step tables' update shows at once."""
    n, gaps = _Numbers(decimals), []
    for field, grad, new in (("weights", "grad_weights", "new_weights"), ("biases", "grad_biases", "new_biases")):
        for l, (olds, slopes, news) in enumerate(zip(*(getattr(trace, f) for f in (field, grad, new)), strict=True)):
            for index in np.ndindex(np.shape(olds)):
                w, g = float(olds[index]), float(slopes[index])
                expression = f"{n.factor(w)} − {n.factor(trace.learning_rate)} · {n.factor(g, True)}"
                value = _EXACT.subtract(n.exact(w), _EXACT.multiply(n.exact(trace.learning_rate), n.exact(g, True)))
                gap = n.check("update", (new, l, *index), expression, float(news[index]), value)
                if gap.shown != gap.from_shown:
                    gaps.append(gap)
    return gaps


def hand_rounded(value: Decimal, decimals: int) -> str:
    """An exact result (worked out from shown numbers) rounded to ``decimals``, as by hand and as ``format_number``
    writes it (never "-0.000"); a tie, halfway between two shown values, unrounded (``_Numbers.text``)."""
    return _Numbers(decimals).text(value)


def add_to_one_as_shown(values: Iterable[float], decimals: int) -> bool:
    """Whether probabilities (a softmax output, which add to 1) add to exactly 1 as shown, rounded to ``decimals``
    (0.3359 + 0.3907 + 0.2735 = 1.0001 does not: the screen then says the numbers are rounded)."""
    numbers = _Numbers(decimals)
    return sum((numbers.exact(v) for v in values), Decimal(0)) == 1


def mixes_output(trace: StepTrace) -> bool:
    """Whether the output activation mixes its layer (softmax): its δ is then ŷ − y, not ∂E/∂ŷ · f′(z)."""
    return not ACTIVATIONS[trace.activations[-1]].elementwise


def chain_factors(trace: StepTrace, l: int, j: int) -> list[float]:
    """The factors of δ of neuron j of layer l + 1 in a chain rule: ∂E/∂a · ∂a/∂z, or δ itself (softmax)."""
    if l == trace.depth - 1 and mixes_output(trace):
        return [trace.delta[l][j]]
    return [trace.dE_da[l][j], trace.da_dz[l][j]]


class _Numbers:
    """Numbers as shown (text, and exact decimals of that text) at ``decimals`` digits; a gradient (``gradient``,
    or a result whose entry is one: ``nnmath.notation.is_gradient``) with at least two significant digits."""

    def __init__(self, decimals: int) -> None:
        self.decimals = decimals

    def places(self, value: float, gradient: bool = False) -> int:
        return significant_decimals(float(value), self.decimals) if gradient else self.decimals

    def __call__(self, value: float, gradient: bool = False) -> str:
        return format_number(float(value), self.places(value, gradient))

    def factor(self, value: float, gradient: bool = False) -> str:
        """A number inside a product: negatives in parentheses (as the key and the video write it)."""
        text = self(value, gradient)
        return f"({text})" if text.startswith("-") else text

    def exact(self, value: float, gradient: bool = False) -> Decimal:
        """The shown number, exactly (∞ or NaN when it is not a number)."""
        return Decimal(shown_text(self(value, gradient)))

    def sum_of_products(
        self, pairs: Sequence[tuple[float, float]], start: float, second_gradient: bool = False
    ) -> Decimal:
        """``start + Σ a·b`` of the shown numbers, exactly (``second_gradient``: each b is a gradient, w·δ)."""
        total = self.exact(start)
        for a, b in pairs:
            total = _EXACT.add(total, _EXACT.multiply(self.exact(a), self.exact(b, second_gradient)))
        return total

    def text(self, value: Decimal, places: int | None = None) -> str:
        """An exact result rounded to ``places`` (``decimals`` when None), as by hand; never "-0.000"; exactly
        halfway between two shown values, unrounded (0.1500 − 0.5 · 0.0007 = 0.14965: no shown result reproduces
        it without doubt). From SCIENTIFIC_FROM on, to ``decimals`` digits of mantissa, as ``format_number``
        writes it."""
        places = self.decimals if places is None else places
        if not value.is_finite():
            return format_number(float(value), places)
        if places > MOST_DECIMALS and value != 0:  # a tiny gradient: two significant digits × a power, as shown
            return scientific(f"{Context(prec=2, rounding=ROUND_HALF_UP).plus(value):.1e}")
        if abs(value) < SCIENTIFIC_FROM:
            quantum = Decimal(1).scaleb(-places)
            text = f"{value.quantize(quantum, context=_EXACT):f}"
            # a tie, 0.14965, is 0.1496 rounded half to even and 0.1497 half up: only the unrounded values decide
            if abs(_EXACT.subtract(value, Decimal(text))) * 2 == quantum:
                return f"{value.quantize(quantum / 10, context=_EXACT):f}"
            if abs(Decimal(text)) < SCIENTIFIC_FROM:
                return text[1:] if text.startswith("-") and Decimal(text) == 0 else text
        mantissa = Context(prec=self.decimals + 1, rounding=ROUND_HALF_UP).plus(value)
        return scientific(f"{mantissa:.{self.decimals}e}")

    def product(self, step: Step, entry: Entry, factors: Sequence[float], result: float) -> RoundingGap:
        """The check of ``result`` = the product of ``factors`` (a gradient's chain: every factor a gradient's)."""
        expression = " · ".join(self.factor(v, True) for v in factors)
        value = Decimal(1)
        for v in factors:
            value = _EXACT.multiply(value, self.exact(v, True))
        return self.check(step, entry, expression, result, value)

    def check(
        self, step: Step, entry: Entry, expression: str, result: float, from_shown: Decimal | float
    ) -> RoundingGap:
        """``result`` as shown against ``from_shown`` (worked out from the shown numbers: exactly, or a float from
        the loss's own functions), rounded to the digits ``result`` is shown with."""
        gradient = is_gradient(entry)
        places = self.places(result, gradient)
        shown = format_number(float(result), places)
        if places > MOST_DECIMALS:  # shown m × 10ⁿ: the worked value is written as its own (0 as 0.0000)
            places = self.places(float(from_shown), gradient)
        worked = self.text(from_shown, places) if isinstance(from_shown, Decimal) else format_number(from_shown, places)
        return RoundingGap(step, entry, expression, shown, worked, f"{expression} = {shown}")
