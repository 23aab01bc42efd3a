"""The scenes, constructed without rendering: what they show, and whether a class can read it."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

import scenes
import scenes.steps_table
from nnmath import choose_learning_rates, load_config, train_step
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import format_setting
from scenes import BackwardPass, ErrorCalc, ForwardPass, FullVideo, Repeat, WeightUpdate
from scenes.drawing.style import SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT
from tests.scene_probe import (
    DECIMAL_IN_TEXT,
    FRAME_X,
    FRAME_Y,
    LAYOUT_KINDS,
    Recording,
    Resolver,
    recorded,
    repeated_workings,
    slot_mismatch,
)

ASSETS = DEFAULT_CONFIG.parent
LARGEST = """
[network]
layers = [4, 4, 4, 4, 4]
hidden_activation = "tanh"
output_activation = "sigmoid"
loss = "binary_cross_entropy"
learning_rate = 0.8

[sample]
x = [1.0, -0.5, 0.25, -1.0]
y = [1.0, 0.0, 1.0, 0.0]

[init]
seed = 7
scale = 0.9

[display]
decimals = 4
focus = [[3, 1], [2, 2], [1, 3], [0, 0]]
"""
BIG_NUMBERS = """
[network]
layers = [2, 3, 1]
hidden_activation = "relu"
output_activation = "linear"
loss = "half_squared_error"
learning_rate = 0.01

[sample]
x = [2.0, 3.0]
y = [50.0]

[parameters]
weights = [[[5.0, 4.0], [-10.0, 2.0], [4.0, -9.0]], [[3.0, 10.0, -7.0]]]
biases = [[1.0, -2.0, 0.5], [2.0]]
"""
SIX_DECIMALS = DEFAULT_CONFIG.read_text().replace("decimals = 4", "decimals = 6")
STEPS = {"ForwardPass": ForwardPass, "ErrorCalc": ErrorCalc, "BackwardPass": BackwardPass, "WeightUpdate": WeightUpdate}
CONFIGS = ["default", "classification-bce", "tanh-regression", "largest"]
# The legibility floor (MIN_DIGIT_HEIGHT, MIN_FONT_SIZE) is in scene_probe.py: the probe checks it after every play.


@pytest.fixture(scope="session")
def config_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("configs")
    paths = {name: ASSETS / f"{name}.toml" for name in CONFIGS if name != "largest"}
    for name, text in (("largest", LARGEST), ("big-numbers", BIG_NUMBERS), ("six-decimals", SIX_DECIMALS)):
        paths[name] = folder / f"{name}.toml"
        paths[name].write_text(text)
    return paths


@pytest.fixture(scope="session")
def recordings(tmp_path_factory: pytest.TempPathFactory, config_paths: dict[str, Path]):
    media = tmp_path_factory.mktemp("media")  # one media folder: LaTeX pieces are compiled once

    def get(config: str, scene: str) -> Recording:
        classes = {**STEPS, "FullVideo": FullVideo, "Repeat": Repeat}
        return recorded(classes[scene], config_paths[config], media)  # once per scene and config text

    return get


GRADIENT_NAMES = {"∂E/∂ŷ", "δ", "∂E/∂w", "∂E/∂b"}  # shown with at least two significant digits


def key_values(config: str, scene: str, path: Path) -> dict[str, list[float]]:
    """The values each step must show."""
    t = train_step(load_config(path))
    flat = lambda arrays: [float(v) for a in arrays for v in np.ravel(a)]  # noqa: E731
    return {
        "ForwardPass": {"a": flat(t.a[1:]), "z": flat(t.z[1:]), "ŷ": list(t.y_hat), "x": list(t.x)},
        "ErrorCalc": {
            "ŷ": list(t.y_hat),
            "y": list(t.y),
            "terms": list(t.loss_terms),
            "E": [t.loss],
            "∂E/∂ŷ": list(t.dE_dyhat),
        },
        "BackwardPass": {"δ": flat(t.delta), "∂E/∂w": flat(t.grad_weights), "∂E/∂b": flat(t.grad_biases)},
        "WeightUpdate": {
            "new w": flat(t.new_weights),
            "new b": flat(t.new_biases),
            "E": [t.loss],
            "E after": [t.loss_after],
            "ŷ after": list(t.y_hat_after),
        },
    }[scene]


@pytest.mark.parametrize("scene", list(STEPS))
@pytest.mark.parametrize("config", CONFIGS)
def test_step_shows_its_key_values(recordings, config_paths, config: str, scene: str) -> None:
    shown = recordings(config, scene)
    for name, values in key_values(config, scene, config_paths[config]).items():
        missing = [v for v in values if not shown.shows(v, name in GRADIENT_NAMES)]
        assert not missing, f"{scene} for {config} never shows {name} = {missing}"


def check_numbers_by_place(shown: Recording, path: Path) -> list[str]:
    """Every number knows its trace entry, reads that entry's value, and sits in a slot made for it."""
    resolve = Resolver(load_config(path))
    problems = []
    for number in shown.numbers:
        if number.entry is None:
            problems.append(f"{number.section}: {number.text} does not know its trace entry")
        elif (value := resolve.text(number.entry, number.text)) != number.text:
            problems.append(f"{number.section}: {number.entry} shows {number.text}, is {value}")
        elif mismatch := slot_mismatch(number):
            problems.append(mismatch)
    return sorted(set(problems))


@pytest.mark.parametrize("scene", list(STEPS))
@pytest.mark.parametrize("config", CONFIGS)
def test_every_number_shows_its_trace_entry_in_its_place(recordings, config_paths, config: str, scene: str) -> None:
    shown = recordings(config, scene)
    problems = check_numbers_by_place(shown, config_paths[config])
    assert not problems, f"{scene} for {config}:\n" + "\n".join(problems[:20])
    typed = [s for s in shown.texts if DECIMAL_IN_TEXT.search(s)]
    assert not typed, f"numbers typeset outside the formatter: {typed}"


def problem_report(shown: Recording, *kinds: str) -> str:
    found = shown.problems_of(*kinds)
    return f"{len(found)} problems:\n" + "\n".join(map(str, found[:25]))


@pytest.mark.parametrize("scene", list(STEPS))
@pytest.mark.parametrize("config", CONFIGS)
def test_no_sub_computation_is_shown_twice_in_a_clip(recordings, config: str, scene: str) -> None:
    """A worked row (its numbers and result) leaves the screen once and for all: σ′ = 0.5842 · (1 − 0.5842) = 0.2429
    was worked where σ′'s rule was written and again in δ⁽¹⁾₁'s rows, 14 s later (lecturer review)."""
    assert not repeated_workings(recordings(config, scene))


@pytest.mark.parametrize(
    ("config", "scene"), [*itertools.product(CONFIGS, STEPS), ("default", "FullVideo"), ("largest", "Repeat")]
)
def test_every_formula_is_typeset_ahead(recordings, config: str, scene: str) -> None:
    """Every formula a step draws is among those it names before it starts (``StepScene.formulas`` and
    ``likely_formulas``), so that a cold render typesets them all in one LaTeX run, not one run each."""
    shown = recordings(config, scene)
    assert not shown.unnamed_formulas, f"{scene} draws formulas it did not name: {shown.unnamed_formulas}"


@pytest.mark.parametrize("scene", list(STEPS))
@pytest.mark.parametrize("config", CONFIGS)
def test_layout_after_every_play(recordings, config: str, scene: str) -> None:
    """After every play (and at every section's end) each visible text is inside the frame, at least
    1/40 of the frame height and clear of every other text."""
    shown = recordings(config, scene)
    assert not shown.problems_of(*LAYOUT_KINDS), problem_report(shown, *LAYOUT_KINDS)


@pytest.mark.parametrize("scene", list(STEPS))
@pytest.mark.parametrize("config", CONFIGS)
def test_every_number_shows_the_glyphs_of_its_value(recordings, config: str, scene: str) -> None:
    """After every play each visible number (in formulas and tables too) is drawn with exactly the
    glyphs of its value, left to right, on one baseline: none is left partly transformed."""
    shown = recordings(config, scene)
    assert not shown.problems_of("glyph"), problem_report(shown, "glyph")


@pytest.mark.parametrize("scene", list(STEPS))
@pytest.mark.parametrize("config", CONFIGS)
def test_numbers_morph_only_from_the_same_digits(recordings, config: str, scene: str) -> None:
    """No play morphs an edge, a neuron or other digits into a number (it breaks apart mid-animation)."""
    shown = recordings(config, scene)
    assert not shown.problems_of("morph"), problem_report(shown, "morph")


@pytest.mark.parametrize("scene", list(STEPS))
@pytest.mark.parametrize("config", CONFIGS)
def test_shapes_stay_in_the_frame_at_the_end_of_every_section(recordings, config: str, scene: str) -> None:
    """Every visible shape (not only text, which is checked after every play) inside the frame."""
    problems = []
    for snap in recordings(config, scene).snapshots:
        for kind, low, high in snap.leaves:
            if (
                low[0] < -FRAME_X - 0.01
                or high[0] > FRAME_X + 0.01
                or low[1] < -FRAME_Y - 0.01
                or high[1] > FRAME_Y + 0.01
            ):
                problems.append(f"{snap.section}: {kind} outside the frame ({low[:2]}, {high[:2]})")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize(("config", "scene"), [("big-numbers", "WeightUpdate"), ("six-decimals", "ForwardPass")])
def test_long_numbers_stay_legible(recordings, config_paths, config: str, scene: str) -> None:
    """Numbers with several integer digits (E goes from 220.5 to 2749.8 here) or 6 decimals."""
    test_layout_after_every_play(recordings, config, scene)
    test_every_number_shows_the_glyphs_of_its_value(recordings, config, scene)
    test_numbers_morph_only_from_the_same_digits(recordings, config, scene)
    test_shapes_stay_in_the_frame_at_the_end_of_every_section(recordings, config, scene)
    test_every_number_shows_its_trace_entry_in_its_place(recordings, config_paths, config, scene)
    test_step_shows_its_key_values(recordings, config_paths, config, scene)


@pytest.mark.parametrize("scene", list(STEPS))
def test_sections_and_subcaptions(recordings, scene: str) -> None:
    shown = recordings("default", scene)
    assert len(shown.sections) >= 3
    assert len(set(shown.sections)) == len(shown.sections), "section names repeat"
    captions = shown.subcaptions
    assert len(captions) == len(shown.sections), "every section carries one subcaption"
    for before, after in itertools.pairwise(captions):
        assert before.end <= after.start, f"subcaptions overlap: {before.content!r} / {after.content!r}"
    assert all(c.content.strip() and c.end > c.start for c in captions)
    assert captions[-1].end.total_seconds() <= shown.duration + 1e-6


def test_subcaptions_narrate_the_real_numbers(recordings) -> None:
    t = train_step(load_config())
    forward = " ".join(c.content for c in recordings("default", "ForwardPass").subcaptions)
    assert "ŷ = 0.7514." in forward and "0.3775" in forward  # a scalar, not "(0.7514)"
    update = " ".join(c.content for c in recordings("default", "WeightUpdate").subcaptions)
    assert f"{t.loss:.4f}" in update and f"{t.loss_after:.4f}" in update


def test_full_video_tells_the_whole_story(recordings, config_paths) -> None:
    shown = recordings("default", "FullVideo")
    for scene in STEPS:
        for name, values in key_values("default", scene, config_paths["default"]).items():
            assert all(shown.shows(v, name in GRADIENT_NAMES) for v in values), f"FullVideo misses {scene}'s {name}"
    assert not check_numbers_by_place(shown, config_paths["default"])
    names = shown.sections
    order = [
        next(k for k, n in enumerate(names) if n.startswith(p))
        for p in ("intro", "forward", "error", "backward", "update", "quiz", "repeat")
    ]
    assert order == sorted(order)


def test_repeat_epilogue_numbers_come_from_training(recordings, config_paths) -> None:
    shown = recordings("default", "Repeat")
    assert not check_numbers_by_place(shown, config_paths["default"])
    regimes = choose_learning_rates(load_config(config_paths["default"]))
    texts = {n.text for n in shown.numbers}
    assert all(format_setting(run.learning_rate) in texts for run in regimes.compared)  # η as its setting


# --- nothing in the subtitles' strip or a side's margin: every part of the default, softmax, XOR and largest networks
STRIP_CONFIGS = {"default": False, "classifier-2-3-3": False, "xor": True, "largest": False}  # config: has [data]


@pytest.mark.parametrize(
    ("config", "scene"),
    [(config, part.scene) for config, data in STRIP_CONFIGS.items() for part in scenes.steps_table.parts_for(data)],
)
def test_nothing_is_drawn_where_a_player_shows_subtitles_or_crops(
    tmp_path_factory: pytest.TempPathFactory, config_paths, config: str, scene: str
) -> None:
    """No text after any play, and no shape at the end of any sub-step, reaches below ``SAFE_BOTTOM`` (the lowest
    12 % of the frame, where a player draws the subtitles) or beyond ``SAFE_LEFT`` / ``SAFE_RIGHT`` (the sides a
    player or a projector may crop). Construct-only; each recording is made once a run."""
    path = config_paths.get(config, ASSETS / f"{config}.toml")
    shown = recorded(getattr(scenes, scene), path, tmp_path_factory.getbasetemp() / "media")
    problems = [str(p) for p in shown.problems_of("strip", "side")]
    for snap in shown.snapshots:
        problems += [
            f"{snap.section}: {kind} reaches x {low[0]:.2f} … {high[0]:.2f}, y {low[1]:.2f}"
            for kind, low, high in snap.leaves
            if low[1] < SAFE_BOTTOM - 0.01 or low[0] < SAFE_LEFT - 0.01 or high[0] > SAFE_RIGHT + 0.01
        ]
    assert not problems, f"{scene} for {config}:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize(("config", "scene"), list(itertools.product(STRIP_CONFIGS, ["BackwardPass", "WeightUpdate"])))
def test_every_hidden_neuron_showing_its_delta_says_so(
    tmp_path_factory: pytest.TempPathFactory, config_paths, config: str, scene: str
) -> None:
    """After every play, a hidden neuron whose number is its δ (in place of its a: 0.0559 where 0.5842 was reads as
    an activation) has its name δ⁽ˡ⁾ⱼ on screen, or its column has δ⁽ˡ⁾ⱼ over it (the recordings of the strip test)."""
    from scenes.drawing import symbols
    from scenes.drawing.delta_names import column_tex

    path = config_paths.get(config, ASSETS / f"{config}.toml")
    shown = recorded(getattr(scenes, scene), path, tmp_path_factory.getbasetemp() / "media")
    output = len(load_config(path).layers) - 1
    unnamed = [
        (n.section, n.play, n.entry)
        for n in shown.numbers
        if n.entry is not None and n.entry[0] == "delta" and n.place == ("neuron", int(n.entry[1]) + 1, n.entry[2])
        if int(n.entry[1]) + 1 < output
        and not {symbols.delta(int(n.entry[1]) + 1, int(n.entry[2])), column_tex(int(n.entry[1]) + 1)}
        & shown.screen_texts[n.play][1]
    ]
    assert not unnamed, unnamed[:10]
    in_neurons = any(n.entry and n.entry[0] == "delta" and n.place and n.place[0] == "neuron" for n in shown.numbers)
    assert in_neurons or (scene == "WeightUpdate" and STRIP_CONFIGS[config])  # (a dataset's update shows no δ)


@pytest.mark.parametrize("scene", list(STEPS))
@pytest.mark.parametrize("config", CONFIGS)
def test_no_label_is_on_screen_without_its_number(recordings, config: str, scene: str) -> None:
    """Lecturer review 12: in the default weight update (~54 s) a bias label's "b =" stood alone for a moment, its old
    number faded out before the new one faded in. After every play and halfway through it, every "name =" on screen
    has its number (or whatever it equals) right after its "="."""
    recording = recordings(config, scene)
    bare = [(recording.screen_texts[n][0], n, labels) for n, labels in enumerate(recording.bare) if labels]
    assert not bare, bare[:10]
