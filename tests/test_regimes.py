"""The learning-rate lesson: every run is labelled by what its own numbers show, checked here from the numbers."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from nnmath import Config, choose_learning_rates, load_config, parse_config, train, train_step
from nnmath.answer_key import answer_key
from nnmath.config import DEFAULT_CONFIG
from nnmath.error_floor import at_floor, settled
from nnmath.network import train_epochs
from nnmath.notation import format_setting, format_value
from nnmath.regime_tags import FAST_ENOUGH, NO_LEARNING, SMOOTH_BUT_SLOWER, floor_step, role_of, tag, who
from nnmath.regime_words import cut_text, no_fault_note, nothing_went_wrong, what_it_does, why_yours
from nnmath.regimes import (
    AXIS_DECADES,
    DIVERGED,
    DIVERGES,
    EPILOGUE_STEPS,
    LARGEST_TRIED,
    OSCILLATES,
    OVERSHOOTS,
    RISE_TOLERANCE,
    SATURATED,
    SLOW,
    SLOW_SHARE,
    STALL_SHARE,
    STALLS,
    STALLS_PAST,
    STEADY,
    STUCK,
    TIE_FACTOR,
    TIE_SHARE,
    TOO_LARGE,
    TOO_SMALL,
    WENT_WRONG,
    WORSE,
    YOURS,
    Behaviour,
    Regime,
    Regimes,
    classify,
    ladder,
    rises,
    shows_fault,
    trained_runs,
)
from nnmath.run_panels import no_minimum_to_pass, shown, twin_of, why_none_too_large
from nnmath.run_terms import FLOOR_WORDS, jump_values
from nnmath.speech import setting_words
from tests.networks import TANH_SOFTMAX
from tests.strategies import config_documents, toml_document
from tests.test_scenes import LARGEST

ASSETS = DEFAULT_CONFIG.parent
XOR = (ASSETS / "xor.toml").read_text()
NAMES = [
    "default", "classifier-2-3-3", "tanh-softmax", "tanh-regression", "relu-overshoot", "deep-sigmoid", "largest",
    "xor", "xor-batch-1", "xor-batch-2",
]  # fmt: skip
TEXTS = {
    "tanh-softmax": TANH_SOFTMAX,
    "largest": LARGEST,
    "xor-batch-1": XOR.replace("batch_size = 4 ", "batch_size = 1 "),  # stochastic: 4 updates per epoch
    "xor-batch-2": XOR.replace("batch_size = 4 ", "batch_size = 2 "),
}


def config_named(name: str) -> Config:
    if name in TEXTS:
        return parse_config(TEXTS[name], f"{name}.toml")
    return load_config(ASSETS / f"{name}.toml")


@pytest.fixture(scope="module", params=NAMES)
def case(request: pytest.FixtureRequest) -> tuple[Config, Regimes]:
    config = config_named(request.param)
    return config, choose_learning_rates(config)


# --- what the numbers show, worked out here ---------------------------------------------------------------------


def rise_count(history: np.ndarray) -> int:
    h = np.nan_to_num(history, nan=np.inf)
    with np.errstate(invalid="ignore"):
        return int(np.count_nonzero(np.diff(h) > RISE_TOLERANCE * h[0]))


def crossings(run: Regime, target: np.ndarray) -> int:
    """Steps at which some output is on the other side of its target than a step before (beyond float noise)."""
    gap = run.y_hat - target
    noise = 1e-9 * np.abs(gap[0]).max()
    side = np.where(np.abs(gap) > noise, np.sign(gap), 0)
    return int(np.count_nonzero(((side[1:] * side[:-1]) < 0).any(axis=1)))


def check_label(run: Regime, target: np.ndarray) -> None:
    """The label is what the run does: the claims each label makes, checked on the run's numbers."""
    h, up, crossed = run.history, rise_count(run.history), crossings(run, target)
    if run.label in (STEADY, SLOW, STUCK):
        assert up == 0 and crossed == 0, (run.label, up, crossed)
    if run.label == OVERSHOOTS:
        assert (up == 1 and crossed <= 1) or (crossed == 1 and up <= 1)
    if run.label == OSCILLATES:
        assert up >= 2 or crossed >= 2
    if run.label == DIVERGES:
        assert not np.isfinite(h).all() or np.abs(h).max() > DIVERGED
    if run.label in (STALLS, STALLS_PAST):
        half = len(h) // 2
        assert abs(h[-1] - h[half]) <= STALL_SHARE * h[half]  # flat over the second half
        assert (run.slope[-1] < SATURATED).any()  # an output saturated: it passes almost no gradient back
    if run.label == STALLS_PAST:
        assert crossed >= 1 or up >= 1


def test_every_run_does_what_its_label_says(case: tuple[Config, Regimes]) -> None:
    _config, regimes = case
    for run in regimes.compared:
        check_label(run, regimes.target)


def train_like(config: Config, regimes: Regimes, eta: float) -> np.ndarray:
    """E after each update (one sample) or epoch (a dataset), as the comparison measures it."""
    if regimes.per_epoch:
        return train_epochs(config, regimes.steps, [eta])[0]
    return train(config, regimes.steps, eta)


def ends_of(history: np.ndarray, regimes: Regimes) -> float:
    return settled(float(history[-1]), regimes.floor) if np.isfinite(history[-1]) else np.inf


def ends(run: Regime, regimes: Regimes) -> float:
    """The run's last error as compared: below the loss's floor, the floor (no run is better for being further below)."""
    return settled(run.final, regimes.floor) if np.isfinite(run.final) else np.inf


def faulty(run: Regime, regimes: Regimes) -> bool:
    """What "too large" claims, from the numbers: the run diverged; or it stalled (a flat line) and ended visibly
    higher than about right (more than TIE_FACTOR times); or it went wrong otherwise and ended at least WORSE
    times higher."""
    right, e0 = ends(regimes.right, regimes), float(regimes.right.history[0])
    if run.label in (STALLS, STALLS_PAST):
        return ends(run, regimes) > max(TIE_FACTOR * right, right + TIE_SHARE * e0)
    worse = ends(run, regimes) >= WORSE * max(right, 1e-12 * e0)
    return run.label == DIVERGES or (run.label in WENT_WRONG and worse)


def test_the_roles_are_earned(case: tuple[Config, Regimes]) -> None:
    _config, regimes = case
    small, right, large = regimes.small, regimes.right, regimes.large
    assert small.learning_rate < right.learning_rate < large.learning_rate
    if right.label != STEADY:  # only where it ends a decade below every run that never rises (mini-batches)
        steady = [eta for eta in ladder(_config.learning_rate) if classify(train_like(_config, regimes, eta)) == STEADY]
        assert all(ends_of(train_like(_config, regimes, eta), regimes) > WORSE * ends(right, regimes) for eta in steady)
    else:
        assert rise_count(right.history) == 0
    assert small.label == SLOW and small.role == TOO_SMALL
    assert 0 < small.history[0] - small.history[-1] <= SLOW_SHARE * (right.history[0] - right.history[-1])
    if regimes.found_fault:  # too large shows a fault: it diverges, stalls above about right, or ends a decade higher
        assert large.role == TOO_LARGE and faulty(large, regimes)
        assert large.final > right.final  # never a "too large" that ends lower than about right
    else:
        assert large.role == LARGEST_TRIED and large.learning_rate == regimes.limit
        assert large.role != TOO_LARGE and not faulty(large, regimes)


def test_the_configs_own_eta_is_one_of_the_runs_and_marked(case: tuple[Config, Regimes]) -> None:
    config, regimes = case
    yours = [run for run in regimes.compared if run.yours]
    assert len(yours) == 1 and yours[0].learning_rate == config.learning_rate and regimes.yours is yours[0]
    if yours[0].role == YOURS:  # none of the three: a fourth run, in order of η
        assert len(regimes.compared) == 4
    etas = [run.learning_rate for run in regimes.compared]
    assert etas == sorted(etas)


def test_every_run_is_train_itself(case: tuple[Config, Regimes]) -> None:
    """One sample: E after each of EPILOGUE_STEPS updates; a dataset: the data's loss after each of its epochs."""
    config, regimes = case
    for run in regimes.compared:
        if config.is_dataset:
            assert regimes.per_epoch and len(run.history) == config.epochs + 1
            np.testing.assert_array_equal(run.history, train_epochs(config, config.epochs, [run.learning_rate])[0])
        else:
            np.testing.assert_array_equal(run.history, train(config, EPILOGUE_STEPS, run.learning_rate))


def test_the_log_axis_gets_finite_positive_values(case: tuple[Config, Regimes]) -> None:
    _config, regimes = case
    bottom, top = regimes.log_range()
    assert 0 < bottom < top <= DIVERGED
    for run in regimes.compared:
        plotted = regimes.plotted(run.history)
        assert np.isfinite(np.log10(plotted)).all() and plotted.min() >= bottom and plotted.max() <= top


def test_the_words_say_what_the_numbers_show(case: tuple[Config, Regimes]) -> None:
    config, regimes = case
    for run in regimes.compared:
        words = what_it_does(run, regimes, config.decimals)
        if run.label in (STALLS, STALLS_PAST, OVERSHOOTS, OSCILLATES, DIVERGES):
            assert "never rises" not in words and "falls" not in words and "falls" not in tag(run, regimes)
        if run.label in (STEADY, SLOW):  # it falls at every step: the words and the tag say how, from the numbers
            assert "falls" in words or "drops at once" in words
            assert "falls" in tag(run, regimes) or "below 10" in tag(run, regimes)
            # one update to the floor is said as what it is, never as a steady fall (a vertical drop on its panel)
            assert ("drops at once" in words) == (floor_step(run, regimes) == 1)
            assert rises(run.history) == 0
            assert ("slowly" in tag(run, regimes)) == (run.label == SLOW)
            if "furthest" in tag(run, regimes):  # it ends lower than every other run shown
                others = [settled(r.final, regimes.floor) for r in regimes.compared if r is not run]
                assert all(settled(run.final, regimes.floor) < other for other in others)
                # … and says so: of these, not of every η (lecturer review 11: η = 24, not shown, ends lower)
                assert "furthest\nof these" in tag(run, regimes) and "furthest of these" in words
        assert "0.0000000" not in words  # tiny values in scientific notation
        if at_floor(run.final, regimes.floor):  # the loss's floor is no measured error: never written as one
            first = next(r for r in regimes.compared if at_floor(r.final, regimes.floor))
            assert "E < 10⁻" in words and (FLOOR_WORDS in words) == (run is first)
            measured = words.replace(FLOOR_WORDS, "")  # the floor words name ŷ's clipping, not an error
            assert "10⁻¹⁵" not in measured and "10⁻¹⁶" not in measured
        assert ("epoch" in words) == config.is_dataset and ("update" in words) != config.is_dataset


# --- the shipped networks, case by case --------------------------------------------------------------------------


def test_default_too_large_jumps_past_the_target_and_stalls() -> None:
    """One sample, sigmoid, squared error: η = 64 throws ŷ past the target 0.01 into saturation in one update, where
    σ′(z) ≈ 0 and E stays at ≈ ½ y² = 5 × 10⁻⁵, while η = 16 goes on to 2.5 × 10⁻⁵: a flat line above the
    about-right curve, labelled too large. η = 32 passes the target too but ends as low as η = 16: no fault."""
    config = load_config(DEFAULT_CONFIG)
    regimes = choose_learning_rates(config)
    large, right = regimes.large, regimes.right
    assert regimes.found_fault and large.role == TOO_LARGE and large.learning_rate == 64 and right.learning_rate == 16
    assert large.label == STALLS_PAST and large.y_hat[0, 0] > 0.01 > large.y_hat[1, 0]  # past 0.01 in one update
    assert large.slope[-1, 0] < 1e-5  # σ′(z) = ŷ(1 − ŷ) ≈ 0: the gradient through the output all but vanishes
    assert np.all(np.abs(large.history[1:] - 0.5 * 0.01**2) < 1e-6)  # E ≈ ½ y² from update 1 on: stalled
    assert 1.9 * right.final < large.final < WORSE * right.final  # visibly higher, though not a decade
    thirty_two = train(config, EPILOGUE_STEPS, 32.0)
    assert classify(thirty_two) != STEADY or thirty_two[-1] < 1.05 * right.final  # ends as low: no example
    assert abs(thirty_two[-1] - right.final) < 0.01 * right.final
    words = what_it_does(large, regimes, 4)
    assert "in update 1, ŷ jumps past the target 0.01 (from 0.7514 to 7.1 × 10⁻⁶)" in words
    # σ′ where ŷ landed (after update 1: ŷ(1 − ŷ) = 7.1 × 10⁻⁶), not after update 100 (7.2 × 10⁻⁶)
    assert "; there σ is flat: the output saturates (σ′(z) = 7.1 × 10⁻⁶, almost 0), so E" in words
    assert "vanish" not in words  # saturation, not the depth effect the video calls a vanishing gradient
    assert format_value(float(large.slope[1, 0]), 4) == "7.1 × 10⁻⁶" != format_value(float(large.slope[-1, 0]), 4)
    assert (  # too large stalls above about right, though below the η watched (0.0038): the words say so, and how
        # little E still moves (it creeps down by ~10⁻¹²  an update: not "it can go no lower")
        "E stays at 5.0 × 10⁻⁵ from update 1 on (it moves by less than 1.3 × 10⁻¹⁰ in the next 99 updates). That is "
        "still lower than where η = 0.5 ends, but η = 16 goes on down to 2.5 × 10⁻⁵" in words
    )
    moved = float(large.history[1] - large.history[-1])
    assert 0 < moved < 1.3e-10 and "no lower" not in words
    # on the panel, not only in the subtitle: it jumps past in update 1 (ŷ 0.7514 → 7.1 × 10⁻⁶ under the tag)
    assert tag(large, regimes) == "too large:\njumps past,\nthen stalls"  # ŷ before and after, and the target, under it
    assert regimes.yours.role == YOURS and regimes.yours.learning_rate == 0.5  # the η watched: a run of its own
    key = answer_key(config, train_step(config))
    assert "| 64 | too large |" in key and "is too large." not in key  # no no-fault sentence


def test_mazur_too_large_stalls_above_about_right() -> None:
    regimes = choose_learning_rates(config_named("mazur-2-2-2"))
    assert regimes.found_fault and regimes.large.learning_rate == 64 and regimes.large.label == STALLS_PAST
    assert regimes.large.final > 1.2 * regimes.right.final


def test_a_stall_counts_as_a_fault_only_above_the_tie_and_a_rise_only_a_decade_higher() -> None:
    """The rule itself, on made-up finals: a flat line visibly above about right is too large; one that ends as
    low is not; a run that rises or swings must end a decade higher (mini-batches make every fast run bump)."""
    stalled = Behaviour(STALLS_PAST, 0, None, 1, (0, 0), 1, 0)
    swings = Behaviour(OSCILLATES, 3, 2, 0, None, None, None)
    assert shows_fault(stalled, 5e-5, 2.5e-5, 0.27) and not shows_fault(stalled, 2.52e-5, 2.5e-5, 0.27)
    assert not shows_fault(swings, 5e-5, 2.5e-5, 0.27) and shows_fault(swings, 2.5e-4, 2.5e-5, 0.27)
    assert not shows_fault(Behaviour(STEADY, 0, None, 0, None, None, None), 1.0, 2.5e-5, 0.27)


def test_the_no_fault_sentence_holds_for_every_eta_above_about_right() -> None:
    """ "Every η from 32 up to 512 brought E below 10⁻¹⁴": every η of the ladder from about right up to the limit,
    trained here, ends below the floor."""
    for name in ("classifier-2-3-3", "tanh-softmax"):
        config = config_named(name)
        regimes = choose_learning_rates(config)
        assert not regimes.found_fault and regimes.floor > 0
        right, limit = format_setting(regimes.right.learning_rate), format_setting(regimes.limit)
        said = nothing_went_wrong(regimes)
        bound = regimes.floor  # every η ends below the floor …
        if name == "tanh-softmax":  # … but η = 64 there: it never rises, and ends at 3.1 × 10⁻⁸, the bound said
            # after what the panels (η = 32 and 512; 64 has none) show: E below the floor (repeat words #1)
            assert said.startswith(
                "η = 32 and η = 512 brought E below 10⁻¹⁴, and every η from 32 up to 512 brought it down to "
                "3.2 × 10⁻⁸ or lower:"
            ), said
            assert no_fault_note(regimes).startswith(
                "η = 32 and η = 512 brought E below 10⁻¹⁴; every η from 32 to 512, to 3.2 × 10⁻⁸ or lower:"
            )
            bound = 3.2e-8
        else:
            assert said.startswith(f"Every η from {right} up to {limit} brought E below 10⁻¹⁴: "), said
            assert "tell from 0" not in said, said  # said once, with the first run that reaches it (FINDINGS-8 #3)
        assert f"no η up to {limit} is too large." in said and "times" not in said
        note = no_fault_note(regimes).split("\n")
        assert ": " in note[0] and "times" not in no_fault_note(regimes)
        eta = regimes.right.learning_rate
        while eta <= regimes.limit:
            history = train(config, EPILOGUE_STEPS, eta)
            assert float(history[-1]) < bound, (name, eta)
            eta *= 2


def test_tanh_softmax_reaches_the_floor_without_a_fault() -> None:
    regimes = choose_learning_rates(config_named("tanh-softmax"))
    assert not regimes.found_fault and at_floor(regimes.right.final, regimes.floor)
    assert at_floor(regimes.large.final, regimes.floor)


def test_the_floor_of_cross_entropy_is_no_measured_error() -> None:
    """Softmax + cross-entropy on one sample: E reads 1.0 × 10⁻¹⁵ once ŷ is 1 to the computer (ln of a clipped
    probability): that is the floor; every run there is as good as any other, and the axis stops there."""
    config = config_named("classifier-2-3-3")
    regimes = choose_learning_rates(config)
    right, large = regimes.right, regimes.large
    assert regimes.floor == 1e-14 and right.final < 1e-14 and large.final < 1e-14
    assert right.learning_rate == 32  # the smallest η that reaches the floor: η = 16 ends at 3.0 × 10⁻¹²
    assert regimes.log_range()[0] >= regimes.floor
    for run in (right, large):
        words = what_it_does(run, regimes, 4)
        assert "after 1 update E < 10⁻¹⁴" in words and "1.0 × 10⁻¹⁵" not in words
    assert "as with η = 32" in what_it_does(large, regimes, 4)  # said once, at the first run that gets there
    assert f"E < 10⁻¹⁴ and stays there, {FLOOR_WORDS}" in what_it_does(right, regimes, 4)
    assert FLOOR_WORDS == "too small for the computer to tell from 0 here"  # no clip, no constant named
    assert not regimes.found_fault
    # η = 512 does just as well: η = 32 is not called "about right", and the panels' tags are no longer identical
    assert role_of(right, regimes) == FAST_ENOUGH and tag(right, regimes).startswith("fast enough:")
    assert role_of(large, regimes) == large.role


def test_xor_too_large_ends_a_decade_higher() -> None:
    """XOR, full batch: η = 4 rises on the way but ends lowest, so it is no too-large example; η = 8 oscillates
    and ends 64 times higher than η = 2."""
    regimes = choose_learning_rates(config_named("xor"))
    assert regimes.per_epoch and regimes.right.learning_rate == 2 and regimes.large.learning_rate == 8
    assert regimes.large.role == TOO_LARGE and regimes.large.label == OSCILLATES
    assert regimes.large.final > WORSE * regimes.right.final
    four = train_epochs(config_named("xor"), 100, [4.0])[0]
    assert classify(four) == OSCILLATES and four[-1] < regimes.right.final  # rises, yet ends lower: not shown
    assert "Ē rises in 52 of the 100 epochs" in what_it_does(regimes.large, regimes, 4)


@pytest.mark.parametrize("name", ["xor-batch-1", "xor-batch-2"])
def test_mini_batches_are_judged_per_epoch(name: str) -> None:
    """Mini-batch updates raise the data's loss now and then; judged per epoch the search finds a real about right
    (η = 0.5, not 10⁻⁶) and a too-large η that ends a decade higher."""
    config = config_named(name)
    regimes = choose_learning_rates(config)
    assert regimes.per_epoch and regimes.steps == config.epochs and regimes.unit == "epoch"
    assert regimes.right.learning_rate == 0.5 and regimes.right.final < 0.05
    assert regimes.found_fault and regimes.large.final > WORSE * regimes.right.final
    assert all(len(run.history) == config.epochs + 1 for run in regimes.compared)


def test_relu_overshoot_too_large_swings_and_ends_higher() -> None:
    regimes = choose_learning_rates(config_named("relu-overshoot"))
    assert regimes.yours.learning_rate == 1 and regimes.yours.label == OSCILLATES and regimes.yours.role == YOURS
    assert regimes.large.learning_rate == 2 and regimes.large.role == TOO_LARGE
    words = what_it_does(regimes.large, regimes, 4)
    assert "E rises in 2 of the 100 updates" in words and "swings across the target in 100 of them" in words


def test_labels_come_from_the_data() -> None:
    assert classify(np.array([1.0, 0.5, 0.7, 0.3, 0.6, 0.2])) == OSCILLATES
    assert classify(np.array([1.0, 2.0, 0.5, 0.1])) == OVERSHOOTS
    assert classify(np.array([1.0, 10.0, 1e7, np.inf])) == DIVERGES
    assert classify(np.array([1.0, 1.0, 1.0])) == STUCK
    assert classify(np.array([1.0, 0.9, 0.8]), reference=np.array([1.0, 0.5, 0.1])) == SLOW


@pytest.mark.parametrize("eta", ["1e-300", "1e-12", "1e12", "1e300"])
def test_any_learning_rate_gives_an_honest_comparison(eta: str) -> None:
    text = DEFAULT_CONFIG.read_text().replace("learning_rate = 0.5", f"learning_rate = {eta}")
    config = parse_config(text, "extreme.toml")
    regimes = choose_learning_rates(config)
    for run in regimes.compared:
        check_label(run, regimes.target)
        assert what_it_does(run, regimes, 4) and tag(run)
        assert np.isfinite(np.log10(regimes.plotted(run.history))).all()
    assert regimes.yours.learning_rate == float(eta)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config_documents())
def test_generated_networks(doc: dict[str, dict[str, object]]) -> None:
    config = parse_config(toml_document(doc), "generated.toml")
    regimes = choose_learning_rates(config, steps=20)
    assert any(run.yours for run in regimes.compared)
    for run in regimes.compared:
        check_label(run, regimes.target)
        assert what_it_does(run, regimes, config.decimals)


def test_the_runs_record_outputs_and_slopes() -> None:
    config = load_config(DEFAULT_CONFIG)
    loss, y_hat, slope = trained_runs(config, 3, [0.5, 16.0])
    t = train_step(config)
    assert y_hat[0, 0, 0] == pytest.approx(t.y_hat[0], abs=1e-15)
    assert y_hat[0, 1, 0] == pytest.approx(t.y_hat_after[0], abs=1e-15) and loss[0, 1] == pytest.approx(t.loss_after)
    assert slope[0, 0, 0] == pytest.approx(t.da_dz[-1][0], abs=1e-15)


def test_settings_and_tiny_values_read_as_a_person_writes_them() -> None:
    settings = (
        16.0,
        0.5,
        0.0625,
        512.0,
        1.6,
        0.03125,
        0.00390625,
        0.0009765625,
        0.00078125,
        2.0**-20,
        0.1 * 2**-20,
        0.003125,
    )
    written = [
        "16",
        "0.5",
        "0.0625",
        "512",
        "1.6",
        "1/32",
        "1/256",
        "1/1024",
        "0.1/128",
        "2⁻²⁰",
        "0.1·2⁻²⁰",
        "0.003125",
    ]
    assert [format_setting(v) for v in settings] == written
    heard = [setting_words(v) for v in (512.0, 0.0625, 0.00390625, 0.00078125, 2.0**-20)]
    assert heard == [
        "five hundred twelve", "zero point zero six two five", "one over two hundred fifty six",
        "zero point one over one hundred twenty eight", "two to the minus twenty",
    ]  # fmt: skip
    assert format_value(3.2e-8, 4) == "3.2 × 10⁻⁸" and format_value(0.2748, 4) == "0.2748"
    assert format_value(0.0, 4) == "0" and format_value(-0.00001, 4) == "−1.0 × 10⁻⁵"


MOONS = """
[network]
layers = [2, 4, 4, 1]
hidden_activation = "tanh"
output_activation = "sigmoid"
loss = "binary_cross_entropy"
learning_rate = 0.5

[data]
generator = "moons"
n = 200
noise = 0.1
seed = 3
batch_size = 10
epochs = 40

[init]
seed = 1
scale = 1.0
"""


def test_mini_batches_whose_fast_runs_all_bump_get_the_lowest_run_as_about_right() -> None:
    """200 moons, batches of 10: every η that learns fast raises E in some epochs. The best run that never rises
    (η = 1/64 … ) ends 50 times higher than η = 4, so η = 4 is about right, labelled by what it does; η = 8 ends
    a thousand times higher: too large."""
    config = parse_config(MOONS, "moons.toml")
    regimes = choose_learning_rates(config)
    right, large = regimes.right, regimes.large
    assert right.learning_rate == 4 and right.label == OSCILLATES and tag(right).startswith("about right:\noscillates")
    assert large.role == TOO_LARGE and large.learning_rate == 8 and large.final > WORSE * right.final
    assert regimes.yours.final > right.final  # the η watched (0.5) ends higher than about right, not lower
    words = what_it_does(right, regimes, 4)
    # η = 4 is chaotic: which epochs rise depends on the last bit of numpy's sums (12 with numpy 2.4, 13 before),
    # so the words are held to the run's own history, counted here again
    history = np.asarray(right.history)
    counted = int(np.count_nonzero(np.diff(history) > 1e-6 * history[0]))
    assert counted >= 2 and f"Ē rises in {counted} of the 40 epochs" in words
    assert f"up to {history.max():.4f}" in words and history.max() > history[0]


def test_a_run_that_ends_above_its_start_says_so() -> None:
    """XOR with η = 8 swings for some epochs, then settles at Ē ≈ 0.96, above its start 0.666: its tag and words say
    that, not only "oscillates"."""
    regimes = choose_learning_rates(load_config(ASSETS / "xor.toml"))
    large = regimes.large
    assert large.learning_rate == 8 and large.label == OSCILLATES and large.final > large.history[0]
    assert tag(large, regimes) == "too large:\nrises, then\nsettles above\nthe start"
    assert "it settles above Ē at the start, 0.6662" in what_it_does(large, regimes, 4)
    assert role_of(regimes.right, regimes) == "about right"  # η = 8 ends higher: 2 stays about right


def test_a_stall_names_the_output_activation_slope() -> None:
    """The default network's largest η saturates its sigmoid output: the words say σ′(z), as the video does."""
    regimes = choose_learning_rates(load_config(ASSETS / "default.toml"))
    words = what_it_does(regimes.large, regimes, 4)
    assert "σ′(z) = " in words and "f′(z)" not in words


SPIRAL_IN_BATCHES = """
[network]
layers = [2, 4, 4, 3]
hidden_activation = "tanh"
output_activation = "softmax"
loss = "cross_entropy"
learning_rate = 1.0

[data]
generator = "spiral"
n = 60
noise = 0.05
seed = 2
batch_size = 20
epochs = 100

[init]
seed = 1
scale = 1.0
"""


def test_a_steady_run_beaten_by_a_larger_eta_shown_is_not_called_about_right() -> None:
    """Mini-batches: the run that never rises can end clearly higher than a larger η that rises now and then on
    the way (here the η you watched); the video then calls it smooth but slower, never about right."""
    regimes = choose_learning_rates(parse_config(SPIRAL_IN_BATCHES, "spiral.toml"))
    right, yours = regimes.right, regimes.yours
    assert yours.learning_rate > right.learning_rate and yours.final * 1.2 < right.final  # the numbers show it
    assert role_of(right, regimes) == SMOOTH_BUT_SLOWER and tag(right, regimes).startswith("smooth but slower:")
    assert who(right, regimes).endswith("(smooth but slower)")


def test_when_no_eta_lowers_the_error_none_is_called_right() -> None:
    """At η = 10³⁰⁰ every run saturates at once and ends above where it started: no run is fast enough or about
    right."""
    config = parse_config(SPIRAL_IN_BATCHES.replace("learning_rate = 1.0", "learning_rate = 1e300"), "spiral.toml")
    regimes = choose_learning_rates(config)
    assert regimes.right.final >= float(regimes.right.history[0])
    assert role_of(regimes.right, regimes) == NO_LEARNING and who(regimes.right, regimes).endswith("(no η learns)")


TAG_SAYS = {  # what a too-large run does, as its tag must say it (rule: the comparison labels what each run does)
    OVERSHOOTS: ("overshoots",),
    OSCILLATES: ("oscillates|rises",),
    DIVERGES: ("diverges",),
    STALLS_PAST: ("jumps past", "stalls"),
    STALLS: ("stalls",),
    SLOW: ("slowly",),
}


def test_each_panels_tag_says_what_its_run_does(case: tuple[Config, Regimes]) -> None:
    """Lecturer review 10 (D1): η = 64's panel read "too large: jumps past" above a flat line while the run then
    stalls (E stays at 5.0 × 10⁻⁵ from update 1 on), which only the subtitle said. Every panel's tag names all of
    what its run does: overshoots, oscillates, diverges, or jumps past the target and stalls; too small: slowly."""
    config, regimes = case
    for _, run in shown(regimes):
        said = tag(run, regimes, config.decimals).replace("\n", " ")
        for words in TAG_SAYS.get(run.label, ()):
            assert re.search(words, said), (run.learning_rate, run.label, said)


def test_no_two_panels_share_a_tag(case: tuple[Config, Regimes]) -> None:
    """Each panel's tag says what its run does, with its numbers: no two panels shown read the same."""
    config, regimes = case
    tags = [tag(run, regimes, config.decimals) for _, run in shown(regimes)]
    assert len(set(tags)) == len(tags), tags


def test_a_run_that_looks_the_same_gets_no_panel_and_the_reason_is_said_only_where_the_runs_show_it() -> None:
    """Softmax network: η = 32 and η = 512 both reach the floor after 1 update (the same curve): one panel, whose
    words say the other does the same. No η is too large there, and the video says why (one example, cross-entropy
    with a one-hot target, E never rises for any η from about right up); the default network gets no such reason."""
    regimes = choose_learning_rates(config_named("classifier-2-3-3"))
    shown_etas = [run.learning_rate for _, run in shown(regimes)]
    assert shown_etas == [1 / 256, 0.5, 32.0] and [r.learning_rate for r in regimes.compared][-1] == 512
    assert twin_of(regimes.compared[-1], regimes) is regimes.right
    why = why_none_too_large(regimes)
    assert "E never rose: every update only pushed ŷ₂ closer to 1" in why
    assert "for this one example" in nothing_went_wrong(regimes) and why in nothing_went_wrong(regimes)
    assert why_none_too_large(choose_learning_rates(load_config(DEFAULT_CONFIG))) == ""
    assert no_minimum_to_pass(regimes) and regimes.all_fall_above and regimes.loss == "cross_entropy"


def test_a_long_axis_is_cut_and_says_so(case: tuple[Config, Regimes]) -> None:
    """The runs' log axis spans at most AXIS_DECADES decades above its top's decade; where it is cut, the words say
    where it stops."""
    _config, regimes = case
    bottom, top = regimes.log_range()
    assert np.log10(top) - np.log10(bottom) <= AXIS_DECADES + 1
    assert bool(cut_text(regimes)) == (regimes.axis_cut > 0)


def test_why_the_video_used_a_smaller_eta() -> None:
    """Default: η = 0.5 takes E from 0.2748 to 0.2580 in one update; η = 16 to 0.0018: the reason is said with them."""
    regimes = choose_learning_rates(load_config(DEFAULT_CONFIG))
    said = why_yours(regimes, 4)
    assert "η = 0.5" in said and "0.2748 → 0.2580" in said and "η = 16 takes it to 0.0018" in said


def test_the_subtitle_of_a_run_reads_only_numbers_its_panels_show() -> None:
    """Default: the η = 64 run's σ′ and how little E moves (1.3 × 10⁻¹⁰), and one update of η = 0.5 and η = 16
    (0.2580, 0.0018), are on no panel: the subtitle leaves them to the answer key and reads E at the end (on the
    panel), the η (over each panel) and ŷ before and after it jumps past (0.7514 → 7.1 × 10⁻⁶, under its tag)."""
    regimes = choose_learning_rates(load_config(DEFAULT_CONFIG))
    large = regimes.large
    full, said = what_it_does(large, regimes, 4), what_it_does(large, regimes, 4, panels_only=True)
    assert "0.7514" in full and "10⁻¹⁰" in full
    assert said.startswith(
        "in update 1, ŷ jumps past its target, from 0.7514 to 7.1 × 10⁻⁶; there σ is flat: the output saturates (σ′(z) ≈ 0)"
    )
    numbers = re.findall(r"\d+(?:\.\d+)?(?: × 10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?", said)
    panels = {format_value(run.final, 4) for run in regimes.compared} | {"0", "1", "100"}  # "almost 0", update 1
    panels |= {format_value(v, 4) for v in jump_values(large, regimes)}  # under the tag
    panels |= {format_setting(run.learning_rate) for run in regimes.compared}
    assert set(numbers) <= panels, set(numbers) - panels
    why = why_yours(regimes, 4, panels_only=True)
    assert why.startswith("The video used η = 0.5") and "0.0018" not in why and "0.2580" not in why


def test_why_the_video_used_a_smaller_eta_names_no_clipped_error() -> None:
    """Softmax: one update of η = 32 takes E below the floor, where the loss's clipping (ŷ ≤ 1 − 10⁻¹⁵) sets the
    number, not the run: the words say where it is ("below 10⁻¹⁴"), never a value like 1.0 × 10⁻¹⁵."""
    regimes = choose_learning_rates(load_config(ASSETS / "classifier-2-3-3.toml"))
    said = why_yours(regimes, 4)
    assert "η = 32 takes it below 10⁻¹⁴ in one." in said and "10⁻¹⁵" not in said


@pytest.mark.parametrize("name", ["relu-overshoot", "xor"])
def test_a_rising_runs_subtitle_reads_only_numbers_its_panels_show(name: str) -> None:
    """A run that oscillates or overshoots: its panel shows E at the end and the key E at the start, not the highest
    E on the way (relu-overshoot η = 1: 0.4694; xor η = 8: 4.6616) nor the two errors of a rise: the subtitle reads
    the panel's numbers only (the answer key keeps the others)."""
    regimes = choose_learning_rates(load_config(ASSETS / f"{name}.toml"))
    panels = {format_value(run.final, 4) for run in regimes.compared}
    panels |= {format_value(float(regimes.compared[0].history[0]), 4)}  # the dashed line's key
    panels |= {format_setting(run.learning_rate) for run in regimes.compared}
    rising = [run for run in regimes.compared if run.label in (OSCILLATES, OVERSHOOTS)]
    assert rising
    for run in rising:
        said = what_it_does(run, regimes, 4, panels_only=True)
        numbers = set(re.findall(r"\d+(?:\.\d+)?(?: × 10\S+)?", said)) - {str(k) for k in range(0, 101)}
        assert numbers <= panels, (run.learning_rate, numbers - panels, said)
        assert "up to" in what_it_does(run, regimes, 4) or run.behaviour.rises == 0  # the key keeps the peak


def test_the_softmax_no_fault_words_say_what_the_runs_did_not_a_rule() -> None:
    """Lecturer review 10 (S4): "Its target is one-hot …, so for it cross-entropy has no minimum to jump past: a bigger
    step only pushes ŷ₂ closer to 1" claimed a rule (with a hidden layer a large step could lower ŷ₂). The words say
    what these runs did, and the runs did it: E (= −ln ŷ₂) never rose for any η from about right up to the largest."""
    config = load_config(ASSETS / "classifier-2-3-3.toml")
    regimes = choose_learning_rates(config)
    said = [why_none_too_large(regimes), nothing_went_wrong(regimes), no_fault_note(regimes)]
    for text in said:
        assert ", so for it" not in text and "no minimum" not in text and "only pushes" not in text
    assert "with each of these η, E never rose: every update only pushed ŷ₂ closer to 1." in said[0]
    rates = [eta for eta in ladder(config.learning_rate) if regimes.right.learning_rate <= eta <= regimes.limit]
    loss, y_hat, _ = trained_runs(config, regimes.steps, rates)
    assert not any(rises(h) for h in loss)  # E never rose …
    assert np.all(np.diff(y_hat[:, :, 1], axis=1) >= -1e-12)  # … and ŷ₂ never fell: each update pushed it up


def test_the_softmax_no_fault_reason_is_scoped_to_its_one_example() -> None:
    """Softmax: "no minimum to jump past" holds for this one example only: the words say so, say that with many
    examples a too-large η can overshoot (as the default video shows), and define one-hot where they use it."""
    regimes = choose_learning_rates(load_config(ASSETS / "classifier-2-3-3.toml"))
    for said in (why_none_too_large(regimes), nothing_went_wrong(regimes), no_fault_note(regimes)):
        assert "one-hot" not in said or "one-hot (1 for the true class, 0 for the others)" in said
        assert "With many examples, a too-large η can still overshoot." in said
        assert "With a one-hot target" not in said
    assert "for this one example, none is too large." in no_fault_note(regimes)
