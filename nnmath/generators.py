"""The classic small datasets a lecturer reaches for, drawn reproducibly from a seed.

``[data] generator = "moons"`` (with ``n``, ``noise``, ``seed``) asks for one of these. Each set lies
in a plane of about −1 … 1 (``xor``: its four corners 0/1, as in the truth table), with classes
labelled 0, 1, …; :func:`targets` turns the labels into the network's targets (one output: the label
0/1; as many outputs as classes: one-hot). ``wave`` is the one-input set: a curve to fit.
``noise`` is the standard deviation of Gaussian jitter added to every coordinate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["GENERATORS", "Generator", "targets"]

Points = tuple[np.ndarray, np.ndarray]  # inputs [n, inputs], labels [n] (classes) or targets [n, 1] (wave)


@dataclass(frozen=True)
class Generator:
    """One named set: ``make(n, noise, rng, classes)`` gives the points and their labels."""

    name: str
    description: str  # how the answer key names the set
    inputs: int  # input neurons the set needs
    classes: int | None  # fixed number of classes; None: one per output neuron (at least 2); 0: regression
    make: Callable[[int, float, np.random.Generator, int], Points]


def _xor(n: int, noise: float, rng: np.random.Generator, classes: int) -> Points:
    corner = np.arange(n) % 4  # (0,0), (0,1), (1,0), (1,1), (0,0), …
    points = np.stack([corner // 2, corner % 2], axis=1).astype(float)
    return points + noise * rng.standard_normal((n, 2)), (corner // 2) ^ (corner % 2)


def _circle(n: int, noise: float, rng: np.random.Generator, classes: int) -> Points:
    inside = (np.arange(n) % 2 == 0).astype(int)  # class 1: a disc of radius 0.5; class 0: a ring 0.7 … 1
    radius = np.where(inside == 1, 0.5 * np.sqrt(rng.uniform(0, 1, n)), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    points = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    return points + noise * rng.standard_normal((n, 2)), inside


def _moons(n: int, noise: float, rng: np.random.Generator, classes: int) -> Points:
    label = np.arange(n) % 2  # two interleaving half circles, centred on the origin
    t = np.pi * rng.uniform(0, 1, n)
    upper = np.stack([np.cos(t) - 0.5, np.sin(t) - 0.25], axis=1)
    lower = np.stack([0.5 - np.cos(t), 0.25 - np.sin(t)], axis=1)
    points = np.where(label[:, None] == 0, upper, lower) * 0.8
    return points + noise * rng.standard_normal((n, 2)), label


def _spiral(n: int, noise: float, rng: np.random.Generator, classes: int) -> Points:
    label = np.arange(n) % classes  # one arm per class, one turn from the centre out
    t = (np.arange(n) // classes + 1) / ((n + classes - 1) // classes)
    angle = 2 * np.pi * label / classes + 2 * np.pi * t
    points = np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1)
    return points + noise * rng.standard_normal((n, 2)), label


def _blobs(n: int, noise: float, rng: np.random.Generator, classes: int) -> Points:
    label = np.arange(n) % classes  # one round cloud per class, centres on a circle of radius 0.6
    angle = 2 * np.pi * label / classes + np.pi / 4
    centres = 0.6 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    return centres + (0.15 + noise) * rng.standard_normal((n, 2)), label


def _wave(n: int, noise: float, rng: np.random.Generator, classes: int) -> Points:
    x = np.sort(rng.uniform(-1, 1, n))  # one input, one target in [0, 1]: y = 0.5 + 0.4 sin(πx), jittered
    y = np.clip(0.5 + 0.4 * np.sin(np.pi * x) + noise * rng.standard_normal(n), 0.0, 1.0)
    return x[:, None], y[:, None]


GENERATORS: dict[str, Generator] = {
    g.name: g
    for g in (
        Generator("xor", "XOR: the four corners of the unit square, opposite corners one class", 2, 2, _xor),
        Generator("circle", "a disc of one class inside a ring of the other", 2, 2, _circle),
        Generator("moons", "two interleaving half circles", 2, 2, _moons),
        Generator("spiral", "spiral arms, one per class", 2, None, _spiral),
        Generator("blobs", "round clouds, one per class", 2, None, _blobs),
        Generator("wave", "a wave y = 0.5 + 0.4 sin(πx) to fit", 1, 0, _wave),
    )
}


def classes_for(generator: Generator, outputs: int) -> int:
    """How many classes the set makes for a network with ``outputs`` output neurons (0: a regression)."""
    if generator.classes is None:
        return max(outputs, 2)
    return generator.classes


def targets(labels: np.ndarray, classes: int, outputs: int) -> np.ndarray:
    """Class labels as targets: the label itself for one output (two classes), one-hot for one output per
    class. The caller has checked that one of the two fits."""
    if outputs == 1:
        return labels.astype(float)[:, None]
    return np.eye(classes)[labels]


def generate(generator: Generator, n: int, noise: float, seed: int, outputs: int) -> tuple[np.ndarray, np.ndarray]:
    """The inputs ``[n, inputs]`` and targets ``[n, outputs]`` of the named set."""
    classes = classes_for(generator, outputs)
    points, labels = generator.make(n, noise, np.random.default_rng(seed), classes)
    y = labels.astype(float) if classes == 0 else targets(labels, classes, outputs)
    return points.astype(float), y
