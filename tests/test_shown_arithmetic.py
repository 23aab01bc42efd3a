"""A row of rounded numbers is noted wherever it does not add up by hand as shown (``shown_arithmetic``)."""

from __future__ import annotations

import pytest

from scenes.drawing.numbers import TraceNumber
from scenes.drawing.shown_arithmetic import Written, adds_up_differently


def n(value: float, decimals: int = 4) -> TraceNumber:
    return TraceNumber(value, ("test",), decimals, "#FFFFFF")


def exps(*zs: float) -> list[Written]:
    """exp(z₁) + exp(z₂) + … as a row writes it."""
    pieces: list[Written] = []
    for k, z in enumerate(zs):
        pieces += ["+"] * bool(k) + [r"\exp(", n(z), ")"]
    return pieces


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
        # Lecturer review 12: the softmax network's rows through exp, ln and a division are worked by hand too.
        # S = exp(0.2356) + exp(0.3867) + exp(0.0301) is 3.7683 by hand; the unrounded S is 3.7684.
        (lambda: ["S", "=", *exps(0.2356, 0.3867, 0.0301), "=", n(3.7684)], True),
        (lambda: ["S", "=", *exps(0.2356, 0.3867, 0.0301), "=", n(3.7683)], False),
        # E₀₂ = −1.0000 ln 0.3907 is 0.9398 by hand (0.9399 unrounded); ∂E/∂ŷ₂ = −1.0000 / 0.3907 is −2.5595.
        (lambda: ["-", n(1.0), r"\ln", n(0.3907), "=", n(0.9399)], True),
        (lambda: ["-", n(1.0), r"\ln", n(0.3907), "=", n(0.9398)], False),
        (lambda: ["-", n(1.0), "/", n(0.3907), "=", n(-2.5598)], True),
        (lambda: ["-", n(1.0), "/", n(0.3907), "=", n(-2.5595)], False),
        (lambda: ["-", "(", n(0.0), r"\ln", n(0.0), ")", "=", n(0.0)], False),  # ln 0: nothing to work out
        (lambda: [n(1.0), "/", n(0.0), "=", n(0.0)], False),
        (lambda: ["E", "=", "-", r"\ln", "ŷ", "=", "-", r"\ln", n(0.3907), "=", n(0.9399)], True),  # one number, ln
        (lambda: [n(0.1), "+", r"\cdots", "+", n(0.2), "=", n(0.9)], False),  # terms left out
    ],
)
def test_a_row_that_does_not_add_up_by_hand_is_found(pieces, differs: bool) -> None:
    written: list[Written] = pieces()
    assert adds_up_differently(written) is differs


def _sum_row(values: tuple[float, ...]):  # type: ignore[no-untyped-def]
    from scenes.drawing.formula import Formula, Num

    terms = [Num(v, ("test",)) for v in values]
    return Formula(terms[0], "+", terms[1], "+", terms[2], "=", terms[3], decimals=4, color="#FFFFFF")


NOT_AS_SHOWN = (0.01474, 0.00894, 0.01004, 0.03353)  # 0.0147 + 0.0089 + 0.0100 = 0.0335: 0.0336 by hand, a note
AS_SHOWN = (0.0147, 0.0089, 0.0100, 0.0336)


def test_the_note_comes_with_the_row_that_needs_it_and_stays_with_the_rows_that_do() -> None:
    """``room_with_note`` before a row is shown: the note to show in the same play (not a play later, FINDINGS-10 S1);
    none for a row that adds up as shown; the note on the panel kept, not repeated, for a row that needs it, and
    kept for a kept row that needs it."""
    from manim import Rectangle, Scene, Text, tempconfig

    from scenes.drawing.layout import Panel
    from scenes.drawing.shown_arithmetic import ROUNDING_NOTE, room_with_note
    from scenes.drawing.style import PANEL_BOTTOM

    def is_note(m: object) -> bool:
        return isinstance(m, Text) and m.original_text == ROUNDING_NOTE

    with tempconfig({"dry_run": True, "quality": "low_quality", "verbosity": "WARNING"}):
        scene = Scene(skip_animations=True)
        panel = Panel(scene)
        fine, noted = _sum_row(AS_SHOWN), _sum_row(NOT_AS_SHOWN)
        assert [id(m) for m in room_with_note(panel, "#FFFFFF", [fine])] == [id(fine)]
        scene.play(*panel.push_all([fine]))
        shown = room_with_note(panel, "#FFFFFF", [noted], ([fine],))
        assert shown[0] is noted and len(shown) == 2 and is_note(shown[1])
        scene.play(*panel.push_all(shown))
        again = _sum_row(NOT_AS_SHOWN)
        assert [id(m) for m in room_with_note(panel, "#FFFFFF", [again], ([fine, noted],))] == [
            id(again)
        ]  # (it says it)
        # No room under everything: what is kept is the first tier that fits, with the note if a row of it needs it.
        note = next(m for m in panel.items if is_note(m))
        room = panel.top - PANEL_BOTTOM - sum(m.height + panel.spacing for m in (noted, note))
        tall = Rectangle(height=room - 0.01, width=1)  # fits under the row and its note, not under the first row too
        assert [id(m) for m in room_with_note(panel, "#FFFFFF", [tall], ([fine, noted], [noted], []))] == [id(tall)]
        kept = list(panel.items)
    assert [id(m) for m in kept] == [id(noted), id(note)], kept


@pytest.mark.parametrize(
    ("pieces", "found"),
    [
        # binary cross-entropy (xor): E = −[y ln ŷ + (1 − y) ln(1 − ŷ)] is 0.7844 by hand; ∂E/∂ŷ = −2.1911
        (
            lambda: (
                [
                    "E",
                    "=",
                    "-[",
                    n(1.0),
                    r"\ln",
                    n(0.4564),
                    "+",
                    "(1 -",
                    n(1.0),
                    r")\ln(1 -",
                    n(0.4564),
                    ")]",
                    "=",
                    n(0.7843),
                ]
            ),
            "differs",
        ),
        (
            lambda: [
                "-[",
                n(1.0),
                r"\ln",
                n(0.4564),
                "+",
                "(1 -",
                n(1.0),
                r")\ln(1 -",
                n(0.4564),
                ")]",
                "=",
                n(0.7844),
            ],
            "gives",
        ),
        (
            lambda: ["(", n(0.4564), "-", n(1.0), r")\,/\,(", n(0.4564), "(1 -", n(0.4564), "))", "=", n(-2.1909)],
            "differs",
        ),
        (
            lambda: ["(", n(0.4564), "-", n(1.0), r")\,/\,(", n(0.4564), "(1 -", n(0.4564), "))", "=", n(-2.1911)],
            "gives",
        ),
        # a batch's mean: ¼ (…)
        (
            lambda: [
                r"\tfrac{1}{4}",
                r"\big(",
                n(0.7843),
                "+",
                n(0.8327),
                "+",
                n(0.5937),
                "+",
                n(0.4541),
                r"\big)",
                "=",
                n(0.6662),
            ],
            "gives",
        ),
        # an activation of one shown number: σ(0.3925) = 0.5969
        (lambda: [r"\sigma(", n(0.3925), ")", "=", n(0.5969)], "gives"),
        (lambda: [r"\sigma(", n(0.3925), ")", "=", n(0.5970)], "differs"),
        (lambda: [r"\tanh(", n(0.5), ")", "=", n(0.4621)], "gives"),
        # no working out: a name with its index, one number, terms left out, two statements
        (lambda: [r"E_s\text{ after }(s = 1)", "=", n(0.7163)], "nothing"),
        (
            lambda: [r"E_{\text{before}}", "=", n(0.0678), r"\;\rightarrow\;", r"E_{\text{after}}", "=", n(0.0588)],
            "nothing",
        ),
        # a name among the numbers: "=" before a number nobody worked out
        (lambda: [r"\hat y_1", "=", r"\exp(", n(0.2356), ")", "/", "S", "=", n(0.3359)], "unread"),
    ],
)
def test_the_by_hand_reader_reads_every_kind_of_row(pieces, found: str) -> None:  # type: ignore[no-untyped-def]
    from scenes.drawing.shown_arithmetic import reading

    assert reading(pieces()).value == found
