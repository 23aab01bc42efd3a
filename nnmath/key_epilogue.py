"""The answer key's last sections: the quiz, the learning-rate comparison and the size of δ per layer."""

from __future__ import annotations

from nnmath import gradient_words, regime_tags, regime_words, run_terms
from nnmath.batch_trace import BatchTrace, UpdateTrace
from nnmath.config import Config
from nnmath.key_format import Formatter, row
from nnmath.notation import is_gradient
from nnmath.quiz import QUIZ_ETA, given_formula, given_pairs, quiz
from nnmath.quiz import value as trace_value
from nnmath.regimes import LARGEST_TRIED, YOURS, choose_learning_rates
from nnmath.trace import StepTrace
from nnmath.vanishing import gradient_sizes

VERY_LARGE = "very large"  # the verdict of the largest η when none is too large


def check_yourself(config: Config, trace: UpdateTrace, f: Formatter) -> list[str]:
    """The quiz after the update: the questions with the values they give, then the answers below them."""
    questions = quiz(config, trace)
    out = ["## Check yourself", "", "Predict each answer before reading on (cover the answers below).", ""]
    for n, q in enumerate(questions, 1):
        given = ", ".join(given_pairs(q, lambda entry: given_value(trace, entry, f)))
        given += f", {given_formula(q)}" if q.loss else ""
        out.append(f"{n}. {q.prompt} (given: {given})")
    out += ["", "Answers:", ""]
    out += [f"{n}. **{q.answer.capitalize()}**: {q.reason}" for n, q in enumerate(questions, 1)]
    return [*out, ""]


def given_value(trace: UpdateTrace, entry: tuple[str | int, ...], f: Formatter) -> str:
    """A value a question gives, as the key writes it (η as a setting)."""
    value = trace_value(trace, entry)
    return f.setting(value) if entry in (("learning_rate",), QUIZ_ETA) else f(value, is_gradient(entry))


def learning_rates(config: Config, trace: StepTrace, f: Formatter) -> list[str]:
    """The same training with different learning rates, each run described by what its numbers show."""
    regimes = choose_learning_rates(config)
    out = [
        f"## Repeat: the same {run_terms.counted(regimes, regimes.steps)} with different learning rates",
        "",
        "| η | verdict | what it does |",  # "verdict": a word a student knows (FINDINGS-5 #14)
        "|---|---|---|",
    ]
    for run in regimes.compared:
        role = regime_tags.role_of(run, regimes) if run.role != YOURS else ""
        role = VERY_LARGE if role == LARGEST_TRIED else role  # the key shows no search that tried it
        role = ", ".join(part for part in (role, YOURS if run.yours else "") if part)
        out.append(row(f.setting(run.learning_rate), role, regime_words.what_it_does(run, regimes, f.decimals)))
    if not regimes.found_fault:
        out += ["", regime_words.nothing_went_wrong(regimes)]
    return [*out, ""]


def delta_sizes(config: Config, trace: UpdateTrace, f: Formatter) -> list[str]:
    """The mean |δ| of each layer, and what the numbers show about the gradient on its way back."""
    sizes = gradient_sizes(trace)
    if not sizes.has_lesson:
        return []
    out = [
        "## How big is δ in each layer?",
        "",
        f"The {gradient_words.heading(trace.size if isinstance(trace, BatchTrace) else None)}:",
        "",
        "| layer | mean size of δ |",  # no | in a cell: a plain-text viewer shows its backslashes
        "|---|---|",
    ]
    for l, size in enumerate(sizes.sizes):
        out.append(row(l + 1, gradient_words.size_text(float(size), f.decimals)))
    return [*out, "", gradient_words.meaning(sizes, config.hidden_activation, f.decimals), ""]
