"""A row of rounded numbers is noted wherever it does not add up by hand as shown (``shown_arithmetic``)."""

from __future__ import annotations

import pytest

from scenes.drawing.numbers import TraceNumber
from scenes.drawing.shown_arithmetic import Written, adds_up_differently


def n(value: float, decimals: int = 4) -> TraceNumber:
    return TraceNumber(value, ("test",), decimals, "#FFFFFF")


@pytest.mark.parametrize(
    ("pieces", "differs"),
    [
        # The softmax network's path sum: 0.0147 + 0.0089 + 0.0100 is 0.0336 by hand; the unrounded sum is 0.0335.
        (lambda: [n(0.01474), "+", n(0.00894), "+", n(0.01004), "=", n(0.03353)], True),
        (lambda: [n(0.0147), "+", n(0.0089), "+", n(0.0100), "=", n(0.0336)], False),
        # z = w·a + w·a + b with a negative factor.
        (lambda: [n(0.15), r"\cdot", n(0.05), "+", n(-0.2), r"\cdot", n(0.1), "+", n(0.35), "=", n(0.3375)], False),
        (lambda: [n(0.15), r"\cdot", n(0.05), "+", n(-0.2), r"\cdot", n(0.1), "+", n(0.35), "=", n(0.3376)], True),
        # σ′ = a · (1 − a): 0.7514 · 0.2486 = 0.18679… → 0.1868.
        (lambda: ["σ'", "=", n(0.7514), r"\cdot", "(", "1", "-", n(0.7514), ")", "=", n(0.1868)], False),
        (lambda: ["σ'", "=", n(0.7514), r"\cdot", "(", "1", "-", n(0.7514), ")", "=", n(0.1869)], True),
        # tanh′ = 1 − a²; a name or a single number is nothing worked out.
        (lambda: ["1", "-", n(-0.5), "^2", "=", n(0.75)], False),
        (lambda: ["z", "=", n(0.3), "=", n(0.31)], False),
        (lambda: [r"\exp(", n(0.3), ")", "+", n(0.2), "=", n(0.9)], False),  # not plain arithmetic
        (lambda: [n(0.1), "+", r"\cdots", "+", n(0.2), "=", n(0.9)], False),  # terms left out
    ],
)
def test_a_row_that_does_not_add_up_by_hand_is_found(pieces, differs: bool) -> None:
    written: list[Written] = pieces()
    assert adds_up_differently(written) is differs


@pytest.mark.parametrize("together", [True, False])
def test_rows_kept_together_stay_or_go_together(together: bool) -> None:
    """ŷ and y kept as a pair: where the note needs their room, both go (y never stays alone on its line); kept one by
    one, ŷ would go first and leave y."""
    from manim import Rectangle, Scene, tempconfig

    from scenes.drawing.formula import Formula, Num
    from scenes.drawing.layout import Panel
    from scenes.drawing.shown_arithmetic import note_rounding

    with tempconfig({"dry_run": True, "quality": "low_quality", "verbosity": "WARNING"}):
        scene = Scene(skip_animations=True)
        panel = Panel(scene)
        name, y_hat, y = Rectangle(height=0.5, width=1), Rectangle(height=2, width=1), Rectangle(height=2, width=1)
        terms = [Num(v, ("test",)) for v in (0.01474, 0.00894, 0.01004, 0.03353)]  # 0.0336 by hand: a note
        row = Formula(terms[0], "+", terms[1], "+", terms[2], "=", terms[3], decimals=4, color="#FFFFFF")
        scene.play(*panel.push_all([name, y_hat, y, row]))
        pair = [(y_hat, y)] if together else [y_hat, y]
        note_rounding(scene, panel, "#FFFFFF", row, seen=set(), keep=[name, *pair, row])
        shown = list(panel.items)
    assert row in shown and name not in shown
    assert (y_hat in shown) == (y in shown) if together else (y in shown and y_hat not in shown)
