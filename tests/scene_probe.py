"""Construct a scene to its end (skip_animations=True) and record what it shows.

After every ``play`` the probe notes each visible number; at the end of every section it notes the
layout (every label's box) so tests can check legibility, the frame and overlaps.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, DecimalNumber, MathTex, Mobject, Scene, SingleStringMathTex, Text, tempconfig

from nnmath import StepTrace, compare_learning_rates, load_config, train, train_step
from nnmath.notation import format_number
from scenes.drawing.formula import Formula
from scenes.environment import CONFIG_ENV
from scenes.repeat import RATE_FACTORS, REPEAT_STEPS

FRAME_X, FRAME_Y = 7.111, 4.0
LABEL_TYPES = (DecimalNumber, Formula, MathTex, SingleStringMathTex, Text)


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


@dataclass
class Snapshot:
    section: str
    units: list[Unit]
    leaves: list[tuple[str, np.ndarray, np.ndarray]]  # (type, lower-left, upper-right) of every visible shape


@dataclass
class Recording:
    decimals: int
    shown: list[str] = field(default_factory=list)  # every visible number, as formatted
    texts: list[str] = field(default_factory=list)  # every Text / MathTex string seen
    snapshots: list[Snapshot] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    subcaptions: list = field(default_factory=list)
    duration: float = 0.0

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


def observe(scene: Scene, recording: Recording) -> None:
    for mob in units_of(scene.mobjects):
        if not visible(mob):
            continue
        if isinstance(mob, DecimalNumber):
            recording.shown.append(format_number(mob.get_value(), mob.num_decimal_places))
        elif isinstance(mob, Formula):
            recording.shown.extend(format_number(n.get_value(), n.num_decimal_places) for n in mob.numbers)
        elif isinstance(mob, Text):
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
                observe(scene, recording)

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


def allowed_values(config_path: Path) -> set[str]:
    """Every number the video may show for this config: trace values, η, and the epilogue's histories."""
    config = load_config(config_path)
    trace: StepTrace = train_step(config)
    values: list[float] = [config.learning_rate]
    values += _flatten(trace.to_dict())
    values += list(train(config, REPEAT_STEPS))
    for eta, history in compare_learning_rates(config, REPEAT_STEPS, RATE_FACTORS):
        values += [eta, *history]
    return {format_number(v, config.decimals) for v in values}


def _flatten(value: object) -> list[float]:
    if isinstance(value, (bool, str)):
        return []
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, dict):
        return [v for item in value.values() for v in _flatten(item)]
    if isinstance(value, list | tuple):
        return [v for item in value for v in _flatten(item)]
    return []


DECIMAL_IN_TEXT = re.compile(r"\d\.\d")
