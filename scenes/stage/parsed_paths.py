"""A formula or a text parsed once per process, and its copies sharing the parsed SVG paths.

manim keeps, on every glyph of a formula, the path svgelements parsed from LaTeX's SVG, used only to build the
glyph's points when it is made; yet every copy of a formula (each Transform, Write or FadeIn makes some) deep-copies
those paths again: about a sixth of the time of constructing the backward pass. Nothing changes a parsed path
after the glyph is built, so a copy can share it.

manim also keeps every SVG it parsed, and copies it when the same SVG is asked for again; but it knows an SVG by
its full path, and each clip renders in a media folder of its own (``scenes/pipeline/clips.py``), so a worker
rendering clip after clip parsed the same formula and the same words again for every clip (a text about 50 ms,
svgelements' parse and manim's glyphs), and a text (``Text``) was parsed every time, as manim keeps no text's
SVG. A formula's SVG (``Tex/``) and a text's (``texts/``) are named by a hash of what they draw and how, so there
the file's name, not its folder, says which SVG it is: each is parsed once per process, and a copy of what was
parsed is used again (the same points: a text's own steps, its characters and colours, come after).

Within an SVG, svgelements parses a glyph's path data again wherever the glyph is used (a text's SVG defines each
letter once and places it with ``<use>``; a formula's, each symbol): the segments a path's data parses to are kept
by the data, and a path parsing the same data again gets copies of them (svgelements' own copies: the same numbers,
then placed, transformed and turned into points as before, so the same points). Two fifths less parsing.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path
from typing import Any

import svgelements  # type: ignore[import-untyped]  # no type information shipped
from manim import SVGMobject, config

_HASH_NAMED = ("tex_dir", "text_dir")  # manim's folders of SVGs named by their content's hash


def _shared(path: svgelements.Path, memo: dict[int, Any]) -> svgelements.Path:
    return path


def share_parsed_paths() -> None:
    """Make deep copies share svgelements' parsed paths (idempotent)."""
    svgelements.Path.__deepcopy__ = _shared


_PARSE = svgelements.Path.parse
_SEGMENTS: dict[str, list[Any]] = {}  # a path's data → the segments it parses to, before any transform


def _parse(self: svgelements.Path, data: object) -> None:
    """svgelements' parse of a new path's ``data``, or copies of the segments the same data parsed to before."""
    if self._segments or not isinstance(data, str):  # a path with segments: what it parses depends on them
        _PARSE(self, data)
        return
    parsed = _SEGMENTS.get(data)
    if parsed is None:
        _PARSE(self, data)
        _SEGMENTS[data] = [copy(segment) for segment in self._segments]
        return
    self._segments.extend([copy(segment) for segment in parsed])


def parse_path_data_once() -> None:
    """Make svgelements parse each path's data once per process (idempotent)."""
    svgelements.Path.parse = _parse


_MANIMS_SEED = SVGMobject.hash_seed
_MANIMS_INIT = SVGMobject.init_svg_mobject


def _hash_named(file_name: Path) -> bool:
    """Whether ``file_name`` is in one of manim's folders of hash-named SVGs (of this render's media folder)."""
    folder = file_name.parent.resolve()
    return any(folder == Path(config.get_dir(key)).resolve() for key in _HASH_NAMED)


def _seed(self: SVGMobject) -> tuple[Any, ...]:
    """manim's key of a parsed SVG, a hash-named one known by its name (and the frame's size, which a text's
    SVG is drawn for) rather than by its folder."""
    seed: tuple[Any, ...] = _MANIMS_SEED.fget(self)  # type: ignore[attr-defined]
    if self.file_name is None or not _hash_named(Path(self.file_name)):
        return seed
    name = ("hash-named", Path(self.file_name).name, config.pixel_width, config.pixel_height)
    return tuple(name if part == self.file_name else part for part in seed)


def _init(self: SVGMobject, use_svg_cache: bool) -> SVGMobject:
    """manim's, keeping every hash-named SVG it parses (a text's too)."""
    hash_named = self.file_name is not None and _hash_named(Path(self.file_name))
    return _MANIMS_INIT(self, use_svg_cache=use_svg_cache or hash_named)


def share_parsed_svgs() -> None:
    """Make this process parse a formula's or a text's SVG once, whichever media folder it is in (idempotent)."""
    SVGMobject.hash_seed = property(_seed)  # type: ignore[method-assign,assignment]
    SVGMobject.init_svg_mobject = _init  # type: ignore[method-assign,assignment]
