"""Side tables for networks too large to label every edge: a layer's weights and biases as matrices."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import DOWN, LEFT, MathTex, Matrix, VGroup

from scenes.drawing.fitting import largest_fitting
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.style import FORMULA_SIZE, LABEL_SIZE, PANEL_WIDTH, RULE_SIZE, TABLE_ROOMY_SIZE, TABLE_SIZE
from scenes.drawing.theme import Color

COLUMN_GAP, MIN_COLUMN_GAP = 0.3, 0.12  # between the widest numbers of two columns
BRACKETS_WIDTH = 0.35  # both brackets of a matrix with their room


WEIGHT_PLACES = r"\text{: row } j \text{, column } i"  # where wⱼᵢ sits: row j (into neuron j), column i (from i)
BIAS_PLACES = r"\text{: row } j"


def title_of(symbol: str, l: int, words: str = "") -> str:
    """A part's name in the symbols the video defined (no matrix symbol W, which it never does): the indexed
    entry and where it sits, ``words`` before it, e.g. ``new w⁽ˡ⁾ⱼᵢ: row j, column i`` (``symbol`` "w") or
    ``new b⁽ˡ⁾ⱼ: row j`` (any other symbol: one index)."""
    index, places = ("ji", WEIGHT_PLACES) if symbol == "w" else ("j", BIAS_PLACES)
    prefix = rf"\text{{{words} }}" if words else ""
    return rf"{prefix}{symbol}^{{({l + 1})}}_{{{index}}}{places}"


def brackets(lines: int) -> list[tuple[str, ...]]:
    """The ``MathTex`` arguments of the brackets manim's ``Matrix`` draws ``lines`` lines high
    (``Matrix._add_brackets``)."""
    array = r"\begin{array}{c}" + lines * r"\quad \\" + r"\end{array}"
    return [(rf"\left[{array}\right.",), (rf"\left.{array}\right]",)]


def table_formulas(l: int, rows: int, *symbols: str, words: str = "") -> list[tuple[str, ...]]:
    """The formulas of weight layer ``l``'s tables (``StepScene.formulas``), each part named by one of
    ``symbols`` (``title_of``, after ``words``): their titles, and the brackets a matrix of ``rows`` rows may take
    (manim sizes them by the matrix's height, one to ``rows`` lines)."""
    titles = [(title_of(symbol, l, words),) for symbol in symbols]
    return [*titles, *(b for n in range(1, rows + 1) for b in brackets(n))]


def pair_title(l: int) -> str:
    """What each place of a ``PairTable`` holds: w⁽ˡ⁾ⱼᵢ over ∂E/∂w⁽ˡ⁾ⱼᵢ (LaTeX)."""
    w = rf"w^{{({l + 1})}}_{{ji}}"
    return rf"{w} \text{{ over }} \partial E / \partial {w}"


PAIR_SIZES = (
    TABLE_ROOMY_SIZE,
    RULE_SIZE,
    FORMULA_SIZE,
    TABLE_SIZE,
    LABEL_SIZE,
)  # a pair table's: the largest that fits


class PairTable(VGroup):
    """Weight layer ``l``'s weights with each one's gradient under it, row j and column i for wⱼᵢ, under a
    title saying so: every gradient beside its weight when the diagram has no room for them. Its numbers take the
    largest of ``PAIR_SIZES`` at which it fits ``max_width`` and ``max_height`` (the legibility floor if none)."""

    def __init__(
        self,
        l: int,
        weights: np.ndarray,
        gradients: np.ndarray,
        decimals: int,
        color: Color,
        gradient_color: Callable[[float], Color],
        max_width: float = PANEL_WIDTH,
        max_height: float = float("inf"),
    ) -> None:
        super().__init__()

        def build(size: float) -> tuple[VGroup | None, list[list[VGroup]]]:
            """The table at ``size`` (None if its columns are too wide: no matrix built), and its cells."""
            cells = [
                [
                    VGroup(
                        TraceNumber(w, ("weights", l, j, i), decimals, color, size),
                        TraceNumber(g, ("grad_weights", l, j, i), decimals, gradient_color(g), size),
                    ).arrange(DOWN, buff=0.08)
                    for i, (w, g) in enumerate(zip(row, gradients[j].tolist(), strict=True))
                ]
                for j, row in enumerate(weights.tolist())
            ]
            widest = max(cell.width for row in cells for cell in row)
            wide = len(cells[0]) * widest + (len(cells[0]) - 1) * MIN_COLUMN_GAP + BRACKETS_WIDTH
            table = self._table(l, cells, widest, color, max_width) if wide <= max_width or size == floor else None
            return table, cells

        floor = PAIR_SIZES[-1]  # the legibility floor: built whatever its size
        _, (table, cells) = largest_fitting(
            PAIR_SIZES, build, lambda drawn: drawn[0] is not None and drawn[0].height <= max_height
        )
        assert table is not None  # the floor's table is always built
        self.numbers: list[TraceNumber] = [
            n for row in cells for cell in row for n in cell if isinstance(n, TraceNumber)
        ]
        self.add(table)

    @staticmethod
    def _table(l: int, cells: list[list[VGroup]], widest: float, color: Color, max_width: float) -> VGroup:
        """The title over the matrix of ``cells``."""
        gap = (max_width - len(cells[0]) * widest - BRACKETS_WIDTH) / max(len(cells[0]) - 1, 1)
        gap = min(COLUMN_GAP, max(MIN_COLUMN_GAP, gap))
        height = max(cell.height for row in cells for cell in row)
        matrix = Matrix(
            cells, element_to_mobject=lambda m: m, v_buff=height + 0.3, h_buff=widest + gap, bracket_h_buff=0.05
        )
        matrix.get_brackets().set_color(color)
        title = MathTex(pair_title(l), font_size=FORMULA_SIZE, color=color)
        return VGroup(title, matrix).arrange(DOWN, aligned_edge=LEFT, buff=0.2)


def pair_brackets(rows: int) -> list[tuple[str, ...]]:
    """The brackets a ``PairTable`` of ``rows`` rows may take (two lines a row; ``StepScene.formulas``)."""
    return [b for n in range(1, 2 * rows + 1) for b in brackets(n)]
