"""Formulas with numbers substituted: LaTeX pieces and trace numbers set on one baseline.

Only the symbols are LaTeX (cached across configs); every number is a ``TraceNumber`` from the one
formatter, so the numbers a formula shows are inspectable, know their trace entry, and cost no
LaTeX run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from manim import UP, MathTex, VGroup, VMobject

from nnmath.notation import rounded
from scenes.drawing.numbers import Entry, TraceNumber
from scenes.drawing.style import FORMULA_SIZE
from scenes.drawing.theme import Color

_REFERENCE_SIZE = 48.0  # pieces are typeset at this size, then scaled


@dataclass(frozen=True)
class Num:
    """A trace value in a formula; ``factor=True`` puts a negative value in parentheses; ``decimals``: its own
    (a setting written as given, e.g. η = 0.5), instead of the formula's."""

    value: float
    entry: Entry
    color: Color | None = None
    factor: bool = False
    decimals: int | None = None
    setting: bool = False  # a setting (η): written as one (``format_setting``: 1/256, not 0.00390625)


@dataclass(frozen=True)
class Sym:
    """A symbol of a formula in a colour of its own (the formula's text colour otherwise): ŷ in the values colour,
    "× 10⁻⁵" of an error m × 10ⁿ in the error colour with its mantissa."""

    latex: str
    color: Color


Token = str | Num | Sym
Piece = tuple[VMobject, float, str]  # mobject, baseline offset, latex ("" for numbers)

# Pieces that bind tightly to their neighbour: no gap after an opening, none before a closing.
_OPENERS = ("(", "[", r"\big(", r"\Big(")
_CLOSERS = (")", "]", ")^2", "^", r"\big)", r"\Big)", ",")  # "^2": a power binds to what it raises
POWER_GAP = 1.0  # of a gap: between a power (a⁽ˡ⁾²) and the parenthesis closing after it
_BREAKS = ("+", "-", "=")  # a long formula may wrap before these


def is_sign(before: Piece | None, piece: Piece) -> bool:
    """Whether ``piece`` is a minus sign (unary: first, or after "=", an operator or an opening)."""
    if piece[2] != "-":
        return False
    return before is None or before[2] in ("=", "+", "-", r"\cdot") or before[2].endswith(_OPENERS)


def piece_formula(latex: str) -> tuple[str, str]:
    """What a piece is typeset as: beside a reference digit, for its baseline."""
    return ("0", latex)


@lru_cache(maxsize=512)
def _piece_template(latex: str) -> tuple[VMobject, float]:
    """The piece typeset beside a reference digit; returns it and its bottom's height above the baseline."""
    tex = MathTex(*piece_formula(latex), font_size=_REFERENCE_SIZE)
    zero, piece = tex[0], cast(VMobject, tex[1])  # manim types indexing as Mobject; MathTex parts are VMobjects
    return piece, float(piece.get_bottom()[1] - zero.get_bottom()[1])


def typeset(*latex: str) -> None:
    """Typeset pieces now without drawing them: the variants a piece may take with other numbers (a sign,
    a comparison), so that LaTeX's cache holds them all after one render."""
    for piece in latex:
        _piece_template(piece)


def latex_piece(latex: str, color: Color, font_size: float) -> tuple[VMobject, float]:
    """A copy of the cached piece at ``font_size`` and its baseline offset at that size."""
    template, offset = _piece_template(latex)
    scale = font_size / _REFERENCE_SIZE
    piece = template.copy().scale(scale).set_color(color)
    return piece, offset * scale


class Formula(VGroup):
    """A formula on one or more lines; ``self.numbers`` lists its trace numbers in order.

    Lines wrap before a ``+``, ``-`` or ``=`` piece when ``max_width`` would be exceeded.
    """

    def __init__(
        self,
        *tokens: Token,
        decimals: int,
        color: Color,
        number_color: Color | None = None,
        font_size: float = FORMULA_SIZE,
        max_width: float | None = None,
        gap: float = 0.11,
    ) -> None:
        super().__init__()
        self.numbers: list[TraceNumber] = []
        self.written: list[str | TraceNumber] = []  # the pieces in order, each number as shown (``shown_arithmetic``)
        pieces: list[Piece] = []
        for token in tokens:
            if isinstance(token, Num):
                pieces += self._number_pieces(token, decimals, color, number_color, font_size)
                self.written.append(self.numbers[-1])
            elif isinstance(token, Sym):
                pieces.append((*latex_piece(token.latex, token.color, font_size), token.latex))
                self.written.append(token.latex)
            else:
                pieces.append((*latex_piece(token, color, font_size), token))
                self.written.append(token)
        self._lay_out(pieces, font_size, max_width, gap)
        self._size, self._height = font_size, self.height  # as set: ``font_size`` follows later scaling

    @property
    def font_size(self) -> float:
        """The size its pieces are drawn at now: as set, times any scaling since (a panel fitting it to its width)."""
        return self._size * (self.height / self._height if self._height else 1.0)

    def _number_pieces(
        self, token: Num, decimals: int, color: Color, number_color: Color | None, font_size: float
    ) -> list[Piece]:
        """The number, in parentheses when it is a negative factor."""
        decimals = decimals if token.decimals is None else token.decimals
        shade = token.color or number_color or color
        mob = TraceNumber(token.value, token.entry, decimals, shade, font_size, token.setting)
        self.numbers.append(mob)
        if not (token.factor and rounded(float(token.value), mob.num_decimal_places) < 0):  # as it reads
            return [(mob, 0.0, "")]
        return [(*latex_piece("(", color, font_size), "("), (mob, 0.0, ""), (*latex_piece(")", color, font_size), ")")]

    def _lay_out(self, pieces: list[Piece], font_size: float, max_width: float | None, gap: float) -> None:
        """Set pieces on a baseline; a segment (from one +, − or = to the next) that would pass
        ``max_width`` starts a new, indented line."""
        line_height = font_size / _REFERENCE_SIZE * 1.05
        indent = font_size / _REFERENCE_SIZE * 0.6
        segments: list[list[Piece]] = [[]]
        signs = {id(piece[0]) for before, piece in zip([None, *pieces], pieces, strict=False) if is_sign(before, piece)}
        for piece in pieces:
            if piece[2] in _BREAKS and segments[-1] and id(piece[0]) not in signs:
                segments.append([])
            segments[-1].append(piece)
        x, y, previous, signed = 0.0, 0.0, None, False
        for segment in segments:
            width = sum(mob.width + gap for mob, _, _ in segment)
            if max_width is not None and x > indent and x + width > max_width:
                x, y, previous = indent, y - line_height, None
            for mob, offset, latex in segment:
                tight = previous is None or previous.endswith(_OPENERS) or latex.startswith(_CLOSERS) or signed
                signed = id(mob) in signs  # a sign binds to what it signs: −0.3359, not − 0.3359
                space = 0.0 if tight else gap
                if previous is not None and previous.startswith("^") and latex.startswith(")"):
                    space = gap * POWER_GAP  # a power's raised digit would touch the closing parenthesis
                mob.move_to((x + space + mob.width / 2, 0, 0))
                mob.shift((y + offset - mob.get_bottom()[1]) * UP)
                x += space + mob.width
                previous = latex or "0"
                self.add(mob)

    def symbols(self) -> VGroup:
        """The formula without its numbers."""
        return VGroup(*(m for m in self.submobjects if m not in self.numbers))


__all__ = ["Formula", "Num", "Sym", "Token", "latex_piece", "typeset"]
