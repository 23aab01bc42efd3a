"""Numbers that travel: from the diagram into a formula, from a formula onto the diagram, or in place.

A number only ever flies from a number that reads the same digits (the same value in another place);
a number that changes its value fades out while the new one fades in, so no digit is ever caught
half-way between two others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from manim import Animation, DecimalNumber, ReplacementTransform, Scene

from nnmath.notation import format_number
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula
from scenes.drawing.numbers import TraceNumber

Sources = Mapping[int, TraceNumber | None]  # number k of a formula flies in from sources[k]


def assemble(scene: Scene, formula: Formula, sources: Sources, *extra: Animation, run_time: float = 1.2) -> None:
    """Show ``formula``: number k flies in from ``sources[k]`` (a copy of it) if there is one, the rest fades in."""
    assemble_all(scene, [(formula, sources)], *extra, run_time=run_time)


def assemble_all(
    scene: Scene, formulas: Sequence[tuple[Formula, Sources]], *extra: Animation, run_time: float = 1.2
) -> None:
    """``assemble`` several formulas at once."""
    animations: list[Animation] = []
    pieces = []
    for formula, sources in formulas:
        symbols = formula.symbols()
        animations.append(Appear(symbols))
        for k, mob in enumerate(formula.numbers):
            source = sources.get(k)
            animations.append(fly(source, mob) if source is not None else Appear(mob))
        pieces += [symbols, *formula.numbers]
    scene.play(*animations, *extra, run_time=run_time)
    scene.remove(*pieces)  # the loose pieces become the formulas again
    scene.add(*(formula for formula, _ in formulas))


def fly(source: DecimalNumber, target: DecimalNumber) -> Animation:
    """A copy of ``source`` moves to become ``target`` (which is then on the scene by itself)."""
    assert reads(source) == reads(target), f"a number flies only to the same digits: {reads(source)} → {reads(target)}"
    return ReplacementTransform(source.copy(), target)


def cross_fade(old: DecimalNumber | None, new: DecimalNumber) -> list[Animation]:
    """``old`` (if any) fades out where ``new`` fades in."""
    return [Vanish(old), Appear(new)] if old is not None else [Appear(new)]


def reads(number: DecimalNumber) -> str:
    """The glyphs a number shows, as text."""
    return format_number(float(number.get_value()), number.num_decimal_places)
