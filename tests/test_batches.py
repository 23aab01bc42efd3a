"""Learning from a dataset: the batch's loss and gradient are the means of its samples', one update per
batch, a batch of one is the single-sample step, shuffling is seeded, and training learns XOR."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nnmath import (
    Config,
    batch_step,
    batches_in_epoch,
    epoch_order,
    forward,
    load_config,
    parse_config,
    train_history,
    train_step,
)
from nnmath.losses import LOSSES
from nnmath.network import train_epochs, train_rates, train_runs
from nnmath.passes import batch_loss, sample_losses
from tests.strategies import config_documents, toml_document
from tests.test_gradients import PAIRS, H

XOR = Path(__file__).resolve().parent.parent / "assets" / "xor.toml"


def data_loss(config: Config, rows: np.ndarray, weights: list[np.ndarray], biases: list[np.ndarray]) -> float:
    """E = (1/m) Σ Eₛ over the samples ``rows``, by the forward pass alone."""
    x, y = np.asarray(config.data_x)[rows], np.asarray(config.data_y)[rows]
    y_hat = forward(config, tuple(weights), tuple(biases), x).a[-1]
    return float(batch_loss(sample_losses(LOSSES[config.loss], y_hat, y)[1]))


def numeric_batch_gradients(config: Config, rows: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """∂E/∂θ of the batch loss by central differences, one parameter at a time."""
    params = [[w.copy() for w in config.weights], [b.copy() for b in config.biases]]
    grads: list[list[np.ndarray]] = [[], []]
    for kind, group in enumerate(params):
        for p in group:
            g = np.zeros_like(p)
            for index in np.ndindex(p.shape):
                old = p[index]
                p[index] = old + H
                up = data_loss(config, rows, *params)
                p[index] = old - H
                down = data_loss(config, rows, *params)
                p[index] = old
                g[index] = (up - down) / (2 * H)
            grads[kind].append(g)
    return grads[0], grads[1]


def away_from_kinks(config: Config) -> bool:
    z = forward(config, config.weights, config.biases, np.asarray(config.data_x)).z[1:]
    return all(np.all(np.abs(layer) > 1e-3) for layer in z)


@pytest.mark.parametrize(("hidden", "output", "loss"), PAIRS)
@settings(max_examples=4, deadline=None)
@given(data=st.data())
def test_batch_gradients_match_finite_differences_of_the_batch_loss(
    hidden: str, output: str, loss: str, data: st.DataObject
) -> None:
    config = parse_config(
        toml_document(data.draw(config_documents(loss=loss, output=output, hidden=hidden, data=True)))
    )
    assume(away_from_kinks(config))
    batch = batch_step(config)
    numeric_w, numeric_b = numeric_batch_gradients(config, np.array(batch.indices))
    for analytic, numeric in zip((*batch.grad_weights, *batch.grad_biases), (*numeric_w, *numeric_b), strict=True):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)
    assert batch.loss == pytest.approx(
        data_loss(config, np.array(batch.indices), *map(list, (config.weights, config.biases)))
    )


@settings(max_examples=30, deadline=None)
@given(doc=config_documents(data=True))
def test_a_batch_is_the_mean_of_its_samples(doc: dict) -> None:
    config = parse_config(toml_document(doc))
    batch = batch_step(config)
    m = batch.size
    assert m == config.batch_size
    np.testing.assert_array_equal(config.data_x[batch.indices[0]], config.x)  # the worked sample leads the batch
    assert batch.loss == pytest.approx(sum(s.loss for s in batch.samples) / m)
    np.testing.assert_allclose(batch.losses, [s.loss for s in batch.samples])
    for l in range(len(config.weights)):
        np.testing.assert_allclose(batch.grad_weights[l], sum(s.grad_weights[l] for s in batch.samples) / m, atol=1e-15)
        np.testing.assert_allclose(batch.grad_biases[l], sum(s.grad_biases[l] for s in batch.samples) / m, atol=1e-15)
        np.testing.assert_array_equal(
            batch.new_weights[l], batch.weights[l] - config.learning_rate * batch.grad_weights[l]
        )
        assert batch.focus_grads[l] == batch.grad_weights[l][config.focus[l]]
    # the first sample worked in full is the batch's first sample, to the last bit
    first, s0 = batch.first, batch.samples[0]
    np.testing.assert_array_equal(first.x, s0.x)
    np.testing.assert_array_equal(first.y_hat, s0.y_hat)
    assert first.loss == s0.loss
    for l in range(first.depth):
        np.testing.assert_array_equal(first.grad_weights[l], s0.grad_weights[l])
    for s in batch.samples[1:]:  # every other sample's values are its own one-sample step's, bit for bit
        alone = train_step(replace(config, x=s.x, y=s.y))
        assert alone.loss == s.loss
        np.testing.assert_array_equal(alone.y_hat, s.y_hat)
        for l in range(alone.depth):
            np.testing.assert_array_equal(alone.grad_weights[l], s.grad_weights[l])
            np.testing.assert_array_equal(alone.grad_biases[l], s.grad_biases[l])
    after = forward(config, batch.new_weights, batch.new_biases, np.asarray(config.data_x)[list(batch.indices)])
    np.testing.assert_allclose([s.y_hat_after for s in batch.samples], after.a[-1])


def with_data(text: str, rows: str, batch_size: int) -> str:
    start = text.index("[sample]")
    end = text.index("\n[", start + 1)
    return text[:start] + f"[data]\n{rows}\nbatch_size = {batch_size}\n" + text[end:]


DEFAULT = (Path(__file__).resolve().parent.parent / "assets" / "default.toml").read_text()
ROWS = "x = [[0.05, 0.10], [0.9, -0.3], [0.4, 0.4]]\ny = [[0.01], [0.7], [0.99]]"


def test_batch_size_one_is_the_single_sample_step_exactly() -> None:
    """Stochastic updates (batch 1) are train_step on each sample in turn, bit for bit."""
    config = parse_config(with_data(DEFAULT, ROWS, 1))
    weights, biases = config.weights, config.biases
    order = epoch_order(3, 1, config.data_seed, 0)
    for k, row in enumerate(order):
        text = DEFAULT.replace("x = [0.05, 0.10]", f"x = {config.data_x[row].tolist()}", 1)
        sample = parse_config(text.replace("y = [0.01]", f"y = {config.data_y[row].tolist()}", 1))
        step = train_step(sample, weights, biases)
        if k == 0:
            batch = batch_step(config)
            assert batch.indices == (int(row),) and batch.loss == step.loss and batch.loss_after == step.loss_after
            for mine, theirs in zip(
                (*batch.new_weights, *batch.new_biases), (*step.new_weights, *step.new_biases), strict=True
            ):
                np.testing.assert_array_equal(mine, theirs)
        weights, biases = step.new_weights, step.new_biases
    kept = train_runs(config, 3, [config.learning_rate], keep={3})
    for mine, theirs in zip((*kept.weights[3], *kept.biases[3]), (*weights, *biases), strict=True):
        np.testing.assert_array_equal(mine[0], theirs)


def test_a_sample_section_is_a_dataset_of_one() -> None:
    config = load_config()
    assert config.samples == 1 and config.batch_size == 1 and config.updates_per_epoch == 1
    np.testing.assert_array_equal(config.data_x[0], config.x)
    batch = batch_step(config)
    trace = train_step(config)
    assert batch.loss == trace.loss and batch.loss_after == trace.loss_after
    for mine, theirs in zip(batch.new_weights, trace.new_weights, strict=True):
        np.testing.assert_array_equal(mine, theirs)


def test_shuffling_is_seeded_per_epoch() -> None:
    first = [epoch_order(10, 3, seed=7, epoch=e) for e in range(3)]
    again = [epoch_order(10, 3, seed=7, epoch=e) for e in range(3)]
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], first[1])
    assert sorted(first[1].tolist()) == list(range(10))
    np.testing.assert_array_equal(epoch_order(10, 10, seed=7, epoch=3), np.arange(10))  # full batch: the data's order
    assert [len(b) for b in batches_in_epoch(10, 3, 7, 0)] == [3, 3, 3, 1]


def test_history_per_epoch_is_the_data_loss_at_each_epoch_end() -> None:
    config = parse_config(with_data(DEFAULT, ROWS, 2))
    history = train_history(config, epochs=6)
    assert history.updates_per_epoch == 2 and len(history.loss_per_update) == 13
    np.testing.assert_array_equal(history.loss, history.loss_per_update[::2])
    for snap in history.snapshots:
        assert snap.loss == pytest.approx(
            data_loss(config, np.arange(3), list(snap.weights), list(snap.biases)), rel=1e-12
        )
    assert history.snapshots[0].epoch == 0 and history.snapshots[-1].epoch == 6
    assert history.accuracy is None  # targets 0.01, 0.7, 0.99: not classes
    rates = [config.learning_rate, 3 * config.learning_rate]
    np.testing.assert_array_equal(train_epochs(config, 6, rates), train_rates(config, 12, rates)[:, ::2])
    np.testing.assert_array_equal(train_epochs(config, 6, rates)[0], history.loss)


def test_xor_is_learned() -> None:
    """The shipped XOR network gets every point right within its epochs, its loss falls, and an η eight
    times larger oscillates without learning it."""
    config = load_config(XOR)
    history = train_history(config)
    assert history.accuracy is not None
    assert history.accuracy[0] < 1.0 and history.accuracy[-1] == 1.0
    assert history.loss[-1] < 0.1 * history.loss[0]
    assert (np.diff(history.loss) < 0).all()
    large = train_history(config, learning_rate=8 * config.learning_rate)
    assert large.accuracy is not None and large.accuracy[-1] < 1.0
    assert (np.diff(large.loss) > 0).sum() >= 10


def test_the_trace_command_covers_the_batch(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON: the worked sample as before, then the batch and the training; Markdown: the batch's mean and update."""
    import json

    from nnmath.cli import main

    config = load_config(XOR)
    batch, history = batch_step(config), train_history(config)
    assert main(["trace", "--config", str(XOR), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["loss"] == batch.first.loss and document["batch"]["loss"] == batch.loss
    assert document["batch"]["indices"] == [0, 1, 2, 3] and len(document["batch"]["samples"]) == 4
    assert document["training"]["loss"] == history.loss.tolist()
    assert main(["trace", "--config", str(XOR)]) == 0
    key = capsys.readouterr().out
    losses = " + ".join(f"{s.loss:.4f}" for s in batch.samples)
    assert f"Ē = (1/m) Σ Eₛ = (1/4) ({losses}) = **{batch.loss:.4f}**" in key
    assert f"Ē before = {batch.loss:.4f} → Ē after = **{batch.loss_after:.4f}**" in key
    after = " + ".join(f"{e:.4f}" for e in batch.losses_after)
    # the quiz asks about the batch: "=" only where the shown terms give the shown mean by hand (xor's add to
    # 2.6054, a quarter of which, 0.65135, is a tie: "≈")
    by_hand = sum(Decimal(f"{e:.4f}") for e in batch.losses_after) / 4
    tie = by_hand * 10_000 % 1 == Decimal("0.5")
    gives = not tie and by_hand.quantize(Decimal("0.0001")) == Decimal(f"{batch.loss_after:.4f}")
    assert f"Ē after = (1/4) ({after}) {'=' if gives else '≈'} {batch.loss_after:.4f}" in key


def test_the_batch_and_its_samples_are_named_apart_and_sized_over_the_batch() -> None:
    """A dataset's update descends Ē = (1/m) Σ Eₛ: the quiz names its gradient ∂Ē/∂w and each sample's error
    Eₛ (s = n), never Eₙ (output n's loss term); the δ sizes and the f′ that explains them are means over the
    batch's samples, as the update uses them (not the worked sample's alone)."""
    from nnmath.quiz import quiz
    from nnmath.vanishing import gradient_sizes

    config = load_config(XOR)
    batch = batch_step(config)
    new_value, direction, error = quiz(config, batch)
    assert new_value.given[-1][0].startswith("∂Ē/∂") and direction.given[-1][0].startswith("∂Ē/∂")
    assert [name for name, _ in error.given] == ["Ē before", *(f"Eₛ after (s = {s})" for s in range(1, 5))]
    sizes = gradient_sizes(batch)
    for l in range(batch.depth):
        deltas = np.array([s.grad_biases[l] for s in batch.samples])  # a sample's δ is its ∂Eₛ/∂b
        slopes = np.array([s.da_dz[l] for s in batch.samples])
        assert sizes.sizes[l] == pytest.approx(np.abs(deltas).mean())
        assert sizes.slopes[l] == pytest.approx(np.abs(slopes).mean())
    assert sizes.slopes[0] != pytest.approx(float(np.abs(batch.first.da_dz[0]).mean()))  # not sample 1's
