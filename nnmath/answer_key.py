"""The worked solution of one step as a Markdown answer key a lecturer can hand out."""

from __future__ import annotations

from nnmath.config import Config
from nnmath.key_backward import after_update, backward_pass, long_chain, weight_update
from nnmath.key_epilogue import check_yourself, delta_sizes, learning_rates
from nnmath.key_format import FOOTNOTE_MARK, ROUNDING_NOTE, Formatter, footnote, row
from nnmath.key_forward import error, forward_pass, network
from nnmath.rounding import first_rounding_gap
from nnmath.trace import StepTrace

SECTIONS = (
    network,
    forward_pass,
    error,
    backward_pass,
    long_chain,
    weight_update,
    after_update,
    check_yourself,
    learning_rates,
    delta_sizes,
)


def answer_key(config: Config, trace: StepTrace) -> str:
    """Markdown: the network, then forward, error, backward and update, formulas with numbers.

    The first formula whose shown result differs from what its shown numbers give (see
    :func:`nnmath.rounding.first_rounding_gap`) gets a footnote mark and a footnote after its table.
    """
    f = Formatter(config.decimals, first_rounding_gap(trace, config.decimals, config.focus))
    return "\n".join(line for section in SECTIONS for line in section(config, trace, f))


__all__ = ["FOOTNOTE_MARK", "ROUNDING_NOTE", "answer_key", "footnote", "row"]
