"""What every scene starts from: the config named by BACKPROP_CONFIG, its trace, and the theme."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

from nnmath import Config, StepTrace, train_step
from nnmath.cli import EXIT_USAGE, load_or_report
from nnmath.notation import format_number
from nnmath.trace import Arrays
from scenes.drawing.diagram import NetworkDiagram
from scenes.drawing.theme import Theme, theme_for
from scenes.environment import CONFIG_ENV

# Where the diagram sits: the left of the frame; formulas go in the panel on the right.
DIAGRAM_CENTER = (-3.05, -0.5, 0.0)
DIAGRAM_WIDTH = 7.6
DIAGRAM_HEIGHT = 6.1


@dataclass(frozen=True, eq=False)
class StepContext:
    """The config, the trace of its one training step, and the theme: all a scene draws from."""

    config: Config
    trace: StepTrace
    theme: Theme

    @property
    def decimals(self) -> int:
        return self.config.decimals

    @property
    def depth(self) -> int:
        return self.trace.depth

    def new_diagram(self, weights: Arrays | None = None, biases: Arrays | None = None) -> NetworkDiagram:
        """The network labelled with its weights and biases (default: before the update), on the left."""
        diagram = NetworkDiagram(
            self.config.layers,
            self.trace.weights if weights is None else weights,
            self.trace.biases if biases is None else biases,
            self.theme,
            self.decimals,
            width=DIAGRAM_WIDTH,
            height=DIAGRAM_HEIGHT,
            center=DIAGRAM_CENTER,
            widest_value=self.widest_neuron_value(),
        )
        return diagram

    def widest_neuron_value(self) -> str:
        """The longest number a neuron shows in the video (its activations before and after the update)."""
        t = self.trace
        values = [v for layer in (*t.a, *t.a_after) for v in layer]
        return max((format_number(float(v), self.decimals) for v in values), key=len)

    @cached_property
    def output_layer(self) -> int:
        return len(self.config.layers) - 1


def context_from(config: Config) -> StepContext:
    return StepContext(config=config, trace=train_step(config), theme=theme_for(config))


def load_context() -> StepContext:
    """The context for ``$BACKPROP_CONFIG`` (or the shipped default).

    A bad config stops the render before any frame: its one-line error, exit status 2.
    """
    config = load_or_report(os.environ.get(CONFIG_ENV) or None)
    if config is None:
        raise SystemExit(EXIT_USAGE)
    return context_from(config)
