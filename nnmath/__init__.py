"""nnmath: the tiny numpy network behind every number in the video. Never imports manim."""

from __future__ import annotations

from nnmath.activations import ACTIVATIONS, Activation
from nnmath.config import DEFAULT_CONFIG, Config, ConfigError, load_config, parse_config
from nnmath.losses import LOSSES, Loss
from nnmath.network import forward, train, train_step
from nnmath.paths import long_chain_markdown as long_chain_markdown  # the answer key's long-chain section
from nnmath.quiz import Question, quiz
from nnmath.regimes import Regime, Regimes, choose_learning_rates
from nnmath.rounding import RoundingGap, first_rounding_gap, rounding_gaps
from nnmath.trace import StepTrace
from nnmath.vanishing import GradientSizes, gradient_sizes, layer_gradient_sizes

__all__ = [
    "ACTIVATIONS",
    "DEFAULT_CONFIG",
    "LOSSES",
    "Activation",
    "Config",
    "ConfigError",
    "GradientSizes",
    "Loss",
    "Question",
    "Regime",
    "Regimes",
    "RoundingGap",
    "StepTrace",
    "choose_learning_rates",
    "first_rounding_gap",
    "forward",
    "gradient_sizes",
    "layer_gradient_sizes",
    "load_config",
    "parse_config",
    "quiz",
    "rounding_gaps",
    "train",
    "train_step",
]
