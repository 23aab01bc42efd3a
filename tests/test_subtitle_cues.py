"""A caption cut into cues a player can show: two lines of at most 42 characters, the words kept in order, a cue
ending at a sentence's end where one falls late in it, no short cue flashing by, each cue's time by its length."""

from __future__ import annotations

import itertools
import re

import pytest

from scenes.drawing.subtitle_cues import LINE_LENGTH, cue_texts, cue_times

LONG = (
    "The learning rate η sets the step size. The same 100 updates with other η, E on a log scale (grid lines 10 "
    "times apart; the dashed line is E at the start): η = 0.03125, too small: the error never rises, but falls "
    "slowly: after 100 updates E = 0.1648."
)


@pytest.mark.parametrize("caption", [LONG, "Short.", "One two three four five six seven eight nine ten. " * 7])
def test_cues_keep_the_words_in_two_short_lines(caption: str) -> None:
    cues = cue_texts(caption)
    assert " ".join(" ".join(cue.split()) for cue in cues) == " ".join(caption.split())
    for cue in cues:
        lines = cue.splitlines()
        assert 1 <= len(lines) <= 2 and all(len(line) <= LINE_LENGTH for line in lines), cue


def test_a_cue_ends_at_a_sentence_when_one_falls_late_and_the_last_is_not_a_flash() -> None:
    cues = cue_texts("A first sentence that runs on for quite a while here. Then a second one that follows it on. End.")
    assert cues[0].endswith("here.")
    assert len(" ".join(cue_texts(LONG)[-1].split())) >= 20


def test_each_cue_is_on_screen_for_its_share_of_the_caption() -> None:
    cues = cue_texts(LONG)
    times = cue_times(cues, 14.0)
    assert times[0][0] == 0.0 and sum(seconds for _, seconds in times) == pytest.approx(14.0)
    for (start, seconds), (following, _) in itertools.pairwise(times):
        assert start + seconds == pytest.approx(following)
    rates = {round(len(" ".join(cue.split())) / seconds, 6) for cue, (_, seconds) in zip(cues, times, strict=True)}
    assert len(rates) == 1  # every cue reads at the caption's pace


# --- a cue never ends or starts inside a formula, a tuple, "Mean |δ|" or "neuron 1 of layer 1" ----------------------
ENDS_JOINED = re.compile(r"(?:[=+·×/(]|\s−|\bof|\bMean)$")
STARTS_JOINED = re.compile(r"^(?:[=+·×/)|]|−\s|of\b)")
LEADS_TO_VALUE = re.compile(r"\b(?:at|to|from|is|of)$")  # "E stays at" | "5.0 × 10⁻⁵": the number is its value


def cuts_inside_formulas(cues: list[str]) -> list[str]:
    """Each boundary between consecutive cues (their text joined up) that falls inside a formula: inside brackets,
    right after "=", "·", "(", an operator or "of", or right before "=", ")", "|" or an operator; or between a word
    like "layer" and its number."""
    found = []
    texts = [" ".join(cue.split()) for cue in cues]
    for k in range(1, len(texts)):
        before, after = " ".join(texts[:k]), texts[k]
        inside = before.count("(") > before.count(")")
        named_number = bool(re.search(r"\b(?:layer|neuron|input|output)$", before)) and after[:1].isdigit()
        named_number |= bool(LEADS_TO_VALUE.search(before)) and bool(re.match(r"[−(]*\d", after))
        if inside or ENDS_JOINED.search(before) or STARTS_JOINED.search(after) or named_number:
            found.append(f"{texts[k - 1]!r} | {after!r}")
    return found


# Captions whose cues were cut inside a formula (a lecturer's review): WeightUpdate, BackwardPass (both networks),
# Repeat and Intro.
CUT_BEFORE = [
    "The gradient points uphill, so each weight steps the other way, downhill: it loses η times its slope ∂E/∂w. "
    "The learning rate η = 0.5 sets the size of the step.",
    "The chain rule written out in full: along a path from E back to w⁽¹⁾₁₁, the product P of 5 partial derivatives "
    "is 0.7414 · 0.1868 · 0.4000 · 0.2413 · 0.0500 = 0.0007. It is the only path, so P is the gradient.",
    "The one path's product is 0.0007 = ∂E/∂w⁽¹⁾₁₁ = δ⁽¹⁾₁ · a⁽⁰⁾₁ = 0.0134 · 0.0500. Backprop never lists paths: it "
    "computes each δ once, from the δ of the layer after, and every weight into that neuron reuses it.",
    "Step 3, the backward pass. The error signal ∂E/∂ŷ = (0.0000, −2.5598, 0.0000) enters at the output and flows "
    "back.",
    "The chain rule written out in full: along a path from E back to w⁽¹⁾₁₁, the product P of 5 partial derivatives "
    "is −2.5598 · 0.2380 · (−0.1000) · 0.2429 · 0.6000 = 0.0089. That is one path's share; there are 9.",
    "The 9 paths' products add up to 0.0335 = ∂E/∂w⁽¹⁾₁₁ = δ⁽¹⁾₁ · a⁽⁰⁾₁ = 0.0559 · 0.6000. Backprop never lists "
    "paths: it computes each δ once, from the δ of the layer after, and every weight into that neuron reuses it.",
    "How big is the error signal δ = ∂E/∂z in each layer? Mean |δ|: δ⁽¹⁾ 0.0142, δ⁽²⁾ 0.1385.",
    "w⁽ˡ⁾ⱼᵢ is the weight from neuron i of layer l − 1 into neuron j of layer l; for example w⁽¹⁾₁₁, written on its "
    "edge, goes from input 1 into neuron 1 of layer 1. b is a neuron's bias. Each neuron adds its weighted inputs "
    "and its bias, z = Σ w·a + b, and applies its activation f: a = f(z).",
    "η = 64 (too large): in update 1, ŷ jumps past the target 0.01 (from 0.7514 to 7.1 × 10⁻⁶); there σ is flat: "
    "σ′(z) = 7.2 × 10⁻⁶, almost 0, so the gradient all but vanishes and E stays at 5.0 × 10⁻⁵ from update 1 on, while "
    "η = 16 goes on down to 2.5 × 10⁻⁵.",
]


@pytest.mark.parametrize("caption", CUT_BEFORE)
def test_a_cue_never_cuts_a_formula(caption: str) -> None:
    cues = cue_texts(caption)
    assert " ".join(" ".join(cue.split()) for cue in cues) == " ".join(caption.split())
    assert not cuts_inside_formulas(cues), cues
    assert all(len(cue.splitlines()) <= 2 for cue in cues), cues


def test_the_check_finds_the_cuts_the_review_found() -> None:
    for before, after in [
        ("The learning rate η =", "0.5 sets the size of the step."),
        ("the product P is 0.2413 · 0.0500", "= 0.0007."),
        ("= 0.0134 ·", "0.0500."),
        ("The error signal ∂E/∂ŷ = (0.0000, −2.5598,", "0.0000) enters"),
        ("in each layer? Mean", "|δ|: δ⁽¹⁾ 0.0142"),
        ("goes from input 1 into neuron 1 of", "layer 1."),
        ("into neuron 1 of layer", "1."),
        ("so the gradient all but vanishes and E stays at", "5.0 × 10⁻⁵ from update 1 on"),
    ]:
        assert cuts_inside_formulas([before, after]), (before, after)
