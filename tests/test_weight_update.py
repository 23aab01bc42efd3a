"""The weight update says nothing false while the weights change (issue 20): a number in the new values' colour
is a new value (or η), the neurons show no old activation beside new weights, a table shows each parameter's
step (old, gradient, new) under the rule with η for every network (a new value comes with its old value and its
gradient on screen, also where the diagram labels its edges), and a formula's numbers land before the rest of it
appears.
Every other probe check (no number counting through values, layout, glyphs) runs in test_scenes.py."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from manim import RIGHT, Animation, ReplacementTransform, Scene, tempconfig

from nnmath import load_config, train_step
from nnmath.config import DEFAULT_CONFIG
from nnmath.rounding import update_gaps
from scenes import BackwardPass, WeightUpdate
from scenes.drawing.formula import Formula, Num
from scenes.drawing.moves import assemble
from scenes.drawing.numbers import Entry, TraceNumber
from scenes.drawing.shown_arithmetic import ROUNDING_NOTE
from scenes.drawing.step_tables import TIGHT_ROWS, StepTable, step_title
from scenes.drawing.style import PANEL_BOTTOM, PANEL_WIDTH
from scenes.stage.context import context_from
from scenes.update_tables import TABLE_HOLD, update_rule
from scenes.words import weight_update as update_words
from tests.scene_probe import Recording, construct_only, recorded
from tests.test_scenes import LARGEST

CLASSIFIER = DEFAULT_CONFIG.parent / "classifier-2-3-3.toml"
NEW = {"new_weights", "new_biases", "learning_rate"}  # what the new values' colour may show


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    largest = tmp_path_factory.mktemp("configs") / "largest.toml"
    largest.write_text(LARGEST)
    return {"default": DEFAULT_CONFIG, "classifier": CLASSIFIER, "largest": largest}


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory, paths: dict[str, Path]):  # type: ignore[no-untyped-def]
    media = tmp_path_factory.mktemp("update-media")
    return lambda config: recorded(WeightUpdate, paths[config], media)


@pytest.mark.parametrize("config", ["default", "classifier"])
def test_the_new_values_colour_shows_only_new_values(shown, paths, config: str) -> None:  # type: ignore[no-untyped-def]
    recording: Recording = shown(config)
    update = context_from(load_config(paths[config])).theme.update.upper()
    wrong = {(n.section, n.entry, n.text) for n in recording.numbers if n.color == update and n.entry[0] not in NEW}
    assert not wrong, sorted(wrong, key=str)[:10]
    edges = {colour for section, _, colours in recording.screens for colour in colours if colour == update}
    assert not edges, "an edge in the new values' colour (an edge carries no value of its own)"


@pytest.mark.parametrize("config", ["default", "classifier"])
def test_no_old_activation_beside_the_new_weights(shown, config: str) -> None:  # type: ignore[no-untyped-def]
    """Once the weights change, the neurons past the input are empty until the new forward pass fills them."""
    recording: Recording = shown(config)
    in_neurons = [n for n in recording.numbers if n.place is not None and n.place[0] == "neuron" and n.place[1] != 0]
    cleared = [n for n in in_neurons if n.section == "update-all"]
    assert not cleared, cleared[:5]
    after = [n.entry for n in in_neurons if n.section == "update-check"]
    assert after and all(entry is not None and entry[0] == "a_after" for entry in after), after[:5]


@pytest.mark.parametrize("config", ["default", "classifier", "largest"])
def test_each_new_value_comes_with_its_old_value_and_gradient(shown, config: str) -> None:  # type: ignore[no-untyped-def]
    """Lecturer review 10 (D5): the default's seven new values appeared on the edges at once, the gradients gone with
    the backward pass, so a student could check only the two worked ones. Every new weight and bias, when it first
    shows (in a worked row, a step table's cell or on the diagram), has its old value and its gradient on screen."""
    recording: Recording = shown(config)
    on_screen: dict[int, set[Entry]] = {}
    for n in recording.numbers:
        if n.entry is not None:
            on_screen.setdefault(n.play, set()).add(n.entry)
    first: dict[Entry, int] = {}
    for n in recording.numbers:
        if n.entry is not None and n.entry[0] in ("new_weights", "new_biases"):
            first[n.entry] = min(first.get(n.entry, n.play), n.play)
    assert first
    unchecked = {
        entry: play
        for entry, play in first.items()
        if not {(entry[0][4:], *entry[1:]), (f"grad_{entry[0][4:]}", *entry[1:])} <= on_screen[play]
    }
    assert not unchecked, sorted(unchecked.items(), key=str)[:8]


def test_the_diagram_keeps_the_old_values_until_each_tables_new_ones_take_their_places(shown) -> None:  # type: ignore[no-untyped-def]
    """The default's diagram labels its edges and neurons: while a layer's weights (or biases) table shows, the old
    values are read on the diagram first, then the table's new values take their places, as its cue says."""
    recording: Recording = shown("default")
    cfg = load_config(DEFAULT_CONFIG)
    cues = [(c.start.total_seconds(), c.end.total_seconds(), " ".join(c.content.split())) for c in recording.cues]

    def on_diagram(name: str, l: int) -> list[int]:  # the plays after which the diagram shows a layer's ``name``
        return sorted({n.play for n in recording.numbers if n.place and n.entry and n.entry[:2] == (name, l)})

    for l in range(len(cfg.layers) - 1):
        for symbol, kind in (("w", "weights"), ("b", "biases")):
            title = step_title(symbol, l)
            with_table = [k for k, (_, texts) in enumerate(recording.screen_texts) if title in texts]
            new = on_diagram(f"new_{kind}", l)
            assert with_table and new, f"{title}: its table, or its new values on the diagram, never shown"
            assert new[0] in with_table, f"{title}: the diagram's new values came without their table"
            assert with_table[0] in on_diagram(kind, l), f"{title}: shown without the old values on the diagram"
            start, end = recording.play_times[with_table[0]][0], recording.play_times[with_table[-1]][1]
            said = " ".join(text for s, e, text in cues if s < end - 0.01 and e > start + 0.01)
            assert "on the diagram" in said, f"{title}: its cues say {said}"


@pytest.mark.parametrize("config", ["default", "classifier", "largest"])
def test_each_table_shows_the_step_under_the_rule(shown, paths, config: str) -> None:  # type: ignore[no-untyped-def]
    recording: Recording = shown(config)
    cfg = load_config(paths[config])
    entries = {n.entry for n in recording.numbers if n.section == "update-all"}
    for l in range(len(cfg.layers) - 1):
        for j in range(cfg.layers[l + 1]):
            for prefix in ("", "grad_", "new_"):
                assert (f"{prefix}biases", l, j) in entries
                assert {(f"{prefix}weights", l, j, i) for i in range(cfg.layers[l])} <= entries
    titles = {step_title(symbol, l) for symbol in "wb" for l in range(len(cfg.layers) - 1)}
    screens = [texts for section, texts in recording.screen_texts if section == "update-all" and texts & titles]
    assert len(screens) >= len(titles)
    assert all(update_rule(False, inline=True) in texts for texts in screens), "a table without the rule"
    # (a new weight off the diagram: in a table, or a worked row, which writes η too)
    with_table = {n.play for n in recording.numbers if n.entry and n.entry[0] == "new_weights" and n.place is None}
    with_eta = {n.play for n in recording.numbers if n.entry == ("learning_rate",)}
    assert with_table <= with_eta, "a table without η"


@pytest.mark.parametrize("config", ["default", "classifier", "largest"])
def test_the_rounding_note_is_over_every_table_whose_new_values_need_it(shown, paths, config: str) -> None:  # type: ignore[no-untyped-def]
    """A new value its shown old value, η and gradient do not give has the rounding note on screen with it: over
    every step table, the largest network's too (its 4-row tables at the floor once left no room: the note showed
    before them and went)."""
    recording: Recording = shown(config)
    cfg = load_config(paths[config])
    assert update_gaps(train_step(cfg), cfg.decimals), "a network whose tables all add up as shown tests nothing"
    note = "".join(ROUNDING_NOTE.split())  # manim's Text keeps its text without spaces
    titles = {step_title(symbol, l) for symbol in "wb" for l in range(len(cfg.layers) - 1)}
    screens = [texts for section, texts in recording.screen_texts if section == "update-all" and texts & titles]
    assert screens and all(note in texts for texts in screens), "a step table without the rounding note"


def test_a_formula_shows_its_flown_numbers_in_place_before_the_rest_appears(tmp_path: Path) -> None:
    """w = 0.4000 − 0.5 · 0.0822 = 0.3589 never reads w = [gap] − … = 0.3589: sampled part way, the numbers that
    do not fly in (the result) are invisible until the flying copy has reached its place."""
    played: list[Animation] = []

    class Assembling(Scene):
        def construct(self) -> None:
            source = TraceNumber(0.4, ("weights", 1, 0, 0), 4, "#FFFFFF").shift(4 * RIGHT)
            self.add(source)
            old, new = Num(0.4, ("weights", 1, 0, 0)), Num(0.3589, ("new_weights", 1, 0, 0))
            row = Formula("w", "=", old, "-", new, decimals=4, color="#FFFFFF")
            self.play = lambda *animations, **kwargs: played.extend(animations)  # type: ignore[method-assign]
            assemble(self, row, {0: source})
            self.row = row

    with tempconfig({"media_dir": str(tmp_path), "verbosity": "WARNING", "disable_caching": True}):
        scene = Assembling(skip_animations=True)
        scene.construct()
        target = scene.row.numbers[0].get_center().copy()
        for animation in played:
            animation._setup_scene(scene)
            animation.begin()
        flight = next(a for a in played if isinstance(a, ReplacementTransform))
        rest = [a for a in played if a.mobject in scene.row.numbers]  # the numbers that do not fly: the result
        for alpha in np.linspace(0.05, 0.95, 19):
            for animation in played:
                animation.interpolate(float(alpha))
            seen = any(m.get_fill_opacity() > 0.01 for a in rest for m in a.mobject.family_members_with_points())
            landed = np.allclose(flight.mobject.get_center(), target, atol=0.01)
            assert landed or not seen, f"at {alpha:.2f} the result shows while a number it uses is still on its way"


def test_the_check_shows_each_new_output_beside_its_old_one_and_target(shown) -> None:  # type: ignore[no-untyped-def]
    """After the update, each output's new value stands beside its old value and its target, with the verdict."""
    recording: Recording = shown("default")
    t = context_from(load_config(DEFAULT_CONFIG)).trace
    checked = {n.entry for n in recording.numbers if n.section == "update-check" and n.place is None}
    for k in range(len(t.y)):
        assert {("y_hat_after", k), ("y_hat", k), ("y", k)} <= checked, (k, checked)
    verdict = "".join(update_words.update_verdict(t).split())  # manim's Text keeps its text without spaces
    assert verdict in {"".join(text.split()) for text in recording.texts}


@pytest.mark.parametrize("config", ["default", "classifier", "largest"])
def test_each_table_is_held_and_named_by_the_cue_shown_with_it(shown, paths, config: str) -> None:  # type: ignore[no-untyped-def]
    """Each step table stays TABLE_HOLD seconds at least and is named by the cues shown with it (no other table's
    name, nor the clearing, over it); the neurons' clearing is said before the first table (a review found tables
    3.5 s each, and "cleared" said over W⁽²⁾ long after the neurons were)."""
    recording: Recording = shown(config)
    depth = len(load_config(paths[config]).layers) - 1
    titles = [step_title(symbol, l) for l in range(depth) for symbol in "wb"]
    names = update_words.table_names(depth)
    cues = [(c.start.total_seconds(), c.end.total_seconds(), " ".join(c.content.split())) for c in recording.cues]
    spans = []
    for title in titles:
        on = [n for n, (_, texts) in enumerate(recording.screen_texts) if title in texts]
        assert on, f"{title} never shown"
        start, end = recording.play_times[on[0]][0], recording.play_times[on[-1] + 1][0]
        spans.append((start, end))
        assert end - start >= TABLE_HOLD - 1e-6, f"{title} held {end - start:.1f} s"
    cleared = [start for start, _, text in cues if text.startswith("The neurons' values came from")]
    assert cleared and cleared[0] < spans[0][0], "the clearing is said after the tables begin"
    for (start, end), name in zip(spans, names, strict=True):
        during = [text.lower() for s, e, text in cues if s < end - 0.01 and e > start + 0.01]
        assert any(name in text for text in during), f"{name} not named while its table shows: {during}"
        assert not any(f"{other}:" in text for text in during for other in names if other != name), during
        assert not any("cleared" in text for text in during), f"the clearing said over {name}"


SMALL_TABLE_DIGIT = 0.26  # manim units: ~16 px at 480p (a review found ~11 px on the softmax network's tables)
STACK_GAP = 0.05  # between a place's stacked values, ~3 px at 480p (a review: old, gradient and new nearly touched)


@pytest.mark.parametrize("config", ["default", "classifier", "largest"])
def test_the_tables_digits_are_as_large_as_the_panel_allows(paths, config: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Lecturer review 10 (S3): a small network's tables have digits SMALL_TABLE_DIGIT tall at least, and every table
    is drawn at the largest size its room allows: the room left under it is less than the next size up would need
    (or it is at the largest size). Every table stays above the subtitles' strip (PANEL_BOTTOM) and within the
    panel's width. A place's stacked values (old, gradient, new) stand STACK_GAP apart at least, unless the table is
    tall (TIGHT_ROWS rows), and its rows of places further apart than the values in one place."""
    import scenes.drawing.step_tables as tables_module
    import scenes.update_tables as update

    built: list[StepTable] = []
    original = update.step_tables
    monkeypatch.setattr(update, "step_tables", lambda *a, **k: built.extend(tables := original(*a, **k)) or tables)
    construct_only(WeightUpdate, paths[config], tmp_path)  # not the cached recording: this one builds the tables
    assert built
    monkeypatch.setattr(update, "step_tables", original)
    ctx, sizes = context_from(load_config(paths[config])), tables_module.TABLE_SIZES
    for k, table in enumerate(built):
        digits = [max(m.height for m in n.submobjects) for n in table.numbers]  # each number's tallest glyph
        if config != "largest":
            assert min(digits) >= SMALL_TABLE_DIGIT, f"digits {min(digits):.3f} tall"
        slack = table.get_bottom()[1] - PANEL_BOTTOM
        assert slack >= -1e-6 and table.width <= PANEL_WIDTH + 1e-6
        if table.font_size != sizes[0]:  # the next size up would not fit the room under it
            monkeypatch.setattr(tables_module, "TABLE_SIZES", (sizes[sizes.index(table.font_size) - 1],))
            larger = original(ctx, k // 2)[k % 2]
            assert larger.height - table.height > slack or larger.width > PANEL_WIDTH, f"{table.font_size} in room"
            monkeypatch.setattr(tables_module, "TABLE_SIZES", sizes)
        places = [table.numbers[n : n + 3] for n in range(0, len(table.numbers), 3)]  # old, gradient, new
        stacked = min(upper.get_bottom()[1] - lower.get_top()[1] for p in places for upper, lower in pairwise(p))
        rows, columns = ctx.config.layers[k // 2 + 1], ctx.config.layers[k // 2] if k % 2 == 0 else 1
        if rows < TIGHT_ROWS:
            assert stacked >= STACK_GAP - 1e-6, f"old, gradient and new {stacked:.3f} apart"
        if 1 < rows < TIGHT_ROWS:
            between = min(places[n][-1].get_bottom()[1] - places[n + columns][0].get_top()[1] for n in range(columns))
            assert between > 2 * stacked, f"rows of places {between:.3f} apart, their values {stacked:.3f}"


@pytest.mark.parametrize("config", ["default", "classifier"])
def test_different_gradients_never_read_the_same(  # type: ignore[no-untyped-def]
    shown, paths, tmp_path_factory: pytest.TempPathFactory, config: str
) -> None:
    """FINDINGS-6 #4: the default's ∂E/∂w⁽¹⁾₁₁ and ∂E/∂w⁽¹⁾₂₁ (6.7 × 10⁻⁴ and 7.5 × 10⁻⁴) both read 0.0007 on the
    diagram while their weights stepped by 0.0003 and 0.0004. Every gradient on screen has two significant digits,
    so two that read the same agree to two significant digits."""
    media = tmp_path_factory.mktemp("gradient-media")
    recordings = [shown(config), recorded(BackwardPass, paths[config], media)]  # the edges get them in step 3
    ctx = context_from(load_config(paths[config]))
    values: dict[str, set[str]] = {}
    for n in (n for recording in recordings for n in recording.numbers):
        if n.entry is not None and n.entry[0] in ("grad_weights", "grad_biases"):
            values.setdefault(n.text, set()).add(f"{ctx.value(n.entry):.1e}")
    assert values and not {text: v for text, v in values.items() if len(v) > 1}
    if config == "default":
        assert {"0.00067", "0.00075", "0.0013", "0.0015"} <= set(values)
