"""The config file contract: TOML in, a frozen and validated :class:`Config` out.

Every mistake a user can make becomes one :class:`ConfigError` that names the file and the dotted
field, so the command line can print it on one line and exit 2.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nnmath.activations import ACTIVATIONS
from nnmath.losses import LOSSES

# What the video can draw: 2–5 layers of 1–4 neurons.
MIN_LAYERS, MAX_LAYERS = 2, 5
MIN_WIDTH, MAX_WIDTH = 1, 4
MIN_DECIMALS, MAX_DECIMALS = 2, 6  # with 1 digit, E before and after often read the same
# Numbers the config may hold are kept to a size the diagram can print beside an edge.
MAX_MAGNITUDE = 100.0
THEMES = ("dark", "light")

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "assets" / "default.toml"

_SECTIONS = {
    "network": {"layers", "hidden_activation", "output_activation", "loss", "learning_rate"},
    "sample": {"x", "y"},
    "parameters": {"weights", "biases"},
    "init": {"seed", "scale"},
    "display": {"decimals", "theme", "focus"},
}


class ConfigError(ValueError):
    """A user mistake in a config file: ``str(error)`` is ``file: field: what is wrong``."""

    def __init__(self, path: str | Path, field: str, message: str) -> None:
        self.path = str(path)
        self.field = field
        self.message = message
        super().__init__(f"{self.path}: {field}: {message}" if field else f"{self.path}: {message}")


@dataclass(frozen=True, eq=False)
class Config:
    """One validated network, sample and display setting. Arrays are read-only."""

    path: str
    layers: tuple[int, ...]
    hidden_activation: str
    output_activation: str
    loss: str
    learning_rate: float
    x: np.ndarray
    y: np.ndarray
    weights: tuple[np.ndarray, ...]  # weights[l][j, i]: neuron i of layer l -> neuron j of layer l+1
    biases: tuple[np.ndarray, ...]  # biases[l][j]: neuron j of layer l+1
    init_seed: int | None  # set when the parameters were drawn from [init]
    init_scale: float | None
    decimals: int
    theme: str
    focus: tuple[tuple[int, int], ...]  # per weight layer, the (j, i) weight shown in full

    def activation_of(self, layer: int) -> str:
        """The activation name of ``layer`` (1 = first hidden layer, len(layers) − 1 = output)."""
        return self.output_activation if layer == len(self.layers) - 1 else self.hidden_activation

    def with_learning_rate(self, learning_rate: float) -> Config:
        """The same config with another η (for comparing learning rates)."""
        return Config(**{**self.__dict__, "learning_rate": float(learning_rate)})


def load_config(path: str | Path | None = None) -> Config:
    """Read and validate a config file (the shipped default when ``path`` is None)."""
    path = Path(path) if path is not None else DEFAULT_CONFIG
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(path, "", "no such file") from None
    except IsADirectoryError:
        raise ConfigError(path, "", "is a directory, not a config file") from None
    except OSError as exc:
        raise ConfigError(path, "", f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, "", "not UTF-8 text") from None
    return parse_config(text, path)


def parse_config(text: str, path: str | Path = "<config>") -> Config:
    """Validate TOML text; ``path`` is only used in error messages."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"not valid TOML: {exc}") from None
    if not doc:
        raise ConfigError(path, "", "the file is empty (see assets/default.toml for an example)")
    return _Validator(path).config(doc)


class _Validator:
    """Walks the TOML document once, raising the first mistake it finds."""

    def __init__(self, path: str | Path) -> None:
        self.path = path

    def fail(self, field: str, message: str) -> ConfigError:
        return ConfigError(self.path, field, message)

    # --- sections and keys -------------------------------------------------------------------

    def config(self, doc: dict[str, Any]) -> Config:
        for name in doc:
            if name not in _SECTIONS:
                raise self.fail(name, f"unknown section (expected one of {', '.join(_SECTIONS)})")
        network = self.section(doc, "network", required=True) or {}
        sample = self.section(doc, "sample", required=True) or {}
        parameters = self.section(doc, "parameters", required=False)
        init = self.section(doc, "init", required=False)
        display = self.section(doc, "display", required=False) or {}

        layers = self.layers(self.key(network, "network", "layers"))
        hidden = self.choice(network, "network", "hidden_activation", ACTIVATIONS)
        output = self.choice(network, "network", "output_activation", ACTIVATIONS)
        loss = self.choice(network, "network", "loss", LOSSES)
        eta = self.number(self.key(network, "network", "learning_rate"), "network.learning_rate")
        if eta <= 0:
            raise self.fail("network.learning_rate", f"must be greater than 0, got {eta:g}")
        if loss == "binary_cross_entropy" and output != "sigmoid":
            raise self.fail(
                "network.output_activation",
                f'binary_cross_entropy needs output_activation = "sigmoid", got "{output}"',
            )

        x = self.vector(self.key(sample, "sample", "x"), "sample.x", layers[0], "input neuron")
        y = self.vector(self.key(sample, "sample", "y"), "sample.y", layers[-1], "output neuron")
        if loss == "binary_cross_entropy":
            for k, value in enumerate(y):
                if not 0.0 <= value <= 1.0:
                    raise self.fail(f"sample.y[{k}]", f"binary_cross_entropy needs targets in [0, 1], got {value:g}")

        seed: int | None = None
        scale: float | None = None
        if parameters is not None and init is not None:
            raise self.fail("init", "give either [parameters] or [init], not both")
        if parameters is not None:
            weights = self.weights(self.key(parameters, "parameters", "weights"), layers)
            biases = self.biases(self.key(parameters, "parameters", "biases"), layers)
        elif init is not None:
            seed = self.integer(self.key(init, "init", "seed"), "init.seed", low=0)
            scale = self.bounded(self.key(init, "init", "scale"), "init.scale")
            if scale <= 0:
                raise self.fail("init.scale", f"must be greater than 0, got {scale:g}")
            weights, biases = _draw_parameters(layers, seed, scale)
        else:
            raise self.fail(
                "parameters", "missing section: give [parameters] (weights and biases) or [init] (seed and scale)"
            )

        decimals = 4
        if "decimals" in display:
            decimals = self.integer(display["decimals"], "display.decimals", low=MIN_DECIMALS, high=MAX_DECIMALS)
        theme = "dark"
        if "theme" in display:
            theme = self.string(display["theme"], "display.theme")
            if theme not in THEMES:
                raise self.fail("display.theme", f'unknown theme "{theme}" (expected one of: {", ".join(THEMES)})')
        focus = tuple((0, 0) for _ in range(len(layers) - 1))
        if "focus" in display:
            focus = self.focus(display["focus"], layers)

        return Config(
            path=str(self.path),
            layers=layers,
            hidden_activation=hidden,
            output_activation=output,
            loss=loss,
            learning_rate=eta,
            x=_frozen(np.array(x)),
            y=_frozen(np.array(y)),
            weights=tuple(_frozen(w) for w in weights),
            biases=tuple(_frozen(b) for b in biases),
            init_seed=seed,
            init_scale=scale,
            decimals=decimals,
            theme=theme,
            focus=focus,
        )

    def section(self, doc: dict[str, Any], name: str, *, required: bool) -> dict[str, Any] | None:
        if name not in doc:
            if required:
                raise self.fail(name, f"missing section [{name}]")
            return None
        table = doc[name]
        if not isinstance(table, dict):
            raise self.fail(name, f"expected a [{name}] table, got {_kind(table)}")
        for key in table:
            if key not in _SECTIONS[name]:
                known = ", ".join(sorted(_SECTIONS[name]))
                raise self.fail(f"{name}.{key}", f"unknown key (expected one of: {known})")
        return table

    def key(self, table: dict[str, Any], section: str, key: str) -> Any:
        if key not in table:
            raise self.fail(f"{section}.{key}", "missing key")
        return table[key]

    # --- values ----------------------------------------------------------------------------

    def number(self, value: Any, field: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(field, f"expected a number, got {_kind(value)}")
        number = float(value)
        if not math.isfinite(number):
            raise self.fail(field, f"must be a finite number, got {number}")
        return number

    def bounded(self, value: Any, field: str) -> float:
        number = self.number(value, field)
        if abs(number) > MAX_MAGNITUDE:
            raise self.fail(field, f"must be between −{MAX_MAGNITUDE:g} and {MAX_MAGNITUDE:g}, got {number:g}")
        return number

    def integer(self, value: Any, field: str, *, low: int, high: int | None = None) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, f"expected a whole number, got {_kind(value)}")
        if value < low or (high is not None and value > high):
            allowed = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise self.fail(field, f"must be {allowed}, got {value}")
        return value

    def string(self, value: Any, field: str) -> str:
        if not isinstance(value, str):
            raise self.fail(field, f"expected a string, got {_kind(value)}")
        return value

    def choice(self, table: dict[str, Any], section: str, key: str, registry: dict[str, Any]) -> str:
        field = f"{section}.{key}"
        value = self.string(self.key(table, section, key), field)
        if value not in registry:
            raise self.fail(
                field, f'unknown {key.replace("_", " ")} "{value}" (expected one of: {", ".join(registry)})'
            )
        return value

    def array(self, value: Any, field: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {_kind(value)}")
        return value

    def layers(self, value: Any) -> tuple[int, ...]:
        field = "network.layers"
        items = self.array(value, field)
        if not MIN_LAYERS <= len(items) <= MAX_LAYERS:
            raise self.fail(field, f"expected {MIN_LAYERS} to {MAX_LAYERS} layers (input first), got {len(items)}")
        return tuple(self.integer(n, f"{field}[{k}]", low=MIN_WIDTH, high=MAX_WIDTH) for k, n in enumerate(items))

    def vector(self, value: Any, field: str, size: int, what: str) -> list[float]:
        items = self.array(value, field)
        if len(items) != size:
            raise self.fail(
                field, f"expected {size} value{'s' if size != 1 else ''} (one per {what}), got {len(items)}"
            )
        return [self.bounded(v, f"{field}[{k}]") for k, v in enumerate(items)]

    def weights(self, value: Any, layers: tuple[int, ...]) -> list[np.ndarray]:
        field = "parameters.weights"
        items = self.array(value, field)
        if len(items) != len(layers) - 1:
            raise self.fail(
                field, f"expected {len(layers) - 1} weight matrices (one between each pair of layers), got {len(items)}"
            )
        matrices = []
        for l, matrix in enumerate(items):
            rows, cols = layers[l + 1], layers[l]
            where = f"{field}[{l}]"
            shape = (
                f"expected {rows}×{cols} (layer {l + 1} has {cols} neuron{'s' * (cols != 1)}, layer {l + 2} has {rows})"
            )
            if not isinstance(matrix, list) or not all(isinstance(r, list) for r in matrix):
                raise self.fail(where, f"{shape}: a list of {rows} rows, got {_kind(matrix)}")
            got_cols = {len(r) for r in matrix}
            if len(matrix) != rows or got_cols != {cols}:
                got = f"{len(matrix)}×{got_cols.pop()}" if len(got_cols) == 1 else f"{len(matrix)} ragged rows"
                raise self.fail(where, f"{shape}, got {got}")
            matrices.append(
                np.array(
                    [[self.bounded(w, f"{where}[{j}][{i}]") for i, w in enumerate(r)] for j, r in enumerate(matrix)]
                )
            )
        return matrices

    def biases(self, value: Any, layers: tuple[int, ...]) -> list[np.ndarray]:
        field = "parameters.biases"
        items = self.array(value, field)
        if len(items) != len(layers) - 1:
            raise self.fail(
                field, f"expected {len(layers) - 1} bias vectors (one per layer after the input), got {len(items)}"
            )
        return [
            np.array(self.vector(b, f"{field}[{l}]", layers[l + 1], f"neuron of layer {l + 2}"))
            for l, b in enumerate(items)
        ]

    def focus(self, value: Any, layers: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        field = "display.focus"
        items = self.array(value, field)
        if len(items) != len(layers) - 1:
            raise self.fail(field, f"expected {len(layers) - 1} [j, i] pairs (one per weight layer), got {len(items)}")
        pairs = []
        for l, pair in enumerate(items):
            where = f"{field}[{l}]"
            if not isinstance(pair, list) or len(pair) != 2:
                raise self.fail(where, f"expected a pair [j, i], got {_kind(pair)}")
            j = self.integer(pair[0], f"{where}[0]", low=0, high=layers[l + 1] - 1)
            i = self.integer(pair[1], f"{where}[1]", low=0, high=layers[l] - 1)
            pairs.append((j, i))
        return tuple(pairs)


def _draw_parameters(layers: tuple[int, ...], seed: int, scale: float) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Weights then biases, layer by layer, uniform in [−scale, scale]."""
    rng = np.random.default_rng(seed)
    weights = [rng.uniform(-scale, scale, size=(layers[l + 1], layers[l])) for l in range(len(layers) - 1)]
    biases = [rng.uniform(-scale, scale, size=layers[l + 1]) for l in range(len(layers) - 1)]
    return weights, biases


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.asarray(array, dtype=float)
    array.setflags(write=False)
    return array


def _kind(value: Any) -> str:
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
