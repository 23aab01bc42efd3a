"""The worked solution of one step as a Markdown answer key a lecturer can hand out."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from nnmath.batch_key import batch_markdown, data_markdown, training_markdown
from nnmath.batch_trace import batch_step
from nnmath.config import Config
from nnmath.history import train_history
from nnmath.key_backward import after_update, backward_pass, long_chain, weight_update
from nnmath.key_epilogue import check_yourself, delta_sizes, learning_rates
from nnmath.key_format import FOOTNOTE_MARK, ROUNDING_NOTE, Formatter, footnote, row
from nnmath.key_forward import error, forward_pass, network
from nnmath.network import train_step
from nnmath.rounding import first_rounding_gap
from nnmath.trace import StepTrace

Section = Callable[[Config, StepTrace, Formatter], list[str]]  # one part of the key

SECTIONS: tuple[Section, ...] = (
    network,
    forward_pass,
    error,
    backward_pass,
    long_chain,
    weight_update,
    after_update,
    check_yourself,
    learning_rates,  # the epilogue
    delta_sizes,
)


def answer_key(config: Config, trace: StepTrace) -> str:
    """Markdown: the network, then forward, error, backward and update, formulas with numbers.

    The first formula whose shown result differs from what its shown numbers give (see
    :func:`nnmath.rounding.first_rounding_gap`) gets a footnote mark and a footnote after its table.
    """
    f = Formatter(config.decimals, first_rounding_gap(trace, config.decimals, config.focus))
    sections = dataset_sections(config) if config.is_dataset else SECTIONS
    return "\n".join(minus_signs(line) for section in sections for line in section(config, trace, f))


def answer_key_of(config: Config) -> str:
    """The answer key of ``config``'s step, as ``python -m nnmath trace`` prints it and a render writes it."""
    with np.errstate(all="ignore"):  # a huge η overflows the update on purpose: the key shows ∞, no warnings
        return answer_key(config, train_step(config))


SIGNED = re.compile(r"(^|[\s(|=·,\[*])-(?=\d)")  # a hyphen before a digit, where a number starts


def minus_signs(line: str) -> str:
    """The key writes a negative number as the video does, with a minus sign: "−0.3000", never "-0.3000"."""
    return SIGNED.sub(lambda m: f"{m.group(1)}−", line)


def dataset_sections(config: Config) -> tuple[Section, ...]:
    """A dataset's key: the data, the worked sample's passes, then the batch's means and update, the quiz on
    that update, training over the epochs, and the epilogue (δ sizes: the batch's samples')."""
    batch = batch_step(config)
    return (
        network,
        lambda *_: data_markdown(config, batch),
        forward_pass,
        error,
        backward_pass,
        long_chain,
        lambda *_: batch_markdown(config, batch),
        lambda _c, _t, f: check_yourself(config, batch, f),
        lambda *_: training_markdown(config, train_history(config)),
        learning_rates,
        lambda _c, _t, f: delta_sizes(config, batch, f),
    )


__all__ = ["FOOTNOTE_MARK", "ROUNDING_NOTE", "answer_key", "footnote", "minus_signs", "row"]
