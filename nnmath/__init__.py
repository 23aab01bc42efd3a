"""nnmath: the tiny numpy network behind every number in the video. Never imports manim."""

from __future__ import annotations

from nnmath.activations import ACTIVATIONS, Activation
from nnmath.batch_trace import BatchTrace, SampleTrace, batch_step, first_batch
from nnmath.batches import batches_in_epoch, epoch_order, updates_per_epoch
from nnmath.config import DEFAULT_CONFIG, Config, ConfigError, load_config, parse_config
from nnmath.generators import GENERATORS
from nnmath.history import History, Snapshot, accuracy, is_classification, train_history
from nnmath.losses import LOSSES, Loss
from nnmath.network import forward, train, train_step
from nnmath.paths import long_chain_markdown as long_chain_markdown  # the answer key's long-chain section
from nnmath.plane import Curve, Grid, input_bounds, output_curve, output_grid
from nnmath.quiz import Question, quiz
from nnmath.regimes import Regime, Regimes, choose_learning_rates
from nnmath.rounding import RoundingGap, first_rounding_gap, rounding_gaps
from nnmath.trace import StepTrace
from nnmath.vanishing import GradientSizes, gradient_sizes, layer_gradient_sizes

__all__ = [
    "ACTIVATIONS",
    "DEFAULT_CONFIG",
    "GENERATORS",
    "LOSSES",
    "Activation",
    "BatchTrace",
    "Config",
    "ConfigError",
    "Curve",
    "GradientSizes",
    "Grid",
    "History",
    "Loss",
    "Question",
    "Regime",
    "Regimes",
    "RoundingGap",
    "SampleTrace",
    "Snapshot",
    "StepTrace",
    "accuracy",
    "batch_step",
    "batches_in_epoch",
    "choose_learning_rates",
    "epoch_order",
    "first_batch",
    "first_rounding_gap",
    "forward",
    "gradient_sizes",
    "input_bounds",
    "is_classification",
    "layer_gradient_sizes",
    "load_config",
    "output_curve",
    "output_grid",
    "parse_config",
    "quiz",
    "rounding_gaps",
    "train",
    "train_history",
    "train_step",
    "updates_per_epoch",
]
