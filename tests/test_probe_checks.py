"""The checks the probe makes after every play can fail: small scenes with one defect each are caught
(and a clean one is not). The step scenes are checked with them in test_scenes.py and, over every
network shape, in test_network_shapes.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    ChangeDecimalToValue,
    Circle,
    DecimalNumber,
    FadeIn,
    Line,
    MathTex,
    ReplacementTransform,
    Scene,
    Text,
    Transform,
    VGroup,
    tempconfig,
)

from scenes.drawing.formula import Formula, Num
from scenes.drawing.moves import cross_fade
from scenes.stage.tex_batch import typeset_ahead
from tests import probe_cache
from tests.scene_probe import Problem, Recording, glyph_problems, probe

Construct = type[Scene]


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("probe-media")  # the digits' LaTeX is compiled once


def scene_of(construct) -> Construct:  # type: ignore[no-untyped-def]
    return type("Probed", (Scene,), {"construct": construct})


def problems(media: Path, construct, kind: str) -> list[Problem]:  # type: ignore[no-untyped-def]
    recording: Recording = probe(scene_of(construct), media)
    return recording.problems_of(kind)


def number(value: float, decimals: int = 4, font_size: float = 32) -> DecimalNumber:
    return DecimalNumber(value, num_decimal_places=decimals, group_with_commas=False, font_size=font_size)


def test_a_clean_scene_has_no_problems(media: Path) -> None:
    """Numbers and text that move, fade in, change colour and restyle edges, all legible and apart."""

    def construct(self: Scene) -> None:
        title = Text("Forward pass", font_size=36).to_edge(UP)
        a = number(-0.4457).shift(LEFT * 3)
        b = number(1234.5, 1).shift(RIGHT * 3)
        formula = Formula("z", "=", Num(0.25, ("z", 1, 0)), decimals=4, color="#FFFFFF").shift(DOWN * 2)
        edge = Line(LEFT, RIGHT).shift(UP)
        self.add(title, edge)
        self.play(FadeIn(a), FadeIn(formula))
        self.play(Transform(edge, edge.copy().set_stroke("#FF0000", width=6)))  # stroke_to
        self.play(ReplacementTransform(a.copy(), number(-0.4457).move_to(UP * 2)), FadeIn(b))
        self.play(a.animate.shift(DOWN), formula.animate.set_color("#00FF00"))
        self.wait()

    recording = probe(scene_of(construct), media)
    assert not recording.problems, "\n".join(map(str, recording.problems))
    assert recording.plays == 5


def test_every_digit_has_its_own_shape(media: Path) -> None:
    """The glyph check knows every character a number can show, at any size."""

    def construct(self: Scene) -> None:
        for k, size in enumerate((20, 32, 60)):
            self.add(number(-1234567890.5, 1, size).move_to(UP * (2 - 2 * k)))
        self.wait()

    recording = probe(scene_of(construct), media)
    assert not recording.problems_of("glyph"), recording.problems_of("glyph")


@pytest.mark.parametrize(
    ("name", "source"),
    [("Line", lambda: Line(LEFT, RIGHT)), ("Circle", lambda: Circle(0.4)), ("number", lambda: number(0.5678))],
)
def test_a_number_morphed_from_anything_but_the_same_digits_is_caught(media: Path, name: str, source) -> None:  # type: ignore[no-untyped-def]
    """A number flying in from an edge, a neuron or other digits breaks apart mid-animation."""

    def construct(self: Scene) -> None:
        start = source()
        self.add(start)
        self.play(ReplacementTransform(start, number(0.1234).shift(RIGHT * 2)))

    found = problems(media, construct, "morph")
    assert len(found) == 1 and f"{name}" in found[0].what and "0.1234" in found[0].what, found
    assert found[0].play == 0


@pytest.mark.parametrize("counting", ["manim", "ours"])
def test_a_number_counting_through_values_between_old_and_new_is_caught(media: Path, counting: str) -> None:
    """A label that counts from 0.4000 to 0.3589 shows 0.3966 on the way, which no computation gives."""

    class Count(Animation):  # what the update's labels once did
        def __init__(self, label: DecimalNumber) -> None:
            self.label = label
            super().__init__(label)

        def interpolate_mobject(self, alpha: float) -> None:
            self.label.set_value(0.4 + (0.3589 - 0.4) * self.rate_func(alpha))

    def construct(self: Scene) -> None:
        label = number(0.4)
        self.add(label)
        self.play(ChangeDecimalToValue(label, 0.3589) if counting == "manim" else Count(label))

    found = problems(media, construct, "morph")
    assert len(found) == 1 and "0.4000 → 0.3589 reads 0.3" in found[0].what, found


def test_a_number_that_fades_out_before_its_new_value_fades_in_is_not_a_count(media: Path) -> None:
    def construct(self: Scene) -> None:
        old, new = number(0.4), number(0.3589)
        self.add(old)
        self.play(*cross_fade(old, new))

    assert not probe(scene_of(construct), media).problems


def test_a_morph_inside_an_animation_group_and_of_a_group_of_numbers_is_caught(media: Path) -> None:
    def construct(self: Scene) -> None:
        old = VGroup(Text("x", font_size=32), number(0.25).shift(RIGHT))
        new = VGroup(Text("x", font_size=32), number(0.75).shift(RIGHT)).shift(DOWN * 2)
        self.add(old)
        self.wait()
        self.play(AnimationGroup(AnimationGroup(Transform(old, new)), FadeIn(Text("y", font_size=32).to_edge(UP))))

    found = problems(media, construct, "morph")
    assert len(found) == 1 and "['0.2500']" in found[0].what and "['0.7500']" in found[0].what, found
    assert found[0].play == 1


def test_overlapping_text_is_caught(media: Path) -> None:
    def construct(self: Scene) -> None:
        self.play(FadeIn(Text("error", font_size=32)), FadeIn(number(0.25).shift(RIGHT * 0.3)))

    found = problems(media, construct, "overlap")
    assert len(found) == 1 and "'error'" in found[0].what and "0.2500" in found[0].what, found


def test_a_number_on_top_of_a_symbol_of_its_formula_is_caught(media: Path) -> None:
    """w = (−0.4457) − …, with the old weight drawn over its opening parenthesis."""

    def construct(self: Scene) -> None:
        formula = Formula("w", "=", Num(-0.4457, ("weights", 0, 0, 0), factor=True), decimals=4, color="#FFFFFF")
        self.add(formula)
        self.wait()
        formula.numbers[0].shift(LEFT * 0.15)
        self.wait()

    found = problems(media, construct, "overlap")
    assert len(found) == 1 and found[0].play == 1, found
    assert "symbol 2 overlaps number -0.4457 ('weights', 0, 0, 0)" in found[0].what, found


def test_a_signed_zero_is_caught(media: Path) -> None:
    """E = −0.0000 ln 0.3359 (a formula's minus before a zero); ŷ − 0.0000 is no signed zero."""

    def construct(self: Scene) -> None:
        zero, p = Num(0.0, ("y", 0)), Num(0.3359, ("y_hat", 0))
        signed = Formula("E", "=", "-", zero, r"\ln", p, decimals=4, color="#FFFFFF").shift(UP * 2)
        minus = Formula(p, "-", zero, decimals=4, color="#FFFFFF").shift(DOWN * 2)
        self.play(FadeIn(signed), FadeIn(minus))

    found = [p.what for p in problems(media, construct, "sign")]
    assert len(found) == 1 and "a minus sign before 0.0000" in found[0], found


def test_text_outside_the_frame_is_caught(media: Path) -> None:
    def construct(self: Scene) -> None:
        self.wait()
        self.play(FadeIn(Text("far away", font_size=32).move_to(RIGHT * 7)))

    found = problems(media, construct, "frame")
    assert len(found) == 1 and "'far away'" in found[0].what and found[0].play == 1, found


def test_small_text_and_small_numbers_are_caught(media: Path) -> None:
    def construct(self: Scene) -> None:
        self.play(FadeIn(Text("tiny", font_size=18).shift(UP * 2)))
        self.play(FadeIn(VGroup(Line(LEFT, RIGHT), number(0.25, font_size=20).shift(DOWN * 2))))  # inside a group
        formula = Formula("z", "=", Num(0.5, ("z", 1, 0)), decimals=4, color="#FFFFFF", font_size=18)
        self.play(FadeIn(formula.shift(LEFT * 4)))

    found = [p.what for p in problems(media, construct, "size")]
    assert any("'tiny'" in what and "font size" in what for what in found), found
    assert any(what.startswith("0.2500") and "tall" in what for what in found), found
    assert any("0.5000 ('z', 1, 0) (in Formula" in what for what in found), found
    assert len(found) == 3


def shifted_glyph(mob: DecimalNumber) -> None:
    mob[2].shift(UP * 0.1)


def overlapping_glyph(mob: DecimalNumber) -> None:
    mob[3].shift(LEFT * 0.15)


def scrambled_glyphs(mob: DecimalNumber) -> None:
    mob.submobjects.reverse()


def missing_glyph(mob: DecimalNumber) -> None:
    mob.remove(mob[-1])


def other_value(mob: DecimalNumber) -> None:
    mob.number = 0.9876  # the value changed, the glyphs did not


@pytest.mark.parametrize(
    ("defect", "message"),
    [
        (shifted_glyph, "not on one baseline"),
        (overlapping_glyph, "not to the right of glyph 2"),
        (scrambled_glyphs, "not to the right"),
        (missing_glyph, "drawn with 5 glyphs for the 6 characters"),
        (other_value, "does not have the shape of its character"),
    ],
)
def test_a_number_not_showing_the_glyphs_of_its_value_is_caught(media: Path, defect, message: str) -> None:  # type: ignore[no-untyped-def]
    def construct(self: Scene) -> None:
        inside = number(0.1234)
        self.add(VGroup(Text("w", font_size=32).shift(LEFT), inside))  # inside a group too
        self.wait()
        defect(inside)
        self.wait()

    found = problems(media, construct, "glyph")
    assert any(message in p.what for p in found) and all(p.play == 1 for p in found), found


def test_a_number_caught_mid_morph_is_caught(media: Path) -> None:
    """A Transform stopped half-way leaves glyphs between two digits (and is a morph to other digits)."""

    def construct(self: Scene) -> None:
        old = number(0.1111)
        self.add(old)
        self.play(Transform(old, number(0.8888)), rate_func=lambda t: t / 2)

    recording = probe(scene_of(construct), media)
    assert {p.kind for p in recording.problems} == {"morph", "glyph"}, recording.problems
    assert any(
        "0.1111: glyph 2 ('1'), 3 ('1'), 4 ('1'), 5 ('1') does not have the shape" in p.what for p in recording.problems
    )


def test_a_glyph_of_any_other_character_is_caught(media: Path) -> None:
    """Each character's glyph is told from every other's (6, 8 and 9, 0 and 8 included)."""
    with tempconfig({"media_dir": str(media), "verbosity": "WARNING"}):
        shown = number(-1234567890.5, 1)  # every character a number can show
        assert glyph_problems(shown) == []
        text = "-1234567890.5"
        for k, char in enumerate(text):
            for other, glyph in zip(text, shown.copy().submobjects, strict=True):
                if other == char:
                    continue
                wrong = shown.copy()
                wrong.submobjects[k] = glyph.move_to(wrong.submobjects[k])
                found = glyph_problems(wrong)
                assert any(f"glyph {k} ({char!r}) does not have the shape" in p for p in found), (char, other, found)


def test_a_formula_drawn_without_being_named_ahead_is_caught(media: Path) -> None:
    """A formula the scene named to be typeset ahead passes; one it did not is noted (a LaTeX run of its own)."""

    def construct(self: Scene) -> None:
        typeset_ahead([("a^2 + b^2",), ("0", r"\gamma")])
        self.add(MathTex("a^2 + b^2"), MathTex("0", r"\gamma").shift(UP), MathTex("c^2").shift(DOWN))

    recording: Recording = probe(scene_of(construct), media)
    assert recording.unnamed_formulas == ["c^2"]


def test_a_recording_holds_no_mobject(media: Path) -> None:
    """A recording goes from the test process that made it to the others pickled (tests/scene_probe.py,
    ``recorded``): its snapshots keep what each label measured, not the label and its family."""
    import pickle

    def construct(self: Scene) -> None:
        self.add(Text("Forward pass", font_size=36).to_edge(UP))
        self.play(FadeIn(Formula("z", "=", Num(0.25, ("z", 1, 0)), decimals=4, color="#FFFFFF")))
        self.next_section("next")
        self.wait()

    recording = probe(scene_of(construct), media)
    assert [[label.text for label in snap.units] for snap in recording.snapshots] == [
        ["'Forward pass'", "['0.2500']"],  # at the end of the first section, and as the construction ends
        ["'Forward pass'", "['0.2500']"],
    ]
    assert b"manim.mobject" not in pickle.dumps(recording)


def test_a_mobject_changed_in_place_after_a_clean_play_is_checked_again(media: Path) -> None:
    """The probe measures a still screen once (tests/probe_cache.py), not from play to play: a number read clean
    at one play, then moved in place (the same mobject, its points shifted in place), given another glyph's
    outline, or one of its glyphs moved in place, is caught at the next."""

    def construct(self: Scene) -> None:
        a, b, c = number(0.5), number(0.25).shift(DOWN), number(0.75).shift(UP)
        self.play(FadeIn(a), FadeIn(b), FadeIn(c))
        self.wait()
        a.shift(RIGHT * 7)  # numpy's in-place add: the same point arrays
        eight = number(8, 0).submobjects[0].move_to(b.submobjects[0])
        b.submobjects[0].family_members_with_points()[0].set_points(
            eight.family_members_with_points()[0].points
        )  # "0" as "8"
        c.submobjects[0].shift(RIGHT * 0.5)  # its "0" moved in place past its "."
        self.wait()

    recording = probe(scene_of(construct), media)
    frame, glyph = recording.problems_of("frame"), recording.problems_of("glyph")
    assert [p.play for p in frame] == [2] and "0.5000" in frame[0].what, frame
    assert [p.play for p in glyph] == [2, 2], glyph
    assert "0.2500: glyph 0 ('0') does not have the shape" in glyph[0].what, glyph
    assert "0.7500: glyph 1 ('.') is not to the right of glyph 0" in glyph[1].what, glyph


def test_the_still_screen_memo_ends_with_its_block() -> None:
    """Inside ``still_screen`` a measurement is made once per mobject; outside, every time; a new block starts
    empty; a mobject that merely has the ``id`` of one measured is measured itself."""
    made: list[int] = []

    def measure(value: int):  # type: ignore[no-untyped-def]
        return lambda: made.append(value) or value

    mob = VGroup()
    assert probe_cache.memoised("k", mob, measure(1)) == 1 and probe_cache.memoised("k", mob, measure(2)) == 2
    with probe_cache.still_screen():
        with probe_cache.still_screen():  # nested: the same memo
            assert probe_cache.memoised("k", mob, measure(3)) == 3
        assert probe_cache.memoised("k", mob, measure(4)) == 3
        assert probe_cache.memoised("other", mob, measure(5)) == 5
    with probe_cache.still_screen():
        assert probe_cache.memoised("k", mob, measure(6)) == 6
        probe_cache._memo[("k", id(mob))] = (VGroup(), 99)  # type: ignore[index]  # as if another took its id
        assert probe_cache.memoised("k", mob, measure(7)) == 7
    assert made == [1, 2, 3, 5, 6, 7]


def test_the_keys_on_screen_are_those_among_the_scenes_family_members() -> None:
    """``visible_keys`` walks the members once: the keys manim's list of the scene's family members holds, visible."""
    from manim import Dot

    from scenes.drawing.colour_key import explains, roles_explained
    from tests.scene_probe import visible, visible_keys

    shared = explains(VGroup(Dot(), Text("w")), ["positive"])
    hidden = explains(VGroup(Dot().set_opacity(0)), ["negative"])
    nested = VGroup(VGroup(explains(VGroup(Dot()), ["forward"]), shared), hidden)
    scene = Scene()
    scene.add(nested, VGroup(shared), Circle())
    with probe_cache.still_screen():
        family = scene.get_mobject_family_members()
        manims = roles_explained(m for m in family if getattr(m, "key_roles", None) and visible(m))
        assert visible_keys(scene) == manims == frozenset({"positive", "forward"})
