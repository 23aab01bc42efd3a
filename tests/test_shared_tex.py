"""Clips rendering at once compile a formula they both need once: the second waits for the first and links it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from scenes.environment import CACHE_ENV

REPO = Path(__file__).resolve().parent.parent

# One scene process's formula: counts its own LaTeX runs under the cache's lookup, prints them and the SVG's path.
CLIP = """
import json, sys
from manim import MathTex, tempconfig
from manim.mobject.text import tex_mobject
from scenes.stage.shared_tex import share_compiles

runs = []
compile_svg = tex_mobject.tex_to_svg_file
def counted(*args, **kwargs):
    runs.append(1)
    return compile_svg(*args, **kwargs)
tex_mobject.tex_to_svg_file = counted
share_compiles()
share_compiles()  # twice: still one lookup
with tempconfig({"media_dir": sys.argv[1], "verbosity": "WARNING"}):
    formula = MathTex(sys.argv[2])
print(json.dumps({"runs": len(runs), "glyphs": len(formula.family_members_with_points())}))
"""


def clips(tmp_path: Path, cache: Path, formula: str, count: int) -> list[dict[str, int]]:
    env = {**os.environ, CACHE_ENV: str(cache), "PYTHONPATH": str(REPO)}
    started = [
        subprocess.Popen(
            [sys.executable, "-c", CLIP, str(tmp_path / f"media-{i}"), formula],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(count)
    ]
    return [json.loads(process.communicate(timeout=120)[0]) for process in started]


def test_two_clips_at_once_compile_a_formula_once(tmp_path: Path) -> None:
    formula = rf"\text{{{uuid.uuid4().hex[:8]}}} = \delta^{{(2)}}_1"  # never compiled before, anywhere
    shown = clips(tmp_path, tmp_path / "cache", formula, 2)
    assert sum(clip["runs"] for clip in shown) == 1
    assert shown[0]["glyphs"] == shown[1]["glyphs"] > 0
    assert len(list((tmp_path / "cache" / "tex").glob("*.svg"))) == 1


def test_a_cache_that_cannot_be_written_still_compiles(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache would be")
    (shown,) = clips(tmp_path, blocked, rf"\text{{{uuid.uuid4().hex[:8]}}}", 1)
    assert shown["runs"] == 1 and shown["glyphs"] > 0
