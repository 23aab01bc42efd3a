"""What every scene starts from: the config named by BACKPROP_CONFIG, its trace, and the theme.

Scenes never compute a number: they name a trace entry (``("a", 1, 0)`` is ``trace.a[1][0]``) and
the context looks its value up, so every number on screen knows where it comes from.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from nnmath import BatchTrace, Config, History, StepTrace, batch_step, rounding_gaps, train, train_history, train_step
from nnmath.batch_view import batch_update_view
from nnmath.cli import EXIT_USAGE, load_or_report
from nnmath.error_floor import floor_of
from nnmath.notation import format_number, gradient_number, scientific_parts, setting_decimals
from nnmath.paths import Path, all_paths, path_sum
from nnmath.quiz import QUIZ_ENTRIES
from nnmath.quiz import value as quiz_value
from nnmath.regimes import EPILOGUE_STEPS, Regimes, choose_learning_rates
from nnmath.rounding import mixes_output
from nnmath.vanishing import GradientSizes, gradient_sizes
from scenes.drawing.diagram import NetworkDiagram
from scenes.drawing.formula import Num
from scenes.drawing.numbers import Entry
from scenes.drawing.theme import Color, Theme, theme_for
from scenes.environment import CONFIG_ENV

REPEAT_STEPS = EPILOGUE_STEPS  # training steps in the epilogue
SETTINGS = ("learning_rate", "rate")  # settings (the config's η, the epilogue runs'): as given (η = 0.5, 1/256)
DATASET_ENTRIES = (
    "batch",
    "sample",
    "epoch_loss",
    "epoch_accuracy",
    "snapshot",
    "data_x",
    "data_y",
)  # see StepContext.dataset_value


@dataclass(frozen=True, eq=False)
class StepContext:
    """The config, the trace of its one training step, and the theme: all a scene draws from."""

    config: Config
    trace: StepTrace
    theme: Theme
    notes_shown: set[str] = field(default_factory=set)  # notes said once per video (by name)

    @property
    def decimals(self) -> int:
        return self.config.decimals

    @property
    def depth(self) -> int:
        return self.trace.depth

    @cached_property
    def output_layer(self) -> int:
        return len(self.config.layers) - 1

    # --- numbers, by trace entry -------------------------------------------------------------------

    @cached_property
    def history(self) -> np.ndarray:
        """E after 0 … REPEAT_STEPS updates (the epilogue's loss curve)."""
        with np.errstate(over="ignore", invalid="ignore"):  # a huge η overflows on purpose (shown as such)
            return train(self.config, REPEAT_STEPS)

    @cached_property
    def batch(self) -> BatchTrace:
        """The first batch's update: its first sample is ``trace``'s; every sample compactly, and the mean."""
        return batch_step(self.config)

    @cached_property
    def training(self) -> History:
        """A dataset's training in the epilogue: loss (and accuracy) per epoch, snapshots of the parameters."""
        return train_history(self.config)

    def for_update(self) -> StepContext:
        """The context the weight update draws: for a dataset, its trace is the batch's update
        (``nnmath.batch_view``): the mean gradient, the step with it, the batch's E before and after."""
        if not self.config.is_dataset:
            return self
        return dataclasses.replace(self, trace=batch_update_view(self.config, self.batch))

    @cached_property
    def regimes(self) -> Regimes:
        """The learning-rate runs (too small, about right, too large, the config's), chosen by training this network."""
        return choose_learning_rates(self.config)

    @cached_property
    def error_floor(self) -> float:
        """Errors below this are the computer's floor for the loss, no measured error (0: none)."""
        return floor_of(self.config)

    @cached_property
    def gradient_sizes(self) -> GradientSizes:
        """Mean |δ| per layer of the trace (a dataset: over its first batch's samples too, as the update uses
        them): does the error signal shrink on its way back to the input?"""
        return gradient_sizes(self.batch if self.config.is_dataset else self.trace)

    @cached_property
    def rounding_gaps(self) -> frozenset[Entry]:
        """Results whose shown value is not what their shown (rounded) numbers give."""
        return frozenset(gap.entry for gap in rounding_gaps(self.trace, self.decimals, self.config.focus))

    @cached_property
    def long_chain_paths(self) -> list[Path]:
        """Every path from E back to the first layer's focus weight (for ``("path", p)``; L ≥ 2)."""
        return all_paths(self.trace, self.config.focus[0])

    def value(self, entry: Entry) -> float:
        """The value of a trace entry: a StepTrace field and indices, or an epilogue series: ("history", k),
        ("rate", r), ("rate_history", r, k) and ("rate_y_hat", r, k, n) for the run r of ``regimes.compared``, ("rate_limit",) (the
        largest η tried), ("grad_size", l) (mean |δ| over layer l + 1); or a long-chain path's product.
        ("mantissa", *entry) is the mantissa of an entry written m × 10ⁿ (nnmath.notation.scientific_parts)."""
        name, *index = entry
        if name in DATASET_ENTRIES:
            return self.dataset_value(entry)
        if name == "mantissa":
            return float(scientific_parts(self.value(tuple(index)))[0].replace("−", "-"))
        if name == "losses_after":  # a dataset: sample s's error after the batch's update (the quiz gives it)
            return float(self.batch.losses_after[int(index[0])])
        if name == "history":
            return float(self.history[int(index[0])])
        if name == "rate":
            return self.regimes.compared[int(index[0])].learning_rate
        if name == "rate_history":
            return float(self.regimes.compared[int(index[0])].history[int(index[1])])
        if name == "rate_limit":
            return self.regimes.limit
        if name == "rate_y_hat":  # run r's output n after k steps (a panel shows where it jumped past its target)
            return float(self.regimes.compared[int(index[0])].y_hat[int(index[1])][int(index[2])])
        if name == "grad_size":
            return float(self.gradient_sizes.sizes[int(index[0])])
        if name in QUIZ_ENTRIES:  # the new-value question's η and the value it asks for (nnmath.quiz)
            return quiz_value(self.trace if not self.config.is_dataset else self.batch, entry)
        if name == "path":  # the product of path p's factors (nnmath.paths)
            return self.long_chain_paths[int(index[0])].product
        if name == "path_sum":  # their sum: ∂E/∂w⁽¹⁾ⱼᵢ, shown with digits enough not to read 0
            return path_sum(self.trace, self.config.focus[0])
        value = getattr(self.trace, str(name))
        for i in index:
            value = value[i]
        return float(value)

    def dataset_value(self, entry: Entry) -> float:
        """A dataset's entries: ("batch", field, …) of the first batch, ("sample", s, field, …) of its sample s,
        ("epoch_loss", e) and ("epoch_accuracy", e) after e epochs, ("snapshot", k, "loss" | "accuracy" | "epoch"),
        ("data_x", r, i) and ("data_y", r, k): row r of the data."""
        name, *index = entry
        source: object
        if name == "batch":
            source, index = getattr(self.batch, str(index[0])), index[1:]
        elif name == "sample":
            source, index = getattr(self.batch.samples[int(index[0])], str(index[1])), index[2:]
        elif name in ("data_x", "data_y"):
            source = getattr(self.config, str(name))
        elif name == "snapshot":
            source, index = getattr(self.training.snapshots[int(index[0])], str(index[1])), index[2:]
        else:
            series = self.training.loss if name == "epoch_loss" else self.training.accuracy
            assert series is not None, entry
            source = series
        for i in index:
            source = source[i]  # type: ignore[index]
        return float(source)  # type: ignore[arg-type]

    def num(self, *entry: str | int, color: Color | None = None, factor: bool = False) -> Num:
        """The entry as a number in a formula (a setting with the decimals it is given with)."""
        value = self.value(entry)
        setting = entry[0] in SETTINGS
        return Num(value, entry, color, factor, setting_decimals(value) if setting else None, setting)

    # --- the diagram ---------------------------------------------------------------------------------

    def new_diagram(self) -> NetworkDiagram:
        """The network, sized so its neurons hold every activation the video shows."""
        return NetworkDiagram(self.config.layers, self.theme, self.decimals, widest_value=self.widest_neuron_values())

    def widest_neuron_values(self) -> list[str]:
        """The longest numbers a neuron shows in the video: its activations before and after the update, and
        its δ (which stands in the neuron where rows are too close for a badge under it); a softmax
        output's neurons hold their z too, until softmax turns them into ŷ."""
        t = self.trace
        held = (t.z[-1],) if mixes_output(t) else ()
        values = [v for layer in (*t.a, *t.a_after, *held) for v in layer]
        shown = [format_number(float(v), self.decimals) for v in values]
        shown += [
            gradient_number(float(v), self.decimals) for layer in t.delta for v in layer
        ]  # δ: a gradient's digits
        longest = max(len(text) for text in shown)
        return sorted({text for text in shown if len(text) == longest})  # each measured: their glyphs differ


def context_from(config: Config) -> StepContext:
    with np.errstate(over="ignore", invalid="ignore"):  # a huge η overflows the update: it reads ∞
        trace = train_step(config)
    return StepContext(config=config, trace=trace, theme=theme_for(config))


def load_context() -> StepContext:
    """The context for ``$BACKPROP_CONFIG`` (or the shipped default).

    A bad config stops the render before any frame: its one-line error, exit status 2.
    """
    config = load_or_report(os.environ.get(CONFIG_ENV) or None)
    if config is None:
        raise SystemExit(EXIT_USAGE)
    return context_from(config)
