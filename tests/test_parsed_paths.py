"""Copies of a formula share its parsed SVG paths and are otherwise copies; a formula or text is parsed once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import svgelements  # type: ignore[import-untyped]
from manim import MathTex, SVGMobject, Text, VGroup, tempconfig
from manim.mobject.svg import svg_mobject
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

from scenes.stage import parsed_paths
from scenes.stage.parsed_paths import parse_path_data_once, share_parsed_paths, share_parsed_svgs


def test_a_copy_shares_the_parsed_paths_and_owns_its_points(tmp_path: Path) -> None:
    share_parsed_paths()
    with tempconfig({"media_dir": str(tmp_path), "verbosity": "WARNING"}):
        formula = MathTex(r"\delta^{(2)}_1 = 0.25")
    copy = formula.copy()
    paths = [
        (a, b)
        for a, b in zip(formula.get_family(), copy.get_family(), strict=True)
        if isinstance(a, VMobjectFromSVGPath)
    ]
    assert paths
    for original, copied in paths:
        assert copied.path_obj is original.path_obj
        assert copied.points is not original.points
        assert np.array_equal(copied.points, original.points)
    before = [original.points.copy() for original, _ in paths]
    copy.shift(np.array([1.0, 0.0, 0.0]))  # moving the copy leaves the formula where it was
    assert all(np.array_equal(original.points, was) for (original, _), was in zip(paths, before, strict=True))


def test_a_text_or_formula_is_parsed_once_whichever_media_folder_it_is_in(tmp_path: Path) -> None:
    share_parsed_svgs()
    made: list[list[np.ndarray]] = []
    parses = 0
    generate = SVGMobject.generate_mobject

    def counted(self: SVGMobject) -> SVGMobject:
        nonlocal parses
        parses += 1
        return generate(self)

    SVGMobject.generate_mobject = counted  # type: ignore[method-assign]
    try:
        for clip in ("first", "second"):  # two clips, each in a media folder of its own
            with tempconfig({"media_dir": str(tmp_path / clip), "verbosity": "WARNING"}):
                words = VGroup(Text("parsed once, 7"), MathTex(r"w_{17} = 0.5"))
            made.append([member.points.copy() for member in words.get_family()])
    finally:
        SVGMobject.generate_mobject = generate  # type: ignore[method-assign]
    assert parses == 2  # the text and the formula, in the first clip only
    assert len(made[0]) == len(made[1]) > 2
    assert all(np.array_equal(a, b) for a, b in zip(*made, strict=True))


def test_a_glyph_used_twice_is_parsed_once_into_the_same_points(tmp_path: Path) -> None:
    """Path data parsed again gives copies of the first parse's segments: a text's points are those of a parse
    from scratch, and its copies of a segment are its own."""
    svgelements.Path.parse = parsed_paths._PARSE  # svgelements' own parse, for the points from scratch
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()
    with tempconfig({"media_dir": str(tmp_path / "scratch"), "verbosity": "WARNING"}):
        text = Text("a banana, a ban")  # its letters used more than once
    scratch = [member.points.copy() for member in text.get_family()]
    parse_path_data_once()
    svg_mobject.SVG_HASH_TO_MOB_MAP.clear()  # parsed again, not copied whole (share_parsed_svgs)
    parsed = 0
    original = parsed_paths._PARSE

    def counted(self: svgelements.Path, data: object) -> None:
        nonlocal parsed
        parsed += 1
        original(self, data)

    parsed_paths._PARSE = counted
    parsed_paths._SEGMENTS.clear()
    try:
        with tempconfig({"media_dir": str(tmp_path / "memo"), "verbosity": "WARNING"}):
            again = Text("a banana, a ban")
    finally:
        parsed_paths._PARSE = original
    glyphs = [m for m in again.get_family() if isinstance(m, VMobjectFromSVGPath)]
    assert 0 < parsed < len(glyphs)  # "a", "n", "b" parsed once each (and the space, the comma)
    assert all(np.array_equal(a, b) for a, b in zip(scratch, (m.points for m in again.get_family()), strict=True))
    segments = [segment for glyph in glyphs for segment in glyph.path_obj]
    assert len({id(segment) for segment in segments}) == len(segments)  # no segment shared between glyphs
