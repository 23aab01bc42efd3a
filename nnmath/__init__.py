"""nnmath: the tiny numpy network behind every number in the video. Never imports manim."""

from __future__ import annotations

from nnmath.activations import ACTIVATIONS, Activation
from nnmath.config import DEFAULT_CONFIG, Config, ConfigError, load_config, parse_config
from nnmath.losses import LOSSES, Loss
from nnmath.network import compare_learning_rates, forward, train, train_step
from nnmath.rounding import RoundingGap, first_rounding_gap, rounding_gaps
from nnmath.trace import StepTrace

__all__ = [
    "ACTIVATIONS",
    "DEFAULT_CONFIG",
    "LOSSES",
    "Activation",
    "Config",
    "ConfigError",
    "Loss",
    "RoundingGap",
    "StepTrace",
    "compare_learning_rates",
    "first_rounding_gap",
    "forward",
    "load_config",
    "parse_config",
    "rounding_gaps",
    "train",
    "train_step",
]
