"""A homework template: a config file with an optional ``[homework]`` table saying how variants are drawn.

The rest of the file is an ordinary config (checked by :func:`nnmath.parse_config`), so a template renders as it
is; ``[homework]`` only says what changes per student and how answers are marked::

    [homework]
    scale = 1.0                # weights and biases drawn from [−scale, scale]
    digits = 1                 # … with this many decimals (0.3, −0.7: numbers a student computes with)
    vary_inputs = false        # also draw the sample's inputs x, from [0, 1] with the same digits
    relative_tolerance = 0.01  # an answer is right within 1 % of the value (of the step, for a new weight) …
    absolute_tolerance = 0.0001  # … or this much, whichever is larger (default: one unit of the last decimal)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nnmath.config import Config, ConfigError, parse_config
from nnmath.fields import Fields, kind, unknown

SECTION = "homework"
KEYS = ("scale", "digits", "vary_inputs", "relative_tolerance", "absolute_tolerance")
DEFAULT_SCALE = 1.0
DEFAULT_DIGITS = 1
DEFAULT_RELATIVE = 0.01


@dataclass(frozen=True)
class Template:
    """The template's config (its numbers are replaced per student) and how variants are drawn and marked."""

    config: Config
    text: str  # the template file without its [homework] table
    scale: float
    digits: int
    vary_inputs: bool
    relative_tolerance: float
    absolute_tolerance: float

    def tolerance(self, value: float, offset: float = 0.0) -> float:
        """How far an answer may be from ``value`` and still be right: relative to ``value − offset`` (a new
        weight's step, ``offset`` its old value: else keeping the old weight could pass), with an absolute floor."""
        return max(self.relative_tolerance * abs(value - offset), self.absolute_tolerance)


def load_template(path: str | Path) -> Template:
    """Read and check a template; a mistake is a :class:`ConfigError` naming the file and the field."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(path, "", "no such file") from None
    except IsADirectoryError:
        raise ConfigError(path, "", "is a directory, not a config file") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "", "not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(path, "", f"cannot read: {exc.strerror}") from None
    return parse_template(text, path)


def parse_template(text: str, path: str | Path = "<template>") -> Template:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"not valid TOML: {exc}") from None
    table = doc.pop(SECTION, {})
    config = parse_config(_without_section(text), path)
    fields = Fields(path)
    if not isinstance(table, dict):
        raise fields.fail(SECTION, f"expected a [{SECTION}] table, got {kind(table)}")
    for key in table:
        if key not in KEYS:
            raise fields.fail(f"{SECTION}.{key}", unknown("key", key, KEYS))
    return Template(config=config, text=_without_section(text), **_settings(table, config, fields))


def _settings(table: dict[str, Any], config: Config, fields: Fields) -> dict[str, Any]:
    scale = fields.bounded(table.get("scale", DEFAULT_SCALE), f"{SECTION}.scale")
    if scale <= 0:
        raise fields.fail(f"{SECTION}.scale", f"must be greater than 0, got {scale:g}")
    digits = fields.integer(
        table.get("digits", DEFAULT_DIGITS), f"{SECTION}.digits", low=0, high=config.decimals,
        meaning="at most display.decimals, so every drawn number is shown exactly",
    )  # fmt: skip
    vary = table.get("vary_inputs", False)
    if not isinstance(vary, bool):
        raise fields.fail(f"{SECTION}.vary_inputs", f"expected true or false, got {kind(vary)}")
    relative = fields.number(table.get("relative_tolerance", DEFAULT_RELATIVE), f"{SECTION}.relative_tolerance")
    absolute = fields.number(table.get("absolute_tolerance", 10.0**-config.decimals), f"{SECTION}.absolute_tolerance")
    for name, value in (("relative_tolerance", relative), ("absolute_tolerance", absolute)):
        if not 0 < value < 1:
            raise fields.fail(f"{SECTION}.{name}", f"must be between 0 and 1, got {value:g}")
    return {
        "scale": scale,
        "digits": digits,
        "vary_inputs": vary,
        "relative_tolerance": relative,
        "absolute_tolerance": absolute,
    }


def _without_section(text: str) -> str:
    """The TOML text without the [homework] table (its header line up to the next table header)."""
    kept: list[str] = []
    inside = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.split("#", 1)[0].strip() == f"[{SECTION}]"
        if not inside:
            kept.append(line)
    return "".join(kept)
