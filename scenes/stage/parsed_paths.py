"""Copies of a formula share its glyphs' parsed SVG paths instead of copying them.

manim keeps, on every glyph of a formula, the path svgelements parsed from LaTeX's SVG, used only to build the
glyph's points when it is made; yet every copy of a formula (each Transform, Write or FadeIn makes some) deep-copies
those paths again: about a sixth of the time of constructing the backward pass. Nothing changes a parsed path
after the glyph is built, so a copy can share it.
"""

from __future__ import annotations

from typing import Any

import svgelements  # type: ignore[import-untyped]  # no type information shipped


def _shared(path: svgelements.Path, memo: dict[int, Any]) -> svgelements.Path:
    return path


def share_parsed_paths() -> None:
    """Make deep copies share svgelements' parsed paths (idempotent)."""
    svgelements.Path.__deepcopy__ = _shared
