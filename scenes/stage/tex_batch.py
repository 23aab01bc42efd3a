"""Typeset many formulas in one LaTeX run, before a scene asks for them one by one.

A formula alone costs one ``latex`` and one ``dvisvgm`` run, about a quarter of a second here, nearly all of
it starting them (LaTeX's format takes longer to load than a formula takes to typeset). Sixty formulas as the
pages of one document cost about the same as one. A scene names, before it starts, the formulas it will want
(those every step draws, ``scenes/drawing/likely_tex.py``, and its own, ``StepScene.formulas``); those not yet
compiled are typeset together here, and each page is saved as the SVG manim would have written for that
formula alone, under manim's own file name, in the scene's LaTeX folder and the shared cache. A formula not named is compiled on its own when asked for, as before.

A page's SVG draws exactly what manim's own compile of the formula draws; only the SVG's internal names of
glyphs and pages differ (a test compares the mobjects' points). If the batch fails (a LaTeX error, a custom
template), nothing is lost: every formula is then compiled on its own.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from manim import MathTex, config
from manim.mobject.text import tex_mobject
from manim.utils.tex_file_writing import generate_tex_file, make_tex_compilation_command

from scenes.stage.tex_cache import publish, take, tex_cache

# Each formula is a page of one document: standalone's ``multi`` makes a page of every such environment, and
# ``preview`` crops each page to its formula as it crops a document of one formula.
_PAGE = "bpvformula"
_CLASS = r"\documentclass[preview]{standalone}"
_BATCH_CLASS = rf"\documentclass[preview,multi={_PAGE}]{{standalone}}" + "\n" + rf"\newenvironment{{{_PAGE}}}{{}}{{}}"
_BODY = re.compile(r"\\begin\{document\}\n?(.*?)\n?\\end\{document\}", re.S)


class _Expression(Exception):  # a signal, not an error
    """Raised in place of compiling: what manim would have compiled for a formula."""

    def __init__(self, expression: str, environment: str | None, tex_template: Any) -> None:
        self.expression, self.environment, self.tex_template = expression, environment, tex_template


def tex_file_of(*tex_strings: str) -> Path:
    """The ``.tex`` file ``MathTex(*tex_strings)`` compiles (written by manim's own code; nothing is compiled)."""

    def stop(expression: str, environment: str | None = None, tex_template: Any = None) -> Path:
        raise _Expression(expression, environment, tex_template)

    compile_svg = tex_mobject.tex_to_svg_file  # type: ignore[attr-defined]
    tex_mobject.tex_to_svg_file = stop  # type: ignore[attr-defined]
    try:
        MathTex(*tex_strings)
    except _Expression as formula:
        return generate_tex_file(formula.expression, formula.environment, formula.tex_template)
    finally:
        tex_mobject.tex_to_svg_file = compile_svg  # type: ignore[attr-defined]
    raise RuntimeError(f"MathTex{tex_strings} compiled nothing")  # manim changed: it no longer calls it


def typeset_ahead(formulas: Iterable[tuple[str, ...]]) -> int:
    """Make sure each ``MathTex(*formula)`` of ``formulas`` is compiled, those missing in one LaTeX run; how many
    that run typeset (0 when all were there, or when the batch failed and each will compile on its own)."""
    wanted = list(dict.fromkeys(tex_file_of(*formula) for formula in formulas))
    missing = [tex for tex in wanted if not _present(tex)]
    if not missing:
        return 0
    with _batch_lock():  # another process typesetting the same formulas: wait, then take what it made
        missing = [tex for tex in missing if not _present(tex)]
        return _typeset(missing) if missing else 0


def _present(tex: Path) -> bool:
    """Whether ``tex``'s SVG is in the scene's LaTeX folder, linking it from the cache if it is there."""
    svg = tex.with_suffix(".svg")
    try:
        return svg.exists() or take(svg)
    except OSError:  # an unusable cache: as if it had nothing
        return False


@contextmanager
def _batch_lock() -> Iterator[None]:
    try:
        (tex_cache() / "locks").mkdir(parents=True, exist_ok=True)
        lock = (tex_cache() / "locks" / "batch.lock").open("w")
    except OSError:  # no usable cache: nobody to wait for
        yield
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released on close
        yield


def _typeset(texs: list[Path]) -> int:
    """Typeset ``texs`` as the pages of one document; each page's SVG saved under its formula's name."""
    template = config["tex_template"]
    sources = [tex.read_text(encoding="utf-8") for tex in texs]
    preambles = {source.partition(r"\begin{document}")[0] for source in sources}
    if template.tex_compiler != "latex" or template.output_format != ".dvi" or len(preambles) != 1:
        return 0  # a template this batch does not know: each formula compiles on its own
    preamble = preambles.pop()
    if _CLASS not in preamble:
        return 0
    bodies = [match.group(1) for source in sources if (match := _BODY.search(source))]
    if len(bodies) != len(sources):
        return 0
    document = (
        preamble.replace(_CLASS, _BATCH_CLASS, 1)
        + "\\begin{document}\n"
        + "".join(f"\\begin{{{_PAGE}}}\n{body}\n\\end{{{_PAGE}}}\n" for body in bodies)
        + "\\end{document}\n"
    )
    with tempfile.TemporaryDirectory(prefix="backprop-tex-") as scratch:  # away from manim's LaTeX clean-up
        work = Path(scratch)
        (work / "batch.tex").write_text(document, encoding="utf-8")
        latex = make_tex_compilation_command("latex", ".dvi", work / "batch.tex", work)
        if subprocess.run(latex, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
            return 0
        digits = len(str(len(texs)))  # pages numbered with as many digits as the last one needs
        dvisvgm = ["dvisvgm", "--page=1-", "--no-fonts", "--verbosity=0", f"--output={work}/page%{digits}p.svg"]
        subprocess.run([*dvisvgm, str(work / "batch.dvi")], cwd=work, stdout=subprocess.DEVNULL, check=False)
        pages = [work / f"page{k:0{digits}d}.svg" for k in range(1, len(texs) + 1)]
        if sorted(work.glob("page*.svg")) != pages:
            return 0  # pages and formulas do not match one to one: trust none of them
        for tex, page in zip(texs, pages, strict=True):
            _save(page, tex.with_suffix(".svg"))
    return len(texs)


def _save(page: Path, svg: Path) -> None:
    """``page`` as ``svg`` in the scene's LaTeX folder (renamed into place) and in the shared cache."""
    part = svg.with_name(f".{svg.name}.part")
    shutil.copyfile(page, part)
    os.replace(part, svg)
    with suppress(OSError):  # a read-only or full cache: this scene is fine, others compile it again
        tex_cache().mkdir(parents=True, exist_ok=True)
        publish(svg, tex_cache())
