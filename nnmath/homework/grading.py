"""Marking a class's answers against the key, with error carried forward.

An answer is *right* within the key's tolerance of the true value; else *carried* when it is within the same
tolerance of what the student's own earlier answers give (``nnmath.homework.carried``), which earns the mark
too; else *wrong* (or *blank*). Answers are read from a CSV with an ``id`` column and one column per question id
(a spreadsheet's decimal comma is read too); columns that are not question ids are ignored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from nnmath.config import load_config
from nnmath.fields import ConfigError
from nnmath.homework.carried import carried_values
from nnmath.homework.questions import questions
from nnmath.homework.roster import read_text
from nnmath.homework.variants import CONFIG_NAME
from nnmath.network import train_step

Mark = Literal["right", "carried", "wrong", "blank"]
EARNS = {"right": 1, "carried": 1, "wrong": 0, "blank": 0}


@dataclass(frozen=True)
class KeyRow:
    name: str
    value: float
    relative: float
    absolute: float
    offset: float

    def tolerance(self, value: float) -> float:
        return max(self.relative * abs(value - self.offset), self.absolute)


@dataclass(frozen=True)
class Graded:
    id: str
    name: str
    marks: dict[str, Mark]  # by question id, in key order

    @property
    def score(self) -> int:
        return sum(EARNS[m] for m in self.marks.values())


def read_key(path: Path) -> dict[str, dict[str, KeyRow]]:
    """Student id → question id → key row, in file order."""
    rows = list(csv.DictReader(io.StringIO(read_text(path), newline="")))
    key: dict[str, dict[str, KeyRow]] = {}
    for line, row in enumerate(rows, start=2):
        try:
            key.setdefault(row["id"], {})[row["question"]] = KeyRow(
                row["name"],
                float(row["value"]),
                float(row["relative_tolerance"]),
                float(row["absolute_tolerance"]),
                float(row["offset"]),
            )
        except (KeyError, TypeError, ValueError):
            raise ConfigError(
                path, f"line {line}", "not a key row (write the key with backprop-video homework)"
            ) from None
    if not key:
        raise ConfigError(path, "", "no rows (write the key with backprop-video homework)")
    return key


def read_answers(path: Path, key: Mapping[str, Mapping[str, KeyRow]]) -> dict[str, dict[str, str]]:
    """Student id → question id → the answer as typed (only the key's question columns)."""
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    fields = [name.strip() for name in reader.fieldnames or []]
    if "id" not in fields:
        raise ConfigError(path, "line 1", f"missing column 'id' (the header has: {', '.join(fields) or 'nothing'})")
    asked = {q for rows in key.values() for q in rows}
    answers: dict[str, dict[str, str]] = {}
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if isinstance(v, str)}
        student = row.get("id", "")
        if not student:
            continue
        if student not in key:
            raise ConfigError(path, f"line {line}: id", f"{student!r} is not in the key")
        if student in answers:
            raise ConfigError(path, f"line {line}: id", f"{student!r} has answers on an earlier line")
        answers[student] = {q: text for q, text in row.items() if q in asked}
    return answers


def number(text: str) -> float | None:
    """An answer as a number: "0.25", "0,25" (a decimal comma), "−0.5"; None when blank or not a number."""
    text = text.strip().replace("−", "-").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def grade_student(student: str, rows: Mapping[str, KeyRow], typed: Mapping[str, str], variants: Path) -> Graded:
    """One student's marks; their network is read from ``variants``/<id>/config.toml (written with the key)."""
    config = load_config(variants / student / CONFIG_NAME)
    given = {q: number(typed.get(q, "")) for q in rows}
    carried = carried_values(config, train_step(config), given)
    marks: dict[str, Mark] = {}
    asked = questions(config)
    if {q.id for q in asked} != set(rows):
        raise ConfigError(
            variants / student / CONFIG_NAME, "", "asks other questions than the key's rows for this student"
        )
    for q in asked:
        row, answer = rows[q.id], given[q.id]
        if answer is None:
            marks[q.id] = "blank" if not typed.get(q.id, "").strip() else "wrong"
        elif abs(answer - row.value) <= row.tolerance(row.value):
            marks[q.id] = "right"
        elif abs(answer - carried[q.id]) <= row.tolerance(carried[q.id]):
            marks[q.id] = "carried"
        else:
            marks[q.id] = "wrong"
    name = next(iter(rows.values())).name
    return Graded(student, name, marks)


def grade(key_path: Path, answers_path: Path) -> list[Graded]:
    """Every student of the key, in key order (no answers row: every question blank)."""
    key = read_key(key_path)
    answers = read_answers(answers_path, key)
    return [grade_student(s, rows, answers.get(s, {}), key_path.parent) for s, rows in key.items()]


def gradebook_csv(graded: Sequence[Graded]) -> str:
    """``id, name``, a mark (1 or 0) per question, then which answers earned theirs by error carried forward,
    the score and what it is out of."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    asked = list(graded[0].marks) if graded else []
    writer.writerow(["id", "name", *asked, "carried_forward", "score", "out_of"])
    for g in graded:
        carried = " ".join(q for q, m in g.marks.items() if m == "carried")
        writer.writerow([g.id, g.name, *(EARNS[g.marks[q]] for q in asked), carried, g.score, len(asked)])
    return out.getvalue()
