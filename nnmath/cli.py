"""``python -m nnmath trace``: the worked solution of one step, as JSON or a Markdown answer key."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import numpy as np

from nnmath.answer_key import answer_key_of
from nnmath.batch_trace import batch_step
from nnmath.config import DEFAULT_CONFIG, Config, ConfigError, load_config
from nnmath.history import train_history
from nnmath.network import train_step

EXIT_USAGE = 2  # bad input: a bad config, like a bad option, exits 2


def add_trace_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", help=f"config TOML (default: {DEFAULT_CONFIG.name} in assets/)")
    parser.add_argument(
        "--format", choices=("json", "markdown"), default="markdown", help="output format (default: markdown)"
    )


def load_or_report(path: str | None) -> Config | None:
    """The config at ``path``; on a mistake, its one-line error on stderr and None."""
    try:
        return load_config(path)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def run_trace(args: argparse.Namespace) -> int:
    """Print the trace for ``args.config`` in ``args.format``; a bad config is one line on stderr."""
    config = load_or_report(args.config)
    if config is None:
        return EXIT_USAGE
    with np.errstate(all="ignore"):  # a huge η overflows the update on purpose: the key shows ∞, no warnings
        trace = train_step(config)
        if args.format == "json":
            document = {"config": config.path, "decimals": config.decimals, "focus": config.focus, **trace.to_dict()}
            if config.is_dataset:  # a dataset: the first batch's update and the training, after the sample
                document["batch"] = batch_step(config).to_dict()
                document["training"] = train_history(config).to_dict()
            json.dump(document, sys.stdout, indent=2, allow_nan=False)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(answer_key_of(config))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nnmath", description="The numbers behind the backprop video.")
    commands = parser.add_subparsers(dest="command", required=True)
    trace = commands.add_parser("trace", help="print the worked solution of one training step")
    add_trace_arguments(trace)
    args = parser.parse_args(argv)
    return run_trace(args)
