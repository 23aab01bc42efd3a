"""The checks on the numbers a scene shows can fail: a number in the wrong slot is caught, and a
loss added as one registry entry reaches the video."""

from __future__ import annotations

from pathlib import Path

import pytest

from nnmath import LOSSES
from nnmath.config import DEFAULT_CONFIG
from scenes import ErrorCalc, ForwardPass
from scenes.stage.board import Board
from tests.scene_probe import record
from tests.test_registry import QUARTIC, with_network
from tests.test_scenes import check_numbers_by_place


def test_an_activation_shown_in_the_wrong_neuron_is_caught(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """a⁽¹⁾₁ shown where a⁽¹⁾₂ belongs: its own value, in the other neuron's place."""
    place_number = Board.number_in

    def misplaced(self: Board, layer: int, j: int, name: str, color: str):  # type: ignore[no-untyped-def]
        mob = place_number(self, layer, j, name, color)  # its own value and entry, in the other neuron
        return mob.move_to(self.diagram.neuron(layer, 1 - j)) if layer == 1 else mob

    monkeypatch.setattr(Board, "number_in", misplaced)
    problems = check_numbers_by_place(record(ForwardPass, DEFAULT_CONFIG, tmp_path), DEFAULT_CONFIG)
    assert any("('a', 1, 0)" in p and "('neuron', 1, 1)" in p for p in problems), problems


def test_a_new_loss_reaches_the_video(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(LOSSES, QUARTIC.name, QUARTIC)
    path = tmp_path / "quartic.toml"
    path.write_text(with_network(loss="quartic"))
    shown = record(ErrorCalc, path, tmp_path)
    assert QUARTIC.latex in shown.texts and QUARTIC.derivative_latex in shown.texts
    assert not check_numbers_by_place(shown, path)
    entries = {n.entry for n in shown.numbers}
    assert {("loss_terms", 0), ("dE_dyhat", 0)} <= entries  # one output: its term's row ends in E itself
    assert any("quartic" in c.content for c in shown.subcaptions)


def test_a_numbers_glyphs_are_light_copies_of_the_typeset_ones(tmp_path: Path) -> None:
    """Each digit is a copy of a glyph typeset once, without the SVG's table of ids (slow to copy), and the
    number is laid out exactly as manim lays out a DecimalNumber."""
    from manim import WHITE, DecimalNumber, tempconfig

    from scenes.drawing.numbers import TraceNumber

    with tempconfig({"media_dir": str(tmp_path), "verbosity": "WARNING"}):
        shown = TraceNumber(-0.5625, ("a", 1, 0), 4, WHITE)
        manims = DecimalNumber(
            -0.5625, num_decimal_places=4, group_with_commas=False, color=WHITE, font_size=shown.font_size
        )
    assert [glyph.tex_string for glyph in shown] == list("-0.5625")
    assert all(glyph.id_to_vgroup_dict == {} for glyph in shown)
    assert shown.points.shape == manims.points.shape
    for ours, theirs in zip(shown.family_members_with_points(), manims.family_members_with_points(), strict=True):
        assert ours.points == pytest.approx(theirs.points)
