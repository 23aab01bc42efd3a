"""Loss functions: the one registry of losses, keyed by their config names.

Each entry holds everything about one loss side by side: the per-output terms (E is their sum, so
the video can show each term and then add them), ∂E/∂ŷ, and the formula and its derivative as the
video sets them (LaTeX) and as the answer key prints them (Unicode text), plus one output's term and
slope as templates into which the numbers y and ŷ are substituted. Adding a loss is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

import numpy as np

from nnmath.notation import rounded, shown_text

Array = np.ndarray

# ŷ is kept this far from 0 and 1 inside the logarithm of binary cross-entropy, so ln 0 never happens.
BCE_EPSILON = 1e-15


class Marker(Enum):
    """A place in a template where a number goes: ``Y`` (the target yₖ) or ``P`` (the prediction ŷₖ)."""

    Y = "y"
    P = "ŷ"


Y = Marker.Y
P = Marker.P


@dataclass(frozen=True)
class Piece:
    """One piece of a substituted formula in both notations; ``{n}`` in either is the number of outputs.

    The video's formula layout may wrap a long row between pieces, never inside one.
    """

    latex: str
    text: str

    def latex_for(self, n: int) -> str:
        return self.latex.replace("{n}", str(n))

    def text_for(self, n: int) -> str:
        return self.text.replace("{n}", str(n))


Template = tuple[Piece | Marker, ...]

T = TypeVar("T")


def signless(template: Template, zeros: Collection[Marker]) -> Template:
    """``template`` with no sign put directly on a number in ``zeros`` (one that reads 0, and a zero has no sign):
    the sign goes before parentheses around the rest, as the formula reads it. −y ln ŷ with y = 0 reads
    −(0.0000 ln ŷ), never −0.0000 ln ŷ nor a bare 0.0000 ln ŷ that drops the formula's minus."""
    out: list[Piece | Marker] = []
    closing = 0
    for part, after in zip(template, (*template[1:], None), strict=True):
        out.append(part)
        if isinstance(part, Piece) and part.text == "−" and after in zeros:  # a unary sign's text is "−"
            out.append(_OPEN)
            closing += 1
    return (*out, *[_CLOSE] * closing)


def zero_markers(y: float, p: float, decimals: int) -> frozenset[Marker]:
    """The markers whose number reads 0 with ``decimals`` digits (what ``signless`` leaves unsigned)."""
    return frozenset(marker for marker, value in ((Y, y), (P, p)) if rounded(value, decimals) == 0.0)


def _reads_zero(text: str) -> bool:
    try:
        return float(shown_text(text.replace("−", "-").strip("()"))) == 0.0
    except ValueError:
        return False


def substitute_text(template: Template, y: str, p: str, n: int) -> str:
    """The answer key's rendering: ``template`` with ``y`` and ``p`` (ŷ) put in, ``n`` outputs; no sign before a
    number that reads 0 (``signless``): −y / ŷ with y = 0 reads −(0.0000 / 0.3359), never −0 / 0.3359."""
    zeros = [marker for marker, text in ((Y, y), (P, p)) if _reads_zero(text)]
    return "".join(
        part.text_for(n) if isinstance(part, Piece) else y if part is Y else p for part in signless(template, zeros)
    )


def latex_tokens(template: Template, y: T, p: T, n: int, zeros: Collection[Marker] = ()) -> list[str | T]:
    """The video's rendering: one LaTeX string per piece, with ``y`` and ``p`` (any objects) put in; no sign before
    the markers in ``zeros``, whose numbers read 0 (``zero_markers``)."""
    return [
        part.latex_for(n) if isinstance(part, Piece) else y if part is Y else p for part in signless(template, zeros)
    ]


@dataclass(frozen=True)
class Loss:
    """One loss: ``terms(ŷ, y)`` gives one term per output (E = their sum); ``derivative`` gives ∂E/∂ŷ.

    ``output_activation`` and ``targets``, when set, are what a config must satisfy to use it.
    """

    name: str
    terms: Callable[[Array, Array], Array]
    derivative: Callable[[Array, Array], Array]
    formula: str  # the answer key's text, e.g. "E = ½ Σ (y − ŷ)²"
    latex: str  # the video's formula
    derivative_formula: str  # ∂E/∂ŷ as text, e.g. "ŷ − y"
    derivative_latex: str  # ∂E/∂ŷ as the video sets it
    term: Template  # one output's term, y and ŷ substituted
    slope: Template  # one output's ∂E/∂ŷ, y and ŷ substituted
    output_activation: str | None = None  # the output activation this loss needs, if any
    targets: tuple[float, float] | None = None  # the closed interval targets y must lie in, if any
    targets_sum: float | None = None  # what the targets must add up to (a probability distribution), if set


def _half_squared(y_hat: Array, y: Array) -> Array:
    return 0.5 * (y - y_hat) ** 2


def _half_squared_prime(y_hat: Array, y: Array) -> Array:
    return y_hat - y


def _squared(y_hat: Array, y: Array) -> Array:
    return (y - y_hat) ** 2


def _squared_prime(y_hat: Array, y: Array) -> Array:
    return 2.0 * (y_hat - y)


def _mse(y_hat: Array, y: Array) -> Array:
    return (y - y_hat) ** 2 / y.shape[-1]  # n: the outputs of one sample (the last axis; a batch's rows are samples)


def _mse_prime(y_hat: Array, y: Array) -> Array:
    return 2.0 * (y_hat - y) / y.shape[-1]


def _clipped(y_hat: Array) -> Array:
    return np.clip(y_hat, BCE_EPSILON, 1.0 - BCE_EPSILON)


def _bce(y_hat: Array, y: Array) -> Array:
    p = _clipped(y_hat)
    return -(y * np.log(p) + (1.0 - y) * np.log1p(-p))


def _bce_prime(y_hat: Array, y: Array) -> Array:
    p = _clipped(y_hat)
    return (p - y) / (p * (1.0 - p))


def _cross_entropy(y_hat: Array, y: Array) -> Array:
    return np.asarray(0.0 - y * np.log(_clipped(y_hat)))  # 0.0 − …: a zero target gives 0, not −0


def _cross_entropy_prime(y_hat: Array, y: Array) -> Array:
    return np.asarray(0.0 - y / _clipped(y_hat))


_DE_DYHAT = r"\frac{\partial E}{\partial \hat y_k} = "
_MINUS = Piece("-", " − ")
_OPEN = Piece("(", "(")
_CLOSE = Piece(")", ")")
_SQUARED = Piece(")^2", ")²")

LOSSES: dict[str, Loss] = {
    "half_squared_error": Loss(
        name="half_squared_error",
        terms=_half_squared,
        derivative=_half_squared_prime,
        formula="E = ½ Σ (y − ŷ)²",
        latex=r"E = \tfrac{1}{2} \sum_k (y_k - \hat y_k)^2",
        derivative_formula="ŷ − y",
        derivative_latex=_DE_DYHAT + r"\hat y_k - y_k",
        term=(Piece(r"\tfrac{1}{2}", "½ "), _OPEN, Y, _MINUS, P, _SQUARED),
        slope=(P, _MINUS, Y),
    ),
    "squared_error": Loss(
        name="squared_error",
        terms=_squared,
        derivative=_squared_prime,
        formula="E = Σ (y − ŷ)²",
        latex=r"E = \sum_k (y_k - \hat y_k)^2",
        derivative_formula="2 (ŷ − y)",
        derivative_latex=_DE_DYHAT + r"2(\hat y_k - y_k)",
        term=(_OPEN, Y, _MINUS, P, _SQUARED),
        slope=(Piece("2(", "2 ("), P, _MINUS, Y, _CLOSE),
    ),
    "mse": Loss(
        name="mse",
        terms=_mse,
        derivative=_mse_prime,
        formula="E = (1/n) Σ (y − ŷ)²",
        latex=r"E = \tfrac{1}{n} \sum_k (y_k - \hat y_k)^2",
        derivative_formula="(2/n) (ŷ − y)",
        derivative_latex=_DE_DYHAT + r"\tfrac{2}{n}(\hat y_k - y_k)",
        term=(Piece(r"\tfrac{1}{{n}}", "(1/{n}) "), _OPEN, Y, _MINUS, P, _SQUARED),
        slope=(Piece(r"\tfrac{2}{{n}}(", "(2/{n}) ("), P, _MINUS, Y, _CLOSE),
    ),
    "binary_cross_entropy": Loss(
        name="binary_cross_entropy",
        terms=_bce,
        derivative=_bce_prime,
        formula="E = −Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]",
        latex=r"E = -\sum_k \big[ y_k \ln \hat y_k + (1 - y_k) \ln (1 - \hat y_k) \big]",
        derivative_formula="(ŷ − y) / (ŷ (1 − ŷ))",
        derivative_latex=_DE_DYHAT + r"\frac{\hat y_k - y_k}{\hat y_k (1 - \hat y_k)}",
        term=(
            Piece("-[", "−["),
            Y,
            Piece(r"\ln", " ln "),
            P,
            Piece("+", " + "),
            Piece("(1 -", "(1 − "),
            Y,
            Piece(r")\ln(1 -", ") ln(1 − "),
            P,
            Piece(")]", ")]"),
        ),
        slope=(
            _OPEN,
            P,
            _MINUS,
            Y,
            Piece(r")\,/\,(", ") / ("),
            P,
            Piece("(1 -", " (1 − "),
            P,
            Piece("))", "))"),
        ),
        output_activation="sigmoid",
        targets=(0.0, 1.0),
    ),
    "cross_entropy": Loss(
        name="cross_entropy",
        terms=_cross_entropy,
        derivative=_cross_entropy_prime,
        formula="E = −Σ y ln ŷ",
        latex=r"E = -\sum_k y_k \ln \hat y_k",
        derivative_formula="−y / ŷ",
        derivative_latex=_DE_DYHAT + r"-\frac{y_k}{\hat y_k}",
        term=(Piece("-", "−"), Y, Piece(r"\ln", " ln "), P),
        slope=(Piece("-", "−"), Y, Piece(r"/", " / "), P),
        output_activation="softmax",
        targets=(0.0, 1.0),
        targets_sum=1.0,
    ),
}
