"""Numbers that travel: from the diagram into a formula, and from a formula onto the diagram."""

from __future__ import annotations

from collections.abc import Mapping

from manim import Animation, Mobject, ReplacementTransform, Scene

from scenes.drawing.fades import Appear
from scenes.drawing.formula import Formula


def assemble(
    scene: Scene, formula: Formula, sources: Mapping[int, Mobject], *extra: Animation, run_time: float = 1.2
) -> None:
    """Show ``formula``: number k flies in from ``sources[k]`` (a copy of it), the rest fades in."""
    symbols = formula.symbols()
    animations: list[Animation] = [Appear(symbols)]
    for k, mob in enumerate(formula.numbers):
        animations.append(ReplacementTransform(sources[k].copy(), mob) if k in sources else Appear(mob))
    scene.play(*animations, *extra, run_time=run_time)
    scene.remove(symbols, *formula.numbers)  # the loose pieces become the formula again
    scene.add(formula)


def fly(source: Mobject, target: Mobject) -> Animation:
    """A copy of ``source`` becomes ``target`` (which is then on the scene by itself)."""
    return ReplacementTransform(source.copy(), target)
