"""The Intro's closing network card (layers, activations, loss, η): its rules are set a size up from the epilogue's
labels, so a softmax's exponents read at 480p (FINDINGS-8 #3), and the card still fits, on the largest network too."""

from __future__ import annotations

from pathlib import Path

import pytest
from manim import Text

from nnmath import load_config
from nnmath.config import DEFAULT_CONFIG
from scenes.drawing.formula import Formula
from scenes.drawing.style import PANEL_WIDTH, RULE_SIZE, SAFE_BOTTOM, SAFE_RIGHT, SMALL_FORMULA_SIZE
from scenes.intro import CARD_SIZE, config_summary, equals_pieces, summary_rows
from scenes.stage.context import context_from
from tests.test_scenes import LARGEST


@pytest.mark.parametrize("name", ["default", "classifier-2-3-3", "largest"])
def test_the_card_sets_its_rules_a_size_up_and_fits(name: str, tmp_path: Path) -> None:
    path = DEFAULT_CONFIG.parent / f"{name}.toml"
    if name == "largest":
        path = tmp_path / "largest.toml"
        path.write_text(LARGEST)
    ctx = context_from(load_config(path))
    card = config_summary(ctx)
    rules = [*card[1:3], card[3] if isinstance(card[3], Formula) else card[3][0]]  # the loss, with its index under it
    for latex, shown in zip(summary_rows(ctx), rules, strict=True):
        small = Formula(latex, decimals=ctx.decimals, color=ctx.theme.text, font_size=SMALL_FORMULA_SIZE)
        up = shown.height >= small.height * RULE_SIZE / SMALL_FORMULA_SIZE * 0.99  # a size up (or wrapped)
        widest = max(Formula(p, decimals=0, color="#FFFFFF", font_size=CARD_SIZE).width for p in equals_pieces(latex))
        assert up or widest > PANEL_WIDTH, (name, latex)  # else one piece is wider than the panel: scaled to fit
    assert card.get_bottom()[1] >= SAFE_BOTTOM and card.get_right()[0] <= SAFE_RIGHT, name


@pytest.mark.parametrize(("name", "said"), [("default", "k: each output"), ("classifier-2-3-3", "k, m: each output")])
def test_the_cards_sum_indices_are_said(name: str, said: str) -> None:
    """Lecturer review 10 (D6): the card's loss E = ½ Σₖ (yₖ − ŷₖ)² (and softmax's e^(zₖ) / Σₘ e^(zₘ)) used k (and m)
    with no word of what they are: the line under the loss says it."""
    ctx = context_from(load_config(DEFAULT_CONFIG.parent / f"{name}.toml"))
    card = config_summary(ctx)
    glossed = card[3]  # the loss with the words beside or under it (ln's too, for cross-entropy)
    loss = next(m for m in glossed.get_family() if isinstance(m, Formula))
    words = [m for m in glossed.get_family() if isinstance(m, Text)]
    index = next(m for m in words if " ".join(m.original_text.split()) == said)  # (on two lines, beside)
    assert index.get_top()[1] < loss.get_bottom()[1] or index.get_left()[0] > loss.get_right()[0]
