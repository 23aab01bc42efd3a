"""A softmax classifier in the scenes: what each step shows for the shipped 2-3-3 classifier.

The forward pass substitutes every z of the output layer into ŷₖ = exp(zₖ) / Σₘ exp(zₘ); the backward
pass shows once, with numbers, why ∂E/∂z at the output is ŷ − y, writes the output δ as ŷ − y and the
output weight's chain rule with two factors (as the answer key does). The four steps are constructed
once (``recorded`` shares them with any other test of the run) and every probe check applies.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from manim import DashedLine, MathTex, Text, Transform

from nnmath import LOSSES, load_config
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import format_number, shown_text, sub
from nnmath.rounding import add_to_one_as_shown, chain_factors
from scenes import BackwardPass, CheckYourself, ErrorCalc, ForwardPass, WeightUpdate
from scenes.delta_rows import given_values, other_rows
from scenes.drawing import symbols
from scenes.drawing.diagram import half_diagonal
from scenes.drawing.layout import Panel
from scenes.drawing.shown_arithmetic import ROUNDING_NOTE
from scenes.drawing.step_tables import step_title
from scenes.drawing.style import FORMULA_SIZE, PANEL_BOTTOM, PANEL_WIDTH, RING_INSET, TEXT_SIZE
from scenes.drawing.tables import pair_title, title_of
from scenes.drawing.theme import ROLES, Theme, theme_for
from scenes.error_calc import GapLine
from scenes.formulas.backward_pass import (
    LOSS_SLOPE,
    LOSS_TIMES_SLOPE,
    WHY_THEY_CANCEL,
    bias_rule,
    cancellation,
    chain_entries,
    gradient_rule,
    softmax_sum_formula,
)
from scenes.formulas.forward_pass import INPUTS_ARE_A0, softmax_formula, softmax_sum
from scenes.formulas.notation import INPUTS_ARE
from scenes.gradient_idea import GRADIENT
from scenes.stage.context import StepContext, context_from
from scenes.stage.states import after_backward
from scenes.words import error_calc as error_words
from tests.scene_probe import DECIMAL_IN_TEXT, LAYOUT_KINDS, NEURON_CLEARANCE, Recording, digit_height, recorded
from tests.test_scenes import check_numbers_by_place

CLASSIFIER = DEFAULT_CONFIG.parent / "classifier-2-3-3.toml"
STEPS = {"ForwardPass": ForwardPass, "ErrorCalc": ErrorCalc, "BackwardPass": BackwardPass, "WeightUpdate": WeightUpdate}
OUTPUT = 2  # the classifier's output layer; trace weight layer 1 leads into it


@pytest.fixture(scope="module")
def ctx() -> StepContext:
    return context_from(load_config(CLASSIFIER))


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Recording]:
    media = tmp_path_factory.mktemp("softmax-media")
    return {name: recorded(scene, CLASSIFIER, media) for name, scene in STEPS.items()}


def entries_in(recording: Recording, section: str) -> set[tuple[str | int, ...]]:
    return {n.entry for n in recording.numbers if n.section == section and n.entry is not None}


def captions(recording: Recording) -> str:
    return " ".join(c.content for c in recording.subcaptions)


@pytest.mark.parametrize("step", list(STEPS))
def test_every_probe_check_passes(shown: dict[str, Recording], step: str) -> None:
    recording = shown[step]
    assert not recording.problems_of(*LAYOUT_KINDS, "glyph", "morph"), "\n".join(map(str, recording.problems[:20]))
    assert not check_numbers_by_place(recording, CLASSIFIER)
    assert not [s for s in recording.texts if DECIMAL_IN_TEXT.search(s)]


def test_the_forward_pass_substitutes_every_z_into_softmax(shown: dict[str, Recording], ctx: StepContext) -> None:
    t, n = ctx.trace, len(ctx.trace.y)
    j = ctx.config.focus[-1][0]
    # S written with its value (the trace's), which each ŷ row then divides by
    assert [x.entry for x in softmax_sum(ctx, OUTPUT).numbers] == [
        *(("z", OUTPUT, m) for m in range(n)),
        ("softmax_sum",),
    ]
    assert ctx.value(("softmax_sum",)) == pytest.approx(float(np.exp(t.z[OUTPUT]).sum()), rel=1e-12)
    row = [x.entry for x in softmax_formula(ctx, OUTPUT, j).numbers]
    # ŷⱼ = exp(zⱼ) / S with S's number (written out above it), so a student can work the row by hand
    assert row == [("z", OUTPUT, j), ("softmax_sum",), ("a", OUTPUT, j)]
    forward = shown["ForwardPass"]
    section = entries_in(forward, f"forward-softmax-{OUTPUT}")
    assert {("z", OUTPUT, m) for m in range(n)} | {("a", OUTPUT, k) for k in range(n)} <= section
    # Each z waits in its neuron until softmax has all of them; then ŷ takes its place.
    in_neurons = {(s.entry, s.place) for s in forward.numbers if s.section == f"forward-layer-{OUTPUT}"}
    assert all((("z", OUTPUT, k), ("neuron", OUTPUT, k)) in in_neurons for k in range(n))
    assert any(r"\frac{\exp(z_k)}{S}" in s for s in forward.texts)
    # the denominator named before a row uses S, and exp tied to the e^z of softmax's definition
    assert r"S = \sum_m \exp(z_m), \quad \exp(z) = e^{z}" in forward.texts
    assert ("softmax_sum",) in section
    # the subtitle writes "≈" where the screen does: S and ŷⱼ as shown give 3.7683 and 0.3906, not 3.7684, 0.3907
    assert {("softmax_sum",), ("a", OUTPUT, j)} <= ctx.rounding_gaps
    assert r"\approx" in softmax_formula(ctx, OUTPUT, j).written
    s_shown, y_shown = format_number(t.softmax_sum, ctx.decimals), format_number(t.a[OUTPUT][j], ctx.decimals)
    assert f"≈ {s_shown};" in captions(forward) and f"/ S ≈ {y_shown}." in captions(forward)
    assert f"= {s_shown};" not in captions(forward) and f"/ S = {y_shown}." not in captions(forward)
    # the ŷ shown add to 1.0001: under "ŷ₁ + ŷ₂ + ŷ₃ = 1" the screen says they are rounded
    assert not add_to_one_as_shown(t.y_hat, ctx.decimals)
    assert "".join(ROUNDING_NOTE.split()) in {"".join(x.split()) for x in forward.texts}
    # Every neuron's sum is written out with its weights and bias while it is computed, not only the focus neuron's.
    used = {n.entry for n in forward.numbers if n.section.startswith("forward-layer-")}
    for layer in range(1, OUTPUT + 1):
        for k in range(len(t.z[layer])):
            assert ("biases", layer - 1, k) in used
            assert all(("weights", layer - 1, k, i) in used for i in range(len(t.a[layer - 1])))
    assert not any(r"\mathrm{softmax}(" in s and "0." in s for s in forward.texts)  # never softmax of one number
    words = captions(forward)
    assert all(format_number(float(v), ctx.decimals) in words for v in t.y_hat) and "add up to 1" in words


def test_the_error_works_out_the_true_class(shown: dict[str, Recording], ctx: StepContext) -> None:
    t, k = ctx.trace, ctx.config.focus[-1][0]
    assert t.y[k] == 1.0  # the shipped example's focus output is the true class
    error = shown["ErrorCalc"]
    assert {("y", k), ("y_hat", k), ("loss_terms", k), ("dE_dyhat", k), ("loss",)} <= entries_in(
        error, "error-loss"
    ) | (entries_in(error, "error-signal"))
    assert f"E = −ln ŷ{sub(k + 1)}" in captions(error)  # the subtitle writes the index as the screen does


def test_every_output_slope_is_worked_with_its_numbers(shown: dict[str, Recording], ctx: StepContext) -> None:
    """Lecturer review 7: ∂E/∂ŷ₁ and ∂E/∂ŷ₃ = 0.0000 came bare after the rule and y had scrolled off; each output's
    slope is a row with its yₖ and ŷₖ put in (−(0.0000 / 0.3359) = 0.0000, as the answer key writes it)."""
    error = shown["ErrorCalc"]
    rows: dict[tuple[int, int], set[tuple[object, str]]] = {}
    for n in error.numbers:
        if n.section == "error-signal" and n.entry is not None:
            rows.setdefault((n.play, n.unit), set()).add((n.entry, n.role))
    for k in range(len(ctx.trace.y)):
        worked = {(("y", k), "operand"), (("y_hat", k), "operand"), (("dE_dyhat", k), "result")}
        assert any(worked <= row for row in rows.values()), k


def test_the_gradient_is_defined_on_screen(shown: dict[str, Recording]) -> None:
    """Under the classifier's colour key (five entries) the panel is shorter: the gradient's definition still
    comes whole, "gradient = every ∂E/∂w and ∂E/∂b" on screen with what it says."""
    screens = [texts for section, texts in shown["ErrorCalc"].screen_texts if section == "error-gradient"]
    assert any(GRADIENT in texts and any("uphill" in text for text in texts) for texts in screens)


def test_why_delta_is_y_hat_minus_y_with_numbers(shown: dict[str, Recording], ctx: StepContext) -> None:
    t, n, k, l = ctx.trace, len(ctx.trace.y), ctx.config.focus[-1][0], ctx.depth - 1
    row = [m.entry for m in softmax_sum_formula(ctx, k).numbers]
    factors = [e for m in range(n) for e in (("dE_dyhat", m), ("output_jacobian", m, k))]
    assert row == [*factors, ("delta", l, k)]
    section = entries_in(shown["BackwardPass"], "backward-softmax")
    assert {*factors, ("delta", l, k), ("y_hat", k), ("y", k)} <= section
    texts = shown["BackwardPass"].texts
    # The Jacobian in its two cases (no indicator to define), then the loss's −yₘ/ŷₘ times it: the ŷₘ cancel.
    assert any(r"\hat y_k (1 - \hat y_k) & \text{if } m = k" in s and r"-\hat y_m \hat y_k" in s for s in texts)
    assert any(r"-\frac{y_m}{\hat y_m}" in s and r"y_m \hat y_k & \text{if } m \neq k" in s for s in texts)
    assert any(r"\hat y_k \textstyle\sum_m y_m - y_k" in s for s in texts)
    assert any(r"\textstyle\sum_m y_m = 1" in s and s.endswith(r"= \hat y_k - y_k") for s in texts)
    # The sum and ŷ − y give the same δ (nnmath's trace: Jᵀ ∂E/∂ŷ), shown as the same digits.
    total = sum(t.dE_dyhat[m] * t.output_jacobian[m, k] for m in range(n))
    assert format_number(total, ctx.decimals) == format_number(t.y_hat[k] - t.y[k], ctx.decimals)


def test_the_loss_slope_is_stated_before_it_is_put_in(shown: dict[str, Recording], ctx: StepContext) -> None:
    """Lecturer review: −yₘ/ŷₘ appeared without a word. ∂E/∂ŷₘ = −yₘ/ŷₘ (the slope of E = −Σ yₘ ln ŷₘ) is on screen
    before the line that multiplies by it, with a subtitle that says it, read at ≤ 20 characters a second."""
    recording = shown["BackwardPass"]
    screens = [texts for section, texts in recording.screen_texts if section == "backward-softmax"]
    stated = next(n for n, texts in enumerate(screens) if LOSS_SLOPE in texts)
    used = next(n for n, texts in enumerate(screens) if LOSS_TIMES_SLOPE in texts)
    assert stated < used and all(LOSS_SLOPE in texts for texts in screens[used:] if LOSS_TIMES_SLOPE in texts)
    # and δₖ with its numbers comes beside the line it follows from (the first lines make room, not the last)
    last, delta = cancellation(OUTPUT)[-1], ("delta", ctx.depth - 1, ctx.config.focus[-1][0])
    with_last = {n for n, (_, texts) in enumerate(recording.screen_texts) if last in texts}
    assert any(n.entry == delta and n.play in with_last for n in recording.numbers)
    cues = [c for c in recording.cues if "∂E/∂ŷₘ = −yₘ/ŷₘ" in c.content]
    assert cues, "no subtitle says the loss's slope"
    for cue in cues:
        chars = len(" ".join(cue.content.split()))
        assert chars / (cue.end - cue.start).total_seconds() <= 20, cue


def test_the_loss_slope_is_set_in_display_style() -> None:
    """Lecturer review 7: the recap's ∂E/∂ŷₘ = −yₘ/ŷₘ came after an unscoped \\textstyle, so its fractions were
    inline (the numerator's y ~10 px at 480p): it is on its own line at display size, y as tall as in the error
    step's −yₖ/ŷₖ."""
    recap = MathTex(LOSS_SLOPE, font_size=FORMULA_SIZE)[0]
    display = MathTex(r"-\frac{y_m}{\hat y_m}", font_size=FORMULA_SIZE)[0]
    numerator_y, its_y = recap[-6], display[1]  # −, y, m, bar, ^, y, m
    assert numerator_y.height >= its_y.height - 1e-3, (numerator_y.height, its_y.height)
    assert numerator_y.height * 480 / 8 >= 13
    assert MathTex(LOSS_SLOPE, font_size=FORMULA_SIZE).width <= PANEL_WIDTH


@pytest.mark.parametrize("config", [CLASSIFIER, DEFAULT_CONFIG], ids=["softmax", "default"])
def test_a_ring_takes_its_sign_colour_with_its_delta(config: Path, tmp_path: Path) -> None:
    """Lecturer review 7: output rings turned orange or purple (the sign of a slope) around ŷ, hidden ones around
    their activation, 1–4 s before their δ came: a neuron's ring is in a slope colour only while its δ is in or
    under it."""
    recording = recorded(BackwardPass, config, tmp_path)
    theme = theme_for(load_config(config))
    signs = {theme.backward.upper(), theme.backward_negative.upper()}
    with_delta = {
        (n.play, *n.place[1:])
        for n in recording.numbers
        if n.entry is not None and n.entry[0] == "delta" and n.place is not None and n.place[0] in ("neuron", "under")
        if tuple(n.place[1:]) == (n.entry[1] + 1, n.entry[2])
    }
    coloured = [(play, *key) for play, rings in enumerate(recording.rings) for key, c in rings.items() if c in signs]
    assert coloured, "no ring in a slope colour"
    assert not [ring for ring in coloured if ring not in with_delta]


def test_the_weights_a_hidden_sum_uses_go_a_size_up_where_they_fit(ctx: StepContext) -> None:
    """Lecturer review 7: the weights a hidden neuron's sum uses (w⁽²⁾₁₂ = −0.2000 …) were at the legibility floor
    (~11 px digits) with room to spare: a size up where they fit the panel with the neuron's rows, the floor where
    they do not."""
    board = SimpleNamespace(diagram=SimpleNamespace(labels_on_edges=False))  # the classifier's edges: no labels

    def digits_px(top: float) -> list[float]:  # the weights' digit heights at 480p, with the panel from ``top``
        step = SimpleNamespace(ctx=ctx, panel=Panel(None, top=top))  # type: ignore[arg-type]
        tables = given_values(step, board, 0, 1, partial(other_rows, step, 0, 1))  # type: ignore[arg-type]
        return [digit_height(n) * 480 / 8 for table in tables for row in table for n in row.numbers]

    roomy, floor = digits_px(2.1), digits_px(PANEL_BOTTOM + 2.5)  # under the classifier's three-line colour key
    assert len(roomy) == len(floor) == 3
    assert min(roomy) >= 13 > max(floor), (roomy, floor)


def test_the_bias_rule_stays_beside_the_gradient_table(shown: dict[str, Recording]) -> None:
    """Lecturer review 7: "A bias's gradient is its neuron's δ" was said over the gradient table after ∂E/∂bⱼ = δⱼ had
    made room for it (the diagram draws no biases): while a layer's table is on screen, so is its bias rule."""
    recording = shown["BackwardPass"]
    cue = next(c for c in recording.cues if "bias's gradient" in c.content)
    for layer in (1, OUTPUT):
        screens = [texts for section, texts in recording.screen_texts if section == f"backward-gradients-{layer}"]
        with_table = [texts for texts in screens if pair_title(layer - 1) in texts]
        assert with_table, layer
        rules = (bias_rule(layer), " ".join(gradient_rule(layer)))
        assert all(any(rule in texts for rule in rules) for texts in with_table), layer
    assert any("bias" in c.content for c in recording.cues if c.start == cue.start)


def test_why_they_cancel_is_at_body_text_size(shown: dict[str, Recording]) -> None:
    """The muted line under the cancellation was a MathTex at the label size (lowercase ~6 px at 480p): it is words at
    the body text's size."""
    full = Text(WHY_THEY_CANCEL, font_size=TEXT_SIZE)
    x_height = Text("x", font_size=TEXT_SIZE).height * 480 / 8  # pixels at 480p
    assert x_height >= 12
    size = shown["BackwardPass"].text_sizes.get(squeezed(WHY_THEY_CANCEL))
    assert size is not None, "the cancellation's words never on screen"
    assert size >= TEXT_SIZE - 0.01, f"font size {size:.1f}: shrunk to fit the panel"
    assert full.width <= PANEL_WIDTH


def squeezed(text: str) -> str:
    """Without white space (a Text's ``text`` drops it)."""
    return re.sub(r"\s", "", text)


def test_the_output_delta_rows_are_y_hat_minus_y(shown: dict[str, Recording], ctx: StepContext) -> None:
    n, l, k = len(ctx.trace.y), ctx.depth - 1, ctx.config.focus[-1][0]
    section = entries_in(shown["BackwardPass"], f"backward-delta-{OUTPUT}")
    # δₖ = ŷₖ − yₖ of the focus neuron is worked out once, where why δ = ŷ − y is; the others here
    assert {e for j in range(n) if j != k for e in (("y_hat", j), ("y", j), ("delta", l, j))} <= section
    assert ("y", k) not in section and {("y", k), ("delta", l, k)} <= entries_in(
        shown["BackwardPass"], "backward-softmax"
    )
    assert not {e for e in section if e[0] in ("dE_da", "da_dz")}, "no ∂E/∂ŷ · f′(z) at a softmax output"
    assert r"\delta^{(2)}_j = \hat y_j - y_j" in shown["BackwardPass"].texts
    badges = {(s.entry, s.place) for s in shown["BackwardPass"].numbers}
    # Under its neuron, or in it when there is no room under the lowest one above the subtitles' strip.
    assert all({(("delta", l, j), (place, OUTPUT, j)) for place in ("under", "neuron")} & badges for j in range(n))


def test_the_output_chain_rule_has_two_factors(shown: dict[str, Recording], ctx: StepContext) -> None:
    for l in range(ctx.depth):
        j, i = ctx.config.focus[l]
        entries = chain_entries(ctx, l, j, i)
        assert [ctx.value(e) for e in entries[:-1]] == chain_factors(ctx.trace, l, j)  # as the answer key
        assert len(entries) == (2 if l == ctx.depth - 1 else 3)
        section = entries_in(shown["BackwardPass"], f"backward-chain-{l + 1}")
        assert {*entries, ("grad_weights", l, j, i)} <= section
    output_chain = entries_in(shown["BackwardPass"], f"backward-chain-{OUTPUT}")
    assert not {e for e in output_chain if e[0] in ("dE_da", "da_dz")}


def test_the_update_shows_the_new_prediction(shown: dict[str, Recording], ctx: StepContext) -> None:
    t = ctx.trace
    update = shown["WeightUpdate"]
    assert all(update.shows(v) for v in (*t.y_hat_after, t.loss, t.loss_after))


def test_the_default_scenes_are_unchanged_in_kind(tmp_path: Path) -> None:
    """No softmax text, sections or entries where the output is elementwise (sigmoid)."""
    default = {
        name: recorded(scene, DEFAULT_CONFIG, tmp_path) for name, scene in STEPS.items() if name != "WeightUpdate"
    }
    for recording in default.values():
        assert not [s for s in recording.sections if "softmax" in s]
        assert not [s for s in recording.texts if "softmax" in s or r"\hat y_j - y_j" in s]
        assert not [n for n in recording.numbers if n.entry is not None and n.entry[0] == "output_jacobian"]
    chain = entries_in(default["BackwardPass"], "backward-chain-2")
    assert {("dE_da", 1, 0), ("da_dz", 1, 0), ("dz_dw", 1, 0)} <= chain
    assert ("z", 2, 0) not in {n.entry for n in default["ForwardPass"].numbers if n.place is not None}


def sign_colour_errors(recording: Recording, theme: Theme) -> set[str]:
    """Every number drawn in a sign colour whose shown value lacks that sign, and every slope that reads 0
    drawn in a sign colour (the key says orange > 0, purple < 0: 0 is neither)."""
    signs = {theme.backward.upper(): 1.0, theme.backward_negative.upper(): -1.0}
    wrong: set[str] = set()
    for n in recording.numbers:
        value = float(shown_text(n.text))
        if n.color in signs and value * signs[n.color] <= 0:
            wrong.add(f"{n.section}: {n.entry} = {n.text} in {n.color}")
    return wrong


def test_sign_colours_match_the_shown_sign(shown: dict[str, Recording], ctx: StepContext, tmp_path: Path) -> None:
    quiz = recorded(CheckYourself, CLASSIFIER, tmp_path)
    recordings = [shown["ErrorCalc"], shown["BackwardPass"], quiz]
    assert not set().union(*(sign_colour_errors(r, ctx.theme) for r in recordings))
    # the softmax example has slopes that read 0 (∂E/∂ŷ of the wrong classes) and they are on screen
    zeros = [n for n in shown["BackwardPass"].numbers if n.entry and n.entry[0] == "dE_dyhat"]
    assert any(float(shown_text(n.text)) == 0 for n in zeros)


# A symbol the video never defines: a matrix W⁽ˡ⁾ (or a bias vector b⁽ˡ⁾ with no index); it defines w⁽ˡ⁾ⱼᵢ and b⁽ˡ⁾ⱼ.
UNDEFINED_TABLE_SYMBOL = re.compile(r"W\^\{\(|\bb\^\{\(\d\)\}(?!_)")


def test_every_table_is_titled_in_defined_symbols(shown: dict[str, Recording]) -> None:
    """The update's tables name their entries as the video defined them (w⁽ˡ⁾ⱼᵢ, b⁽ˡ⁾ⱼ, each place old over
    gradient over new), a table's title where each sits; no matrix symbol the screen never defines, in any step."""
    assert UNDEFINED_TABLE_SYMBOL.search(r"W^{(2)} =") and UNDEFINED_TABLE_SYMBOL.search(r"b^{(1)} =")
    assert not UNDEFINED_TABLE_SYMBOL.search(r"b^{(1)}_{j}") and not UNDEFINED_TABLE_SYMBOL.search(r"\bar E")
    for step, recording in shown.items():
        assert not [t for t in recording.texts if UNDEFINED_TABLE_SYMBOL.search(t)], step
    texts = shown["WeightUpdate"].texts
    assert all(step_title(symbol, l) in texts for l in range(OUTPUT) for symbol in "wb")
    assert "row } j \\text{, column } i" in title_of("w", 0)


def test_the_nudged_text_stays_while_its_cue_says_it(shown: dict[str, Recording]) -> None:
    """What ∂E/∂ŷ says ("how much E changes when ŷ is nudged") is on screen from before each subtitle cue that
    says it starts until after it ends (it was once replaced by the gradient's definition mid-cue)."""
    error = shown["ErrorCalc"]
    cues = [c for c in error.cues if "nudg" in c.content]
    showing = ["nudged" in " ".join(texts) for _, texts in error.screen_texts]
    first = showing.index(True)
    gone = showing.index(False, first)
    came, went = error.play_times[first][0], error.play_times[gone][0]  # the plays that bring it and take it
    assert cues and all(c.start.total_seconds() >= came - 1e-6 for c in cues)
    assert all(c.end.total_seconds() <= went + 1e-6 for c in cues), (went, [c.end for c in cues])


# An entry drawn in the values' colour → its symbol (after the update too).
SYMBOL_OF = {"x": "x", "z": "z", "a": "a", "y_hat": "ŷ", "a_after": "a", "y_hat_after": "ŷ"}


def test_the_values_key_names_every_value_drawn_in_its_colour(shown: dict[str, Recording], ctx: StepContext) -> None:
    """The values' colour is on x, z (which waits in the softmax layer's neurons), a and ŷ: its key names each."""
    forward = theme_for(ctx.config).forward.upper()
    drawn = {str(n.entry[0]) for r in shown.values() for n in r.numbers if n.color == forward and n.entry is not None}
    assert "z" in drawn and drawn <= set(SYMBOL_OF), drawn
    assert all(SYMBOL_OF[name] in ROLES["forward"].split(" ", 1)[1].split(", ") for name in drawn)


def test_the_error_key_names_only_colours_on_screen(shown: dict[str, Recording], ctx: StepContext) -> None:
    """Step 2's key has an entry for a colour only if a number is drawn in it: the softmax output's wrong classes
    have ∂E/∂ŷ reading 0 (in neither slope colour), so no "slope > 0" entry for them."""
    error, theme = shown["ErrorCalc"], theme_for(ctx.config)
    drawn = {n.color for n in error.numbers}
    keyed = {t for _, texts in error.screen_texts for t in texts}  # manim's Text keeps its text without spaces
    named = [role for role, words in ROLES.items() if "".join(words.split()) in keyed]
    assert {"forward", "target", "error", "backward_negative"} <= set(named)
    assert all(str(getattr(theme, role)).upper() in drawn for role in named), named


def test_the_board_the_update_leaves_keys_only_its_colours(shown: dict[str, Recording], ctx: StepContext) -> None:
    """The update leaves the new values in the neurons; with no labels on the edges, no new weight is drawn, so
    its key has no entry for the update colour (it once read "η, new values" over a diagram with none)."""
    update, theme = shown["WeightUpdate"], theme_for(ctx.config)
    last = update.plays - 1
    drawn = {n.color for n in update.numbers if n.play == last}
    assert update.keys[-1] and all(str(getattr(theme, role)).upper() in drawn for role in update.keys[-1])


def test_no_gap_is_in_the_error_colour(ctx: StepContext) -> None:
    """A gap is |y − ŷ|, not E: never in the error colour. A cross-entropy term with y = 0 is 0: its gap is drawn
    muted and dashed with a note; every number line has its ends labelled."""
    theme = theme_for(ctx.config)
    gaps = [GapLine(ctx, k) for k in range(len(ctx.trace.y))]
    assert [gap.counts for gap in gaps] == [bool(y) for y in ctx.trace.y] == [False, True, False]
    for gap in gaps:
        color = gap.gap.get_stroke_color().to_hex().upper()
        assert color == (theme.text if gap.counts else theme.muted).upper() != theme.error.upper()
        assert isinstance(gap.gap, DashedLine) != gap.counts
        assert [end.tex_string for end in gap.ends] == ["0", "1"]
        note = getattr(gap.note, "text", "")  # manim's Text keeps its text without spaces
        assert (note == "".join(error_words.adds_nothing().split())) == (not gap.counts)


def test_every_loss_term_is_worked_with_numbers_under_its_formula(
    shown: dict[str, Recording], ctx: StepContext
) -> None:
    """E₁ = −0 · ln 0.3359 = 0 as well as the true class's term, each while E's formula is on screen, and Eₖ named
    where it is first used."""
    error, n, loss = shown["ErrorCalc"], len(ctx.trace.y), LOSSES[ctx.config.loss]
    for k in range(n):
        drawn = [(s.entry, s.play) for s in error.numbers if s.section == "error-loss"]
        worked = [  # plays where Eₖ is drawn with yₖ (ŷ's and y's own rows may have made room for its first)
            play for play in range(error.plays) if (("y", k), play) in drawn and (("loss_terms", k), play) in drawn
        ]
        assert worked and loss.latex in error.screen_texts[worked[0]][1], k  # worked out under the formula
    names = "".join(error_words.term_names().split())
    first = min(s.play for s in error.numbers if s.entry is not None and s.entry[0] == "loss_terms")
    assert names in error.screen_texts[first][1]


def test_an_output_neuron_showing_its_delta_is_labelled_delta(ctx: StepContext) -> None:
    """While δ stands in an output neuron (no room for a badge under it), its label says δ⁽ᴸ⁾ₖ, not ŷₖ (a negative
    "probability"); once the δ go, the label says ŷₖ again."""
    board = after_backward(ctx)
    d = board.diagram
    assert not d.badges_below  # the shipped classifier shows δ in the neurons
    for k, label in enumerate(d.output_labels()):
        delta, y_hat = d.output_label(k, symbols.delta(OUTPUT, k)), d.output_label(k, symbols.y_hat(k))
        assert np.allclose([label.width, label.height], [delta.width, delta.height])  # (become aligns the points)
        assert not np.allclose([label.width, label.height], [y_hat.width, y_hat.height])
    restored = [a for a in board.clear_badges() if isinstance(a, Transform)]
    assert [a.target_mobject.tex_string for a in restored] == [symbols.y_hat(k) for k in range(len(ctx.trace.y))]


@pytest.mark.parametrize("config", [CLASSIFIER, DEFAULT_CONFIG])
def test_every_number_in_a_neuron_stays_inside_it_with_a_margin(config: Path) -> None:
    """A neuron's numbers (activations, δ, a softmax output's z; before and after the update), placed as the scenes
    place them, keep their box's corners NEURON_CLEARANCE inside a lit ring's ink: a minus sign never touches it."""
    ctx = context_from(load_config(config))
    t, d = ctx.trace, ctx.new_diagram()
    shown = [
        (layer, j, float(v))
        for series in (t.a, t.a_after, t.z)
        for layer, row in enumerate(series)
        for j, v in enumerate(row)
    ]
    shown += [(l + 1, j, float(v)) for l, row in enumerate(t.delta) for j, v in enumerate(row)]
    for layer, j, value in shown:
        number = d.number_in(layer, j, value, ("widest",), ctx.theme.text)
        assert half_diagonal(number) <= d.radius - RING_INSET - NEURON_CLEARANCE + 1e-9, (layer, j, value)
        assert np.allclose(number.get_center(), d.neuron(layer, j).get_center())


def test_the_screen_says_which_class_is_true_and_its_minus_ln(shown: dict[str, Recording]) -> None:
    """E = −ln ŷ₂ and "true class" were only in the subtitles (lecturer review, issue 20): the panel shows which class
    is the true one beside E = −ln ŷₖ with ŷₖ's number and E's."""
    recording = shown["ErrorCalc"]
    words = "".join(error_words.true_class_words(1).split())  # the probe records a Text without its spaces
    plays = [n for n, (_, texts) in enumerate(recording.screen_texts) if words in texts]
    assert plays, "no line on screen says which class is the true one"
    numbers = {n.entry for n in recording.numbers if n.play in plays}
    assert {("y_hat", 1), ("loss",)} <= numbers, numbers


def test_the_values_come_back_above_the_error_once_it_has_moved(shown: dict[str, Recording]) -> None:
    """FINDINGS-10 S5: as the slope's step began, ŷ and y (gone to make room for E's rows) jumped back in at their old
    places while E's sum moved up through them, "E = 0.0000 + 0.9399 + 0.0000" drawn over ŷ. They come back once the
    sum has moved, above it, in the order a student reads them: ŷ, y, then E."""
    error = shown["ErrorCalc"]
    end = next(s for s in error.snapshots if s.section == "error-loss")  # the panel the slopes start from
    tops = {u.text: u.high[1] for u in end.units if u.kind == "Formula"}
    y_hat, y, total = (
        "['0.3359', '0.3907', '0.2735']",
        "['0.0000', '1.0000', '0.0000']",
        "['0.0000', '0.9399', '0.0000', '0.9399']",
    )
    assert all(row in tops for row in (y_hat, y, total)), tops  # all three on screen as the slopes begin
    assert tops[y_hat] > tops[y] > tops[total], tops


GENERIC_K = re.compile(r"(?<![a-zA-Z\\])(?:_k\b|_\{k\}|_k(?=[\\^ ,)}]))")  # a subscript k: "y_k", "\hat y_k", "z_{k}"
K_SAID = re.compile(r"^k(,m)?:each")  # "k: each output", "k: each neuron of layer 2" (a Text, as recorded: no spaces)


@pytest.mark.parametrize("step", list(STEPS))
def test_k_is_said_while_a_formula_uses_it(shown: dict[str, Recording], step: str) -> None:
    """Lecturer review 13: at 35–41 s "δₖ = −yₖ + yₖŷₖ + … = ŷₖ Σₘ yₘ − yₖ" stood glossed "m: each output" only, k's
    gloss gone with the rule above it. Whenever a formula with a subscript k is on screen, so is what k is."""
    bare = [
        (play, texts)
        for play, (_, texts) in enumerate(shown[step].screen_texts)
        if any(GENERIC_K.search(t) for t in texts) and not any(K_SAID.match(t) for t in texts)
    ]
    assert not bare, bare[:3]


@pytest.mark.parametrize("step", list(STEPS))
def test_a0_is_said_while_a_formula_uses_it(shown: dict[str, Recording], step: str) -> None:
    """Lecturer review 13: BackwardPass wrote ∂E/∂w⁽¹⁾ⱼᵢ = δ⁽¹⁾ⱼ a⁽⁰⁾ᵢ, a clip that may be shown alone, with nothing
    saying a⁽⁰⁾ is the input x. Whenever a formula with a⁽⁰⁾ is on screen, so is what it is."""
    said = {"".join(INPUTS_ARE.split()), INPUTS_ARE_A0}
    bare = [
        play
        for play, (_, texts) in enumerate(shown[step].screen_texts)
        if any("a^{(0)}" in t for t in texts) and not said & texts
    ]
    assert not bare
