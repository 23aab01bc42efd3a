"""Whether a row of numbers on screen adds up as shown: its last result worked out by hand from the numbers as
they are shown (rounded), e.g. ``0.0147 + 0.0089 + 0.0100 = 0.0335`` gives 0.0336 by hand. Each value on screen
is computed from the unrounded values before it: such a row writes "≈" before its result (``as_read``), never "=",
and the screen says why (``rounding_note``).

A row is read as its pieces in order: numbers (``TraceNumber``) and LaTeX pieces. How a row is worked out by hand
is ``nnmath.by_hand``'s (the answer key asks it too): here a row's numbers are handed to it as the text they show.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Protocol, cast

from manim import Scene, Text, VGroup, VMobject

from nnmath import by_hand
from nnmath.by_hand import APPROX_LATEX, Piece, Reading, Shown
from scenes.drawing.layout import GAP_ABOVE, Panel
from scenes.drawing.numbers import Entry, TraceNumber, shown_number
from scenes.drawing.style import BEAT, LABEL_SIZE, READ, SHOW
from scenes.drawing.theme import Color

Written = str | TraceNumber  # a row's pieces as written: LaTeX, or a number as shown
ROUNDING_NOTE = "(numbers rounded; each result\nis from the unrounded values)"
APPROX = APPROX_LATEX  # before a result its shown numbers do not give by hand: "0.0147 + 0.0089 + 0.0100 ≈ 0.0335"
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


def plain(pieces: Sequence[Written]) -> list[Piece]:
    """A row's pieces for ``nnmath.by_hand``: each number as the text it shows (a setting's own, 1/256)."""
    return [
        Shown(shown_number(float(p.get_value()), p.num_decimal_places, p.setting)) if isinstance(p, TraceNumber) else p
        for p in pieces
    ]


def reading(pieces: Sequence[Written]) -> Reading:
    """What working the row's last result out by hand from its shown numbers finds (``nnmath.by_hand``)."""
    return by_hand.reading(plain(pieces))


def adds_up_differently(pieces: Sequence[Written]) -> bool:
    """Whether the row's last result differs from what its shown numbers give by hand."""
    return reading(pieces) is Reading.DIFFERS


def as_read(pieces: Sequence[Written]) -> list[Written]:
    """``pieces`` as the row is written: its last "=" an "≈" where its shown numbers do not give its shown result
    by hand (``0.0147 + 0.0089 + 0.0100 ≈ 0.0335``: "=" would say something false of the numbers as they read)."""
    written = list(pieces)
    if adds_up_differently(written):
        last = max(k for k, piece in enumerate(written) if isinstance(piece, str) and piece == "=")
        written[last] = APPROX
    return written


def worked_by_hand(pieces: Sequence[Written]) -> bool | None:
    """Whether the row's last result is what its shown numbers give by hand; None when nothing is worked out (a
    name, one number, terms left out) or the row is no arithmetic of shown numbers ``nnmath.by_hand`` reads."""
    return by_hand.worked_by_hand(plain(pieces))


def needs_note(row: Row, gaps: Collection[Entry]) -> bool:
    """Whether ``row`` does not add up by hand as shown: worked out from the row if it is plain arithmetic, else
    as ``gaps`` say (what ``nnmath.rounding`` finds in its formulas, e.g. a loss term)."""
    worked = worked_by_hand(row.written)
    if worked is not None:
        return not worked
    last = row.written[-1] if row.written else None
    return isinstance(last, TraceNumber) and last.entry in gaps


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
    "plain",
    "read_note",
    "reading",
    "room_with_note",
    "worked_by_hand",
]
