"""The config file contract: TOML in, a frozen and validated :class:`Config` out.

Every mistake a user can make becomes one :class:`ConfigError` that names the file and the dotted
field, so the command line can print it on one line and exit 2. This module walks the document;
:mod:`nnmath.fields` checks single values and :mod:`nnmath.shapes` the lists sized by the network.

Layers are numbered as in the video: layer 0 is the input, layer L the output, and W⁽ˡ⁾ holds the
weights into layer l, so ``weights[l - 1]`` in the file (whose lists count from 0) is W⁽ˡ⁾ and
``biases[l - 1]`` is b⁽ˡ⁾.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nnmath.activations import ACTIVATIONS
from nnmath.batches import updates_per_epoch
from nnmath.data_section import DATA_KEYS, DataFields
from nnmath.fields import ConfigError, kind, unknown
from nnmath.losses import LOSSES
from nnmath.shapes import MAX_LAYERS, MAX_WIDTH, MIN_LAYERS, MIN_WIDTH, Shapes

__all__ = [
    "DEFAULT_CONFIG",
    "MAX_DECIMALS",
    "MAX_LAYERS",
    "MAX_WIDTH",
    "MIN_DECIMALS",
    "MIN_LAYERS",
    "MIN_WIDTH",
    "THEMES",
    "Config",
    "ConfigError",
    "load_config",
    "parse_config",
]

MIN_DECIMALS, MAX_DECIMALS = 2, 6  # with 1 digit, E before and after often read the same
THEMES = ("dark", "light")

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "assets" / "default.toml"

_SECTIONS = {  # every section and its keys, in the order of assets/default.toml
    "network": ("layers", "hidden_activation", "output_activation", "loss", "learning_rate"),
    "sample": ("x", "y"),
    "data": DATA_KEYS,  # instead of [sample]: a dataset (see nnmath.data_section)
    "parameters": ("weights", "biases"),
    "init": ("seed", "scale"),
    "display": ("decimals", "theme", "focus"),
    "narration": ("enabled", "voice", "rate"),
}
DEFAULT_VOICE = "en-us"  # an espeak-ng voice; a path ending in .onnx is a Piper voice model
MIN_RATE, MAX_RATE = 0.5, 2.0  # speaking speed, 1 = the voice's own pace
PIPER_SUFFIX = ".onnx"


@dataclass(frozen=True, eq=False)
class Config:
    """One validated network, dataset and display setting. Arrays are read-only.

    ``x`` and ``y`` are the sample the video works in full: the first sample of the first batch
    (for ``[sample]``, the sample). ``data_x``/``data_y`` hold every sample, one row each.
    """

    path: str
    layers: tuple[int, ...]
    hidden_activation: str
    output_activation: str
    loss: str
    learning_rate: float
    x: np.ndarray
    y: np.ndarray
    weights: tuple[np.ndarray, ...]  # weights[l - 1] is W⁽ˡ⁾: [j, i] from neuron i of layer l − 1 to j of layer l
    biases: tuple[np.ndarray, ...]  # biases[l - 1] is b⁽ˡ⁾: [j] for neuron j of layer l
    init_seed: int | None  # set when the parameters were drawn from [init]
    init_scale: float | None
    decimals: int
    theme: str
    focus: tuple[tuple[int, int], ...]  # focus[l - 1]: the (j, i) of the weight of W⁽ˡ⁾ shown in full
    data_x: np.ndarray  # [samples, inputs]: every sample's x ([sample]: one row)
    data_y: np.ndarray  # [samples, outputs]: every sample's targets
    batch_size: int  # samples per update ([sample]: 1)
    epochs: int  # passes over the data in the epilogue's training
    data_seed: int  # the seed of the per-epoch shuffling (and of a generated set)
    data_source: str  # "sample", "inline", "file points.csv" or "generator xor"
    narrate: bool = False  # [narration]: a voice track speaks every sub-step
    voice: str = DEFAULT_VOICE  # an espeak-ng voice name, or the absolute path of a Piper voice model (.onnx)
    rate: float = 1.0  # speaking speed, 1 = the voice's own

    def activation_of(self, layer: int) -> str:
        """The activation name of ``layer`` (1 = first hidden layer, len(layers) − 1 = output)."""
        return self.output_activation if layer == len(self.layers) - 1 else self.hidden_activation

    @property
    def is_dataset(self) -> bool:
        """The samples came from [data] (even a single row), not from [sample]."""
        return self.data_source != "sample"

    @property
    def samples(self) -> int:
        """How many samples the data has (1 for [sample])."""
        return len(self.data_x)

    @property
    def updates_per_epoch(self) -> int:
        """Iterations per epoch: ⌈samples / batch_size⌉."""
        return updates_per_epoch(self.samples, self.batch_size)

    @property
    def updates(self) -> int:
        """The epilogue's training length in updates: epochs × updates per epoch."""
        return self.epochs * self.updates_per_epoch


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
        doc = tomllib.loads(text.removeprefix("\ufeff"))  # a byte-order mark, as some editors save UTF-8
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"not valid TOML: {exc}") from None
    if not doc:
        raise ConfigError(path, "", "the file is empty (see assets/default.toml for an example)")
    return _Document(path).config(doc)


class _Document(Shapes, DataFields):
    """Walks the TOML document once, section by section, raising the first mistake it finds."""

    def config(self, doc: dict[str, Any]) -> Config:
        for name in doc:
            if name not in _SECTIONS:
                raise self.fail(name, unknown("section", name, _SECTIONS))
        network = self.network(self.section(doc, "network", required=True) or {})
        layers, loss = network["layers"], LOSSES[network["loss"]]
        if "sample" in doc and "data" in doc:
            raise self.fail("data", "give either [sample] (one sample) or [data] (a dataset), not both")
        if "data" in doc:
            samples = self.data(self.section(doc, "data", required=True) or {}, layers, loss)
        elif "sample" not in doc:
            raise self.fail("sample", "missing section [sample] (one sample) or [data] (a dataset)")
        else:
            samples = self.sample(self.section(doc, "sample", required=True) or {}, layers, loss)
        return Config(
            path=str(self.path),
            **network,
            **samples,
            **self.parameters(doc, layers),
            **self.display(self.section(doc, "display", required=False) or {}, layers),
            **self.narration(self.section(doc, "narration", required=False) or {}),
        )

    def section(self, doc: dict[str, Any], name: str, *, required: bool) -> dict[str, Any] | None:
        """The [name] table, its keys checked; None when it is absent and not required."""
        if name not in doc:
            if required:
                raise self.fail(name, f"missing section [{name}]")
            return None
        table = doc[name]
        if not isinstance(table, dict):
            raise self.fail(name, f"expected a [{name}] table, got {kind(table)}")
        for key in table:
            if key not in _SECTIONS[name]:
                raise self.fail(f"{name}.{key}", unknown("key", key, _SECTIONS[name]))
        return table

    def key(self, table: dict[str, Any], section: str, key: str) -> Any:
        if key not in table:
            raise self.fail(f"{section}.{key}", "missing key")
        return table[key]

    def name(self, table: dict[str, Any], section: str, key: str, registry: dict[str, Any]) -> str:
        """A required key naming an entry of ``registry`` (an activation or a loss)."""
        return self.choice(self.key(table, section, key), f"{section}.{key}", key.replace("_", " "), registry)

    # --- one method per section: each returns its fields of Config --------------------------

    def network(self, table: dict[str, Any]) -> dict[str, Any]:
        layers = self.layers(self.key(table, "network", "layers"))
        hidden = self.name(table, "network", "hidden_activation", ACTIVATIONS)
        output = self.name(table, "network", "output_activation", ACTIVATIONS)
        loss = self.name(table, "network", "loss", LOSSES)
        eta = self.number(self.key(table, "network", "learning_rate"), "network.learning_rate")
        if eta <= 0:
            raise self.fail("network.learning_rate", f"must be greater than 0, got {eta:g}")
        needs = LOSSES[loss].output_activation
        if needs is not None and output != needs:
            raise self.fail("network.output_activation", f'{loss} needs output_activation = "{needs}", got "{output}"')
        if ACTIVATIONS[hidden].loss is not None:  # softmax mixes a layer into probabilities: the output's job
            raise self.fail("network.hidden_activation", f"{hidden} is defined for the output layer only")
        output_needs = ACTIVATIONS[output]
        if output_needs.loss is not None and loss != output_needs.loss:
            raise self.fail("network.loss", f'{output} output needs loss = "{output_needs.loss}", got "{loss}"')
        if layers[-1] < output_needs.min_neurons:
            raise self.fail(
                "network.layers",
                f"{output} needs at least {output_needs.min_neurons} output neurons, got {layers[-1]}",
            )
        return {
            "layers": layers,
            "hidden_activation": hidden,
            "output_activation": output,
            "loss": loss,
            "learning_rate": eta,
        }

    def parameters(self, doc: dict[str, Any], layers: tuple[int, ...]) -> dict[str, Any]:
        """The weights and biases from [parameters], or drawn as [init] says."""
        parameters = self.section(doc, "parameters", required=False)
        init = self.section(doc, "init", required=False)
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
        return {
            "weights": tuple(_frozen(w) for w in weights),
            "biases": tuple(_frozen(b) for b in biases),
            "init_seed": seed,
            "init_scale": scale,
        }

    def display(self, table: dict[str, Any], layers: tuple[int, ...]) -> dict[str, Any]:
        decimals, theme = 4, "dark"
        if "decimals" in table:
            decimals = self.integer(table["decimals"], "display.decimals", low=MIN_DECIMALS, high=MAX_DECIMALS)
        if "theme" in table:
            theme = self.choice(table["theme"], "display.theme", "theme", THEMES)
        focus = tuple((0, 0) for _ in range(len(layers) - 1))
        if "focus" in table:
            focus = self.focus(table["focus"], layers)
        return {"decimals": decimals, "theme": theme, "focus": focus}

    def narration(self, table: dict[str, Any]) -> dict[str, Any]:
        """[narration]: whether to speak, with which voice (a Piper model file is looked up beside the config)."""
        narrate, voice, rate = False, DEFAULT_VOICE, 1.0
        if "enabled" in table:
            if not isinstance(table["enabled"], bool):
                raise self.fail("narration.enabled", f"expected true or false, got {kind(table['enabled'])}")
            narrate = table["enabled"]
        if "voice" in table:
            voice = self.string(table["voice"], "narration.voice").strip()
            if not voice:
                raise self.fail("narration.voice", 'expected a voice name (e.g. "en-us") or a Piper model file')
            if voice.endswith(PIPER_SUFFIX):
                model = (Path(self.path).parent / Path(voice).expanduser()).resolve()
                if not model.is_file():
                    raise self.fail("narration.voice", f"no such Piper voice model: {model}")
                if not Path(f"{model}.json").is_file():
                    raise self.fail("narration.voice", f"the Piper voice needs its config beside it: {model}.json")
                voice = str(model)
        if "rate" in table:
            rate = self.number(table["rate"], "narration.rate")
            if not MIN_RATE <= rate <= MAX_RATE:
                raise self.fail("narration.rate", f"must be between {MIN_RATE:g} and {MAX_RATE:g}, got {rate:g}")
        return {"narrate": narrate, "voice": voice, "rate": rate}


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
