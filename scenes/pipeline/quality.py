"""Render quality: manim's own presets (``manim.constants.QUALITIES``), by their ``-q`` letter.

Reading them imports manim, so only the render path (and ``render --help``) does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quality:
    letter: str  # manim's -q flag
    width: int
    height: int
    fps: int

    @property
    def folder(self) -> str:
        """The folder manim writes a clip of this quality to: ``videos/<module>/<folder>/``."""
        return f"{self.height}p{self.fps:g}"


def qualities() -> dict[str, Quality]:
    """manim's quality presets by letter, best last (l, m, h, p, k)."""
    from manim.constants import QUALITIES

    presets = []
    for preset in QUALITIES.values():
        if preset["flag"]:  # manim's example_quality has no letter
            presets.append(Quality(preset["flag"], preset["pixel_width"], preset["pixel_height"], preset["frame_rate"]))
    return {quality.letter: quality for quality in sorted(presets, key=lambda q: (q.height, q.fps))}


def quality_help(default: str) -> str:
    """``--quality``'s help, listing manim's presets (or pointing at them where manim cannot be imported)."""
    try:
        presets = qualities()
    except Exception:  # help must show even where manim does not load
        return f"manim's quality letter, as in `manim render -q` (default: {default})"
    listed = ", ".join(f"{q.letter} {q.folder}" for q in presets.values())
    return f"{listed} (default: {default})"
