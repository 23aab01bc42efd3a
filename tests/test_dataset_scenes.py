"""The video of a dataset, constructed without rendering: the data and the first batch in the intro, the batch's
other samples and its mean in steps 2 and 3, the update with the batch gradient, and the Training epilogue (the
decision boundary's colours are the network's own outputs). The showcase (XOR) and the largest network."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from nnmath import LOSSES, batch_step, load_config, train_history, train_step
from nnmath.batch_view import batch_update_view
from nnmath.config import DEFAULT_CONFIG, Config
from nnmath.plane import GRID_POINTS, output_grid
from scenes import BackwardPass, ErrorCalc, Intro, Training, WeightUpdate
from scenes.drawing import symbols
from scenes.drawing.heatmap import heatmap_pixels
from scenes.drawing.scatter import InputPlane
from scenes.drawing.shown_arithmetic import ROUNDING_NOTE
from scenes.drawing.theme import BATCH_ERRORS, MEAN_ERROR, ROLES, theme_for
from scenes.full_video import part_scenes
from scenes.pipeline.clips import clips_for
from scenes.stage.context import context_from
from scenes.steps_table import PARTS, parts_for
from scenes.words import batch_steps as batch_words
from scenes.words import dataset_intro as dataset_words
from scenes.words import training as training_words
from scenes.words import weight_update as update_words
from tests.scene_probe import PROBLEM_KINDS, Recording, Resolver, recorded

XOR = DEFAULT_CONFIG.parent / "xor.toml"
LARGEST_DATA = """
[network]
layers = [4, 4, 4, 4, 4]
hidden_activation = "tanh"
output_activation = "sigmoid"
loss = "binary_cross_entropy"
learning_rate = 0.8

[data]
x = [[1.0, -0.5, 0.25, -1.0], [0.5, 0.5, -0.75, 0.0], [-1.0, 0.25, 0.5, 1.0], [0.0, -1.0, 1.0, 0.5],
     [0.75, 1.0, -0.25, -0.5], [-0.5, -0.25, -1.0, 0.75]]
y = [[1, 0, 1, 0], [0, 1, 1, 0], [0, 0, 1, 1], [1, 1, 0, 0], [1, 0, 0, 1], [0, 1, 0, 1]]
batch_size = 3
epochs = 60

[init]
seed = 7
scale = 0.9

[display]
focus = [[3, 1], [2, 2], [1, 3], [0, 0]]
"""
WAVE = """
[network]
layers = [1, 4, 1]
hidden_activation = "tanh"
output_activation = "sigmoid"
loss = "half_squared_error"
learning_rate = 2.0

[data]
generator = "wave"
n = 12
batch_size = 4
epochs = 150

[init]
seed = 2
scale = 1.0
"""
SCENES = {"Intro": Intro, "ErrorCalc": ErrorCalc, "BackwardPass": BackwardPass, "WeightUpdate": WeightUpdate}
SCENES["Training"] = Training
CASES = (
    [(XOR.stem, name) for name in SCENES]
    + [("largest-data", n) for n in ("Intro", "Training")]
    + [("wave", "Training")]
)
MAX_CAPTION_RATE = 20.0  # characters per second


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("configs")
    (folder / "largest-data.toml").write_text(LARGEST_DATA)
    (folder / "wave.toml").write_text(WAVE)  # one input: the fitted curve
    return {XOR.stem: XOR, "largest-data": folder / "largest-data.toml", "wave": folder / "wave.toml"}


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory, paths: dict[str, Path]):
    media = tmp_path_factory.mktemp("media")
    return lambda config, scene: recorded(SCENES[scene], paths[config], media)


def test_a_dataset_plays_training_and_a_sample_plays_repeat() -> None:
    assert [p.scene for p in parts_for(False)] == [p.scene for p in PARTS if p.scene != "Training"]
    assert [p.scene for p in parts_for(True)] == [p.scene for p in PARTS if p.scene != "Repeat"]
    assert clips_for(True) == tuple(p.scene for p in parts_for(True))
    assert [s.__name__ for s in part_scenes(True)] == list(clips_for(True))


@pytest.mark.parametrize(("config", "scene"), CASES)
def test_every_number_is_its_entry_and_the_layout_holds(recordings, paths, config: str, scene: str) -> None:
    shown: Recording = recordings(config, scene)
    resolve = Resolver(load_config(paths[config]))
    wrong = sorted(
        {
            f"{n.section}: {n.entry} shows {n.text}, is {value}"
            for n in shown.numbers
            if n.entry is None or (value := resolve.for_section(n.section).text(n.entry, n.text)) != n.text
        }
    )
    assert not wrong, "\n".join(wrong[:20])
    problems = shown.problems_of(*PROBLEM_KINDS)
    assert not problems, "\n".join(map(str, problems[:20]))
    ours = own_captions(load_config(paths[config]))
    for caption in shown.subcaptions:
        if caption.content in ours:  # the other sub-steps' pace is their parts' tests'
            seconds = (caption.end - caption.start).total_seconds()
            assert len(caption.content) / seconds <= MAX_CAPTION_RATE, caption.content


def own_captions(config: Config) -> set[str]:
    """The captions of the dataset's own sub-steps (the data, the batch, the training)."""
    ctx = context_from(config)
    said = [
        dataset_words.intro_data(ctx),
        dataset_words.intro_batch(ctx),
        batch_words.batch_samples(ctx),
        batch_words.batch_error(ctx),
        batch_words.batch_gradient(ctx),
        training_words.training_epochs(ctx),
        training_words.training_loss(ctx),
    ]
    if config.layers[0] in (1, 2):
        said.append(training_words.training_boundary(ctx))
    return {words.caption for words in said}


def test_the_batch_is_shown_with_its_mean(recordings, paths) -> None:
    config = load_config(XOR)
    b = batch_step(config)
    error, backward = recordings(XOR.stem, "ErrorCalc"), recordings(XOR.stem, "BackwardPass")
    assert all(error.shows(v) for v in (*b.losses, b.loss)), "every sample's Eₛ and the batch's E"
    assert all(backward.shows(s.focus_grads[l], True) for s in b.samples for l in range(b.depth))
    assert all(backward.shows(g, True) for g in b.focus_grads), "the batch gradient of each focus weight"
    update = recordings(XOR.stem, "WeightUpdate")
    view = batch_update_view(config)
    assert update.shows(b.loss) and update.shows(b.loss_after), "the batch's E before and after the update"
    assert all(update.shows(float(w)) for w in np.ravel(view.new_weights[0])), "the weights after the batch's step"
    assert any(n.entry == ("data_x", b.indices[-1], 0) for n in recordings(XOR.stem, "Intro").numbers)
    # The worked sample's E and the batch's Ē named apart, each defined where it is first used.
    said = {"".join(t.split()) for t in error.texts}  # manim's Text keeps its text without spaces
    assert "E:theerrorofsample1alone" in said and any("Ē:thebatch'smeanerror" in t for t in said)
    assert any("∂Ē/∂w" in c.content and "∂Eₛ/∂w" in c.content for c in backward.subcaptions)  # the batch gradient
    assert any(r"\partial \bar E" in t for t in update.texts) and not any(r"\partial E}" in t for t in update.texts)


def test_the_update_key_names_the_batch_error_it_shows(recordings: Callable[[str, str], Recording]) -> None:
    """A dataset's update compares the batch's Ē before and after: its colour key names Ē, not the worked
    sample's E (which the update never shows); the error step's key names Ē once Ē is drawn."""
    update = recordings(XOR.stem, "WeightUpdate")
    keyed = {t for _, texts in update.screen_texts for t in texts}  # manim's Text keeps its text without spaces
    assert "".join(MEAN_ERROR["error"].split()) in keyed and "".join(ROLES["error"].split()) not in keyed
    # The error step draws the worked sample's E, then every sample's Eₛ and their mean Ē: its key names all three.
    error = recordings(XOR.stem, "ErrorCalc")
    named = "".join(BATCH_ERRORS["error"].split())
    with_mean = [n.play for n in error.numbers if n.entry == ("batch", "loss")]
    assert with_mean and all(named in error.screen_texts[play][1] for play in with_mean)


def test_the_batch_mean_stays_while_its_names_are_read(recordings: Callable[[str, str], Recording]) -> None:
    """While the panel names Ē, Ē's formula with its numbers is on screen (under the four-row key the panel
    once dropped it for the names while the subtitle still read "Ē = (1/4) Σ Eₛ = …")."""
    error = recordings(XOR.stem, "ErrorCalc")
    names = "".join(batch_words.mean_error_name(context_from(load_config(XOR))).split())  # Text keeps no spaces
    with_names = [play for play, (_, texts) in enumerate(error.screen_texts) if names in texts]
    with_mean = {n.play for n in error.numbers if n.entry == ("batch", "loss")}
    assert with_names and set(with_names) <= with_mean, sorted(set(with_names) - with_mean)


def test_each_sample_error_is_named_as_its_column_appears(recordings: Callable[[str, str], Recording]) -> None:
    """The samples' Eₛ column is on screen only with the line saying what Eₛ is (it once came seconds before)."""
    error = recordings(XOR.stem, "ErrorCalc")
    names = "".join(batch_words.sample_error_names(context_from(load_config(XOR))).split())
    with_sample_errors = {n.play for n in error.numbers if n.entry[0] == "sample" and n.entry[2:] == ("loss",)}
    with_names = {play for play, (_, texts) in enumerate(error.screen_texts) if names in texts}
    assert with_sample_errors and with_sample_errors <= with_names, sorted(with_sample_errors - with_names)


def test_the_rounding_note_never_outlives_its_formula(recordings) -> None:
    """Whenever the note on rounded numbers is on screen, so is a formula with numbers beside it in the panel
    (the panel is short under the key: the note once stayed alone on an emptied panel)."""
    error = recordings(XOR.stem, "ErrorCalc")
    note = "".join(ROUNDING_NOTE.split())  # manim's Text keeps its text without spaces
    with_note = [play for play, (_, texts) in enumerate(error.screen_texts) if note in texts]
    in_panel = {n.play for n in error.numbers if n.place is None}
    assert with_note and set(with_note) <= in_panel, sorted(set(with_note) - in_panel)


def test_training_shows_the_loss_per_epoch(recordings, paths) -> None:
    for config in (XOR.stem, "largest-data"):
        history = train_history(load_config(paths[config]))
        shown = recordings(config, "Training")
        assert shown.shows(float(history.loss[0])) and shown.shows(float(history.loss[-1])), config
    xor = recordings(XOR.stem, "Training")
    assert (
        "training-boundary" in xor.sections
        and "training-boundary" not in recordings("largest-data", "Training").sections
    )


def test_the_loss_per_epoch_reads_e_at_its_ticks(recordings) -> None:
    """XOR's loss plot labels Ē at its ticks as the main loss curve does (the same round values, at the places they
    need), each label on screen while the curve is."""
    from scenes.drawing.loss_curve import e_ticks

    top = float(train_history(load_config(XOR)).loss.max()) * 1.1  # a linear axis (Ē falls by less than 100 times)
    expected = {tex for _, tex in e_ticks(top)}
    shown = [texts for section, texts in recordings(XOR.stem, "Training").screen_texts if section == "training-loss"]
    assert len(expected) >= 3 and any(expected <= texts for texts in shown)


def test_training_counts_the_samples_right_and_its_key_names_the_mean_error(recordings) -> None:
    """Accuracy as a count of samples (screen and subtitle alike), and the key over curves of Ē says Ē."""
    config = load_config(XOR)
    right, n = train_history(config).correct, config.samples
    assert right is not None
    training = recordings(XOR.stem, "Training")
    assert any(f"accuracy after {config.epochs} epochs: {right[-1]} of {n} right" in t for t in training.texts)
    said = " ".join(c.content for c in training.subcaptions)
    assert f"Accuracy: {right[0]} of {n} samples right before, {right[-1]} of {n} after." in said
    texts = {"".join(t.split()) for t in training.texts}  # manim's Text keeps its text without spaces
    assert "errorĒ" in texts and "errorE" not in texts


def test_the_neurons_say_whose_values_they_keep(recordings) -> None:
    """Once the edges show the batch gradient, the neurons still hold sample 1's values: the screen says so."""
    backward = recordings(XOR.stem, "BackwardPass")
    screens = [texts for section, texts in backward.screen_texts if section == "backward-batch"]
    assert any(any("sample1'svalues" in t for t in texts) for texts in screens)


def test_the_colour_map_is_the_networks_output_at_its_points() -> None:
    """At checked grid points, the colour map's pixel is the colour of ŷ that the network's own forward pass
    gives there, and the pixel's centre lies on that point of the plane."""
    config = load_config(XOR)
    theme = theme_for(config)
    plane = InputPlane(config, theme, 5.0)
    snapshot = train_history(config).snapshots[-1]
    image = plane.outputs_image(snapshot.weights, snapshot.biases)
    grid = output_grid(config, snapshot.weights, snapshot.biases)
    left, top = image.get_left()[0], image.get_top()[1]
    cell = image.width / GRID_POINTS
    for r, c in ((0, 0), (5, 33), (20, 20), (40, 7), (40, 40)):
        x = np.array([grid.x1[c], grid.x2[r]])
        point = _forward(config, snapshot.weights, snapshot.biases, x)
        expected = heatmap_pixels(np.array([[point]]), theme)[0, 0]
        row = GRID_POINTS - 1 - r  # the image's row 0 is the largest x₂
        assert np.array_equal(image.pixel_array[row, c], expected), (r, c)
        centre = plane.axes.c2p(*x)
        assert centre[0] == pytest.approx(left + (c + 0.5) * cell, abs=1e-6)
        assert centre[1] == pytest.approx(top - (row + 0.5) * cell, abs=1e-6)


def _forward(config: Config, weights: tuple[np.ndarray, ...], biases: tuple[np.ndarray, ...], x: np.ndarray) -> float:
    """ŷ at ``x``: the network's own step from that input (its forward pass), with these parameters."""
    at = Config(**{**config.__dict__, "x": x})
    return float(train_step(at, weights, biases).y_hat[0])


def test_one_outputs_term_is_e_itself_under_its_formula(recordings) -> None:
    """One output: its term is E itself (no E₁, which a batch's sample 1 error Eₛ would read as too), and the
    loss formula stays on screen while its term is worked out with numbers (it once left for ŷ and y)."""
    error, config = recordings(XOR.stem, "ErrorCalc"), load_config(XOR)
    loss = LOSSES[config.loss]
    worked = {n.play for n in error.numbers if n.entry == ("loss_terms", 0) and n.section == "error-loss"}
    assert worked and all(loss.latex in error.screen_texts[play][1] for play in worked), sorted(worked)
    assert not any(symbols.loss_term(0) in t for t in error.texts)
    assert not any("termofE" in "".join(t.split()) for t in error.texts)


def test_the_update_check_says_the_batch_mean_fell(recordings) -> None:
    """The verdict under Ē before → after speaks of the batch's mean error, and the worked sample's new ŷ stands
    beside its old ŷ and its target, on screen as in the subtitle."""
    update, ctx = recordings(XOR.stem, "WeightUpdate"), context_from(load_config(XOR))
    t = ctx.trace
    assert t.loss_after < t.loss
    verdict = update_words.update_verdict(t, batch=True)
    texts = {"".join(t.split()) for t in update.texts}  # manim's Text keeps its text without spaces
    assert "".join(verdict.split()) in texts and "batch'smean" in "".join(verdict.split())
    assert "".join(update_words.worked_sample_now(ctx).split()) in texts
    checked = {n.entry for n in update.numbers if n.section == "update-check" and n.place is None}
    assert {("y_hat_after", 0), ("y_hat", 0), ("y", 0)} <= checked, checked
    said = " ".join(c.content for c in update.subcaptions if "Ē goes" in c.content)
    assert verdict.replace("\n", " ") in said and "(was " in said
