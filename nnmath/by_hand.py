"""Whether a row of shown numbers gives its shown result, worked out by hand: the one rule for "=" and "≈".

Each value the video and the answer key show is computed from the unrounded values before it, then rounded. So a
row of rounded numbers can read ``0.0147 + 0.0089 + 0.0100 = 0.0335`` though its numbers, as shown, add up to
0.0336. Such a row writes "≈" before its result, never "=": "=" would say something false of the numbers as
they read. The screen (``scenes.drawing.shown_arithmetic``) and the answer key (``nnmath.key_*``) both ask here.

A row is read as its pieces in order: numbers as shown (``Shown``, their text) and written pieces, the screen's
LaTeX (``\\cdot``, ``\\ln``, ``)\\ln(1 -``) or the key's text (``·``, ``ln``, ``e^(``). Only the part between the
last two relations ("=", "≈") is worked out, exactly from the shown digits (a function of them to 50 digits),
and rounded half away from zero to the digits the result is shown with, as a student does by hand. It may hold
+, −, ·, /, a number written beside a parenthesis or a function (a product), parentheses and brackets of any
size, a square, ln, exp (e^), σ, tanh, relu, a fraction of digits (\\tfrac{1}{4}, ½). ``reading`` says what it
found: the result given (``GIVES``), another (``DIFFERS``), nothing worked out (``NOTHING``: no number after the
last relation, a name or one number before it, terms left out) or a row it cannot read (``UNREAD``: "=" before a
number, worked from what is not plain arithmetic of shown numbers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from enum import Enum
from itertools import accumulate

from nnmath.notation import scientific, shown_text, unsup
from nnmath.rounding import hand_rounded


@dataclass(frozen=True)
class Shown:
    """A number as a row shows it: its text ("0.4564", "−2.1909", "1/256", "1.2×10⁻⁵")."""

    text: str


Piece = str | Shown  # a row's pieces as written: LaTeX or text, or a number as shown


class Reading(Enum):
    GIVES = "gives"  # worked by hand, the shown numbers give the shown result
    DIFFERS = "differs"  # worked by hand, they give another: the row writes "≈"
    NOTHING = "nothing"  # nothing to work out
    UNREAD = "unread"  # "=" before a number, from what the reader here cannot work out


EQUALS, APPROX_TEXT, APPROX_LATEX = "=", "≈", r"\approx"
RELATIONS = (EQUALS, APPROX_TEXT, APPROX_LATEX)
_MATH = Context(prec=50, rounding=ROUND_HALF_UP)  # ln, exp, a division: far more digits than any row shows
_EXACT = Context(prec=1000, rounding=ROUND_HALF_UP)  # sums and products of shown numbers: exact

_NUMBER = r"\d+(?:\.\d+)?(?:×10[⁻⁰-⁹]+)?"
_TOKENS = (  # (token, pattern), tried in order at each place of a written piece
    ("skip", r"\s+|\\[,;:! ]|~|\\(?:left|right|[bB]igg?[lr]?)(?=[(\[)\]])"),
    ("symbol", r"_(?:\{[^{}]*\}|[^\s{])|\^(?:\{(?!2\})[^{}]*\}|[^\s{2])"),  # a name's sub- or superscript: y_{1}
    ("frac", r"\\t?frac\{\d+\}\{\d+\}|½"),
    ("number", _NUMBER),
    ("rel", r"=|≈|\\approx\b"),
    ("sep", r"\\(?:rightarrow|to|q?quad)\b|→|,|;|:"),  # between two statements: E before = … → E after = …
    ("dots", r"\\[lc]?dots\b|…|⋯"),
    ("+", r"\+"),
    ("-", r"-|−"),
    ("*", r"\\cdot\b|\\times\b|·|×"),
    ("/", r"/"),
    ("ln", r"\\ln\b|\bln\b"),
    ("exp", r"\\exp\b|\bexp\b|\be\^(?=\()"),
    ("sigma", r"\\sigma\b(?!')|σ(?!′)|\bsigmoid\b"),
    ("tanh", r"\\tanh\b(?!')|\btanh\b(?!′)"),
    ("relu", r"\\mathrm\{relu\}(?!')|\brelu\b(?!′)"),
    ("id", r"\\mathrm\{id\}(?!')|\blinear\b(?!′)"),
    ("sq", r"\^\{?2\}?|²"),
    ("(", r"\(|\["),
    (")", r"\)|\]"),
    ("symbol", r"\\[A-Za-z]+(?:\{[^{}]*\})*|\S"),  # a name: ŷ, \hat y_{1}, σ′, E; anything else
)
_LEXER = re.compile("|".join(f"(?P<t{k}>{pattern})" for k, (_, pattern) in enumerate(_TOKENS)))
_STARTS = ("number", "(", "ln", "exp", "sigma", "tanh", "relu", "id")  # what may follow a factor as the next factor
_FUNCTIONS = ("ln", "exp", "sigma", "tanh", "relu", "id")

Token = tuple[str, Decimal | None]


def tokens(pieces: Sequence[Piece]) -> list[Token]:
    """The row as tokens: (kind, value) with a value for numbers only ("bad" for a number that is none)."""
    out: list[Token] = []
    for piece in pieces:
        if isinstance(piece, Shown):
            value = number_value(piece.text)
            out.append(("number", value) if value is not None else ("bad", None))
            continue
        for match in _LEXER.finditer(piece):
            kind = _TOKENS[int((match.lastgroup or "t0")[1:])][0]
            if kind == "frac":
                top, bottom = re.findall(r"\d+", match.group(0)) or ("1", "2")  # ½
                out.append(("number", Decimal(top) / Decimal(bottom)))
            elif kind == "number":
                out.append(("number", number_value(match.group(0))))
            elif kind != "skip":
                out.append((kind, None))
    return out


_POWER_OF_TWO = re.compile(r"(?:(\d+(?:\.\d+)?)·)?2([⁻⁰-⁹]+)")


def number_value(text: str) -> Decimal | None:
    """A number's text as shown, exactly (−0.3000, 1.2×10⁻⁵, a setting's 1/256 or 0.1·2⁻²⁰); None: no finite one."""
    text = text.replace("−", "-").strip()
    try:
        if "/" in text:
            top, bottom = text.split("/")
            return Decimal(top) / Decimal(bottom)
        if power := _POWER_OF_TWO.fullmatch(text.lstrip("-")):
            value = Decimal(power.group(1) or 1) * Decimal(2) ** int(unsup(power.group(2)))
            return -value if text.startswith("-") else value
        value = Decimal(shown_text(text))
    except (InvalidOperation, ValueError, ZeroDivisionError):
        return None
    return value if value.is_finite() else None


def reading(pieces: Sequence[Piece]) -> Reading:
    """What working the row's last result out by hand from its shown numbers finds (see the module's notes)."""
    row = tokens(pieces)
    depths = list(accumulate((+1 if kind == "(" else -1 if kind == ")" else 0 for kind, _ in row), initial=0))
    relations = [k for k, (kind, _) in enumerate(row) if kind == "rel" and depths[k] == 0]  # not a name's (s = 1)
    if not relations:
        return Reading.NOTHING
    result = row[relations[-1] + 1 :]
    if [kind for kind, _ in result] not in (["number"], ["-", "number"]):
        return Reading.NOTHING  # a name, a formula, a value not shown as a number
    shown = _result_text(pieces)
    bounds = [k + 1 for k, (kind, _) in enumerate(row[: relations[-1]]) if kind in ("rel", "sep") and depths[k] == 0]
    start = max(bounds, default=0)
    expression = row[start : relations[-1]]
    kinds = [kind for kind, _ in expression]
    if ("number" not in kinds and "bad" not in kinds) or kinds in (["number"], ["-", "number"]) or "dots" in kinds:
        return Reading.NOTHING  # a name, one number, terms left out: nothing worked out
    if "symbol" in kinds and not set(kinds) & {"+", "-", "*", "/", "sq", *_FUNCTIONS}:
        return Reading.NOTHING  # a name with a number in it: Eₛ after (s = 1)
    if "bad" in kinds or "symbol" in kinds:
        return Reading.UNREAD  # a name among the numbers, a number that is none
    try:
        value = _Parser(expression).value()
    except (ValueError, IndexError):
        return Reading.UNREAD
    except ArithmeticError:  # a division by 0, ln of 0: no value by hand
        return Reading.NOTHING
    if value is None:
        return Reading.NOTHING
    return Reading.GIVES if _rounded_as(value, shown) == shown else Reading.DIFFERS


def _last_text(pieces: Sequence[Piece]) -> str:
    """The text of the row's last number (the result), as shown."""
    last = pieces[-1] if pieces else ""
    if isinstance(last, Shown):
        return last.text
    found = re.findall(rf"[-−]?\s*{_NUMBER}", last)
    return found[-1] if found else ""


def _result_text(pieces: Sequence[Piece]) -> str:
    """The result as ``hand_rounded`` and ``scientific`` write it ("-0.6093", "1.2×10⁻⁵")."""
    return re.sub(r"\s", "", _last_text(pieces)).replace("−", "-")


def _rounded_as(value: Decimal, shown: str) -> str:
    """``value`` rounded as ``shown`` is written: to its digits after the point, or, a power of ten, to its
    mantissa's (half away from zero, as by hand)."""
    mantissa = shown.partition("×")[0]
    places = len(mantissa.partition(".")[2])
    if "×" not in shown:
        return hand_rounded(value, places)
    return scientific(f"{Context(prec=places + 1, rounding=ROUND_HALF_UP).plus(value):.{places}e}")


def worked_by_hand(pieces: Sequence[Piece]) -> bool | None:
    """Whether the row's last result is what its shown numbers give by hand; None: nothing worked out, or a row
    this cannot read."""
    found = reading(pieces)
    return {Reading.GIVES: True, Reading.DIFFERS: False}.get(found)


def relation(expression: str, result: str) -> str:
    """The relation the answer key writes between a worked ``expression`` and its ``result`` (text): "≈" where
    the shown numbers give another result by hand, else "="."""
    return APPROX_TEXT if reading([expression, EQUALS, result]) is Reading.DIFFERS else EQUALS


def worked(expression: str, result: str) -> str:
    """``expression = result``, or ``expression ≈ result`` (``relation``)."""
    return f"{expression} {relation(expression, result)} {result}"


def as_read(pieces: Sequence[Piece], approx: str = APPROX_LATEX) -> list[Piece]:
    """``pieces`` with the last relation ``approx`` where the shown numbers do not give the shown result by hand."""
    written = list(pieces)
    if reading(written) is Reading.DIFFERS:
        last = max(k for k, piece in enumerate(written) if isinstance(piece, str) and piece.strip() in RELATIONS)
        written[last] = approx
    return written


class _Parser:
    """sum := product (± product)* ; product := factor ((· | /)? factor)* ; factor := [−] primary [²] ;
    primary := number | (sum) | [sum] | function primary, a function being ln, exp, σ, tanh, relu."""

    def __init__(self, row: list[Token]) -> None:
        self.row, self.at = row, 0

    def value(self) -> Decimal | None:
        value = self._sum()
        if self.at != len(self.row):
            raise ValueError(self.row[self.at])
        return value if value.is_finite() else None

    def _kind(self) -> str | None:
        return self.row[self.at][0] if self.at < len(self.row) else None

    def _sum(self) -> Decimal:
        total = self._product()
        while self._kind() in ("+", "-"):
            minus = self._kind() == "-"
            self.at += 1
            term = self._product()
            total = _EXACT.subtract(total, term) if minus else _EXACT.add(total, term)
        return total

    def _product(self) -> Decimal:
        total = self._factor()
        while self._kind() in ("*", "/", *_STARTS):
            over = self._kind() == "/"
            if self._kind() in ("*", "/"):
                self.at += 1
            factor = self._factor()
            total = _MATH.divide(total, factor) if over else _EXACT.multiply(total, factor)
        return total

    def _factor(self) -> Decimal:
        if self._kind() == "-":
            self.at += 1
            return -self._factor()
        value = self._primary()
        while self._kind() == "sq":
            self.at += 1
            value = _EXACT.multiply(value, value)
        return value

    def _primary(self) -> Decimal:
        kind, value = self.row[self.at]
        self.at += 1
        if kind == "number" and value is not None:
            return value
        if kind == "(":
            inner = self._sum()
            if self._kind() != ")":
                raise ValueError(self._kind())
            self.at += 1
            return inner
        if kind in _FUNCTIONS:
            return _apply(kind, self._factor() if kind == "ln" else self._primary())
        raise ValueError(kind)


def _apply(function: str, x: Decimal) -> Decimal:
    """A function of a shown number, to 50 digits (ln 0 and ln of a negative raise, as Decimal does)."""
    if function == "ln":
        if x <= 0:
            raise ArithmeticError(x)
        return _MATH.ln(x)
    if function == "exp":
        return _MATH.exp(x)
    if function == "sigma":
        return _MATH.divide(1, _MATH.add(1, _MATH.exp(-x)))
    if function == "tanh":
        e = _MATH.exp(_MATH.multiply(2, x))
        return _MATH.divide(_MATH.subtract(e, 1), _MATH.add(e, 1))
    return max(x, Decimal(0)) if function == "relu" else x  # relu; the identity (a linear layer)


__all__ = [
    "APPROX_LATEX",
    "APPROX_TEXT",
    "EQUALS",
    "RELATIONS",
    "Piece",
    "Reading",
    "Shown",
    "as_read",
    "number_value",
    "reading",
    "relation",
    "tokens",
    "worked",
    "worked_by_hand",
]
