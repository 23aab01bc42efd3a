"""The one number formatter of the video: every number on screen is made here.

Numbers are ``DecimalNumber`` mobjects, which typeset each glyph once and reuse it, so a config
with new weights needs no new LaTeX run per number. Text (subcaptions) uses the same rounding.
"""

from __future__ import annotations

from manim import DecimalNumber, ManimColor

from nnmath.notation import format_number, rounded

NUMBER_FONT_SIZE = 34  # formulas; digits at 34 are 0.24 units tall (the floor, 1/40 of the frame, is 28)


def number(value: float, decimals: int, color: ManimColor | str, font_size: float = NUMBER_FONT_SIZE) -> DecimalNumber:
    """A trace value as shown on screen (rounded to ``decimals``; never "-0.0000")."""
    return DecimalNumber(
        rounded(float(value), decimals),
        num_decimal_places=decimals,
        group_with_commas=False,  # 2749.8083, as in the answer key and the subtitles (not 2,749.8083)
        font_size=font_size,
        color=color,
    )


def text(value: float, decimals: int) -> str:
    """The same number as plain text, for subcaptions."""
    return format_number(float(value), decimals)


def factor_text(value: float, decimals: int) -> str:
    """As ``text``, in parentheses when negative: a factor in a product."""
    shown = text(value, decimals)
    return f"({shown})" if shown.startswith("-") else shown


__all__ = ["NUMBER_FONT_SIZE", "factor_text", "number", "text"]
