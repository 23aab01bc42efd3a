"""A dataset from a CSV file: ``[data] file = "points.csv"``, the path relative to the config.

The first row names the columns: ``x1, x2, …`` for the inputs (one per input neuron) and ``y`` (one
output) or ``y1, y2, …`` (one per output neuron) for the targets, in any order; every further row
is one sample. For example, XOR for a 2-…-1 network::

    x1,x2,y
    0,0,0
    0,1,1
    1,0,1
    1,1,0

Blank lines are skipped. Any mistake is a :class:`CsvProblem` whose message names the file, the line
and the column, for the config's one-line error.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

from nnmath.fields import MAX_MAGNITUDE, unknown

__all__ = ["CsvProblem", "columns_for", "read_csv"]


class CsvProblem(ValueError):
    """What is wrong with the CSV file, in words (the caller adds the config file and field)."""


def columns_for(inputs: int, outputs: int) -> list[str]:
    """The column names a network with these sizes reads: x1 … xn, then y (or y1 … yk)."""
    targets = ["y"] if outputs == 1 else [f"y{k + 1}" for k in range(outputs)]
    return [f"x{i + 1}" for i in range(inputs)] + targets


def read_csv(path: Path, inputs: int, outputs: int, max_rows: int) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """The inputs ``[m, inputs]`` and targets ``[m, outputs]`` of the file at ``path``, and each sample's line."""
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")  # a spreadsheet's byte-order mark is not part of x1
    except FileNotFoundError:
        raise CsvProblem(f"no such file: {path}") from None
    except IsADirectoryError:
        raise CsvProblem(f"{path} is a directory, not a CSV file") from None
    except UnicodeDecodeError:
        raise CsvProblem(f"{name} is not UTF-8 text") from None
    except OSError as exc:
        raise CsvProblem(f"cannot read {path}: {exc.strerror}") from None
    rows = [(n, row) for n, row in enumerate(csv.reader(text.splitlines()), start=1) if any(c.strip() for c in row)]
    if not rows:
        raise CsvProblem(f"{name} is empty: expected a header row ({','.join(columns_for(inputs, outputs))})")
    header = rows[0][1]
    order = _header(name, [c.strip() for c in header], columns_for(inputs, outputs))
    if len(rows) == 1:
        raise CsvProblem(f"{name} has a header but no samples: add one row per sample below it")
    if len(rows) - 1 > max_rows:
        raise CsvProblem(f"{name} has {len(rows) - 1} samples; at most {max_rows}")
    values = np.array([_row(name, n, row, header, order) for n, row in rows[1:]])
    return values[:, :inputs], values[:, inputs:], [n for n, _ in rows[1:]]


def _header(name: str, header: list[str], wanted: list[str]) -> list[int]:
    """Where each wanted column is in the file's header."""
    for column in header:
        if column not in wanted:
            what = f'column "{column}"'
            raise CsvProblem(f"{name} line 1: {unknown(what, column, wanted)}")
    for column in wanted:
        if header.count(column) != 1:
            how = "is missing" if column not in header else "appears twice"
            raise CsvProblem(f'{name} line 1: column "{column}" {how} (expected the columns {",".join(wanted)})')
    return [header.index(column) for column in wanted]


def _row(name: str, line: int, row: list[str], header: list[str], order: list[int]) -> list[float]:
    if len(row) != len(header):
        raise CsvProblem(f"{name} line {line}: expected {len(header)} values (one per column), got {len(row)}")
    values = []
    for k in order:
        cell = row[k].strip()
        try:
            value = float(cell)
        except ValueError:
            raise CsvProblem(
                f'{name} line {line}, column "{header[k].strip()}": expected a number, got "{cell}"'
            ) from None
        if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
            raise CsvProblem(
                f'{name} line {line}, column "{header[k].strip()}": must be a number between '
                f"−{MAX_MAGNITUDE:g} and {MAX_MAGNITUDE:g}, got {cell}"
            )
        values.append(value)
    return values
