"""Construct a scene to its end (skip_animations=True) and record what it shows.

After every ``play`` the probe notes each visible number with the trace entry it claims to show
and where it sits on the diagram (in a neuron, on an edge's label slot, above a neuron, under one);
at the end of every section it notes the layout (every label's box) so tests can check legibility,
the frame and overlaps. Entries are looked up here, independently of the scenes' own lookup.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, DecimalNumber, MathTex, Mobject, Scene, SingleStringMathTex, Text, tempconfig

from nnmath import Config, StepTrace, compare_learning_rates, load_config, train, train_step
from nnmath.notation import format_number
from scenes.drawing.diagram import NetworkDiagram
from scenes.drawing.formula import Formula
from scenes.drawing.numbers import Entry, TraceNumber
from scenes.environment import CONFIG_ENV
from scenes.stage.context import RATE_FACTORS, REPEAT_STEPS

FRAME_X, FRAME_Y = 7.111, 4.0
LABEL_TYPES = (DecimalNumber, Formula, MathTex, SingleStringMathTex, Text)
DECIMAL_IN_TEXT = re.compile(r"\d\.\d")


@dataclass
class Unit:
    """One label on screen (a number, a formula or a piece of text), measured when the snapshot was taken."""

    mob: Mobject
    kind: str
    low: np.ndarray
    high: np.ndarray
    height: float
    font_size: float | None
    text: str

    def overlaps(self, other: Unit, tolerance: float = 0.015) -> bool:
        return bool(
            np.all(self.low[:2] + tolerance < other.high[:2]) and np.all(other.low[:2] + tolerance < self.high[:2])
        )

    def describe(self) -> str:
        return f"{self.kind} {self.text}"


@dataclass(frozen=True)
class Shown:
    """A number on screen after some play: what it reads, what it claims to be, and its place."""

    text: str
    entry: Entry | None  # None: a number that does not know its trace entry
    place: tuple[str | int, ...] | None  # e.g. ("neuron", layer, j), ("edge", l, j, i); None: elsewhere
    section: str


@dataclass
class Snapshot:
    section: str
    units: list[Unit]
    leaves: list[tuple[str, np.ndarray, np.ndarray]]  # (type, lower-left, upper-right) of every visible shape


@dataclass
class Recording:
    decimals: int
    numbers: list[Shown] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # every Text / MathTex string seen
    snapshots: list[Snapshot] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    subcaptions: list = field(default_factory=list)
    duration: float = 0.0

    @property
    def shown(self) -> list[str]:
        return [n.text for n in self.numbers]

    def shows(self, value: float) -> bool:
        return format_number(float(value), self.decimals) in self.shown


def visible(mob: Mobject) -> bool:
    return any((m.get_fill_opacity() > 0.01 or m.get_stroke_opacity() > 0.01) for m in mob.family_members_with_points())


def units_of(mobjects: list[Mobject]) -> Iterator[Mobject]:
    """Walk families, stopping at labels: each label is one unit."""
    stack = list(reversed(mobjects))
    seen: set[int] = set()
    while stack:
        mob = stack.pop()
        if id(mob) in seen:
            continue
        seen.add(id(mob))
        if isinstance(mob, LABEL_TYPES):
            yield mob
        else:
            stack.extend(reversed(mob.submobjects))


def _describe(mob: Mobject) -> str:
    if isinstance(mob, DecimalNumber):
        return format_number(mob.get_value(), mob.num_decimal_places)
    if isinstance(mob, Text):
        return repr(mob.text)
    if isinstance(mob, MathTex | SingleStringMathTex):
        return repr(mob.tex_string)
    if isinstance(mob, Formula):
        return str([format_number(n.get_value(), n.num_decimal_places) for n in mob.numbers])
    return ""


def snapshot(scene: Scene, section: str) -> Snapshot:
    units = []
    for mob in units_of(scene.mobjects):
        if (visible(mob) and mob.has_points()) or (mob.submobjects and visible(mob)):
            font_size = float(mob.font_size) if isinstance(mob, Text | MathTex) else None
            low, high = mob.get_corner(DOWN + LEFT), mob.get_corner(UP + RIGHT)
            units.append(Unit(mob, type(mob).__name__, low, high, float(mob.height), font_size, _describe(mob)))
    leaves = [
        (type(m).__name__, m.get_corner(DOWN + LEFT), m.get_corner(UP + RIGHT))
        for top in scene.mobjects
        for m in top.family_members_with_points()
        if visible(m)
    ]
    return Snapshot(section, units, leaves)


def place_of(mob: Mobject, diagram: NetworkDiagram | None) -> tuple[str | int, ...] | None:
    """Which slot of the diagram a number's centre lies in, if any."""
    if diagram is None:
        return None
    x, y = mob.get_center()[:2]
    r = diagram.radius
    centres = [(neuron, *neuron.get_center()[:2]) for neuron in diagram.all_neurons()]
    for neuron, nx, ny in centres:
        if (x - nx) ** 2 + (y - ny) ** 2 < r**2:
            return ("neuron", neuron.layer, neuron.index)
    for neuron, nx, ny in centres:
        if abs(x - nx) < r and ny - r - 0.5 < y < ny - r:
            return ("under", neuron.layer, neuron.index)
    if diagram.plan is not None:
        for key, slot in diagram.plan.weight_slots.items():
            if slot.left < x < slot.right and slot.bottom < y < slot.top:
                return ("edge", *key)
        for (l, j), slot in diagram.plan.bias_slots.items():
            if slot.left < x < slot.right and slot.bottom < y < slot.top:
                return ("bias", l, j)
    return None


def observe(scene: Scene, recording: Recording, section: str) -> None:
    diagram = next((m for m in scene.mobjects if isinstance(m, NetworkDiagram) and visible(m)), None)
    for mob in units_of(scene.mobjects):
        if not visible(mob):
            continue
        numbers = mob.numbers if isinstance(mob, Formula) else [mob] if isinstance(mob, DecimalNumber) else []
        for n in numbers:
            entry = n.entry if isinstance(n, TraceNumber) else None
            text = format_number(n.get_value(), n.num_decimal_places)
            recording.numbers.append(Shown(text, entry, place_of(n, diagram), section))
        if isinstance(mob, Text):
            recording.texts.append(mob.text)
        elif isinstance(mob, MathTex | SingleStringMathTex):
            recording.texts.append(mob.tex_string)


def record(scene_class: type[Scene], config_path: Path, media_dir: Path) -> Recording:
    """Construct ``scene_class`` for ``config_path`` without rendering and record what it shows."""
    os.environ[CONFIG_ENV] = str(config_path)
    try:
        with tempconfig(
            {
                "media_dir": str(media_dir),
                "quality": "low_quality",
                "verbosity": "WARNING",
                "progress_bar": "none",
                "disable_caching": True,
            }
        ):
            scene = scene_class(skip_animations=True)
            recording = Recording(decimals=load_config(config_path).decimals)
            play, next_section = scene.play, scene.next_section
            current = ["(start)"]

            def recorded_play(*args: object, **kwargs: object) -> None:
                play(*args, **kwargs)
                observe(scene, recording, current[0])

            def recorded_section(name: str = "unnamed", *args: object, **kwargs: object) -> None:
                recording.snapshots.append(snapshot(scene, current[0]))
                current[0] = name
                recording.sections.append(name)
                next_section(name, *args, **kwargs)

            scene.play = recorded_play  # type: ignore[method-assign]
            scene.next_section = recorded_section  # type: ignore[method-assign]
            scene.setup()
            scene.construct()
            recording.snapshots.append(snapshot(scene, current[0] + " (end)"))
            recording.subcaptions = list(scene.renderer.file_writer.subcaptions)
            recording.duration = scene.time
            return recording
    finally:
        os.environ.pop(CONFIG_ENV, None)


class Resolver:
    """The value of a trace entry, computed here from nnmath (not through the scenes' context)."""

    def __init__(self, config: Config) -> None:
        self.trace: StepTrace = train_step(config)
        self.history = train(config, REPEAT_STEPS)
        self.rates = compare_learning_rates(config, REPEAT_STEPS, RATE_FACTORS)
        self.decimals = config.decimals

    def __call__(self, entry: Entry) -> float:
        name, *index = entry
        series = {
            "history": lambda: self.history[index[0]],
            "rate": lambda: self.rates[index[0]][0],
            "rate_history": lambda: self.rates[index[0]][1][index[1]],
        }
        if name in series:
            return float(series[str(name)]())
        value = getattr(self.trace, str(name))
        return float(value[tuple(index)] if isinstance(value, np.ndarray) and index else _index(value, index))

    def text(self, entry: Entry) -> str:
        return format_number(self(entry), self.decimals)


def _index(value: object, index: list[str | int]) -> object:
    for i in index:
        value = value[i]  # type: ignore[index]
    return value


# What may sit in each slot of the diagram: the entry names, and the entry's indices from the place.
SLOT_ENTRIES: dict[str, tuple[set[str], object]] = {
    "neuron": ({"a", "a_after"}, lambda layer, j: (layer, j)),
    "under": ({"delta"}, lambda layer, j: (layer - 1, j)),
    "edge": ({"weights", "grad_weights", "new_weights"}, lambda l, j, i: (l, j, i)),
    "bias": ({"biases", "grad_biases", "new_biases"}, lambda l, j: (l, j)),
}


def slot_mismatch(shown: Shown) -> str | None:
    """Why a number does not belong in the diagram slot it sits in (None if it does)."""
    if shown.place is None or shown.entry is None:
        return None
    kind, *where = shown.place
    names, indices = SLOT_ENTRIES[str(kind)]
    expected = indices(*where)  # type: ignore[operator]
    if shown.entry[0] in names and tuple(shown.entry[1:]) == expected:
        return None
    return f"{shown.section}: {shown.entry} = {shown.text} sits at {shown.place}"


def config_of(path: Path) -> Config:
    return load_config(path)
