"""Whether a row of numbers on screen adds up as shown: its last result worked out by hand from the numbers as
they are shown (rounded), e.g. ``0.0147 + 0.0089 + 0.0100 = 0.0335`` gives 0.0336 by hand. Each value on screen
is computed from the unrounded values before it, so such a row is right, and the screen says why
(``rounding_note``).

A row is read as its pieces in order: numbers (``TraceNumber``) and LaTeX pieces. Only the part between the last
two "=" is worked out, and only when it is plain arithmetic (numbers, digits, +, −, ·, parentheses, a square).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal, InvalidOperation
from typing import Protocol

from manim import Scene, Text, VGroup, VMobject

from nnmath.notation import format_number, shown_text
from nnmath.rounding import hand_rounded
from scenes.drawing.layout import Panel
from scenes.drawing.numbers import Entry, TraceNumber
from scenes.drawing.style import BEAT, LABEL_SIZE, READ, SHOW
from scenes.drawing.theme import Color

Written = str | TraceNumber  # a row's pieces as written: LaTeX, or a number as shown
_PLUS, _MINUS, _TIMES = ("+",), ("-", "−"), (r"\cdot", r"\times")
_OPEN, _CLOSE = ("(", r"\big(", r"\Big("), (")", r"\big)", r"\Big)")
_SQUARE, _CLOSE_SQUARE = "^2", ")^2"
ROUNDING_NOTE = "(numbers rounded; each result\nis from the unrounded values)"


class Row(Protocol):
    """A row of numbers on screen that knows its pieces (a ``Formula``; the long chain's sum)."""

    written: list[str | TraceNumber]


class WrittenRow(VGroup):
    """Mobjects that read as one row of numbers (``written``: its pieces in order)."""

    def __init__(self, *mobjects: VMobject, written: Sequence[str | TraceNumber]) -> None:
        super().__init__(*mobjects)
        self.written = list(written)


def note_rounding(
    scene: Scene,
    panel: Panel,
    color: Color,
    *rows: Row,
    seen: set[str],
    keep: Sequence[VMobject | tuple[VMobject, ...]] = (),
    gaps: Collection[Entry] = (),
) -> Text | None:
    """Under ``rows`` (the panel's last items, or ``keep``), when one of them does not add up by hand as shown (or
    its result is one of ``gaps``: what ``nnmath.rounding`` finds in formulas that are not plain arithmetic, a loss
    term): a short note why; what does not fit with it goes, ``keep``'s first first (a tuple in ``keep``: rows that
    stay or go together, e.g. ŷ and y). The first note of a video waits longer (``seen`` holds "rounding" after it)."""
    if not any(needs_note(row, gaps) for row in rows):
        return None
    shown = next((m for m in panel.items if isinstance(m, Text) and m.original_text == ROUNDING_NOTE), None)
    if shown is not None:
        return shown  # on the panel already, for a row before: one note says it for both
    note = rounding_note(color)  # its height, to make room
    groups = [m if isinstance(m, tuple) else (m,) for m in keep] or [(r,) for r in rows if isinstance(r, VMobject)]
    while len(groups) > 1 and not panel.fits([m for group in groups for m in group], note.height):
        groups.pop(0)  # the row the note is about (the last) stays: the note never shows without it
    return push_rounding_note(scene, panel, color, seen, [m for group in groups for m in group])


def rounding_note(color: Color) -> Text:
    """The rounding note, as every step shows it."""
    return Text(ROUNDING_NOTE, font_size=LABEL_SIZE, color=color, line_spacing=0.8)


def push_rounding_note(scene: Scene, panel: Panel, color: Color, seen: set[str], keep: Sequence[VMobject]) -> Text:
    """The rounding note, under ``keep`` (the panel's other items make room), for rows. Read longer the first time
    (``seen``)."""
    note = rounding_note(color)
    panel.make_room(keep, note.height)  # the note stays beside what it is about
    scene.play(panel.push(note), run_time=SHOW)
    scene.wait(BEAT if "rounding" in seen else READ)
    seen.add("rounding")
    return note  # the caller keeps it while it keeps the rows


def shown_value(number: TraceNumber) -> Decimal | None:
    """The number exactly as written on screen (None: not a finite number)."""
    try:
        value = Decimal(shown_text(format_number(float(number.get_value()), number.num_decimal_places)))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def adds_up_differently(pieces: Sequence[Written]) -> bool:
    """Whether the row's last result differs from what its shown numbers give by hand."""
    return worked_by_hand(pieces) is False


def worked_by_hand(pieces: Sequence[Written]) -> bool | None:
    """Whether the row's last result is what its shown numbers give by hand; None when the row is no plain
    arithmetic ending in a number (a name, one number, a function of numbers, terms left out)."""
    equals = [k for k, piece in enumerate(pieces) if isinstance(piece, str) and piece == "="]
    if not equals or equals[-1] + 1 >= len(pieces) or not isinstance(result := pieces[equals[-1] + 1], TraceNumber):
        return None
    start = equals[-2] + 1 if len(equals) > 1 else 0
    expression = list(pieces[start : equals[-1]])
    if sum(isinstance(piece, TraceNumber) for piece in expression) < 2:
        return None  # a name, or one number: nothing worked out
    value = _Parser(expression).value()
    shown = format_number(float(result.get_value()), result.num_decimal_places)
    if value is None or "×" in shown:
        return None
    return hand_rounded(value, result.num_decimal_places) == shown


def needs_note(row: Row, gaps: Collection[Entry]) -> bool:
    """Whether ``row`` does not add up by hand as shown: worked out from the row if it is plain arithmetic, else
    as ``gaps`` say (what ``nnmath.rounding`` finds in its formulas, e.g. a loss term)."""
    worked = worked_by_hand(row.written)
    if worked is not None:
        return not worked
    last = row.written[-1] if row.written else None
    return isinstance(last, TraceNumber) and last.entry in gaps


class _Parser:
    """sum := product (± product)* ; product := factor (· factor)* ; factor := [−] (number | digits | (sum)) [²]."""

    def __init__(self, pieces: list[Written]) -> None:
        self.pieces, self.at = pieces, 0

    def value(self) -> Decimal | None:
        try:
            value = self._sum()
        except (ValueError, InvalidOperation):
            return None
        return value if self.at == len(self.pieces) else None

    def _next(self) -> Written | None:
        return self.pieces[self.at] if self.at < len(self.pieces) else None

    def _is(self, names: tuple[str, ...]) -> bool:
        piece = self._next()
        return isinstance(piece, str) and piece in names

    def _sum(self) -> Decimal:
        total = self._product()
        while self._is(_PLUS + _MINUS):
            sign = self.pieces[self.at]
            self.at += 1
            term = self._product()
            total = total + term if sign in _PLUS else total - term
        return total

    def _product(self) -> Decimal:
        total = self._factor()
        while self._is(_TIMES):
            self.at += 1
            total *= self._factor()
        return total

    def _factor(self) -> Decimal:
        if self._is(_MINUS):
            self.at += 1
            return -self._factor()
        piece = self._next()
        self.at += 1
        if isinstance(piece, TraceNumber):
            shown = shown_value(piece)
            if shown is None:
                raise ValueError(piece)
            value = shown
        elif isinstance(piece, str) and piece in _OPEN:
            value = self._sum()
            if self._is((_CLOSE_SQUARE,)):
                self.at += 1
                return value * value
            if not self._is(_CLOSE):
                raise ValueError(self._next())
            self.at += 1
        elif isinstance(piece, str) and piece.isdigit():
            value = Decimal(piece)
        else:
            raise ValueError(piece)
        if self._is((_SQUARE,)):
            self.at += 1
            value *= value
        return value


__all__ = [
    "ROUNDING_NOTE",
    "Row",
    "Written",
    "WrittenRow",
    "adds_up_differently",
    "needs_note",
    "note_rounding",
    "shown_value",
    "worked_by_hand",
]
