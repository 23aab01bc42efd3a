"""A compact table of samples: one row per sample, a column per value (each a trace number), a heading per column.

Columns are as wide as their widest cell; numbers sit right-aligned (their decimal points line up). A table of
more rows than ``MAX_ROWS`` shows the first ones, a row of ⋯, and the last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from manim import DOWN, LEFT, Line, MathTex, Text, VGroup, VMobject

from scenes.drawing.numbers import Entry, TraceNumber
from scenes.drawing.style import LABEL_SIZE
from scenes.drawing.theme import Color

MAX_ROWS = 6  # rows shown in full; more: the first MAX_ROWS − 1, ⋯, the last
CELL_SIZE = 30  # the font size of the cells (above the legibility floor)
COLUMN_GAP = 0.4
ROW_GAP = 0.16


@dataclass(frozen=True)
class Cell:
    """One number of the table: its value, the trace entry it shows, its colour."""

    value: float
    entry: Entry
    color: Color


def shown_rows(count: int, most: int = MAX_ROWS) -> list[int | None]:
    """Which rows a table of ``count`` rows shows, None standing for the row of ⋯."""
    if count <= most:
        return list(range(count))
    return [*range(most - 2), None, count - 1]


class SampleTable(VGroup):
    """Headings (LaTeX) over columns of numbers, each row led by its name (``row_names``, plain text)."""

    def __init__(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        row_names: Sequence[str],
        decimals: int,
        color: Color,
        name_heading: str = "",
    ) -> None:
        super().__init__()
        self.numbers: list[TraceNumber] = []
        heads: list[VMobject] = [Text(name_heading, font_size=LABEL_SIZE, color=color)]
        heads += [MathTex(h, font_size=CELL_SIZE, color=color) for h in headings]
        lines: list[list[VMobject | None]] = []
        for r in shown_rows(len(rows)):
            if r is None:
                lines.append([MathTex(r"\vdots", font_size=CELL_SIZE, color=color), *([None] * len(headings))])
                continue
            cells: list[VMobject | None] = [Text(row_names[r], font_size=LABEL_SIZE, color=color)]
            for cell in rows[r]:
                mob = TraceNumber(cell.value, cell.entry, decimals, cell.color, CELL_SIZE)
                self.numbers.append(mob)
                cells.append(mob)
            lines.append(cells)
        widths = [
            max([heads[c].width, *(line[c].width for line in lines if line[c] is not None)])  # type: ignore[union-attr]
            for c in range(len(heads))
        ]
        head_height = max(h.height for h in heads)
        row_height = max(m.height for line in lines for m in line if m is not None)
        x = 0.0
        rights = []
        for w in widths:
            rights.append(x + w)
            x += w + COLUMN_GAP
        for c, head in enumerate(heads):
            head.move_to((rights[c] - widths[c] / 2, 0, 0))
        self.heads = VGroup(*heads)
        self.add(self.heads)
        rule_y = -head_height / 2 - ROW_GAP / 2
        self.rule = Line((0, rule_y, 0), (rights[-1], rule_y, 0), color=color, stroke_width=1.5)
        self.add(self.rule)
        self.rows = VGroup()
        for n, line in enumerate(lines):
            y = rule_y - ROW_GAP - row_height / 2 - n * (row_height + ROW_GAP)
            row = VGroup()
            for c, item in enumerate(line):
                if item is None:
                    continue
                if c == 0:
                    item.move_to((widths[0] / 2, y, 0))
                else:
                    item.move_to((rights[c] - item.width / 2, y, 0))
                row.add(item)
            self.rows.add(row)
        self.add(self.rows)


def below(mob: VMobject, anchor: VMobject, buff: float = 0.3) -> VMobject:
    """``mob`` under ``anchor``, left edges aligned."""
    return mob.next_to(anchor, DOWN, buff=buff, aligned_edge=LEFT)


__all__ = ["Cell", "SampleTable", "below", "shown_rows"]
