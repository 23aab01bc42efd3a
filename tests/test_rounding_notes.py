"""Shown arithmetic whose rounded numbers do not give its shown result carries the rounding note on that screen
(FINDINGS-5 #10: "−1.0000 / 0.3907 = −2.5598", "0.1500 − 0.5 · 0.0007 = 0.1497" had none)."""

from __future__ import annotations

from pathlib import Path

import pytest

import scenes
from tests.scene_probe import recorded

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PARTS = ("ForwardPass", "ErrorCalc", "BackwardPass", "WeightUpdate", "CheckYourself")
CONFIGS = ("default", "classifier-2-3-3")


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("part", PARTS)
def test_every_row_that_does_not_add_up_has_the_note_beside_it(part: str, config: str, tmp_path: Path) -> None:
    recording = recorded(getattr(scenes, part), ASSETS / f"{config}.toml", tmp_path)
    problems = [str(p) for p in recording.problems_of("rounding")]
    assert not problems, "\n".join(problems)
