"""Words with a power of ten in them ("below 10⁻¹⁴ in 1 update") at a size a class can read: a Text's superscript
digits are ~7 px at 480p, so each power is typeset as the charts' decade labels are (its exponent as tall as its
digits), on the words' baseline; the "× 10ⁿ" of m × 10ⁿ as the panels typeset it (``times_power``), so the words and the
panels write a number one way. Words without one stay a plain Text."""

from __future__ import annotations

import itertools
import re

from manim import DOWN, LEFT, RIGHT, UP, MathTex, Text, VGroup, VMobject

from scenes.drawing.log_plot import AXIS_NUMBER_SIZE, decade_latex, times_power
from scenes.drawing.theme import Color

POWER = re.compile(r"(× )?10([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")  # 10⁻¹⁴, or m × 10⁻⁹'s "× 10⁻⁹" (``nnmath.notation``)
PLAIN_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
ON_BASELINE = set("acemnorsuvwxz0123456789")  # glyphs that sit on the baseline (no descender)
WORD_GAP = 0.14  # between a power and the words beside it, at LABEL_SIZE (a space's width)
LINE_GAP = 0.12  # between lines
PUNCTUATION = set(":;,.)")


TIMES = "{}"  # before "× 10ⁿ": × spaced as between two numbers (as the panels' m × 10ⁿ), not as a sign


def times_latex(n: int) -> str:
    """The "× 10ⁿ" of m × 10ⁿ in words, in LaTeX: as the panels write it (``times_power``), × spaced from 10ⁿ."""
    return TIMES + times_power(n)


class PoweredText(VGroup):
    """``text`` (lines split at "\\n") with each power of ten a formula: its lines left-aligned, one under another."""

    def __init__(self, text: str, font_size: float, color: Color) -> None:
        super().__init__()
        self.original_text = text
        self.add(*(power_line(line, font_size, color) for line in text.split("\n")))
        self.arrange(DOWN, aligned_edge=LEFT, buff=LINE_GAP * font_size / AXIS_NUMBER_SIZE)


def power_line(line: str, font_size: float, color: Color) -> VMobject:
    """One line: its words as Text, each power of ten as a formula, on one baseline."""
    pieces: list[VMobject] = []
    position = 0
    for match in POWER.finditer(line):
        words = line[position : match.start()].strip()
        if words:
            pieces.append(Text(words, font_size=font_size, color=color))
        exponent = int(match.group(2).translate(PLAIN_DIGITS))
        latex = times_latex(exponent) if match.group(1) else decade_latex(exponent)
        pieces.append(MathTex(latex, font_size=AXIS_NUMBER_SIZE, color=color))
        position = match.end()
    if rest := line[position:].strip():
        pieces.append(Text(rest, font_size=font_size, color=color))
    if len(pieces) == 1 and isinstance(pieces[0], Text):
        return pieces[0]
    base = baseline(pieces[0])
    for before, piece in itertools.pairwise(pieces):  # punctuation right after a power: no space
        glued = isinstance(piece, Text) and piece.original_text[:1] in PUNCTUATION
        piece.next_to(before, RIGHT, buff=0.04 if glued else WORD_GAP * font_size / 28)
        piece.shift((base - baseline(piece)) * UP)
    return VGroup(*pieces)


def baseline(piece: VMobject) -> float:
    """The y of ``piece``'s baseline: the bottom of its first glyph that sits on it (of a power: its "1")."""
    if isinstance(piece, MathTex):  # the "1" of 10ⁿ, after the × of "× 10ⁿ"
        return float(piece[0][1 if piece.tex_string.startswith(TIMES) else 0].get_bottom()[1])
    glyphs = [c for c in piece.original_text if not c.isspace()] if isinstance(piece, Text) else []
    for char, glyph in zip(glyphs, piece.submobjects, strict=False):
        if char in ON_BASELINE:
            return float(glyph.get_bottom()[1])
    return float(piece.get_bottom()[1])


def powered_text(text: str, font_size: float, color: Color, line_spacing: float = 0.8) -> Text | PoweredText:
    """A plain Text, or where ``text`` has a power of ten in it, a ``PoweredText``."""
    if POWER.search(text) is None:
        return Text(text, font_size=font_size, color=color, line_spacing=line_spacing)
    return PoweredText(text, font_size, color)
