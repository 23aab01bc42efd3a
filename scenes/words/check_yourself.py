"""The quiz's words (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.notation import format_setting
from nnmath.quiz import QUIZ_ETA, Parameter, Question
from nnmath.speech import bias_words, integer_words, number_words, pair_words, setting_words, weight_words
from scenes.drawing.narration import Words, beats
from scenes.drawing.numbers import text
from scenes.stage.context import StepContext


def parameter_words(p: Parameter) -> str:
    return weight_words(p.l, p.j, p.i) if p.i is not None else bias_words(p.l, p.j)


def given_text(ctx: StepContext, entry: tuple[str | int, ...]) -> str:
    """A value a question gives, as on screen (η as its setting)."""
    value = ctx.value(entry)
    return format_setting(value) if entry in (("learning_rate",), QUIZ_ETA) else text(value, ctx.decimals)


def quiz_question(ctx: StepContext, q: Question, n: int, count: int) -> Words:
    """Question ``n`` of ``count``, with what it gives."""
    given = ", ".join(f"{name} = {given_text(ctx, entry)}" for name, entry in q.given)
    caption = f"Check yourself, question {n} of {count}: {q.prompt} Given {given}. Pause and predict."
    opening = f"Check yourself, question {integer_words(n)} of {integer_words(count)}."
    if q.kind == "error":
        ask = "Is the error smaller after the update? Work the new error out from the new output."
        if any(entry[0] == "losses_after" for _, entry in q.given):
            ask = "Is the batch error smaller after the update? It is the mean of the samples' new errors."
        return Words(caption, f"{opening} {ask} Pause and predict.")
    assert q.parameter is not None
    name = parameter_words(q.parameter)
    gradient = number_words(ctx.value(q.parameter.entry("grad_")))
    if q.kind == "new_value":
        eta = setting_words(ctx.value(QUIZ_ETA))
        ask = f"With a learning rate of {eta}, {q.times} the one you watched, what would {name} be after the update? Its gradient is {gradient}."
    else:
        ask = f"Which way does {name} move, up or down? Its gradient is {gradient}."
    return Words(caption, f"{opening} {ask} Pause and predict.")


def quiz_answer(ctx: StepContext, q: Question) -> Words:
    """The answer, then (its own beat: read while the worked line is on screen) the reason as that line writes it."""
    caption = beats(f"Answer: {q.answer}.", q.said or q.reason)
    if q.kind == "error":
        before, after = pair_words(ctx.value(("loss",)), ctx.value(("loss_after",)))
        return Words(caption, f"Answer: {q.answer}. The error goes from {before} to {after}.")
    assert q.parameter is not None
    name = parameter_words(q.parameter)
    if q.kind == "new_value":
        old, new = pair_words(ctx.value(q.parameter.entry("")), ctx.value(q.worked[-1]))
        return Words(caption, f"Answer: {new}: {old}, minus the new learning rate times the gradient.")
    old, new = pair_words(ctx.value(q.parameter.entry("")), ctx.value(q.parameter.entry("new_")))
    return Words(caption, f"Answer: {q.answer}. {name} goes from {old} to {new}.")


def quiz_end() -> Words:
    line = "Back to the network, with its new weights and biases."
    return Words(line, line)
