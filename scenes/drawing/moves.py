"""Numbers that travel: from the diagram into a formula, from a formula onto the diagram, or in place.

A number only ever flies from a number that reads the same digits (the same value in another place);
a number that changes its value fades out before the new one fades in, so no digit is ever caught
half-way between two others and no frame shows a number that is neither. A formula's symbols appear while
the numbers it takes from elsewhere fly in; its other numbers (a result among them) only once those have
landed, so no frame shows a result beside a gap where a value it uses goes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
from manim import Animation, DecimalNumber, Mobject, ReplacementTransform, Scene, VMobject
from manim.utils.rate_functions import smooth, squish_rate_func

from nnmath.notation import format_number
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.style import Z_EDGES

Sources = Mapping[int, TraceNumber | None]  # number k of a formula flies in from sources[k]
LANDED = 0.6  # of an assembly's time: its numbers fly in until then, the rest of the formula appears after
FIRST_HALF, SECOND_HALF = squish_rate_func(smooth, 0.0, 0.5), squish_rate_func(smooth, 0.5, 1.0)


def assemble(scene: Scene, formula: Formula, sources: Sources, *extra: Animation, run_time: float = 1.2) -> None:
    """Show ``formula``: number k flies in from ``sources[k]`` (a copy of it) if there is one, the rest fades in."""
    assemble_all(scene, [(formula, sources)], *extra, run_time=run_time)


def assemble_all(
    scene: Scene, formulas: Sequence[tuple[Formula, Sources]], *extra: Animation, run_time: float = 1.2
) -> None:
    """``assemble`` several formulas at once."""
    flights: list[Animation] = []
    symbols: list[VMobject] = []
    late: list[VMobject] = []  # the numbers that do not fly in (a result among them): once the others have landed
    pieces = []
    for formula, sources in formulas:
        symbols.append(formula.symbols())
        for k, mob in enumerate(formula.numbers):
            source = sources.get(k)
            if source is not None:  # under the diagram's numbers on its way: it covers none of them
                flights.append(fly(source, mob, rate_func=squish_rate_func(smooth, 0.0, LANDED), z_index=Z_EDGES))
            else:
                late.append(mob)
        pieces += [symbols[-1], *formula.numbers]
    after = squish_rate_func(smooth, LANDED, 1.0) if flights else smooth
    # the operators come with the numbers that fade in: no frame shows a skeleton with empty slots
    early = squish_rate_func(smooth, 0.0, LANDED) if flights and not late else after
    appear = [Appear(m, rate_func=early) for m in symbols] + [Appear(m, rate_func=after) for m in late]
    scene.play(*flights, *appear, *extra, run_time=run_time)
    scene.remove(*pieces)  # the loose pieces become the formulas again
    scene.add(*(formula for formula, _ in formulas))


def fly(
    source: DecimalNumber,
    target: DecimalNumber,
    z_index: float | None = None,
    rate_func: Callable[[float], float] = smooth,
) -> Animation:
    """A copy of ``source`` moves to become ``target`` (which is then on the scene by itself); ``z_index``: the
    copy's drawing order on its way (``Z_EDGES``: under the neurons and the labels it passes)."""
    assert reads(source) == reads(target), f"a number flies only to the same digits: {reads(source)} → {reads(target)}"
    copy = source.copy()
    if z_index is not None:
        copy.set_z_index(z_index)
    return ReplacementTransform(copy, target, rate_func=rate_func)


def swap_keys(old: Mobject, new: Mobject) -> list[Animation]:
    """Key ``old`` fades out in the first half of the time, then ``new`` fades in: two keys never overlap."""
    return [Vanish(old, rate_func=FIRST_HALF), Appear(new, rate_func=SECOND_HALF)]


def trade_keys(old: Mobject, new: Mobject) -> list[Animation]:
    """Key ``new`` in place of ``old``: the rows ``new`` shares with ``old``, in their places (the sign key's
    "∂E/∂…: > 0 / < 0" when only "path followed" goes), stay on screen throughout, so the colours that stay never
    lose their key mid-swap; the others go as in ``swap_keys``."""
    shared = [a for a in old.submobjects if any(same_row(a, b) for b in new.submobjects)]
    if not shared:
        return swap_keys(old, new)
    going = [Vanish(row, rate_func=FIRST_HALF) for row in old.submobjects if row not in shared]
    return [*going, *(Vanish(row, rate_func=at_the_end) for row in shared), Appear(new, rate_func=SECOND_HALF)]


def same_row(a: Mobject, b: Mobject) -> bool:
    """``a`` and ``b`` look alike in the same place (a key's row drawn again): centre, size and parts."""
    return (
        len(a.get_family()) == len(b.get_family())
        and np.allclose(a.get_center(), b.get_center(), atol=1e-3)
        and abs(a.width - b.width) < 1e-3
        and abs(a.height - b.height) < 1e-3
    )


def at_the_end(t: float) -> float:
    """A rate function that holds until the animation's last frame."""
    return 1.0 if t >= 1.0 else 0.0


def extend_key(old: Mobject, new: Mobject) -> list[Animation]:
    """Key ``new`` in place of ``old``: where ``new`` starts with ``old``'s rows, in their places, it fades in over
    them and ``old`` goes at the end, so the colours on screen never lose their key mid-swap; else ``swap_keys``."""
    rows = list(zip(old.submobjects, new.submobjects, strict=False))
    kept = len(new.submobjects) >= len(old.submobjects) and all(
        np.allclose(a.get_center(), b.get_center(), atol=1e-3) and a.width == b.width for a, b in rows
    )
    return [Vanish(old, rate_func=at_the_end), Appear(new)] if kept else swap_keys(old, new)


def cross_fade(old: DecimalNumber | None, new: DecimalNumber) -> list[Animation]:
    """``old`` (if any) fades out in the first half of the time, then ``new`` fades in where it was: the two are
    never drawn over each other, and no frame shows a number that is neither."""
    return [Vanish(old, rate_func=FIRST_HALF), Appear(new, rate_func=SECOND_HALF)] if old is not None else [Appear(new)]


def reads(number: DecimalNumber) -> str:
    """The glyphs a number shows, as text."""
    return format_number(float(number.get_value()), number.num_decimal_places)
