"""The one number formatter of the video: every number on screen is made here.

Numbers are ``TraceNumber`` mobjects (a ``DecimalNumber`` that knows which trace entry it shows,
e.g. ``("a", 1, 0)`` for a⁽¹⁾₁), which typeset each glyph once and reuse it, so a config with new
weights needs no new LaTeX run per number. Text (subcaptions) uses the same rounding.
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from manim import DOWN, ORIGIN, RIGHT, UP, DecimalNumber, ManimColor, SingleStringMathTex, VGroup, VMobject
from manim.mobject.text.numbers import string_to_mob_map

from nnmath.notation import (
    INFINITY,
    UNDEFINED,
    entry_decimals,
    format_number,
    format_setting,
    gradient_number,
    halvings,
    rounded,
    unsup,
)
from scenes.drawing.style import FORMULA_SIZE

# Which value a number shows: a StepTrace field and its indices, e.g. ("grad_weights", l, j, i),
# or an epilogue series, e.g. ("history", step). Tests look every entry up and compare.
Entry = tuple[str | int, ...]


Glyph = TypeVar("Glyph", bound=VMobject)
NUMBER_GLYPHS = "0123456789.-"  # what format_number writes (no thousands commas, no "+"), below SCIENTIFIC_FROM
EXPONENT_SCALE, EXPONENT_RISE = 0.7, 0.3  # a power of ten's exponent: its size and how far up it sits (of a digit)


class TraceNumber(DecimalNumber):
    """A trace value as shown on screen, rounded to ``decimals`` (never "-0.0000"); a gradient's with at least two
    significant digits (``nnmath.notation.entry_decimals``: 0.00067, not 0.0007)."""

    every_glyph_typeset = False  # once per process

    def __init__(
        self,
        value: float,
        entry: Entry,
        decimals: int,
        color: ManimColor | str,
        font_size: float = FORMULA_SIZE,
        setting: bool = False,
    ) -> None:
        self.setting = setting  # a setting (η): a small halved one reads as its fraction, 1/256 (``format_setting``)
        decimals = entry_decimals(entry, float(value), decimals)
        super().__init__(
            rounded(float(value), decimals),
            num_decimal_places=decimals,
            group_with_commas=False,  # 2749.8083, as in the answer key and the subtitles (not 2,749.8083)
            font_size=font_size,
            color=color,
        )
        self.entry = entry
        if not TraceNumber.every_glyph_typeset:
            # Every glyph a number can show, typeset now: the LaTeX cache then holds them all after a first
            # render, and a config with new numbers (a digit never shown before) compiles nothing.
            TraceNumber.every_glyph_typeset = True
            for glyph in NUMBER_GLYPHS:
                self._string_to_mob(glyph)

    def _set_submobjects_from_number(self, number: float) -> None:
        """manim's digits for a number in fixed point; from SCIENTIFIC_FROM on (or not finite) the glyphs of
        what ``format_number`` writes: 1.2346×10⁷ (the exponent raised and smaller), ∞, or "undefined".
        Glyphs laid out once are copied for the same text at the same size (``_LAYOUTS``)."""
        shown = shown_number(float(number), self.num_decimal_places, getattr(self, "setting", False))
        written = (
            shown == UNDEFINED or INFINITY in shown or "×10" in shown or "/" in shown or bool(written_exponent(shown))
        )
        glyphs = written_glyphs(shown) if written else list(self._get_num_string(number))
        key = (written, shown if written else "".join(glyphs), self._font_size, self.digit_buff_per_font_unit)
        laid = _LAYOUTS.get(key) if self._laid_out_alike() else None
        if laid is not None and all(string_to_mob_map.get(c) is typeset for c, typeset in laid.typeset):
            self.number = number
            self.submobjects = []
            self.add(*(light_copy(glyph, same_origin=True) for glyph in laid.glyphs))
            self.initial_height = laid.initial_height
            return
        if written:
            self._set_written(float(number), shown)
        else:
            super()._set_submobjects_from_number(number)
        if self._laid_out_alike():
            if len(_LAYOUTS) > MAX_LAYOUTS:
                _LAYOUTS.clear()
            kept = tuple(light_copy(glyph, same_origin=True) for glyph in self.submobjects)
            _LAYOUTS[key] = _Layout(tuple((c, string_to_mob_map[c]) for c in glyphs), kept, self.initial_height)

    def _laid_out_alike(self) -> bool:
        """Whether the layout is the glyphs' alone: no unit, ellipsis or background (none a trace number has)."""
        return self.unit is None and not self.show_ellipsis and not self.include_background_rectangle

    def _set_written(self, number: float, shown: str) -> None:
        self.number = number
        self.submobjects = []
        glyphs = [self._string_to_mob(c) for c in written_glyphs(shown)]
        power = glyphs[len(glyphs) - len(written_exponent(shown)) :] if written_exponent(shown) else []
        body = glyphs[: len(glyphs) - len(power)]
        self.add(*body).arrange(buff=self.digit_buff_per_font_unit * self._font_size, aligned_edge=DOWN)
        if shown.startswith("-") and len(body) > 1:  # manim's minus sits at the middle of the digits
            body[0].align_to(body[1], UP).shift(body[1].height * DOWN / 2)
        if power:
            exponent = VGroup(*power).arrange(buff=self.digit_buff_per_font_unit * self._font_size, aligned_edge=DOWN)
            exponent.scale(EXPONENT_SCALE).next_to(body[-1], RIGHT, buff=0.03).align_to(body[-1], UP)
            exponent.shift(body[-1].height * EXPONENT_RISE * UP)
            self.add(*power)
        self.move_to(ORIGIN)
        self.initial_height = self.height

    def _string_to_mob(
        self, string: str, mob_class: type[SingleStringMathTex] | None = None, **kwargs: Any
    ) -> VMobject:
        """manim's glyph for ``string``: a copy of one typeset per process, which is made light the first time."""
        if string not in string_to_mob_map:
            super()._string_to_mob(string, mob_class, **kwargs)  # typesets it into manim's map of glyphs
            _lighten(string_to_mob_map[string])
        glyph = light_copy(string_to_mob_map[string])
        glyph.font_size = self._font_size
        return glyph


WRITTEN_GLYPHS = {INFINITY: r"\infty", "×": r"\times", "·": r"\cdot"}  # characters that are LaTeX commands
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"


def shown_number(value: float, decimals: int, setting: bool = False) -> str:
    """What a number reads on screen: ``format_number``'s text, or a setting's own (``format_setting``) when it
    is a small halved one, written as a fraction (1/256, 0.1/128, 2⁻²⁰)."""
    if setting and halvings(value) is not None:
        return format_setting(value)
    return format_number(value, decimals)


def written_glyphs(shown: str) -> list[str]:
    """The glyphs (LaTeX, one each) of a number as written: its characters (×, · and ∞ as LaTeX commands), then
    the digits of a trailing exponent (1.2346×10⁷, 2⁻²⁰); or the word "undefined"."""
    if shown == UNDEFINED:
        return [r"\text{undefined}"]
    exponent = written_exponent(shown)
    body = shown[: len(shown) - len(exponent)]
    return [*(WRITTEN_GLYPHS.get(c, c) for c in body), *exponent]


def written_exponent(shown: str) -> str:
    """The exponent's characters of a number written with a power (``1.2346×10³⁰⁰`` → ``300``, ``2⁻²⁰`` →
    ``-20``), else ""."""
    body = shown.rstrip(_SUPERSCRIPTS)
    return unsup(shown[len(body) :])


def light_copy(mob: Glyph, same_origin: bool = False) -> Glyph:
    """A copy of a glyph as manim's ``copy`` makes it, without deep-copying what nothing changes after a glyph is
    typeset (its LaTeX, its SVG settings, its colours' objects): each array and list is its own, every other
    attribute shared. Copying a glyph is what every digit of every number does; this takes a fifth of the time.
    ``same_origin``: the copy names the mobject ``mob`` was copied from as its original, as ``mob`` does."""
    clone = copy(mob)
    for name, value in mob.__dict__.items():
        if isinstance(value, np.ndarray):
            setattr(clone, name, value.copy())
        elif isinstance(value, list | dict):
            setattr(clone, name, copy(value))
    clone.submobjects = [light_copy(sub, same_origin) for sub in mob.submobjects]
    clone.updaters = []
    if not same_origin:
        clone.original_id = str(id(mob))
    return clone


@dataclass(frozen=True)
class _Layout:
    """A number's glyphs as manim laid them out (copies, never drawn), and the typeset glyphs they are copies of:
    the same characters at the same size lay out the same, to the last bit, so a number showing them again takes
    copies of these (``TraceNumber._set_submobjects_from_number``) instead of laying out copies of the typeset
    glyphs again (scaling each to the font size, ``arrange``, ``move_to``: two thirds of the time of making a
    number). Used only while manim's map of typeset glyphs still holds those glyphs."""

    typeset: tuple[tuple[str, VMobject], ...]
    glyphs: tuple[VMobject, ...]
    initial_height: float


# Keyed by (written out, the text, the font size, the digits' buffer per font unit).
_LAYOUTS: dict[tuple[bool, str, float, float], _Layout] = {}
MAX_LAYOUTS = 20_000  # about 7 glyphs each; numbers long gone are dropped all at once past this


def _lighten(glyph: SingleStringMathTex) -> None:
    """Drop the SVG's table of ids, which only a formula's parts by name need: copying it was most of the time of
    copying a glyph, which every digit of every number on screen does (the parsed paths are shared:
    ``scenes/stage/parsed_paths.py``)."""
    glyph.id_to_vgroup_dict = {}


def text(value: float, decimals: int) -> str:
    """The same number as plain text, for subcaptions."""
    return format_number(float(value), decimals)


def gradient_text(value: float, decimals: int) -> str:
    """A gradient (or a factor of a gradient formula) as plain text: at least two significant digits, as its
    ``TraceNumber`` shows it (0.00067)."""
    return gradient_number(float(value), decimals)


def entry_text(entry: Entry, value: float, decimals: int) -> str:
    """A trace entry's value as plain text, as its ``TraceNumber`` shows it (``nnmath.notation.entry_decimals``)."""
    return format_number(float(value), entry_decimals(entry, float(value), decimals))


def entries_product_text(factors: Iterable[tuple[Entry, float]], decimals: int) -> str:
    """Factors (entry, value) as a caption multiplies them, each as its ``TraceNumber`` shows it: "0.7414 ·
    0.1868 · 0.4000 · …" (negatives but the first in parentheses)."""
    texts = [entry_text(entry, value, decimals) for entry, value in factors]
    return " · ".join(t if n == 0 or not t.startswith("-") else f"({t})" for n, t in enumerate(texts))


def listed(values: Iterable[float], decimals: int, gradient: bool = False) -> str:
    """Values as a caption writes them: one alone ("0.7514", never "(0.7514)"), several as a tuple
    ("(0.5933, 0.5969)"); ``gradient``: gradients, each with at least two significant digits."""
    texts = [(gradient_text if gradient else text)(v, decimals) for v in values]
    return texts[0] if len(texts) == 1 else f"({', '.join(texts)})"


def setting_text(value: float) -> str:
    """A setting as the config gives it (η = 0.5, not 0.5000), for captions."""
    return format_setting(float(value))


def factor_text(value: float, decimals: int, gradient: bool = False) -> str:
    """As ``text`` (``gradient_text`` for a gradient's factor), in parentheses when negative: a factor in a product."""
    shown = gradient_text(value, decimals) if gradient else text(value, decimals)
    return f"({shown})" if shown.startswith("-") else shown


def product_text(values: Iterable[float], decimals: int, gradient: bool = False) -> str:
    """Factors as a caption multiplies them: "−1.9384 · 0.2497 · (−0.3775)" (the first needs no parentheses);
    ``gradient``: a gradient formula's factors, each with at least two significant digits."""
    plain = gradient_text if gradient else text
    texts = [plain(v, decimals) if n == 0 else factor_text(v, decimals, gradient) for n, v in enumerate(values)]
    return " · ".join(texts)


__all__ = [
    "Entry",
    "TraceNumber",
    "entries_product_text",
    "entry_text",
    "factor_text",
    "gradient_text",
    "listed",
    "product_text",
    "setting_text",
    "text",
    "written_glyphs",
]
