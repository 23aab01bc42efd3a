"""Shown arithmetic whose rounded numbers do not give its shown result carries the rounding note on that screen
(FINDINGS-5 #10: "−1.0000 / 0.3907 = −2.5598", "0.1500 − 0.5 · 0.0007 = 0.1497" had none), from the play that shows
it (FINDINGS-10 S1: the note came a play or more after its row)."""

from __future__ import annotations

from pathlib import Path

import pytest
from manim import DOWN, RIGHT, UP, AnimationGroup, FadeIn, FadeOut, MathTex, Scene, Text

import scenes
from scenes.drawing.formula import Formula, Num
from scenes.drawing.numbers import TraceNumber
from scenes.drawing.shown_arithmetic import APPROX, ROUNDING_NOTE, Written, WrittenRow, as_read
from scenes.drawing.style import LABEL_SIZE
from tests.scene_probe import probe, recorded

ASSETS = Path(__file__).resolve().parent.parent / "assets"
PARTS = ("ForwardPass", "ErrorCalc", "BackwardPass", "WeightUpdate", "CheckYourself")
CONFIGS = ("default", "classifier-2-3-3")


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("part", PARTS)
def test_every_row_that_does_not_add_up_has_the_note_beside_it(part: str, config: str, tmp_path: Path) -> None:
    recording = recorded(getattr(scenes, part), ASSETS / f"{config}.toml", tmp_path)
    problems = [str(p) for p in recording.problems_of("rounding")]
    assert not problems, "\n".join(problems)


# --- the probe's check: the note is on screen whenever such a row is, from the play that shows it ---------------------

SUM = (0.01474, 0.00894, 0.01004, 0.03353)  # 0.0147 + 0.0089 + 0.0100 = 0.0335 as shown: 0.0336 by hand


def sum_row(values: tuple[float, ...] = SUM) -> Formula:
    terms = [Num(v, ("test",)) for v in values]
    return Formula(terms[0], "+", terms[1], "+", terms[2], "=", terms[3], decimals=4, color="#FFFFFF")


def written_sum(read: bool = True) -> WrittenRow:
    """The long chain's sum: numbers and LaTeX pieces side by side, a group that reads as one row (``read``: as the
    scenes write it, "≈" before the sum its shown terms do not give; else with "=")."""
    numbers = [TraceNumber(v, ("test",), 4, "#FFFFFF") for v in SUM]
    written: list[Written] = [numbers[0], "+", numbers[1], "+", numbers[2], "=", numbers[3]]
    written = as_read(written) if read else written
    pieces = [MathTex(piece) if isinstance(piece, str) else piece for piece in written]
    return WrittenRow(*pieces, written=written).arrange(RIGHT)


def note() -> Text:
    return Text(ROUNDING_NOTE, font_size=LABEL_SIZE).shift(DOWN * 2)


def rounding_problems(media: Path, construct, gaps: frozenset = frozenset()) -> list[str]:  # type: ignore[no-untyped-def]
    recording = probe(type("Probed", (Scene,), {"construct": construct}), media, gaps=gaps)
    return [p.what for p in recording.problems_of("rounding")]


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rounding-media")


@pytest.mark.parametrize("row", [sum_row, written_sum], ids=["formula", "written row"])
def test_a_note_coming_one_play_after_its_row_is_caught(media: Path, row) -> None:  # type: ignore[no-untyped-def]
    """FINDINGS-10 S1: the row shown, read, and only then its note (the probe gave it four plays' grace)."""

    def construct(self: Scene) -> None:
        self.play(FadeIn(row()))
        self.play(FadeIn(note()))

    found = rounding_problems(media, construct)
    assert found and all("0.0335" in what for what in found), found


def test_a_note_coming_at_the_end_of_its_rows_play_is_caught_part_way(media: Path) -> None:
    """In one play, but after the row: the row is on screen alone for most of it."""

    def construct(self: Scene) -> None:
        self.play(AnimationGroup(FadeIn(sum_row()), FadeIn(note()), lag_ratio=1.0))

    found = rounding_problems(media, construct)
    assert found and all("into the play" in what for what in found), found


def test_a_row_with_its_note_in_the_same_play_or_after_it_passes(media: Path) -> None:
    def construct(self: Scene) -> None:
        first, row = note(), sum_row()
        self.play(FadeIn(row), FadeIn(first))
        self.play(FadeOut(row), FadeOut(first))  # the row goes with its note (or before it)
        second = note()
        self.play(FadeIn(second))
        self.play(FadeIn(written_sum()))
        self.play(FadeIn(sum_row((0.0147, 0.0089, 0.0100, 0.0336)).shift(UP * 2)))  # adds up: no note needed

    assert not rounding_problems(media, construct)


def test_a_note_leaving_before_its_row_is_caught(media: Path) -> None:
    def construct(self: Scene) -> None:
        shown = note()
        self.play(FadeIn(sum_row()), FadeIn(shown))
        self.play(FadeOut(shown))

    assert rounding_problems(media, construct)


def test_one_number_through_a_function_is_checked_by_its_gap(media: Path) -> None:
    """E = −ln 0.3907 = 0.9399: one shown number through ln, worked out by hand as shown (−ln 0.3907 = 0.9398, as
    ``nnmath.rounding`` finds too): the row needs the note whether or not its entry is among the gaps."""

    def construct(self: Scene) -> None:
        y_hat, loss = Num(0.39068, ("y_hat", 1)), Num(0.93990, ("loss",))
        self.play(FadeIn(Formula("E", "=", "-", r"\ln", y_hat, "=", loss, decimals=4, color="#FFFFFF")))
        self.wait()

    assert rounding_problems(media, construct, frozenset({("loss",)}))
    assert rounding_problems(media, construct)


# --- "=" only where the shown numbers give the shown result: "≈" before one they do not ----------------------------


def test_a_sum_whose_shown_terms_do_not_add_up_writes_approx_before_it() -> None:
    """Lecturer review (softmax network): "0.0147 + 0.0089 + 0.0100 = 0.0335" is false as it reads (0.0336 by hand),
    the rounding note beside it or not; the row writes "≈" before the sum. A row that adds up keeps "="."""
    assert sum_row().written[-2] == APPROX
    assert sum_row((0.0147, 0.0089, 0.0100, 0.0336)).written[-2] == "="
    assert written_sum().written[-2] == APPROX


def test_equals_before_a_result_the_shown_numbers_do_not_give_is_caught(media: Path) -> None:
    """The probe's check: a row saying "=" where its shown numbers give another result, even with the note."""

    def construct(self: Scene) -> None:
        self.play(FadeIn(written_sum(read=False)), FadeIn(note()))

    found = rounding_problems(media, construct)
    assert found and all('"="' in what for what in found), found


def test_equals_before_a_number_worked_from_what_is_not_read_by_hand_is_caught(media: Path) -> None:
    """A row the by-hand reader cannot work (a name among its numbers: "ŷ₁ = exp(0.2356) / S = 0.3359") says "="
    before a number no one checked: it slipped past unparsed. The probe fails it; a name with its index, a single
    number, terms left out are no working out and pass."""

    def unread(self: Scene) -> None:
        z, y_hat = Num(0.2356, ("z", 2, 0)), Num(0.3359, ("a", 2, 0))
        row = Formula(r"\hat y_1", "=", r"\exp(", z, ")", "/", "S", "=", y_hat, decimals=4, color="#FFFFFF")
        self.play(FadeIn(row), FadeIn(note()))

    found = rounding_problems(media, unread)
    assert found and all("unread" in what for what in found), found

    def names(self: Scene) -> None:
        after, total = Num(0.7163, ("losses_after", 0)), Num(0.1, ("test",))
        named = Formula(r"E_s\text{ after }(s = 1)", "=", after, decimals=4, color="#FFFFFF")
        cut = Formula(total, "+", r"\cdots", "+", total, "=", after, decimals=4, color="#FFFFFF").shift(DOWN)
        self.play(FadeIn(named), FadeIn(cut), FadeIn(note()))

    assert not rounding_problems(media, names)


def bce_row(y_hat: float, loss: float) -> Formula:
    """xor's ErrorCalc row: E = −[y ln ŷ + (1 − y) ln(1 − ŷ)] = E, as the loss's LaTeX pieces write it."""
    y, p, e = Num(1.0, ("y", 0)), Num(y_hat, ("y_hat", 0)), Num(loss, ("loss",))
    pieces = ["E", "=", "-[", y, r"\ln", p, "+", "(1 -", y, r")\ln(1 -", p, ")]", "=", e]
    return Formula(*pieces, decimals=4, color="#FFFFFF")


def test_a_binary_cross_entropy_row_is_worked_by_hand() -> None:
    """Lecturer's brief (xor): "E = −[1.0000 ln 0.4564 + (1 − 1.0000) ln(1 − 0.4564)] = 0.7843" is 0.7844 by hand
    from its shown numbers: the bracket and ln of a parenthesis are read, and the row writes "≈"."""
    assert bce_row(0.45640, 0.78435).written[-2] == APPROX  # the unrounded loss of the shown row reads 0.7843
    assert bce_row(0.4564, 0.7844).written[-2] == "="
