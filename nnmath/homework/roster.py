"""The class list: a CSV file with a header row holding at least ``id`` and ``name`` (other columns are kept)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from nnmath.fields import ConfigError

REQUIRED = ("id", "name")
# A student id names the student's folder: letters, digits, dot, dash, underscore; not starting with a dot.
SAFE_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True)
class Student:
    id: str
    name: str
    row: int  # the line of the CSV file, for messages


def read_roster(path: str | Path) -> list[Student]:
    """The students in file order; a mistake is a :class:`ConfigError` naming the file, the line and the column."""
    path = Path(path)
    text = read_text(path)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ConfigError(
            path, "", "the file is empty (expected a header row with id and name, then one row per student)"
        )
    header = [cell.strip().lower() for cell in rows[0]]
    for column in REQUIRED:
        if column not in header:
            raise ConfigError(path, "line 1", f"missing column {column!r} (the header has: {', '.join(header)})")
    at = {column: header.index(column) for column in REQUIRED}
    students: list[Student] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        cells = {column: row[at[column]].strip() if at[column] < len(row) else "" for column in REQUIRED}
        student_id, name = cells["id"], cells["name"]
        where = f"line {line}"
        if not student_id:
            raise ConfigError(path, f"{where}: id", "empty")
        if not SAFE_ID.fullmatch(student_id):
            raise ConfigError(
                path, f"{where}: id", f"{student_id!r} cannot name a folder (use letters, digits, '.', '-', '_')"
            )
        if student_id in seen:
            raise ConfigError(path, f"{where}: id", f"{student_id!r} is also on line {seen[student_id]}")
        if not name:
            raise ConfigError(path, f"{where}: name", "empty")
        seen[student_id] = line
        students.append(Student(student_id, name, line))
    if not students:
        raise ConfigError(path, "", "no students (only a header row)")
    return students


def read_text(path: Path) -> str:
    """A CSV file's text (UTF-8, with or without the byte-order mark spreadsheets write)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(path, "", "no such file") from None
    except IsADirectoryError:
        raise ConfigError(path, "", "is a directory, not a CSV file") from None
    except OSError as exc:
        raise ConfigError(path, "", f"cannot read: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, "", f"not UTF-8 text (byte {exc.start}); save it as CSV UTF-8") from None
