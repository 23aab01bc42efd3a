"""A scene compiles a formula only if no clip has: it looks in the LaTeX cache first, under a lock per formula.

Clips render at the same time and need many of the same formulas. Before compiling one its media folder lacks, a
scene looks in the shared cache (``scenes/stage/tex_cache.py``): a formula another clip compiled a moment ago is
linked, not compiled again, and one that two clips want at once is compiled by the first while the other waits.
What a scene compiles goes into the cache at once. manim compiles through ``tex_to_svg_file`` (as named in its
Tex module), which is wrapped here.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable
from pathlib import Path
from typing import Any

from manim.mobject.text import tex_mobject
from manim.utils.tex_file_writing import generate_tex_file

from scenes.stage.tex_cache import publish, take, tex_cache


def _compile_once(compile_svg: Callable[..., Path]) -> Callable[..., Path]:
    """``compile_svg`` (manim's ``tex_to_svg_file``), looking in the cache first."""

    def compiled(expression: str, environment: str | None = None, tex_template: Any = None) -> Path:
        svg = generate_tex_file(expression, environment, tex_template).with_suffix(".svg")  # manim's own name
        if svg.exists():
            return svg
        cache = tex_cache()
        try:
            (cache / "locks").mkdir(parents=True, exist_ok=True)
            with (cache / "locks" / f"{svg.stem}.lock").open("w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # another clip compiling it: wait for it; released on close
                if take(svg, cache):
                    return svg
                made = compile_svg(expression, environment, tex_template)
                publish(made, cache)
                return made
        except OSError:  # no usable cache: compile here
            return compile_svg(expression, environment, tex_template)

    compiled.compiles_once = True  # type: ignore[attr-defined]
    return compiled


def share_compiles() -> None:
    """Make this process look in the cache before compiling a formula, and add what it compiles (idempotent)."""
    compile_svg = tex_mobject.tex_to_svg_file  # type: ignore[attr-defined]  # imported there from tex_file_writing
    if not getattr(compile_svg, "compiles_once", False):
        tex_mobject.tex_to_svg_file = _compile_once(compile_svg)  # type: ignore[attr-defined]
