"""Whether a row of numbers on screen adds up as shown: its last result worked out by hand from the numbers as
they are shown (rounded), e.g. ``0.0147 + 0.0089 + 0.0100 = 0.0335`` gives 0.0336 by hand. Each value on screen
is computed from the unrounded values before it: such a row writes "≈" before its result (``as_read``), never "=",
and the screen says why (``rounding_note``).

A row is read as its pieces in order: numbers (``TraceNumber``) and LaTeX pieces. Only the part between the last
two "=" is worked out, and only when it is plain arithmetic (numbers, digits, +, −, ·, parentheses, a square).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Protocol, cast

from manim import Scene, Text, VGroup, VMobject

from nnmath.notation import format_number, shown_text
from nnmath.rounding import hand_rounded
from scenes.drawing.layout import GAP_ABOVE, Panel
from scenes.drawing.numbers import Entry, TraceNumber
from scenes.drawing.style import BEAT, LABEL_SIZE, READ, SHOW
from scenes.drawing.theme import Color

Written = str | TraceNumber  # a row's pieces as written: LaTeX, or a number as shown
_PLUS, _MINUS, _TIMES, _OVER = ("+",), ("-", "−"), (r"\cdot", r"\times"), ("/",)
_LN, _EXP = r"\ln", r"\exp("  # ln of the factor after it (times what stands before it: "y ln ŷ"); exp(…)
_OPEN, _CLOSE = ("(", r"\big(", r"\Big("), (")", r"\big)", r"\Big)")
_SQUARE, _CLOSE_SQUARE = "^2", ")^2"
ROUNDING_NOTE = "(numbers rounded; each result\nis from the unrounded values)"
APPROX = r"\approx"  # before a result its shown numbers do not give by hand: "0.0147 + 0.0089 + 0.0100 ≈ 0.0335"
EQUALS = ("=", APPROX)  # what stands between a row's written-out part and its result


class Row(Protocol):
    """A row of numbers on screen that knows its pieces (a ``Formula``; the long chain's sum)."""

    written: list[str | TraceNumber]


class WrittenRow(VGroup):
    """Mobjects that read as one row of numbers (``written``: its pieces in order)."""

    def __init__(self, *mobjects: VMobject, written: Sequence[str | TraceNumber]) -> None:
        super().__init__(*mobjects)
        self.written = list(written)


def note_of(panel: Panel) -> Text | None:
    """The rounding note ``panel`` shows, if it shows one."""
    return next((m for m in panel.items if isinstance(m, Text) and m.original_text == ROUNDING_NOTE), None)


def any_needs_note(rows: Iterable[object], gaps: Collection[Entry] = ()) -> bool:
    """Whether one of ``rows`` (those that are rows of numbers: ``written``) does not add up by hand as shown."""
    return any(isinstance(getattr(r, "written", None), list) and needs_note(cast(Row, r), gaps) for r in rows)


def room_with_note(
    panel: Panel,
    color: Color,
    rows: Sequence[VMobject],
    tiers: Sequence[Sequence[VMobject]] = ((),),
    gaps: Collection[Entry] = (),
    below: float = 0.0,
    hold: bool = True,
) -> list[VMobject]:
    """Room on ``panel`` for ``rows`` and, when one of them does not add up by hand as shown (or its result is one of
    ``gaps``: what ``nnmath.rounding`` finds in formulas that are not plain arithmetic, a loss term), for the
    rounding note: the panel's own, which then stays, or a new one, returned after ``rows``, to place and show with
    them in the same play (a row is never on screen without its note, not even for the play before the note comes).
    What stays is the first of ``tiers`` (what of each is on the panel, with the note if a row of it needs it) they
    all fit under, with ``below`` more under them (a row to come), the last if none does. Not ``hold``ing: the
    note on the panel stays only if it fits with all that is kept, else a new one comes with ``rows`` (one fade to make
    room, nothing moving up)."""
    needed, note = any_needs_note(rows, gaps), note_of(panel)

    def kept(tier: Sequence[VMobject], holding: bool) -> list[VMobject]:
        on_panel = [m for m in tier if m in panel.items and m is not note]
        holds = note is not None and (any_needs_note(on_panel, gaps) or (needed and holding))
        return [*on_panel, note] if holds and note is not None else on_panel

    def height(tier: Sequence[VMobject]) -> float:  # ``rows``, with a new note if they need one the tier lacks
        new = needed and (note is None or note not in tier)
        return panel.stacked_height([*rows, *([rounding_note(color)] if new else [])]) + below

    choices = [kept(tier, hold or k == 0) for k, tier in enumerate(tiers)]
    chosen = next((tier for tier in choices if panel.fits(tier, height(tier))), choices[-1])
    panel.make_room(chosen, height(chosen))  # (``fits`` counts the gap above ``rows``)
    return [*rows, rounding_note(color)] if needed and note_of(panel) is None else list(rows)


def read_note(scene: Scene, shown: Iterable[VMobject], seen: set[str]) -> None:
    """A moment more on the rounding note, if it is among ``shown`` (``room_with_note``'s), just come with its
    rows: longer the first time the video shows it (``seen`` holds "rounding" after it)."""
    if any(isinstance(m, Text) and m.original_text == ROUNDING_NOTE for m in shown):
        scene.wait(BEAT if "rounding" in seen else READ)
        seen.add("rounding")


NOTE_GAP = 0.16  # between the rounding note and the rows above it, which it is about: half the panel's gap


def rounding_note(color: Color) -> Text:
    """The rounding note, as every step shows it (on the panel, a little closer to the rows above it)."""
    note = Text(ROUNDING_NOTE, font_size=LABEL_SIZE, color=color, line_spacing=0.8)
    setattr(note, GAP_ABOVE, NOTE_GAP)
    return note


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


def as_read(pieces: Sequence[Written]) -> list[Written]:
    """``pieces`` as the row is written: its last "=" an "≈" where its shown numbers do not give its shown result
    by hand (``0.0147 + 0.0089 + 0.0100 ≈ 0.0335``: "=" would say something false of the numbers as they read)."""
    written = list(pieces)
    if adds_up_differently(written):
        last = max(k for k, piece in enumerate(written) if isinstance(piece, str) and piece == "=")
        written[last] = APPROX
    return written


def worked_by_hand(pieces: Sequence[Written]) -> bool | None:
    """Whether the row's last result is what its shown numbers give by hand; None when the row is no plain
    arithmetic ending in a number (a name, one number, a function of numbers, terms left out). "=" and "≈" both
    stand before a result."""
    equals = [k for k, piece in enumerate(pieces) if isinstance(piece, str) and piece in EQUALS]
    if not equals or equals[-1] + 1 >= len(pieces) or not isinstance(result := pieces[equals[-1] + 1], TraceNumber):
        return None
    start = equals[-2] + 1 if len(equals) > 1 else 0
    expression = list(pieces[start : equals[-1]])
    worked_on = any(isinstance(piece, str) and piece in (_LN, _EXP) for piece in expression)  # −ln 0.3907
    if sum(isinstance(piece, TraceNumber) for piece in expression) < 2 and not worked_on:
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
    """sum := product (± product)* ; product := factor ((· | / | ) factor)* where no sign means a ln follows ;
    factor := [−] (number | digits | (sum) | ln factor | exp(sum)) [²]."""

    def __init__(self, pieces: list[Written]) -> None:
        self.pieces, self.at = pieces, 0

    def value(self) -> Decimal | None:
        try:
            value = self._sum()
        except (ValueError, ArithmeticError):  # (Decimal's: a division by 0, ln of 0 times 0)
            return None
        return value if self.at == len(self.pieces) and value.is_finite() else None

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
        while self._is(_TIMES + _OVER + (_LN,)):
            over = self._is(_OVER)
            if not self._is((_LN,)):
                self.at += 1
            factor = self._factor()
            total = total / factor if over else total * factor
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
        elif piece == _LN:
            return self._factor().ln()
        elif piece == _EXP:
            value = self._sum().exp()
            if not self._is(_CLOSE):
                raise ValueError(self._next())
            self.at += 1
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
    "APPROX",
    "EQUALS",
    "ROUNDING_NOTE",
    "Row",
    "Written",
    "WrittenRow",
    "adds_up_differently",
    "any_needs_note",
    "as_read",
    "needs_note",
    "note_of",
    "read_note",
    "room_with_note",
    "shown_value",
    "worked_by_hand",
]
