"""Construct a scene to its end (skip_animations=True) and record what it shows.

After every ``play`` (``wait`` included) the probe notes each visible number with the trace entry it
claims to show and where it sits on the diagram (in a neuron, on an edge's label slot, above a
neuron, under one), and checks what is on screen then (``Problem``s, each kept once):

- layout: every visible text unit (Text, MathTex, Formula, DecimalNumber) inside the frame, legible
  (digits at least ``MIN_DIGIT_HEIGHT`` tall, text at least ``MIN_FONT_SIZE``) and clear of every
  other text unit;
- glyphs: every visible DecimalNumber, also inside formulas, tables and groups, is drawn with exactly
  the glyphs of its value, left to right without overlapping, digits on one baseline, each glyph the
  shape of its character (a number caught mid-morph or with scrambled glyphs fails);
- morphs: what the play's animations morph into what, seen when they begin: a Transform whose source
  or target holds a number must morph a number into a number that reads the same (a number flying in
  from an edge or a neuron, or old digits morphing into new ones, breaks apart mid-animation, which an
  end-state probe cannot see); and every other animation that holds a number (not a fade) is sampled part
  way (``MID_PLAY``): a number it shows then must read what it read before the play or after it (a label
  counting from 0.4000 to 0.3589 through 0.3966, which no computation gives, fails).

At the end of every section it also notes the layout (every label's box, every shape's box).
Entries are looked up here, independently of the scenes' own lookup.
"""

from __future__ import annotations

import fcntl
import hashlib
import math
import os
import pickle
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, cast

import numpy as np
import srt  # type: ignore[import-untyped]
from manim import (
    Animation,
    DecimalNumber,
    MathTex,
    Mobject,
    Scene,
    SingleStringMathTex,
    Succession,
    Text,
    Transform,
    VMobject,
    tempconfig,
)
from manim.mobject.text import tex_mobject
from manim.scene.section import DefaultSectionType
from manim.utils.tex_file_writing import generate_tex_file

from nnmath import (
    BatchTrace,
    Config,
    History,
    Regimes,
    StepTrace,
    batch_step,
    by_hand,
    choose_learning_rates,
    load_config,
    rounding_gaps,
    train,
    train_history,
    train_step,
)
from nnmath.batch_view import batch_update_view
from nnmath.by_hand import Reading
from nnmath.notation import entry_decimals, format_number, format_setting, scientific_parts, significant_decimals
from nnmath.rounding import update_gaps
from nnmath.vanishing import layer_delta_sizes
from scenes.check_yourself import Countdown
from scenes.drawing import formula
from scenes.drawing.colour_key import KEY_ROLES, roles_explained
from scenes.drawing.diagram import NetworkDiagram
from scenes.drawing.formula import Formula
from scenes.drawing.numbers import Entry, TraceNumber, shown_number, written_exponent, written_glyphs
from scenes.drawing.shown_arithmetic import EQUALS, needs_note, plain, reading
from scenes.drawing.style import RING_INSET, SAFE_BOTTOM, SAFE_LEFT, SAFE_RIGHT
from scenes.environment import CONFIG_ENV
from scenes.stage import tex_batch, tex_cache
from scenes.stage.context import REPEAT_STEPS
from tests import probe_cache

FRAME_X, FRAME_Y = 7.111, 4.0
FRAME_TOLERANCE = 0.01
OVERLAP_TOLERANCE = 0.015  # two boxes must reach this far into each other (both ways) to overlap
LABEL_TYPES = (DecimalNumber, Formula, MathTex, SingleStringMathTex, Text, Countdown)  # Countdown: ink text must clear
DECIMAL_IN_TEXT = re.compile(r"\d\.\d")
DIGITS = re.compile(r"\d+\.\d+")  # a number as the one formatter writes it: its digits (0.5933, 7.1 of 7.1×10⁻⁶)
MIN_DIGIT_HEIGHT = 0.19  # digits at font size 28: 0.2 units, 1/40 of the frame height
MIN_FONT_SIZE = 26
# The epilogue's charts (learning-rate panels, mean |δ| per layer), whose numbers the subtitles read: digits and
# exponents at least 16 px tall at 480p, about as tall as the 28-pt words beside them (lecturer review: 10⁻³'s
# exponent was 6 px, the chart's ticks 8–10 px; review 10, D3: at 14 px the axis numbers and η = 64's caption still
# read as ~10 px in a lecture hall).
READ_DIGIT_HEIGHT = 0.27
READ_FONT_SIZE = 38  # a formula's digits 0.27 units tall
CHART_SECTIONS = ("repeat-rate", "repeat-gradients")  # the sections that show them (by prefix)
SCRIPT_SUPERSCRIPT = re.compile(r"\^\{(?!\\textstyle)|\^[0-9-]")  # an exponent at script size (70 % of its digits)
BASELINE_TOLERANCE = 0.02  # the bottoms of a number's digits
GLYPH_GAP_TOLERANCE = 0.002  # how far one glyph may reach into the next
SHAPE_TOLERANCE = 0.01  # a glyph's normalised shape (``glyph_shape``) against its character's
PROBLEM_KINDS = ("overlap", "frame", "size", "glyph", "morph", "sign")
NUMBER_ZERO = re.compile(r"0(?:\.0*)?(?:×10[⁻⁰-⁹¹²³]+)?")  # a number that reads 0 (0, 0.0000)
LAYOUT_KINDS = ("overlap", "frame", "size", "neuron")
# The least gap between a number's box (corners too) and a lit ring's ink, ~7 px at 480p: the probe's own, not the
# margin the diagram sizes its numbers by (checked against itself, that passed −0.6093 drawn 4 px from its ring).
NEURON_CLEARANCE = 0.12
MID_PLAY = (0.3, 0.6)  # where an animation holding a number is sampled part way, as a share of its time
# "sign": a number that reads 0 with a formula's unary minus right before it
# "strip": a text unit below SAFE_BOTTOM, where a player draws the subtitles; "side": one beyond SAFE_LEFT or
# SAFE_RIGHT, where a player or a projector may crop (both checked on their own: tests/test_scenes.py)


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

    def overlaps(self, other: Unit, tolerance: float = OVERLAP_TOLERANCE) -> bool:
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
    play: int = -1  # the play (counted from 0 over plays and waits) after which it was on screen
    color: str = ""  # its fill colour, as #RRGGBB
    unit: int = -1  # which label of that play's screen it is or is in (a formula row, a table, itself)
    role: str = ""  # in a formula: "result" (alone between two "=", or after the last) or "operand"; "" elsewhere


@dataclass(frozen=True)
class Problem:
    """Something wrong on screen: its kind (one of ``PROBLEM_KINDS``), where (section, play index
    counted from 0 over the scene's plays and waits, scene time when the play began) and what."""

    kind: str
    section: str
    play: int
    time: float
    what: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.section} (play {self.play}, t = {self.time:.1f} s): {self.what}"


@dataclass
class Snapshot:
    section: str
    units: list[Label]  # every visible label, as measured
    leaves: list[tuple[str, np.ndarray, np.ndarray]]  # (type, lower-left, upper-right) of every visible shape


@dataclass(frozen=True)
class Label:
    """A label on screen as a snapshot keeps it: what a ``Unit`` measured, without the label itself (a recording
    is pickled from the test process that made it to the others: with every label's mobject and its family,
    nine tenths of its bytes)."""

    kind: str
    low: np.ndarray
    high: np.ndarray
    height: float
    font_size: float | None
    text: str

    @staticmethod
    def of(unit: Unit) -> Label:
        return Label(unit.kind, unit.low, unit.high, unit.height, unit.font_size, unit.text)


@dataclass
class Recording:
    decimals: int
    numbers: list[Shown] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # every Text / MathTex string seen
    text_sizes: dict[str, float] = field(default_factory=dict)  # each Text string's smallest font size on screen
    snapshots: list[Snapshot] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    section_types: list[str] = field(default_factory=list)  # one per section (manim's, or e.g. "backprop.question")
    subcaptions: list = field(default_factory=list)  # one a sub-step (its whole caption)
    cues: list = field(default_factory=list)  # the subtitle cues as written (a caption cut to two lines a cue)
    script: list[tuple[str, str]] = field(default_factory=list)  # (sub-step, its spoken line): StepScene.script
    duration: float = 0.0
    problems: list[Problem] = field(default_factory=list)  # each (kind, section, what) once, as first seen
    plays: int = 0
    unnamed_formulas: list[str] = field(default_factory=list)  # LaTeX drawn but not named ahead (compiled alone)
    # After each play: its section, the classes of the visible top-level mobjects, the stroke colours of the
    # diagram's visible edges.
    screens: list[tuple[str, frozenset[str], frozenset[str]]] = field(default_factory=list)
    # After each play: the colour roles the visible keys explain (``scenes.drawing.colour_key.roles_explained``).
    keys: list[frozenset[str]] = field(default_factory=list)
    # Halfway through each play: the colour roles the visible keys explain (a key swapped out and back in is gone).
    keys_mid: list[frozenset[str]] = field(default_factory=list)
    # After each play: the colours (#RRGGBB) of the visible shapes outside every key (``colours_drawn``).
    drawn: list[frozenset[str]] = field(default_factory=list)
    # After each play: the products the visible formulas write, each as its numbers' digits ("0.0134", "0.0500").
    products: list[frozenset[tuple[str, ...]]] = field(default_factory=list)
    # After each play: its section and the strings of the visible Text and MathTex labels.
    screen_texts: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    # Each play's (start, end) in scene time, one per ``screen_texts`` entry: when what it shows came or went.
    play_times: list[tuple[float, float]] = field(default_factory=list)
    rings: list[dict[tuple[int, int], str]] = field(default_factory=list)  # per play: each neuron's outline colour
    # Per play: each "name =" label on screen, after the play or halfway through it, with nothing after its "=" (a
    # bias label's "b =" stood alone while its old number faded out and its new one in: ``bare_labels``).
    bare: list[list[str]] = field(default_factory=list)
    # Results whose shown value is not what their shown (rounded) numbers give (``nnmath.rounding``), for the
    # "rounding" check: a row showing one, or one that does not add up by hand, has the rounding note beside it.
    gaps: frozenset[Entry] = frozenset()
    # New parameters whose shown old value, η and gradient do not give them (``nnmath.rounding.update_gaps``): when
    # the update shows them all at once (on the diagram's edges or in step tables), the rounding note shows too.
    update_gaps: frozenset[Entry] = frozenset()
    updates_shown: dict[int, tuple[bool, str]] = field(default_factory=dict)  # see shown_updates
    # Every step table the weight update built (``scenes.update_tables.step_tables``), as the scene ends: each
    # number's tallest glyph, the table's bottom and its width.
    step_tables: list[tuple[list[float], float, float]] = field(default_factory=list)
    _seen: set[tuple[str, str, str]] = field(default_factory=set, repr=False)
    _numbers_after: list[frozenset[str]] = field(default_factory=list, repr=False)  # see numbers_after

    @property
    def shown(self) -> list[str]:
        return [n.text for n in self.numbers]

    @property
    def section(self) -> str:
        """The section being recorded."""
        return self.sections[-1] if self.sections else "(start)"

    def note(self, kind: str, section: str, play: int, time: float, what: str) -> None:
        if (kind, section, what) not in self._seen:
            self._seen.add((kind, section, what))
            self.problems.append(Problem(kind, section, play, time, what))

    def problems_of(self, *kinds: str) -> list[Problem]:
        return [p for p in self.problems if p.kind in kinds]

    def shows(self, value: float, gradient: bool = False) -> bool:
        """Whether ``value`` is on screen as the formatter writes it (``gradient``: with at least two significant
        digits, ``nnmath.notation.significant_decimals``)."""
        places = significant_decimals(float(value), self.decimals) if gradient else self.decimals
        return format_number(float(value), places) in self.shown

    def numbers_after(self, play: int) -> frozenset[str]:
        """The decimal numbers on screen after play ``play`` (none before the first), as the one formatter writes
        their digits (sign and power of ten left off): in a number, a formula or a text label."""
        if play < 0:
            return frozenset()
        if len(self._numbers_after) != self.plays:
            on_screen: list[set[str]] = [set() for _ in range(self.plays)]
            for n in self.numbers:
                on_screen[n.play].update(DIGITS.findall(n.text))
            for k, (_, texts) in enumerate(self.screen_texts):
                on_screen[k].update(m for t in texts for m in DIGITS.findall(t))
            self._numbers_after = [frozenset(numbers) for numbers in on_screen]
        return self._numbers_after[play]


# ``ndarray.min`` and ``max`` without their Python wrapper: the same reduction, a third less time on the small arrays
# of glyphs and shapes the probe measures several hundred thousand times a run.
_LOWEST, _HIGHEST = np.minimum.reduce, np.maximum.reduce


def with_points(mob: Mobject) -> Iterator[Mobject]:
    """``mob.family_members_with_points()``, each member once in the family's order, walked as it is read: manim
    rebuilds and de-duplicates the family list at every level of the tree (most of the probe's time went there).
    Walked once per mobject while the screen is still (tests/probe_cache.py)."""
    if probe_cache.active() and mob.submobjects:
        return iter(probe_cache.memoised("members", mob, lambda: tuple(_walk(mob))))
    return _walk(mob)


def _walk(mob: Mobject) -> Iterator[Mobject]:
    if not mob.submobjects:  # a glyph, a line, a dot
        if len(mob.points):
            yield mob
        return
    seen: set[int] = set()
    stack = [mob]
    while stack:
        m = stack.pop()
        if id(m) in seen:
            continue
        seen.add(id(m))
        if len(m.points):
            yield m
        stack.extend(reversed(m.submobjects))


def anchor_box(mob: Mobject) -> tuple[np.ndarray, np.ndarray] | None:
    """Lower-left and upper-right corner of the ends of ``mob``'s curves (its anchors): the box manim's
    ``get_center`` and ``get_corner`` measure (None: it draws nothing)."""
    return probe_cache.memoised("anchor_box", mob, lambda: _anchor_box(mob))


def _anchor_box(mob: Mobject) -> tuple[np.ndarray, np.ndarray] | None:
    arrays = []
    for m in with_points(mob):
        n = getattr(m, "n_points_per_cubic_curve", 1)
        arrays += [m.points] if len(m.points) == 1 or n == 1 else [m.points[::n], m.points[n - 1 :: n]]
    if not arrays:
        return None
    points = np.concatenate(arrays)
    return _LOWEST(points, axis=0), _HIGHEST(points, axis=0)


def centre(mob: Mobject) -> np.ndarray:
    """``mob.get_center()``, measured on one walk of its family."""
    box = anchor_box(mob)
    return np.zeros(3) if box is None else (box[0] + box[1]) / 2


def visible(mob: Mobject) -> bool:
    return probe_cache.memoised("visible", mob, lambda: _visible(mob))


def _visible(mob: Mobject) -> bool:
    return any((m.get_fill_opacity() > 0.01 or m.get_stroke_opacity() > 0.01) for m in with_points(mob))


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


def number_text(mob: DecimalNumber) -> str:
    """What a number should read: its value with its own decimals, by the one formatter (a plain DecimalNumber,
    which only the probe's own tests draw, as manim writes it: never in scientific notation). Once per still
    screen: the checks after a play ask again and again."""
    return probe_cache.memoised("text", mob, lambda: _number_text(mob))


def _number_text(mob: DecimalNumber) -> str:
    if not isinstance(mob, TraceNumber):
        return str(mob._get_num_string(mob.get_value()))
    return shown_number(float(mob.get_value()), mob.num_decimal_places, mob.setting)


def _describe(mob: Mobject) -> str:
    if isinstance(mob, DecimalNumber):
        entry = getattr(mob, "entry", None)
        return number_text(mob) + (f" {entry}" if entry is not None else "")
    if isinstance(mob, Text):
        return repr(getattr(mob, "original_text", mob.text))
    if isinstance(mob, MathTex | SingleStringMathTex):
        return repr(mob.tex_string)
    if isinstance(mob, Formula):
        return str([number_text(n) for n in mob.numbers])
    if isinstance(mob, Countdown):
        return "the countdown ring"
    return ""


def bounds(mob: Mobject) -> tuple[np.ndarray, np.ndarray] | None:
    """Lower-left and upper-right corner of everything ``mob`` draws (None: it draws nothing)."""
    return probe_cache.memoised("bounds", mob, lambda: _bounds(mob))


def _bounds(mob: Mobject) -> tuple[np.ndarray, np.ndarray] | None:
    arrays = [m.points for m in with_points(mob)]
    return _corners(arrays) if arrays else None


def _corners(arrays: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    points = np.concatenate(arrays) if len(arrays) > 1 else arrays[0]
    return _LOWEST(points, axis=0), _HIGHEST(points, axis=0)


def font_size_of(mob: Text | SingleStringMathTex) -> float:
    """A label's font size (manim measures its height for it), once per still screen."""
    return probe_cache.memoised("font_size", mob, lambda: float(mob.font_size))


def measure(mob: Mobject) -> Unit | None:
    corners = bounds(mob)
    if corners is None:
        return None
    low, high = corners
    font_size = font_size_of(mob) if isinstance(mob, Text | SingleStringMathTex) else None
    return Unit(mob, type(mob).__name__, low, high, float(high[1] - low[1]), font_size, _describe(mob))


def text_units(scene: Scene) -> list[Unit]:
    """Every visible label on screen (a number, a formula or a piece of text), measured: ``visible`` and
    ``measure`` in one walk of each label's family."""
    units = []
    for mob in units_of(scene.mobjects):
        members = list(with_points(mob))
        if any(m.get_fill_opacity() > 0.01 or m.get_stroke_opacity() > 0.01 for m in members):
            low, high = _corners([m.points for m in members])
            font_size = font_size_of(mob) if isinstance(mob, Text | SingleStringMathTex) else None
            units.append(Unit(mob, type(mob).__name__, low, high, float(high[1] - low[1]), font_size, _describe(mob)))
    return units


FOLLOW_GAP = 0.3  # how far right of a label's "=" its number (or whatever it equals) starts, at most


def bare_labels(scene: Scene) -> list[str]:
    """Each visible "name =" on screen (a group's first two pieces: the diagram's labels, a formula's start) with
    nothing visible right after its "=" on its line: "b =" without its number. (An "=" is a formula's piece of its
    own: ``Formula`` and the diagram's labels typeset it alone.)"""
    equals: list[tuple[Mobject, str]] = []  # each "=" piece, with the piece before it (its name)
    glyphs: list[tuple[int, np.ndarray, np.ndarray]] = []  # every visible glyph of a label: (id, low, high)
    stack: list[tuple[Mobject, bool]] = [(m, False) for m in scene.mobjects]
    seen: set[int] = set()
    while stack:
        mob, in_label = stack.pop()
        if id(mob) in seen:
            continue
        seen.add(id(mob))
        in_label = in_label or isinstance(mob, (*LABEL_TYPES, tex_mobject.MathTexPart))
        pieces = mob.submobjects  # a label: its name, then "=" (a formula's later "=", maybe a wrapped line's last
        # piece, waits for what it works out; a MathTex "P =" heads the long chain's grid of factors, not one number)
        if (
            not isinstance(mob, MathTex)
            and len(pieces) > 1
            and getattr(pieces[1], "tex_string", "").strip() == "="
            and visible(pieces[1])
        ):
            equals.append((pieces[1], str(getattr(pieces[0], "tex_string", "?"))))
        if not mob.submobjects and len(mob.points) and in_label and visible(mob):
            glyphs.append((id(mob), _LOWEST(mob.points, axis=0), _HIGHEST(mob.points, axis=0)))
        stack.extend((m, in_label) for m in mob.submobjects)
    bare = []
    for piece, name in equals:
        own = {id(m) for m in with_points(piece)}
        box = anchor_box(piece)
        if box is None:
            continue
        right, middle = box[1][0], (box[0][1] + box[1][1]) / 2
        after = any(  # a glyph starting just right of it, level with it (a minus sign is as thin as the "=")
            i not in own and right - 0.01 <= low[0] <= right + FOLLOW_GAP and low[1] - 0.1 <= middle <= high[1] + 0.1
            for i, low, high in glyphs
        )
        if not after:
            bare.append(f"{name} = at ({right:.2f}, {middle:.2f})")
    return bare


def snapshot(scene: Scene, section: str) -> Snapshot:
    leaves = []
    for top in scene.mobjects:
        for m in with_points(top):
            if visible(m) and (box := anchor_box(m)) is not None:  # m.get_corner(DOWN + LEFT), …(UP + RIGHT)
                middle = (box[0][2] + box[1][2]) / 2
                leaves.append((type(m).__name__, np.array([*box[0][:2], middle]), np.array([*box[1][:2], middle])))
    return Snapshot(section, [Label.of(unit) for unit in text_units(scene)], leaves)


def numbers_in(mob: Mobject) -> Sequence[DecimalNumber]:
    """The DecimalNumbers in ``mob``'s family (``mob`` itself if it is one), in order (found once per still screen:
    the glyph, layout, margin and rounding checks all ask)."""
    if probe_cache.active() and mob.submobjects:
        return probe_cache.memoised("numbers", mob, lambda: tuple(_numbers_in(mob)))
    return _numbers_in(mob)


def _numbers_in(mob: Mobject) -> list[DecimalNumber]:
    found, stack = [], [mob]
    while stack:
        m = stack.pop()
        if isinstance(m, DecimalNumber):
            found.append(m)
        else:
            stack.extend(reversed(m.submobjects))
    return found


# --- layout: every text unit inside the frame, legible, clear of the others -------------------------------


Box = tuple[np.ndarray, np.ndarray]  # lower-left, upper-right


def glyph_boxes(mob: DecimalNumber) -> list[Box | None]:
    return [bounds(g) for g in mob.submobjects]


def digit_height(mob: DecimalNumber, boxes: list[Box | None] | None = None) -> float:
    """The height of the number's digits (the whole number's when its glyphs do not match its text);
    ``boxes``: its ``glyph_boxes``, when they are known already."""
    text, boxes = written_glyphs(number_text(mob)), glyph_boxes(mob) if boxes is None else boxes
    if len(boxes) == len(text):
        heights = [float(b[1][1] - b[0][1]) for c, b in zip(text, boxes, strict=True) if c.isdigit() and b is not None]
        if heights:
            return max(heights)
    return float(mob.height)


def layout_problems(units: list[Unit], heights: dict[int, float] | None = None) -> Iterator[tuple[str, str]]:
    """(kind, what) for every text unit outside the frame, too small, or overlapping another
    (``heights``: the digit height of numbers by ``id``, when they are known already)."""
    heights = {} if heights is None else heights
    for unit in units:
        low, high = unit.low, unit.high
        if (
            low[0] < -FRAME_X - FRAME_TOLERANCE
            or high[0] > FRAME_X + FRAME_TOLERANCE
            or low[1] < -FRAME_Y - FRAME_TOLERANCE
            or high[1] > FRAME_Y + FRAME_TOLERANCE
        ):
            where = f"x {low[0]:.2f} … {high[0]:.2f}, y {low[1]:.2f} … {high[1]:.2f}"
            yield "frame", f"{unit.describe()} reaches outside the frame ({where})"
        else:
            if low[1] < SAFE_BOTTOM - FRAME_TOLERANCE:
                yield "strip", f"{unit.describe()} reaches into the subtitles' strip (bottom at y {low[1]:.2f})"
            if low[0] < SAFE_LEFT - FRAME_TOLERANCE or high[0] > SAFE_RIGHT + FRAME_TOLERANCE:
                yield "side", f"{unit.describe()} reaches into a side's safe margin (x {low[0]:.2f} … {high[0]:.2f})"
        if unit.font_size is not None and unit.font_size < MIN_FONT_SIZE:
            yield "size", f"{unit.describe()} has font size {unit.font_size:.1f} (< {MIN_FONT_SIZE})"
        for number in numbers_in(unit.mob):
            if (height := heights.get(id(number)) or digit_height(number)) < MIN_DIGIT_HEIGHT:
                inside = "" if number is unit.mob else f" (in {unit.describe()})"
                yield "size", f"{_describe(number)}{inside} has digits {height:.3f} tall (< {MIN_DIGIT_HEIGHT})"
        for what in signed_zeros(unit.mob):
            yield "sign", f"{unit.describe()}: {what}"
        if isinstance(unit.mob, Formula):  # its pieces (symbols and numbers) apart, too
            pieces = [p for p in (measure(m) for m in unit.mob.submobjects) if p is not None]
            for a, b in overlapping(pieces):
                yield "overlap", f"in {unit.describe()}: {_piece(unit.mob, a)} overlaps {_piece(unit.mob, b)}"
    for a, b in overlapping(units):
        if a.mob in b.mob.get_family() or b.mob in a.mob.get_family():
            continue  # one label drawn as part of another: the same ink
        pair = sorted((a.describe(), b.describe()))
        yield "overlap", f"{pair[0]} overlaps {pair[1]}"


def chart_size_problems(units: list[Unit], heights: dict[int, float]) -> Iterator[str]:
    """The epilogue's charts: every number's digits at least READ_DIGIT_HEIGHT, every formula at READ_FONT_SIZE or
    more, and no exponent at script size (``heights``: digit heights by ``id``)."""
    for unit in units:
        for number in numbers_in(unit.mob):
            if (height := heights.get(id(number)) or digit_height(number)) < READ_DIGIT_HEIGHT:
                yield f"{_describe(number)} in a chart has digits {height:.3f} tall (< {READ_DIGIT_HEIGHT})"
        for tex in (m for m in unit.mob.get_family() if isinstance(m, MathTex | SingleStringMathTex)):
            if tex.font_size < READ_FONT_SIZE:
                yield f"{unit.describe()} in a chart has font size {tex.font_size:.1f} (< {READ_FONT_SIZE})"
            if SCRIPT_SUPERSCRIPT.search(tex.tex_string):
                yield f"{unit.describe()} in a chart has an exponent at script size: {tex.tex_string}"
        if isinstance(unit.mob, Formula):  # its symbols too ("× 10⁻⁵", "target", η), not only its numbers' digits
            if unit.mob.font_size < READ_FONT_SIZE:
                yield f"formula {unit.describe()} in a chart has font size {unit.mob.font_size:.1f} (< {READ_FONT_SIZE})"
            for latex in (p for p in unit.mob.written if isinstance(p, str) and SCRIPT_SUPERSCRIPT.search(p)):
                yield f"formula {unit.describe()} in a chart has an exponent at script size: {latex}"


def reads_zero(number: DecimalNumber) -> bool:
    return NUMBER_ZERO.fullmatch(number_text(number)) is not None


def signed_zeros(mob: Mobject) -> list[str]:
    """A number that reads 0 but is signed by a formula's unary minus put right before it (−0.0000 ln 0.3359; the
    formatter never signs a zero itself)."""
    found: list[str] = []
    if isinstance(mob, Formula):
        written: list[str | DecimalNumber] = ["=", *mob.written]
        for before, sign, after in zip(written, written[1:], written[2:], strict=False):
            unary = isinstance(before, str) and (before in (*EQUALS, "+", "-", r"\cdot") or before.endswith(("(", "[")))
            if unary and sign == "-" and isinstance(after, DecimalNumber) and reads_zero(after):
                found.append(f"a minus sign before {number_text(after)}")
    return found


def overlapping(units: list[Unit]) -> Iterator[tuple[Unit, Unit]]:
    """Every pair of units whose boxes overlap (as ``Unit.overlaps``), each once."""
    if len(units) < 2:
        return
    lows = np.array([u.low[:2] for u in units])
    highs = np.array([u.high[:2] for u in units])
    apart = lows[:, None, :] + OVERLAP_TOLERANCE < highs[None, :, :]
    crossing = np.all(apart, axis=2) & np.all(apart, axis=2).T
    for a, b in zip(*np.nonzero(np.triu(crossing, k=1)), strict=True):
        yield units[a], units[b]


def _piece(formula: Formula, piece: Unit) -> str:
    """A piece of a formula, for a message: its number, or the symbol's place among the pieces."""
    if isinstance(piece.mob, DecimalNumber):
        return f"number {_describe(piece.mob)}"
    return f"symbol {formula.submobjects.index(piece.mob)}"


# --- glyphs: a number shows exactly the glyphs of its value --------------------------------------------

_T = np.linspace(0.0, 1.0, 13)  # samples per cubic curve
_BERNSTEIN = np.stack([(1 - _T) ** 3, 3 * (1 - _T) ** 2 * _T, 3 * (1 - _T) * _T**2, _T**3], axis=1)


def glyph_shape(glyph: Mobject) -> np.ndarray | None:
    """A glyph's outline reduced to numbers that do not depend on its size, place or on how its curves
    are subdivided (a morph subdivides them): its box's width and height, its inked area, the centroid
    of the ink in the box and the ink's second moments about it, all in units of the box's longer side.
    A glyph of another character, or caught between two, differs."""
    arrays = [m.points for m in with_points(glyph)]
    if not arrays:
        return None
    points = np.concatenate(arrays) if len(arrays) > 1 else arrays[0]
    curves = points[: len(points) // 4 * 4, :2].reshape(-1, 4, 2)
    if not len(curves):
        return None
    samples = np.einsum("tk,ckd->ctd", _BERNSTEIN, curves)
    flat = samples.reshape(-1, 2)
    low, high = _LOWEST(flat, axis=0), _HIGHEST(flat, axis=0)
    size = float(max(high - low))
    if size <= 0:
        return None
    samples = (samples - low) / size
    width, height = (high - low) / size
    # Green's theorem over the closed outlines, segment by segment (holes wind the other way).
    x0, y0, x1, y1 = samples[:, :-1, 0], samples[:, :-1, 1], samples[:, 1:, 0], samples[:, 1:, 1]
    cross = x0 * y1 - x1 * y0
    area = float(cross.sum()) / 2
    if abs(area) < 1e-6:
        return np.array([width, height, 0.0, width / 2, height / 2, 0.0, 0.0, 0.0])
    cx, cy = ((x0 + x1) * cross).sum() / (6 * area), ((y0 + y1) * cross).sum() / (6 * area)
    xx = ((x0 * x0 + x0 * x1 + x1 * x1) * cross).sum() / (12 * area) - cx * cx
    yy = ((y0 * y0 + y0 * y1 + y1 * y1) * cross).sum() / (12 * area) - cy * cy
    xy = ((x0 * y1 + 2 * x0 * y0 + 2 * x1 * y1 + x1 * y0) * cross).sum() / (24 * area) - cx * cy
    return np.array([width, height, abs(area), cx, cy, 4 * xx, 4 * yy, 4 * xy])


_reference_shapes: dict[tuple[type, str], np.ndarray | None] = {}
_checked_glyphs: dict[tuple[int, str], tuple[weakref.ref, tuple[weakref.ref, ...], bool]] = {}


def _shape_is(number: DecimalNumber, char: str, glyph: Mobject) -> bool:
    """Whether ``glyph`` has the shape of ``char`` as ``number`` typesets it (cached per outline)."""
    arrays = tuple(m.points for m in with_points(glyph))
    cached = _checked_glyphs.get((id(glyph), char))
    if (
        cached is not None
        and cached[0]() is glyph
        and len(cached[1]) == len(arrays)
        and all(ref() is a for ref, a in zip(cached[1], arrays, strict=True))
    ):
        return cached[2]
    key = (number.mob_class, char)
    if key not in _reference_shapes:
        _reference_shapes[key] = glyph_shape(number._string_to_mob(char))
    reference, shape = _reference_shapes[key], glyph_shape(glyph)
    ok = reference is not None and shape is not None and bool(np.all(np.abs(shape - reference) < SHAPE_TOLERANCE))
    if len(_checked_glyphs) > 200_000:  # glyphs long gone: start afresh
        _checked_glyphs.clear()
    _checked_glyphs[(id(glyph), char)] = (weakref.ref(glyph), tuple(weakref.ref(a) for a in arrays), ok)
    return ok


def glyph_problems(number: DecimalNumber, corners: list[Box | None] | None = None) -> list[str]:
    """Why ``number`` does not show exactly the glyphs of its value (empty if it does): one glyph per
    character of its text, left to right without overlapping, digits on one baseline, each glyph the
    shape of its character (``corners``: its ``glyph_boxes``, when they are known already)."""
    shown, glyphs, name = number_text(number), number.submobjects, f"number {_describe(number)}"
    text = written_glyphs(shown)  # its characters; in scientific notation 1.2346, ×, 1, 0 and the exponent's digits
    if len(glyphs) != len(text):
        return [f"{name} is drawn with {len(glyphs)} glyphs for the {len(text)} characters of {shown!r}"]
    corners = glyph_boxes(number) if corners is None else corners
    empty = [k for k, c in enumerate(corners) if c is None]
    if empty:
        return [f"{name}: glyph {empty[0]} ({text[empty[0]]!r}) draws nothing"]
    boxes = [c for c in corners if c is not None]
    problems = []
    for k in range(len(text) - 1):
        if boxes[k][1][0] > boxes[k + 1][0][0] + GLYPH_GAP_TOLERANCE:
            problems.append(f"{name}: glyph {k + 1} ({text[k + 1]!r}) is not to the right of glyph {k} ({text[k]!r})")
            break
    on_line = len(text) - len(written_exponent(shown))  # an exponent is raised
    bottoms = [float(b[0][1]) for c, b in zip(text[:on_line], boxes, strict=False) if c.isdigit()]
    if bottoms and max(bottoms) - min(bottoms) > BASELINE_TOLERANCE:
        problems.append(f"{name}: its digits are not on one baseline (bottoms {max(bottoms) - min(bottoms):.2f} apart)")
    misshapen = [k for k, (c, g) in enumerate(zip(text, glyphs, strict=True)) if not _shape_is(number, c, g)]
    if misshapen:
        shown = ", ".join(f"{k} ({text[k]!r})" for k in misshapen)
        problems.append(f"{name}: glyph {shown} does not have the shape of its character")
    return problems


# --- morphs: what the animations of a play turn into what ---------------------------------------------------


def flat(animations: Iterable[Animation]) -> Iterator[Animation]:
    """The animations, with AnimationGroups, Successions and LaggedStarts opened up."""
    for animation in animations:
        inner = getattr(animation, "animations", None)
        if isinstance(inner, list | tuple) and inner:
            yield from flat(inner)
        else:
            yield animation


def _morph_name(mob: Mobject) -> str:
    if isinstance(mob, DecimalNumber):
        return f"number {_describe(mob)}"
    name = type(mob).__name__
    if hasattr(mob, "layer") and hasattr(mob, "index"):
        name += f" ({mob.layer}, {mob.index})"
    elif hasattr(mob, "key"):
        name += f" {mob.key}"
    numbers = numbers_in(mob)
    return name + (f" holding numbers {[number_text(n) for n in numbers]}" if numbers else "")


def morph_problems(animations: Iterable[Animation]) -> list[str]:
    """Every Transform (of any kind) whose source or target holds a number, unless it morphs a number
    into a number reading the same (or a group into a group of the same kind holding the same numbers,
    as when a formula moves or changes colour). Looked at before the animations begin (so a FadeIn's or
    a GrowFromCenter's target is the mobject itself)."""
    problems = []
    for animation in flat(animations):
        if not isinstance(animation, Transform):
            continue
        source = animation.mobject
        target = animation.create_target() if not hasattr(animation, "target_copy") else animation.target_mobject
        if source is target:
            continue
        numbers = numbers_in(source), numbers_in(target)
        if not numbers[0] and not numbers[1]:
            continue  # our restyling of edges and neurons: Transform(mob, mob.copy().set_stroke(...))
        texts = [number_text(n) for n in numbers[0]], [number_text(n) for n in numbers[1]]
        same_kind = type(source) is type(target)
        both_numbers = isinstance(source, DecimalNumber) and isinstance(target, DecimalNumber)
        either_number = isinstance(source, DecimalNumber) or isinstance(target, DecimalNumber)
        if same_kind and texts[0] == texts[1] and (both_numbers or not either_number):
            continue
        problems.append(f"{type(animation).__name__}: {_morph_name(source)} morphs into {_morph_name(target)}")
    return problems


Sampled = list[tuple[DecimalNumber, str, set[str], str]]  # a number, its text before, texts part way, by what


def sample_mid_play(animations: Iterable[Animation]) -> Sampled:
    """Each number an animation (begun, not yet run) holds, with what it reads now and at ``MID_PLAY``.
    Transforms are the morph check's, fades change no number: any other kind is sampled."""
    sampled: Sampled = []
    for animation in flat(animations):
        if isinstance(animation, Transform) or type(animation).__name__ == "_OpacityFade":
            continue
        numbers = numbers_in(animation.mobject)
        if not numbers:
            continue
        before = [number_text(n) for n in numbers]
        middles: list[set[str]] = [set() for _ in numbers]
        for alpha in MID_PLAY:
            animation.interpolate(alpha)  # the play then runs it to its end, as a render does
            for k, n in enumerate(numbers):
                middles[k].add(number_text(n))
        sampled += [(n, b, m, type(animation).__name__) for n, b, m in zip(numbers, before, middles, strict=True)]
    return sampled


def counting_problems(sampled: Sampled) -> list[str]:
    """Every sampled number that read, part way, neither what it read before the play nor after it."""
    problems = []
    for n, before, middles, by in sampled:
        after = number_text(n)
        between = sorted(middles - {before, after})
        if between:
            problems.append(f"{by}: number {before} → {after} reads {', '.join(between)} part way")
    return problems


def inspect_screen(
    scene: Scene, recording: Recording, section: str, play: int, time: float, units: list[Unit] | None = None
) -> None:
    """Note the layout and glyph problems of what is on screen now (``units``: its ``text_units``, when
    they are known already). Every visible number is a unit or in one (a formula)."""
    units = text_units(scene) if units is None else units
    heights: dict[int, float] = {}
    for unit in units:
        for number in numbers_in(unit.mob):
            if id(number) in heights or (number is not unit.mob and not visible(number)):
                continue
            heights[id(number)], problems = number_checks(number)
            for what in problems:
                recording.note("glyph", section, play, time, what)
    for kind, what in layout_problems(units, heights):
        recording.note(kind, section, play, time, what)
    if section.startswith(CHART_SECTIONS):
        for what in chart_size_problems(units, heights):
            recording.note("size", section, play, time, what)
    diagram = next((m for m in scene.mobjects if isinstance(m, NetworkDiagram) and visible(m)), None)
    for what in neuron_margin_problems(units, diagram):
        recording.note("neuron", section, play, time, what)


# ``digit_height`` and ``glyph_problems`` of numbers seen before, by what they are computed from: the number's text,
# its entry and glyph class (its messages name them), and the points of its glyphs, glyph by glyph, byte for byte.
# Most numbers stay as they are from play to play; one moved, recoloured or redrawn is checked anew.
_NUMBER_CHECKS: dict[tuple[Any, ...], tuple[float, list[str]]] = {}


def number_checks(number: DecimalNumber) -> tuple[float, list[str]]:
    """``number``'s digit height and glyph problems (``digit_height``, ``glyph_problems``), computed once for the
    same number drawn the same."""
    arrays = [[m.points for m in with_points(glyph)] for glyph in number.submobjects]
    key = (
        number_text(number),
        getattr(number, "entry", None),
        number.mob_class,
        tuple(tuple(a.shape for a in glyph) for glyph in arrays),
        b"".join(a.tobytes() for glyph in arrays for a in glyph) + number.points.tobytes(),
    )
    found = _NUMBER_CHECKS.get(key)
    if found is None:
        boxes = glyph_boxes(number)
        found = digit_height(number, boxes), glyph_problems(number, boxes)
        if len(_NUMBER_CHECKS) > 50_000:  # numbers long gone: start afresh
            _NUMBER_CHECKS.clear()
        _NUMBER_CHECKS[key] = found
    return found


def shows_operands(written: list[str | TraceNumber]) -> bool:
    """Whether a row's last result has numbers it is worked out from beside it (between the last two "=", or
    before the only one): "0.1500 − 0.5 · 0.0007 = 0.1497" has, "∂E/∂ŷ₂ = −2.5598" has not."""
    equals = [k for k, piece in enumerate(written) if isinstance(piece, str) and piece in EQUALS]
    if not equals:
        return False
    start = equals[-2] + 1 if len(equals) > 1 else 0
    return any(isinstance(piece, TraceNumber) for piece in written[start : equals[-1]])


def rows_of(mobjects: Iterable[Mobject]) -> Iterator[Mobject]:
    """Every row of numbers among ``mobjects``' families: a ``Formula``, or a group that reads as one row (its
    ``written`` pieces: the long chain's sum, a path's product after its factors)."""
    stack = list(reversed(list(mobjects)))
    seen: set[int] = set()
    while stack:
        mob = stack.pop()
        if id(mob) in seen:
            continue
        seen.add(id(mob))
        if isinstance(getattr(mob, "written", None), list):
            yield mob
        elif not isinstance(mob, LABEL_TYPES):
            stack.extend(reversed(mob.submobjects))


def shows_rounding_note(mobjects: Iterable[Mobject]) -> bool:
    """Whether the rounding note is among ``mobjects``' families and visible (part way in or out counts)."""
    return any(isinstance(m, Text) and "numbers rounded" in m.original_text and visible(m) for m in units_of(mobjects))


def unnoted_rounding(mobjects: Iterable[Mobject], gaps: frozenset[Entry]) -> list[tuple[Mobject, str]]:
    """The visible rows among ``mobjects`` whose shown numbers do not give their shown result (worked by hand, or
    as ``nnmath.rounding`` finds), when the rounding note is not on screen with them."""
    mobjects = list(mobjects)
    unnoted = [
        (row, f"no rounding note beside {_row_text(row)}")
        for row in rows_of(mobjects)
        if shows_operands(row.written) and needs_note(row, gaps) and visible(row)  # type: ignore[attr-defined]
    ]
    return [] if not unnoted or shows_rounding_note(mobjects) else unnoted


def false_equals(mobjects: Iterable[Mobject]) -> list[tuple[Mobject, str]]:
    """The visible rows among ``mobjects`` that write "=" before a result their shown numbers do not give by hand
    ("0.0147 + 0.0089 + 0.0100 = 0.0335": false as it reads, the note beside it or not; "≈" is true), or before a
    number worked out from what cannot be worked by hand (``nnmath.by_hand`` cannot read it: a row slipping past)."""
    found = []
    for row in rows_of(mobjects):
        written = row.written  # type: ignore[attr-defined]
        found_by_hand = reading(written)
        if visible(row) and found_by_hand in (Reading.DIFFERS, Reading.UNREAD):
            last = max(k for k, piece in enumerate(written) if isinstance(piece, str) and piece in EQUALS)
            if written[last] == "=" and found_by_hand is Reading.DIFFERS:
                found.append((row, f'"=" before a result its shown numbers do not give: {_row_text(row)}'))
            elif written[last] == "=":
                found.append(
                    (row, f'"=" before a number not worked by hand (unread): {_row_text(row)} {read_as(written)}')
                )
    return found


def read_as(written: list[str | TraceNumber]) -> str:
    """A row's pieces as one line, its numbers as they read."""
    return " ".join(p.text if isinstance(p, by_hand.Shown) else p for p in plain(written))


def _row_text(row: Mobject) -> str:
    """A row as the problem names it: its kind and its numbers as they read."""
    numbers = [number_text(n) for n in getattr(row, "written", []) if isinstance(n, DecimalNumber)]
    return f"{type(row).__name__} {numbers}"


def unnoted_mid_play(scene: Scene, gaps: frozenset[Entry]) -> list[tuple[Mobject, str]]:
    """The rows without their rounding note part way through the play about to run (``MID_PLAY``, each animation
    at its own time in the play: a group's, a succession's parts as the group runs them): a row written at the
    play's start with its note coming only at its end is on screen alone meanwhile."""
    found: list[tuple[Mobject, str]] = []
    animations = list(scene.animations or [])
    if next(rows_of(scene.mobjects), None) is None:  # no row on screen, nor coming in with the play
        return found
    for alpha in MID_PLAY:
        for animation in animations:
            if not isinstance(animation, Succession):  # (one steps through its parts once: left as it began)
                animation.interpolate(alpha)  # the play then runs it from its start, as a render does
        found += [(row, f"{what} {alpha:.0%} into the play") for row, what in unnoted_rounding(scene.mobjects, gaps)]
    return found


UPDATE_ALL = "update-all"  # the weight update's sub-step where every parameter takes its step at once


def shown_updates(units: list[Unit], recording: Recording) -> None:
    """Note the new parameters on screen (an edge's label, a step table's cell) among ``recording.update_gaps``: with
    the rounding note on screen, or not yet (``unnoted_updates`` then lists those never shown with it)."""
    noted = any(isinstance(u.mob, Text) and "numbers rounded" in u.mob.original_text for u in units)
    for n in (n for u in units for n in numbers_in(u.mob) if isinstance(n, TraceNumber) and visible(n)):
        if n.entry in recording.update_gaps:
            recording.updates_shown[id(n)] = (
                recording.updates_shown.get(id(n), (False, ""))[0] or noted,
                f"no rounding note while the new value {n.entry} ({format_number(float(n.get_value()), 4)}) shows",
            )


def unnoted_updates(recording: Recording) -> list[str]:
    """The new parameters ``shown_updates`` saw that the rounding note never came with."""
    return [what for noted, what in recording.updates_shown.values() if not noted]


def neuron_margin_problems(units: list[Unit], diagram: NetworkDiagram | None) -> Iterator[str]:
    """Every number in a neuron whose box (corners too) comes closer than ``NEURON_CLEARANCE`` to a lit ring's ink: a
    minus sign on the outline reads as part of it."""
    if diagram is None:
        return
    centres = neuron_centres(diagram)
    for number in (n for unit in units for n in numbers_in(unit.mob) if visible(n)):
        if (place := place_on(number, diagram, centres)) is None or place[0] != "neuron":
            continue
        _, nx, ny = next(c for c in centres if (c[0].layer, c[0].index) == place[1:])
        x, y = centre(number)[:2]
        low, high = bounds(number) or (np.zeros(3), np.zeros(3))  # number.width and .height: all its points' box
        reach = math.hypot(abs(x - nx) + (high[0] - low[0]) / 2, abs(y - ny) + (high[1] - low[1]) / 2)
        if reach > diagram.radius - RING_INSET - NEURON_CLEARANCE + 1e-6:  # clear of a lit ring's ink
            yield f"{_describe(number)} reaches {reach:.3f} from its neuron's centre (radius {diagram.radius:.3f})"


Centres = list[tuple[Any, float, float]]  # (neuron, x, y) of every neuron of a diagram


def neuron_centres(diagram: NetworkDiagram) -> Centres:
    return probe_cache.memoised(
        "centres", diagram, lambda: [(neuron, *centre(neuron)[:2]) for neuron in diagram.all_neurons()]
    )


def place_on(mob: Mobject, diagram: NetworkDiagram | None, centres: Centres | None) -> tuple[str | int, ...] | None:
    """``place_of``, once per still screen (the numbers' places are noted, and the margin check asks again)."""
    return probe_cache.memoised(f"place {id(diagram)}", mob, lambda: place_of(mob, diagram, centres))


def place_of(
    mob: Mobject, diagram: NetworkDiagram | None, centres: Centres | None = None
) -> tuple[str | int, ...] | None:
    """Which slot of the diagram a number's centre lies in, if any (``centres``: the diagram's
    ``neuron_centres``, when they are known already)."""
    if diagram is None:
        return None
    x, y = centre(mob)[:2]
    r = diagram.radius
    centres = neuron_centres(diagram) if centres is None else centres
    for neuron, nx, ny in centres:
        if (x - nx) ** 2 + (y - ny) ** 2 < r**2:
            return ("neuron", neuron.layer, neuron.index)
    for key, box in (diagram.beside_slots or {}).items():  # a gradient stacked with its weight
        if box.left < x < box.right and box.bottom < y < box.top:
            return ("beside", *key)
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


def observe(scene: Scene, recording: Recording, section: str, units: list[Unit] | None = None) -> None:
    """Note every visible number (with its entry and place) and text (``units``: the scene's
    ``text_units``, when they are known already)."""
    diagram = next((m for m in scene.mobjects if isinstance(m, NetworkDiagram) and visible(m)), None)
    centres = neuron_centres(diagram) if diagram is not None else None
    for k, mob in enumerate(unit.mob for unit in (text_units(scene) if units is None else units)):
        roles = formula_roles(mob) if isinstance(mob, Formula) else {}
        for n in mob.numbers if isinstance(mob, Formula) else [mob] if isinstance(mob, DecimalNumber) else []:
            entry = n.entry if isinstance(n, TraceNumber) else None
            text = shown_number(n.get_value(), n.num_decimal_places, getattr(n, "setting", False))
            color = n.get_fill_color().to_hex().upper()
            place = place_on(n, diagram, centres)
            role = roles.get(id(n), "")
            recording.numbers.append(Shown(text, entry, place, section, recording.plays, color, k, role))
        if isinstance(mob, Text):
            recording.texts.append(mob.text)
            size = font_size_of(mob)
            recording.text_sizes[mob.text] = min(size, recording.text_sizes.get(mob.text, size))
        elif isinstance(mob, MathTex | SingleStringMathTex):
            recording.texts.append(mob.tex_string)
        elif isinstance(mob, Countdown):  # its seconds, text inside the ring
            recording.texts += [m.text for m in mob.submobjects if isinstance(m, Text)]


def formula_roles(formula: Formula) -> dict[int, str]:
    """Each number of ``formula`` (by ``id``): "result" if it stands alone between two "=" (or after the last: what
    the written-out part before it comes to), else "operand" (a number the formula computes with)."""
    segments: list[list[str | DecimalNumber]] = [[]]
    for piece in formula.written:
        if isinstance(piece, str) and piece in EQUALS:
            segments.append([])
        else:
            segments[-1].append(piece)
    roles: dict[int, str] = {}
    for k, segment in enumerate(segments):
        for piece in segment:
            if isinstance(piece, DecimalNumber):
                roles[id(piece)] = "result" if k and len(segment) == 1 else "operand"
    return roles


def texts_of(units: list[Unit]) -> frozenset[str]:
    """The strings of the Text and MathTex labels among ``units``."""
    texts = [u.mob.text if isinstance(u.mob, Text) else getattr(u.mob, "tex_string", None) for u in units]
    return frozenset(t for t in texts if t)


def screen_of(scene: Scene) -> tuple[frozenset[str], frozenset[str]]:
    """The classes of the visible top-level mobjects, and the stroke colours of the diagram's visible edges."""
    classes = frozenset(type(m).__name__ for m in scene.mobjects if visible(m))
    diagram = next((m for m in scene.mobjects if isinstance(m, NetworkDiagram) and visible(m)), None)
    edges = diagram.edges.values() if diagram is not None else []
    return classes, frozenset(e.get_stroke_color().to_hex().upper() for e in edges)


def neuron_rings(scene: Scene) -> dict[tuple[int, int], str]:
    """The outline colour (#RRGGBB) of each neuron of the visible diagram, by (layer, index)."""
    diagram = next((m for m in scene.mobjects if isinstance(m, NetworkDiagram) and visible(m)), None)
    neurons = diagram.all_neurons() if diagram is not None else []
    return {(n.layer, n.index): n.get_stroke_color().to_hex().upper() for n in neurons}


def visible_keys(scene: Scene) -> frozenset[str]:
    """The colour roles the visible keys on screen explain."""
    # Only a key's visibility matters: walking every member's family to ask was a tenth of the probe's time. The
    # members are walked once, without listing them as manim's ``get_mobject_family_members`` does (in order, each
    # once: a fifth of the probe's time went there), and a key is a member with its roles set (``explains``).
    keys, seen, stack = [], set(), list(scene.mobjects)
    while stack:
        mob = stack.pop()
        if id(mob) not in seen:
            seen.add(id(mob))
            if mob.__dict__.get(KEY_ROLES):
                keys.append(mob)
            stack.extend(mob.submobjects)
    return roles_explained(m for m in keys if visible(m))


def colours_drawn(scene: Scene) -> frozenset[str]:
    """The colours (#RRGGBB) the visible shapes on screen are drawn in, keys left out: each shape's fill colour where
    it is filled, its stroke colour where it is stroked."""
    colours: set[str] = set()
    stack = list(scene.mobjects)
    while stack:
        mob = stack.pop()
        if mob.__dict__.get(KEY_ROLES):  # a key: its dots are what it explains, not what the screen draws
            continue
        stack.extend(mob.submobjects)
        if not isinstance(mob, VMobject) or not len(mob.points):
            continue
        if mob.get_fill_opacity() > 0.01:
            colours.add(mob.get_fill_color().to_hex().upper())
        if mob.get_stroke_opacity() > 0.01 and mob.get_stroke_width() > 0:
            colours.add(mob.get_stroke_color().to_hex().upper())
    return frozenset(colours)


def written_products(mob: Mobject) -> list[tuple[str, ...]]:
    """The products a formula writes, "0.0134 · 0.0500", each as its numbers' digits (signs and brackets left
    off): every run of numbers joined by ``\\cdot``."""
    runs: list[list[str]] = [[]]
    joined = True  # the next number continues the run
    for piece in getattr(mob, "written", None) or []:
        if isinstance(piece, TraceNumber):
            digits = DIGITS.findall(number_text(piece))
            if not (joined and digits):
                runs.append([])
            runs[-1] += digits[:1]
            joined = False
        elif piece.strip() == r"\cdot":
            joined = True
        elif piece.strip() not in ("(", ")", "-", "−", r"\left(", r"\right)"):
            runs.append([])
            joined = False
    return [tuple(run) for run in runs if len(run) > 1]


def watch(scene: Scene, recording: Recording) -> None:
    """Make ``scene`` record into ``recording``: the numbers and the screen after every play (and wait),
    the morphs of every play's animations, a snapshot at every section's end."""
    play, next_section, compile_animations = scene.play, scene.next_section, scene.compile_animations
    begin_animations = scene.begin_animations
    sampled: Sampled = []
    mid_keys: list[frozenset[str]] = []  # the keys halfway through the running play
    mid_notes: list[tuple[Mobject, str]] = []  # rows without their rounding note part way through the running play
    mid_bare: list[str] = []  # "name =" labels without their number halfway through the running play

    def recorded_begin() -> None:
        begin_animations()
        mid_notes[:] = unnoted_mid_play(scene, recording.gaps)
        sampled[:] = sample_mid_play(scene.animations or [])
        for animation in flat(scene.animations or []):
            animation.interpolate(0.5)  # the play then runs it from its start, as a render does
        mid_keys[:] = [visible_keys(scene)]
        mid_bare[:] = bare_labels(scene)

    def recorded_play(*args: object, **kwargs: object) -> None:
        started = float(scene.time)
        sampled.clear()
        mid_keys.clear()
        mid_bare.clear()
        mid_notes.clear()
        play(*args, **kwargs)
        for what in counting_problems(sampled):
            recording.note("morph", recording.section, recording.plays, started, what)
        with probe_cache.still_screen():  # read, not changed, until the next play
            read_screen(started)

    def read_screen(started: float) -> None:
        units = text_units(scene)
        observe(scene, recording, recording.section, units)
        recording.screens.append((recording.section, *screen_of(scene)))
        recording.screen_texts.append((recording.section, texts_of(units)))
        recording.play_times.append((started, float(scene.time)))
        recording.rings.append(neuron_rings(scene))
        recording.bare.append(sorted({*mid_bare, *bare_labels(scene)}))
        recording.keys.append(visible_keys(scene))
        recording.keys_mid.append(mid_keys[0] if mid_keys else recording.keys[-1])
        recording.drawn.append(colours_drawn(scene))
        recording.products.append(frozenset(p for u in units for p in written_products(u.mob)))
        inspect_screen(scene, recording, recording.section, recording.plays, started, units)
        # A row that does not add up as shown has its note on screen whenever it is (``room_with_note`` shows the
        # note in the play that writes the row, or before): at the play's end, and part way (``mid_notes``).
        unnoted = unnoted_rounding(scene.mobjects, recording.gaps) + false_equals(scene.mobjects)
        at_end = {id(row) for row, _ in unnoted}
        for _, what in [*unnoted, *((row, what) for row, what in mid_notes if id(row) not in at_end)]:
            recording.note("rounding", recording.section, recording.plays, started, what)
        if recording.section == UPDATE_ALL:  # the note shows with them at some point while they are on screen
            shown_updates(units, recording)
        recording.plays += 1

    def recorded_compile(*args: object, **kwargs: object) -> list[Animation]:
        animations = compile_animations(*args, **kwargs)
        for what in morph_problems(animations):
            recording.note("morph", recording.section, recording.plays, float(scene.time), what)
        return animations

    def recorded_section(name: str = "unnamed", *args: object, **kwargs: object) -> None:
        # What was added or removed since the last play is on screen too.
        with probe_cache.still_screen():
            inspect_screen(scene, recording, recording.section, recording.plays - 1, float(scene.time))
            recording.snapshots.append(snapshot(scene, recording.section))
        recording.sections.append(name)
        recording.section_types.append(str(kwargs.get("section_type", args[0] if args else DefaultSectionType.NORMAL)))
        next_section(name, *args, **kwargs)

    scene.play = recorded_play  # type: ignore[method-assign]
    scene.next_section = recorded_section  # type: ignore[method-assign]
    scene.compile_animations = recorded_compile  # type: ignore[method-assign]
    scene.begin_animations = recorded_begin  # type: ignore[method-assign]


def finish(scene: Scene, recording: Recording) -> None:
    """Record the scene as its construction left it."""
    with probe_cache.still_screen():
        inspect_screen(scene, recording, recording.section, recording.plays - 1, float(scene.time))
        recording.snapshots.append(snapshot(scene, recording.section + " (end)"))
    recording.cues = list(scene.renderer.file_writer.subcaptions)  # as a player shows them: two lines at most
    recording.subcaptions = [  # one a sub-step: its whole caption, for the whole sub-step
        srt.Subtitle(n, timedelta(seconds=start), timedelta(seconds=start + seconds), caption)
        for n, (caption, start, seconds) in enumerate(getattr(scene, "sub_step_captions", []))
    ] or recording.cues
    recording.script = list(getattr(scene, "script", []))
    recording.duration = scene.time


_MARKER = re.compile(r"\\special\{dvisvgm:raw </?g[^}]*\}")  # manim's wrapping of each MathTex argument


Drawn = tuple[str, str | None, Any]  # what manim's tex_to_svg_file is given: expression, environment, template
# Every formula piece (``scenes.drawing.formula``) a probe of this process typeset, with what typesetting it drew:
# a later scene reuses the piece, and its formulas are checked as if it had typeset the piece itself.
_PIECES: dict[str, tuple[tuple[VMobject, float], list[Drawn]]] = {}


@contextmanager
def formulas_watched(recording: Recording) -> Iterator[None]:
    """Note in ``recording.unnamed_formulas`` each formula the scene draws without having named it to be
    typeset ahead (``StepScene.formulas``, ``likely_formulas``): in a render each would be a LaTeX run of its own.
    A formula piece typeset by an earlier scene of this process counts as drawn again (``_PIECES``)."""
    named: set[Path] = set()
    name_of, compile_svg = tex_batch.tex_file_of, tex_mobject.tex_to_svg_file  # type: ignore[attr-defined]
    piece_template = formula._piece_template
    typesetting: list[list[Drawn]] = []  # the pieces being typeset now, innermost last
    checked: set[str] = set()  # the pieces checked in this scene

    def naming(*tex_strings: str) -> Path:
        path = name_of(*tex_strings)
        named.add(path)
        return path

    def check(expression: str, environment: str | None = None, tex_template: Any = None) -> None:
        if generate_tex_file(expression, environment, tex_template) not in named:
            unnamed = " | ".join(filter(None, _MARKER.split(expression)))
            if unnamed not in recording.unnamed_formulas:
                recording.unnamed_formulas.append(unnamed)

    def drawing(expression: str, environment: str | None = None, tex_template: Any = None) -> Path:
        if typesetting:
            typesetting[-1].append((expression, environment, tex_template))
        check(expression, environment, tex_template)
        return compile_svg(expression, environment, tex_template)

    def piece(latex: str) -> tuple[VMobject, float]:
        if latex not in _PIECES:
            typesetting.append([])
            try:
                made = piece_template.__wrapped__(latex)  # drawn now, through ``drawing``, not from manim's cache
            finally:
                drawn = typesetting.pop()
            _PIECES[latex] = made, drawn
        elif latex not in checked:
            for args in _PIECES[latex][1]:
                check(*args)
        checked.add(latex)
        return _PIECES[latex][0]

    tex_batch.tex_file_of, tex_mobject.tex_to_svg_file = naming, drawing  # type: ignore[attr-defined]
    formula._piece_template = piece  # type: ignore[assignment]
    try:
        yield
    finally:
        tex_batch.tex_file_of, tex_mobject.tex_to_svg_file = name_of, compile_svg  # type: ignore[attr-defined]
        formula._piece_template = piece_template


@contextmanager
def step_tables_kept(tables: list[Any]) -> Iterator[None]:
    """Keep in ``tables`` every step table the weight update builds (``scenes.update_tables.step_tables``)."""
    import scenes.update_tables as update

    original = update.step_tables

    def kept(*args: Any, **kwargs: Any) -> Any:
        built = original(*args, **kwargs)
        tables.extend(built)
        return built

    update.step_tables = kept  # type: ignore[assignment]
    try:
        yield
    finally:
        update.step_tables = original  # type: ignore[assignment]


def _no_frame(*args: object, **kwargs: object) -> None:
    return None


def _settings(media_dir: Path) -> dict[str, Any]:
    """manim's settings for a construction without rendering."""
    return {
        "media_dir": str(media_dir),
        "quality": "low_quality",
        "verbosity": "WARNING",
        "progress_bar": "none",
        "disable_caching": True,
    }


def probe(
    scene_class: type[Scene],
    media_dir: Path,
    decimals: int = 4,
    gaps: frozenset[Entry] = frozenset(),
    updates: frozenset[Entry] = frozenset(),
) -> Recording:
    """Construct ``scene_class`` without rendering, recording what it shows (any scene: tests build
    small ones to show that each check can fail)."""
    with tempconfig(_settings(media_dir)):
        # Formulas compiled by any test process so far (the LaTeX cache the render command uses, here the
        # test run's own): each is compiled once per run, not once per media folder and process.
        cached = tex_cache.fill(media_dir)
        scene = scene_class(skip_animations=True)
        # Skipping animations, manim still draws frames it then throws away (a sixth of the time): the
        # probe reads mobjects, never pixels.
        scene.renderer.update_frame = _no_frame  # type: ignore[method-assign]
        recording = Recording(decimals=decimals, gaps=gaps, update_gaps=updates)
        watch(scene, recording)
        tables: list[Any] = []
        with formulas_watched(recording), step_tables_kept(tables):
            scene.setup()
            scene.construct()
        finish(scene, recording)
        recording.step_tables = [
            ([max(m.height for m in n.submobjects) for n in t.numbers], float(t.get_bottom()[1]), float(t.width))
            for t in tables
        ]
        for what in unnoted_updates(recording):
            recording.note("rounding", UPDATE_ALL, recording.plays, float(scene.time), what)
        tex_cache.keep(media_dir, cached)
        return recording


def record(scene_class: type[Scene], config_path: Path, media_dir: Path) -> Recording:
    """Construct ``scene_class`` for ``config_path`` without rendering and record what it shows."""
    os.environ[CONFIG_ENV] = str(config_path)
    try:
        config = load_config(config_path)
        with np.errstate(over="ignore", invalid="ignore"):  # a huge η overflows the update, as in the scenes
            gaps = frozenset(gap.entry for gap in rounding_gaps(train_step(config), config.decimals, config.focus))
            update = batch_update_view(config) if config.is_dataset else train_step(config)  # what the update shows
            updates = frozenset(gap.entry for gap in update_gaps(update, config.decimals))
        return probe(scene_class, media_dir, config.decimals, gaps, updates)
    finally:
        os.environ.pop(CONFIG_ENV, None)


def construct_only(scene_class: type[Scene], config_path: Path, media_dir: Path) -> None:
    """Construct ``scene_class`` for ``config_path`` as ``record`` does, recording nothing (the probe's checks are
    more than half of a construction's time): what a render of it typesets, into ``media_dir``."""
    os.environ[CONFIG_ENV] = str(config_path)
    try:
        with tempconfig(_settings(media_dir)):
            formula._piece_template.cache_clear()  # as ``formulas_watched``: none typeset by an earlier scene
            scene = scene_class(skip_animations=True)
            scene.renderer.update_frame = _no_frame  # type: ignore[method-assign]
            scene.setup()
            scene.construct()
    finally:
        os.environ.pop(CONFIG_ENV, None)


_recorded: dict[tuple[str, str], Recording] = {}
RECORDINGS_ENV = "BACKPROP_TEST_RECORDINGS"  # a folder shared by the processes of one test run


def recorded(scene_class: type[Scene], config_path: Path, media_dir: Path) -> Recording:
    """As ``record``, once per scene and config text in a test run (the scene tests and the property
    test over network shapes both construct the largest network), in all its processes together."""
    key = (scene_class.__qualname__, config_path.read_text())
    if key not in _recorded:
        _recorded[key] = _once_per_run(key, lambda: record(scene_class, config_path, media_dir))
    return _recorded[key]


def _once_per_run(key: tuple[str, str], make: Callable[[], Recording]) -> Recording:
    """``make()``, or what another process of this run made for ``key``: the first process to ask constructs
    (holding a lock on the key), the others wait for it and read its recording."""
    folder = os.environ.get(RECORDINGS_ENV)
    if not folder:
        return make()
    path = Path(folder) / f"{hashlib.sha256(repr(key).encode()).hexdigest()[:24]}.pickle"
    with path.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if path.exists():
            return cast(Recording, pickle.loads(path.read_bytes()))
        recording = make()
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_bytes(pickle.dumps(recording))
        os.replace(part, path)
        return recording


DATASET_NAMES = ("batch", "sample", "snapshot", "epoch_loss", "epoch_accuracy", "data_x", "data_y")
SETTINGS = ("rate", "learning_rate", "quiz_eta")  # entries a scene may write as the setting they are (η = 16)


class Resolver:
    """The value of a trace entry, computed here from nnmath (not through the scenes' context)."""

    def __init__(self, config: Config, trace: StepTrace | None = None) -> None:
        self.trace: StepTrace = train_step(config) if trace is None else trace
        self.history = train(config, REPEAT_STEPS)
        self.config = config
        # A dataset's sizes are its first batch's, over its samples (the update uses them all).
        self.gradient_sizes = layer_delta_sizes(batch_step(config) if config.is_dataset else self.trace)
        self.decimals = config.decimals
        self.focus = config.focus

    @cached_property
    def regimes(self) -> Regimes:
        return choose_learning_rates(self.config)  # only when a learning-rate entry is looked up

    @cached_property
    def batch(self) -> BatchTrace:
        return batch_step(self.config)

    @cached_property
    def training(self) -> History:
        return train_history(self.config)

    def for_section(self, section: str) -> Resolver:
        """The resolver of a section's numbers: a dataset's weight update and quiz draw the batch's update
        (``nnmath.batch_view``), every other section the first sample's step."""
        if self.config.is_dataset and section.startswith(("update-", "quiz-")):
            return Resolver(self.config, batch_update_view(self.config))
        return self

    def dataset_value(self, entry: Entry) -> float:
        """("batch", field, …), ("sample", s, field, …), ("snapshot", k, field), ("epoch_loss", e),
        ("epoch_accuracy", e), ("data_x", r, i), ("data_y", r, k)."""
        name, *index = entry
        value: Any
        if name == "batch":
            value = getattr(self.batch, str(index.pop(0)))
        elif name == "sample":
            value = getattr(self.batch.samples[int(index.pop(0))], str(index.pop(0)))
        elif name == "snapshot":
            value = getattr(self.training.snapshots[int(index.pop(0))], str(index.pop(0)))
        elif name == "epoch_loss":
            value = self.training.loss
        elif name == "epoch_accuracy":
            value = self.training.accuracy
        else:
            value = np.asarray(getattr(self.config, str(name)))
        return float(_index(value, index))  # type: ignore[arg-type]

    def __call__(self, entry: Entry) -> float:
        name, *index = entry
        if name in DATASET_NAMES:
            return self.dataset_value(entry)
        if name == "losses_after":  # a dataset's quiz: sample s's error after the batch's update
            return float(self.batch.losses_after[int(index[0])])
        if name == "mantissa":  # an entry written m × 10ⁿ: its m
            return float(scientific_parts(self(tuple(index)))[0])
        if name == "path":
            return self.path_product(int(index[0]))
        if name == "path_sum":
            return float(sum(self.path_product(p) for p in range(self.path_count())))
        series = {
            "history": lambda: self.history[index[0]],
            "rate": lambda: self.regimes.compared[int(index[0])].learning_rate,
            "rate_history": lambda: self.regimes.compared[int(index[0])].history[index[1]],
            "rate_limit": lambda: self.regimes.limit,
            "rate_y_hat": lambda: self.regimes.compared[int(index[0])].y_hat[int(index[1])][int(index[2])],
            "grad_size": lambda: self.gradient_sizes[index[0]],
        }
        if name in series:
            return float(series[str(name)]())
        if name in ("quiz_eta", "quiz_new"):  # the quiz's η (twice the video's or half), a parameter updated with it
            return self.quiz_value(entry)
        value = getattr(self.trace, str(name))
        return float(value[tuple(index)] if isinstance(value, np.ndarray) and index else _index(value, index))

    def quiz_value(self, entry: Entry) -> float:
        """("quiz_eta",): twice the update's η; ("quiz_new", l, j[, i]): w − that η · ∂E/∂w, from the update's own
        arrays (the batch's for a dataset)."""
        name, *index = entry
        source = self.batch if self.config.is_dataset else self.trace
        eta = float(source.learning_rate)  # twice it, unless a step that large overflows (then half)
        steepest = max(float(np.max(np.abs(g))) for g in (*source.grad_weights, *source.grad_biases))
        eta *= 2.0 if math.isfinite(2.0 * eta) and math.isfinite(2.0 * eta * steepest) else 0.5
        if name == "quiz_eta":
            return eta
        field = "weights" if len(index) == 3 else "biases"
        at = tuple(int(k) for k in index[1:])
        old = float(np.asarray(getattr(source, field)[int(index[0])])[at])
        grad = float(np.asarray(getattr(source, f"grad_{field}")[int(index[0])])[at])
        return old - eta * grad

    def text(self, entry: Entry, shown: str | None = None) -> str:
        """The entry as the formatter writes it: at the config's decimals (a gradient, a gradient formula's factor
        or a path's product: at least two significant digits, ``nnmath.notation.entry_decimals``), or at as many as
        ``shown`` has when that is more (the epilogue gives a tiny value more digits rather than 0.0000)."""
        value = self(entry)
        if entry[0] in SETTINGS and shown is not None and shown == format_setting(value):
            return shown  # a learning rate written as its setting: 0.5, 16
        if entry[0] == "mantissa":  # m of m × 10ⁿ: two significant digits, as nnmath.notation writes it
            return format_number(value, 1)
        decimals = entry_decimals(entry, value, self.decimals)
        if shown is not None and "." in shown:
            decimals = max(decimals, len(shown.split(".")[1]))
        return format_number(value, decimals)

    def path_product(self, p: int) -> float:
        """The product along path p from E back to the first layer's focus weight: paths are numbered by
        their choices from the error back, (m for a softmax output,) the neuron of layer L, …, of layer 2."""
        t, (j, i) = self.trace, self.focus[0]
        L, softmax = t.depth, t.activations[-1] == "softmax"
        choices = [int(c) for c in np.unravel_index(p, self.path_shape())]
        m = choices.pop(0) if softmax else None
        neuron = {1: j} | {L - n: c for n, c in enumerate(choices)}  # layer → the path's neuron there
        k = neuron[L]
        value = t.dE_dyhat[k if m is None else m] * (t.da_dz[L - 1][k] if m is None else t.output_jacobian[m, k])
        for layer in range(L - 1, 0, -1):
            value *= t.weights[layer][neuron[layer + 1], neuron[layer]] * t.da_dz[layer - 1][neuron[layer]]
        return float(value * t.x[i])

    def path_shape(self) -> tuple[int, ...]:
        t = self.trace
        softmax_choice = (t.layers[-1],) if t.activations[-1] == "softmax" else ()
        return softmax_choice + tuple(t.layers[layer] for layer in range(t.depth, 1, -1))

    def path_count(self) -> int:
        return int(np.prod(self.path_shape()))


def _index(value: object, index: list[str | int]) -> object:
    for i in index:
        value = value[i]  # type: ignore[index]
    return value


# What may sit in each slot of the diagram: the entry names, and the entry's indices from the place.
SLOT_ENTRIES: dict[str, tuple[set[str], object]] = {
    "neuron": ({"a", "a_after", "z"}, lambda layer, j: (layer, j)),  # z: a softmax output's, until ŷ
    "under": ({"delta"}, lambda layer, j: (layer - 1, j)),
    "edge": ({"weights", "grad_weights", "new_weights"}, lambda l, j, i: (l, j, i)),
    "beside": ({"grad_weights"}, lambda l, j, i: (l, j, i)),
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
    if kind == "neuron" and shown.entry == ("delta", int(where[0]) - 1, where[1]):
        return None  # δ in its neuron, in place of the value, where rows are too close for a badge under it
    return f"{shown.section}: {shown.entry} = {shown.text} sits at {shown.place}"


def config_of(path: Path) -> Config:
    return load_config(path)


def repeated_workings(recording: Recording) -> list[str]:
    """Every worked row (a formula with numbers it computes with and a result) that leaves the screen and is shown
    again later in the clip: the same sub-computation twice (σ′ = 0.5842 · (1 − 0.5842) = 0.2429 where its rule was
    written and again in δ's rows)."""
    rows: dict[tuple[int, int], list[Shown]] = {}
    for n in recording.numbers:
        if n.role:  # a number of a formula
            rows.setdefault((n.play, n.unit), []).append(n)
    shown_at: dict[tuple[tuple[Entry | None, str], ...], list[int]] = {}
    for (play, _), numbers in rows.items():
        if any(n.role == "operand" for n in numbers) and any(n.role == "result" for n in numbers):
            shown_at.setdefault(tuple((n.entry, n.text) for n in numbers), []).append(play)
    repeated = []
    for row, plays in shown_at.items():
        runs = [p for p in sorted(set(plays)) if p - 1 not in plays]  # each first play of an unbroken run
        if len(runs) > 1:
            sections = sorted({n.section for n in recording.numbers if n.play in runs})
            repeated.append(f"{[text for _, text in row]} shown {len(runs)} times (plays {runs}, {sections})")
    return repeated
