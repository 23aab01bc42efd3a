"""Every network shape the config allows reads cleanly: a property test over shapes, activations,
losses, weights, decimals and themes that constructs the four step scenes (without rendering) and
applies the probe's checks after every play (layout, glyphs, morphs), the check that every number
shows its trace entry in its place, and the check that every formula drawn was named to be typeset ahead.

A 4-4-4-4-4 network takes about a minute to construct, so few examples are drawn (a fixed set under
CI), nothing is shrunk, each example's scenes are constructed on two cores, and the extremes are
always tried: 1-1, 4-4-4-4-4 and 2-3-3-2.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, note, settings
from hypothesis import strategies as st

from nnmath import ACTIVATIONS, LOSSES
from nnmath.config import MAX_DECIMALS, MAX_LAYERS, MAX_WIDTH, MIN_DECIMALS, MIN_LAYERS, MIN_WIDTH, THEMES
from tests.scene_probe import DECIMAL_IN_TEXT, PROBLEM_KINDS, recorded
from tests.strategies import free_activations, toml_document
from tests.test_scenes import LARGEST, STEPS, check_numbers_by_place

ONE_ONE = """
[network]
layers = [1, 1]
hidden_activation = "relu"
output_activation = "sigmoid"
loss = "binary_cross_entropy"
learning_rate = 0.5

[sample]
x = [-0.75]
y = [1.0]

[init]
seed = 3
scale = 0.8

[display]
decimals = 6
theme = "light"
"""
TWO_THREE_THREE_TWO = """
[network]
layers = [2, 3, 3, 2]
hidden_activation = "relu"
output_activation = "linear"
loss = "half_squared_error"
learning_rate = 0.1

[sample]
x = [0.5, -1.0]
y = [1.0, -0.5]

[init]
seed = 11
scale = 0.7

[display]
decimals = 3
theme = "dark"
focus = [[2, 1], [1, 2], [0, 2]]
"""
MAX_PROBLEMS_SHOWN = 12  # per scene and kind


@st.composite
def networks(draw: st.DrawFn) -> str:
    """A config (TOML text): 2–5 layers of 1–4 neurons, activations and a loss the config allows
    together, weights from [init], 2–6 decimals, either theme, any focus weight."""
    layers = draw(st.lists(st.integers(MIN_WIDTH, MAX_WIDTH), min_size=MIN_LAYERS, max_size=MAX_LAYERS))
    loss = draw(st.sampled_from(sorted(LOSSES)))
    output = LOSSES[loss].output_activation or draw(st.sampled_from(sorted(free_activations())))
    hidden = draw(st.sampled_from(sorted(free_activations())))
    layers[-1] = max(layers[-1], ACTIVATIONS[output].min_neurons)
    targets = LOSSES[loss].targets
    target = st.floats(*targets) if targets is not None else st.floats(-1.0, 1.0)
    two_places = lambda value: round(value, 2)  # noqa: E731  (as a person writes a sample)
    y = [draw(target.map(two_places)) for _ in range(layers[-1])]
    if LOSSES[loss].targets_sum is not None:  # a class, one-hot
        hot = draw(st.integers(0, layers[-1] - 1))
        y = [float(k == hot) for k in range(layers[-1])]
    doc = {
        "network": {
            "layers": layers,
            "hidden_activation": hidden,
            "output_activation": output,
            "loss": loss,
            "learning_rate": draw(st.sampled_from([0.05, 0.1, 0.5, 1.0])),
        },
        "sample": {
            "x": [draw(st.floats(-1.0, 1.0).map(two_places)) for _ in range(layers[0])],
            "y": y,
        },
        "init": {"seed": draw(st.integers(0, 2**16)), "scale": draw(st.sampled_from([0.3, 0.6, 0.9, 1.5]))},
        "display": {
            "decimals": draw(st.integers(MIN_DECIMALS, MAX_DECIMALS)),
            "theme": draw(st.sampled_from(THEMES)),
            "focus": [
                [draw(st.integers(0, after - 1)), draw(st.integers(0, before - 1))]
                for before, after in itertools.pairwise(layers)
            ],
        },
    }
    return toml_document(doc)


# The four scenes of an example are constructed on two cores: these in the test's process (where the
# scene tests can reuse them: the 4-4-4-4-4 example is their largest network), the others in a worker.
HERE, THERE = ("BackwardPass", "ErrorCalc"), ("ForwardPass", "WeightUpdate")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every example: the configs, and the media whose LaTeX is compiled once."""
    return tmp_path_factory.mktemp("network-shapes")


@pytest.fixture(scope="module")
def worker() -> Iterator[ProcessPoolExecutor]:
    """One process beside the test's, forked once: it keeps its LaTeX pieces from example to example."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool


def scene_problems(scenes: tuple[str, ...], path: Path, media: Path) -> dict[str, list[str]]:
    """What is wrong in each of ``scenes`` for the config at ``path``, at most a few lines per kind."""
    found: dict[str, list[str]] = {}
    for name in scenes:
        recording = recorded(STEPS[name], path, media)
        by_kind: dict[str, list[str]] = defaultdict(list)
        for problem in recording.problems:
            by_kind[problem.kind].append(str(problem))
        by_kind["number"] = check_numbers_by_place(recording, path)
        by_kind["number"] += [
            f"typeset outside the formatter: {s!r}" for s in recording.texts if DECIMAL_IN_TEXT.search(s)
        ]
        by_kind["formula"] = [f"drawn but not typeset ahead: {tex}" for tex in recording.unnamed_formulas]
        found[name] = []
        for kind in (*PROBLEM_KINDS, "number", "formula"):
            shown = by_kind[kind][:MAX_PROBLEMS_SHOWN]
            more = len(by_kind[kind]) - len(shown)
            found[name] += [f"{name} {line}" for line in shown] + (
                [f"{name} {kind}: … and {more} more"] if more else []
            )
    return found


def problems_of(config: str, folder: Path, worker: ProcessPoolExecutor) -> list[str]:
    path = folder / f"{hashlib.sha256(config.encode()).hexdigest()[:16]}.toml"
    path.write_text(config)
    there = worker.submit(scene_problems, THERE, path, folder / "worker-media")  # its own LaTeX runs
    found = scene_problems(HERE, path, folder / "media")
    found.update(there.result())
    return [line for name in STEPS for line in found[name]]


@settings(
    max_examples=1,  # with the three explicit examples: four networks (each drawn one costs about 6 s of CPU)
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking would construct dozens more scenes
    suppress_health_check=[HealthCheck.too_slow],
)
@example(config=ONE_ONE)
@example(config=LARGEST)
@example(config=TWO_THREE_THREE_TWO)
@given(config=networks())
def test_every_step_reads_cleanly_for_every_network_shape(
    config: str, folder: Path, worker: ProcessPoolExecutor
) -> None:
    note(config)
    found = problems_of(config, folder, worker)
    assert not found, f"{len(found)} problems for\n{config}\n" + "\n".join(found)
