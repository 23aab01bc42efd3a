"""One variant of the template per student: numbers drawn from a seed only the course's secret gives.

The seed is HMAC-SHA256(secret, student id): the same roster and secret give the same variants on every run,
and a student who knows their own id and numbers cannot work out anyone else's without the secret. A draw that
fails a guard rail (``nnmath.homework.rails``) or repeats another student's numbers is drawn again from the next
seed (the attempt number is part of the HMAC message), students in roster order, so a student added at the end
of the roster never changes an earlier student's variant.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnmath.config import Config, parse_config
from nnmath.homework.rails import rail_problem
from nnmath.homework.roster import Student
from nnmath.homework.template import Template
from nnmath.homework.toml_text import variant_text
from nnmath.network import train_step
from nnmath.trace import StepTrace

MAX_ATTEMPTS = 200  # draws per student before the template is declared unsatisfiable
CONFIG_NAME = "config.toml"


class UnsatisfiableError(ValueError):
    """No draw of the template passes the guard rails for some student: one line naming the template."""


@dataclass(frozen=True)
class Variant:
    student: Student
    config: Config  # parsed from ``text``, as a render of the student's config would read it
    trace: StepTrace
    text: str  # the student's config file
    attempt: int  # how many draws were refused before this one


def seed(secret: bytes, student_id: str, attempt: int) -> int:
    """The draw's seed: HMAC-SHA256 of the student id and the attempt, keyed by the course's secret."""
    message = f"backprop-video homework\0{attempt}\0{student_id}".encode()
    return int.from_bytes(hmac.new(secret, message, hashlib.sha256).digest(), "big")


def make_variants(template: Template, students: Sequence[Student], secret: bytes) -> list[Variant]:
    """One variant per student, in roster order; UnsatisfiableError if the guard rails refuse every draw."""
    variants: list[Variant] = []
    taken: set[str] = set()
    for student in students:
        refused: dict[str, int] = {}
        for attempt in range(MAX_ATTEMPTS):
            variant = draw(template, student, secret, attempt)
            problem = rail_problem(template, variant.config, variant.trace)
            numbers = drawn_numbers(variant.config)
            if problem is None and numbers in taken:
                problem = "the same numbers as another student"
            if problem is None:
                taken.add(numbers)
                variants.append(variant)
                break
            refused[problem] = refused.get(problem, 0) + 1
        else:
            worst = max(refused, key=refused.__getitem__)
            raise UnsatisfiableError(
                f"{template.config.path}: no draw passes the guard rails for student {student.id!r} in "
                f"{MAX_ATTEMPTS} tries (most often: {worst}); widen [homework] scale or digits, or change the network"
            )
    return variants


def draw(template: Template, student: Student, secret: bytes, attempt: int) -> Variant:
    """The student's variant from draw number ``attempt``: weights, biases (and inputs) drawn, the rest kept."""
    base = template.config
    rng = np.random.default_rng(seed(secret, student.id, attempt))
    steps = round(template.scale * 10**template.digits)  # whole units of the last drawn decimal
    unit = 10.0**-template.digits

    def nonzero(shape: tuple[int, ...]) -> np.ndarray:
        k = rng.integers(1, steps + 1, size=shape) * rng.choice([-1, 1], size=shape)
        return np.round(k * unit, template.digits)

    weights = [nonzero(w.shape) for w in base.weights]
    biases = [nonzero(b.shape) for b in base.biases]
    x = np.round(rng.integers(1, 10**template.digits + 1, size=base.x.shape) * unit, template.digits)
    path = Path(student.id) / CONFIG_NAME
    text = variant_text(base, weights, biases, x if template.vary_inputs else None, template.digits)
    config = parse_config(text, path)
    return Variant(student, config, train_step(config), text, attempt)


def drawn_numbers(config: Config) -> str:
    """What must differ between two students: every weight, bias and input, as written."""
    parts = [*(w.tobytes() for w in config.weights), *(b.tobytes() for b in config.biases), config.x.tobytes()]
    return hashlib.sha256(b"|".join(parts)).hexdigest()
