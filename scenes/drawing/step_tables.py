"""The update's step as a table, for networks too large to label every edge: each place of a layer's matrix
stacks a parameter's old value, its gradient and its new value, so the step itself is on screen."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from manim import DOWN, LEFT, RIGHT, MathTex, Matrix, VGroup

from scenes.drawing.fitting import largest_fitting
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.style import FORMULA_SIZE, LABEL_SIZE, PANEL_WIDTH, TABLE_SIZE
from scenes.drawing.tables import BRACKETS_WIDTH, COLUMN_GAP, MIN_COLUMN_GAP, brackets
from scenes.drawing.theme import Color

# Between the values stacked in one place (old over gradient over new), and between two rows of places: from
# TIGHT_ROWS rows on, tight, to fit under the rule. The roomy stack keeps a place's three values apart (0.025 left
# them ~1.5 px apart at 480p, a lecturer's review: "they nearly touch"), its rows three times as far apart as its
# values, so a place reads as one group.
STACK_BUFF, TIGHT_STACK_BUFF = 0.06, 0.025
ROW_GAP, TIGHT_ROW_GAP = 0.18, 0.12
TIGHT_ROWS = 4
HEADING_BUFF = 0.1  # between the heading and the matrix
# Which row is j and which column i (a lecturer's review 12: nothing said where wⱼᵢ is in the matrix): "j = 1" left
# of each row, "i = 1" over each column of a weight table, at a size whose digits stay above the legibility floor.
INDEX_SIZE = 30
INDEX_BUFF = 0.08  # between a row's label and the left bracket
COLUMN_INDEX_BUFF = 0.06  # between a column's label and its first place (inside the bracket's reach above it)
# How far the brackets reach above the top row and below the bottom one (manim's 0.25 left a 4-row table at the
# legibility floor 0.11 too tall to fit under the rule with the rounding note beside it).
BRACKET_V_BUFF = 0.1
# The digits' font sizes a table tries, largest first: a small table's digits ~14 px tall at 480p, a large one's at
# the legibility floor.
TABLE_SIZES = (46, 42, 38, 35, 33, TABLE_SIZE, 30, LABEL_SIZE)
# One value of each place: (trace entry name, this layer's values, its colour from its value).
Stacked = tuple[str, np.ndarray, Callable[[float], Color]]
Built = tuple[VGroup, list["TraceNumber"]]  # a table at one size: the heading over the matrix, and its numbers


def step_title(symbol: str, l: int, error: str = "E") -> str:
    """What each place holds, top to bottom: ``w⁽ˡ⁾ⱼᵢ over ∂E/∂w⁽ˡ⁾ⱼᵢ over new w⁽ˡ⁾ⱼᵢ`` (``symbol`` "w"), or the
    same for ``b⁽ˡ⁾ⱼ`` (LaTeX)."""
    name = rf"{symbol}^{{({l + 1})}}_{{{'ji' if symbol == 'w' else 'j'}}}"
    return rf"{name} \text{{ over }} \partial {error} / \partial {name} \text{{ over new }} {name}"


def step_brackets(rows: int, stacked: int = 3) -> list[tuple[str, ...]]:
    """The brackets a ``StepTable`` of ``rows`` rows may take (``stacked`` lines a row; ``StepScene.formulas``)."""
    return [b for n in range(1, stacked * rows + 1) for b in brackets(n)]


def step_indices(rows: int, columns: int) -> list[tuple[str, ...]]:
    """The labels of a weight ``StepTable``'s ``rows`` and ``columns`` (a bias table's are its rows'): "j = 1" …,
    "i = 1" … (``StepScene.formulas``)."""
    labels: list[tuple[str, ...]] = [(f"j = {j + 1}",) for j in range(rows)]
    return labels + [(f"i = {i + 1}",) for i in range(columns)]


class StepTable(VGroup):
    """Weight layer ``l``'s weights (2-D values) or biases (1-D: a column), each place stacking the ``stacked``
    values of one parameter, row j and column i for wⱼᵢ, under ``title``."""

    def __init__(
        self,
        l: int,
        stacked: Sequence[Stacked],
        title: str,
        decimals: int,
        color: Color,
        max_width: float = PANEL_WIDTH,
        max_height: float = math.inf,
    ) -> None:
        super().__init__()

        def build(size: float) -> Built:
            return self._table(l, stacked, title, decimals, color, size, max_width)

        # the largest digits whose table fits ``max_width`` by ``max_height`` (the floor, LABEL_SIZE, if none does)
        size, (table, numbers) = largest_fitting(
            TABLE_SIZES, build, lambda drawn: drawn[0].width <= max_width and drawn[0].height <= max_height
        )
        self.numbers: list[TraceNumber] = numbers
        self.font_size = size
        self.add(table)

    @classmethod
    def _table(
        cls,
        l: int,
        stacked: Sequence[Stacked],
        title: str,
        decimals: int,
        color: Color,
        size: float,
        max_width: float,
    ) -> tuple[VGroup, list[TraceNumber]]:
        """The heading over the matrix of places, at digits of font ``size``; and its numbers."""
        tight = np.shape(stacked[0][1])[0] >= TIGHT_ROWS  # a tall table: its places and their values closer
        cells = cls._cells(l, stacked, decimals, size, tight)
        widest = max(cell.width for row in cells for cell in row)
        columns = len(cells[0])
        numbers = [n for row in cells for cell in row for n in cell if isinstance(n, TraceNumber)]
        rows = [MathTex(f"j = {j + 1}", font_size=INDEX_SIZE, color=color) for j in range(len(cells))]
        room = max_width - max(label.width for label in rows) - INDEX_BUFF  # the matrix's, beside the rows' labels
        gap = (room - columns * widest - BRACKETS_WIDTH) / max(columns - 1, 1)
        gap = min(COLUMN_GAP, max(MIN_COLUMN_GAP, gap))
        matrix = cls._matrix(cells, widest + gap, tight)
        if (excess := matrix.width - room) > 0 and columns > 1:  # the brackets took more than their estimate
            matrix = cls._matrix(cells, widest + max(MIN_COLUMN_GAP, gap - excess / (columns - 1)), tight)
        matrix.get_brackets().set_color(color)
        heading = MathTex(title, font_size=FORMULA_SIZE, color=color)
        indexed = VGroup(matrix, *cls._indices(matrix, rows, len(np.shape(stacked[0][1])) == 2, color))
        return VGroup(heading, indexed).arrange(DOWN, aligned_edge=LEFT, buff=HEADING_BUFF), numbers

    @staticmethod
    def _matrix(cells: list[list[VGroup]], pitch: float, tight: bool) -> Matrix:
        """The places in a matrix, ``pitch`` apart from column to column (``tight``: rows closer)."""
        height = max(cell.height for row in cells for cell in row)
        return Matrix(
            cells,
            element_to_mobject=lambda m: m,
            v_buff=height + (TIGHT_ROW_GAP if tight else ROW_GAP),
            h_buff=pitch,
            bracket_h_buff=0.05,
            bracket_v_buff=BRACKET_V_BUFF,
        )

    @staticmethod
    def _indices(matrix: Matrix, rows: list[MathTex], columns: bool, color: Color) -> list[MathTex]:
        """``rows``' labels left of the matrix, each level with its row; for a weight table (``columns``) also
        "i = 1" … over each column, just above its first place."""
        left = matrix.get_brackets()[0].get_left()[0] - INDEX_BUFF
        for label, row in zip(rows, matrix.get_rows(), strict=True):
            label.move_to((left, row.get_center()[1], 0.0), aligned_edge=RIGHT)
        if not columns:
            return rows
        top = matrix.get_rows()[0].get_top()[1] + COLUMN_INDEX_BUFF
        heads = [MathTex(f"i = {i + 1}", font_size=INDEX_SIZE, color=color) for i in range(len(matrix.get_columns()))]
        for head, column in zip(heads, matrix.get_columns(), strict=True):
            head.move_to((column.get_center()[0], top, 0.0), aligned_edge=DOWN)
        return [*rows, *heads]

    @staticmethod
    def _cells(l: int, stacked: Sequence[Stacked], decimals: int, size: float, tight: bool) -> list[list[VGroup]]:
        """Each place's values stacked (``tight``: closer), row j and column i, at font ``size``."""
        shape = np.shape(stacked[0][1])
        cells: list[list[VGroup]] = []
        for j in range(shape[0]):
            cells.append([])
            for i in range(shape[1] if len(shape) == 2 else 1):
                index = (j, i) if len(shape) == 2 else (j,)
                place = [
                    TraceNumber(float(values[index]), (name, l, *index), decimals, color_of(float(values[index])), size)
                    for name, values, color_of in stacked
                ]
                cells[-1].append(VGroup(*place).arrange(DOWN, buff=TIGHT_STACK_BUFF if tight else STACK_BUFF))
        return cells
