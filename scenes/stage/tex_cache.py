"""One LaTeX cache shared by every clip and every render: a formula is compiled once per machine.

manim keeps each compiled formula as ``<media_dir>/Tex/<hash>.svg`` and compiles only when that file is
missing. Each clip renders in a media folder of its own (manim's LaTeX clean-up would race in a shared one),
so before a clip starts its ``Tex`` folder is filled with links to the cached SVGs, and after it finishes the
SVGs it compiled are added to the cache, each written under a temporary name and renamed into place: a reader
never sees half a file, and two renders adding the same formula write the same bytes. The cache only saves
time; a cache that cannot be read or written makes a render compile, never fail.

Clips render at the same time and need many of the same formulas, so the scenes also look in the cache just
before compiling one (``scenes/stage/shared_tex.py``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import suppress
from pathlib import Path

from scenes.environment import cache_root


def tex_cache() -> Path:
    """The shared folder of compiled formulas (``<hash>.svg``, manim's own names)."""
    return cache_root() / "tex"


def media_tex(media_dir: Path) -> Path:
    """manim's LaTeX folder inside a media folder (its default ``tex_dir``)."""
    return media_dir / "Tex"


def link(source: Path, target: Path) -> None:
    """``target`` becomes ``source``'s file: a hard link, else a copy."""
    try:
        os.link(source, target)
    except FileExistsError:
        pass
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


def take(svg: Path, cache: Path | None = None) -> bool:
    """Whether the cache has the formula ``svg`` (a scene's ``<hash>.svg``), linking it there if so."""
    cached = (cache or tex_cache()) / svg.name
    if not cached.exists():
        return False
    link(cached, svg)
    return True


def publish(svg: Path, cache: Path) -> None:
    """Put ``svg`` into the cache under its own name: written aside, then renamed (readers see all or nothing)."""
    handle, part = tempfile.mkstemp(dir=cache, prefix=f".{svg.stem}.", suffix=".part")
    os.close(handle)
    try:
        shutil.copyfile(svg, part)
        os.replace(part, cache / svg.name)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(part)


def _same(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file (a hard link)."""
    try:
        return a.samefile(b)
    except OSError:
        return False


def fill(media_dir: Path, cache: Path | None = None) -> frozenset[str]:
    """Put every cached formula into ``media_dir``'s LaTeX folder (hard links, else copies); their names."""
    cache = cache or tex_cache()
    target = media_tex(media_dir)
    target.mkdir(parents=True, exist_ok=True)
    names: set[str] = set()
    with suppress(OSError):  # no cache yet, or unreadable: the clip compiles what it needs
        for svg in cache.glob("*.svg"):
            link(svg, target / svg.name)
            names.add(svg.name)
    return frozenset(names)


def clear(media_dir: Path) -> None:
    """Remove ``media_dir``'s LaTeX folder once its clip is rendered and :func:`keep` has run: most of a clip's
    scratch files (a link to every cached formula), removed while other clips render rather than all at the end."""
    shutil.rmtree(media_tex(media_dir), ignore_errors=True)


def keep(media_dir: Path, filled: frozenset[str], cache: Path | None = None) -> int:
    """Add the formulas a clip compiled in ``media_dir`` to the cache; how many it compiled (``filled``: what
    :func:`fill` gave it)."""
    cache = cache or tex_cache()
    # Not compiled here: what fill gave it, and what the scene linked from the cache while it ran.
    compiled = [
        svg for svg in media_tex(media_dir).glob("*.svg") if svg.name not in filled and not _same(svg, cache / svg.name)
    ]
    with suppress(OSError):  # a read-only or full cache: this render is fine, the next one compiles again
        cache.mkdir(parents=True, exist_ok=True)
        for svg in compiled:
            if not (cache / svg.name).exists():  # else another clip compiled it too
                publish(svg, cache)
    return len(compiled)
