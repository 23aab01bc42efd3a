"""Reading one field of a config document: the type and range checks behind every config message.

Each check returns the value in the type the network needs, or raises a :class:`ConfigError` that
names the file and the dotted field (list indices 0-based, as the user types them), so the command
line can print it on one line and exit 2.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

# Numbers the config may hold are kept to a size the diagram can print beside an edge.
MAX_MAGNITUDE = 100.0


# Control characters (a newline in a quoted TOML key, say) are shown escaped, so a message stays one line.
_ESCAPES = {c: repr(chr(c))[1:-1] for c in (*range(32), 127)}


class ConfigError(ValueError):
    """A user mistake in a config file: ``str(error)`` is ``file: field: what is wrong``, on one line."""

    def __init__(self, path: str | Path, field: str, message: str) -> None:
        self.path = str(path)
        self.field = field.translate(_ESCAPES)
        self.message = message.translate(_ESCAPES)
        where = f"{self.path.translate(_ESCAPES)}: {self.field}" if field else self.path.translate(_ESCAPES)
        super().__init__(f"{where}: {self.message}")


def unknown(what: str, typed: str, names: Iterable[str]) -> str:
    """``unknown <what>; did you mean "<name>"? (expected one of: …)``, the hint only when a name is close.

    ``typed`` is what the user wrote; ``what`` is how the message names it, e.g. ``key`` or ``loss "hinge"``.
    """
    names = list(names)
    by_lower = {name.lower(): name for name in names}
    close = difflib.get_close_matches(typed.lower(), list(by_lower), n=1)
    hint = f'; did you mean "{by_lower[close[0]]}"?' if close else ""
    return f"unknown {what}{hint} (expected one of: {', '.join(names)})"


class Fields:
    """The checks for one file: each takes a TOML value and the dotted field it came from."""

    def __init__(self, path: str | Path) -> None:
        self.path = path

    def fail(self, field: str, message: str) -> ConfigError:
        return ConfigError(self.path, field, message)

    def number(self, value: Any, field: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(field, f"expected a number, got {kind(value)}")
        number = float(value)
        if not math.isfinite(number):
            raise self.fail(field, f"must be a finite number, got {number}")
        return number

    def bounded(self, value: Any, field: str) -> float:
        """A finite number within ±MAX_MAGNITUDE."""
        number = self.number(value, field)
        if abs(number) > MAX_MAGNITUDE:
            raise self.fail(field, f"must be between −{MAX_MAGNITUDE:g} and {MAX_MAGNITUDE:g}, got {number:g}")
        return number

    def integer(self, value: Any, field: str, *, low: int, high: int | None = None, meaning: str = "") -> int:
        """A whole number in [low, high]; ``meaning`` (e.g. "neurons of layer 1") is said when out of range."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, f"expected a whole number, got {kind(value)}")
        if value < low or (high is not None and value > high):
            allowed = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise self.fail(field, f"must be {allowed}{f' ({meaning})' if meaning else ''}, got {value}")
        return value

    def string(self, value: Any, field: str) -> str:
        if not isinstance(value, str):
            raise self.fail(field, f"expected a string, got {kind(value)}")
        return value

    def choice(self, value: Any, field: str, what: str, names: Collection[str]) -> str:
        """One of ``names`` (a registry's keys); a misspelling gets the closest name suggested."""
        text = self.string(value, field)
        if text not in names:
            raise self.fail(field, unknown(f'{what} "{text}"', text, names))
        return text

    def array(self, value: Any, field: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {kind(value)}")
        return value

    def vector(self, value: Any, field: str, size: int, what: str) -> list[float]:
        """``size`` bounded numbers, one per ``what`` (e.g. "input neuron")."""
        items = self.array(value, field)
        if len(items) != size:
            raise self.fail(
                field, f"expected {size} value{'s' if size != 1 else ''} (one per {what}), got {len(items)}"
            )
        return [self.bounded(v, f"{field}[{k}]") for k, v in enumerate(items)]

    def matrix(self, value: Any, field: str, rows: int, cols: int, shape: str) -> list[list[float]]:
        """A rows×cols list of rows of bounded numbers; ``shape`` says what is expected, in words."""
        if not isinstance(value, list) or not all(isinstance(r, list) for r in value):
            raise self.fail(field, f"{shape}: a list of {rows} rows, got {kind(value)}")
        got_cols = {len(r) for r in value}
        if len(value) != rows or got_cols != {cols}:
            got = f"{len(value)}×{got_cols.pop()}" if len(got_cols) == 1 else f"{len(value)} ragged rows"
            raise self.fail(field, f"{shape}, got {got}")
        return [[self.bounded(w, f"{field}[{j}][{i}]") for i, w in enumerate(r)] for j, r in enumerate(value)]


def kind(value: Any) -> str:
    """How a TOML value reads in an error message."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, str):
        return f'a string ("{value}")' if len(value) < 30 else "a string"
    if isinstance(value, int | float):
        return f"a number ({value:g})"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
