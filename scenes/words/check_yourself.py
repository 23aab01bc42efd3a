"""The quiz's words (see :mod:`scenes.words`)."""

from __future__ import annotations

from nnmath.notation import format_setting
from nnmath.quiz import QUIZ_ETA, Parameter, Question, given_formula, given_pairs
from nnmath.speech import bias_words, integer_words, number_words, pair_words, setting_words, weight_words
from scenes.drawing.narration import Words, beats
from scenes.drawing.numbers import entry_text
from scenes.stage.context import StepContext


def parameter_words(p: Parameter) -> str:
    return weight_words(p.l, p.j, p.i) if p.i is not None else bias_words(p.l, p.j)


def given_text(ctx: StepContext, entry: tuple[str | int, ...]) -> str:
    """A value a question gives, as on screen (η as its setting)."""
    value = ctx.value(entry)
    return format_setting(value) if entry in (("learning_rate",), QUIZ_ETA) else entry_text(entry, value, ctx.decimals)


# How each question hands over to the class, in turn: the same words three times in a clip read as a loop.
YOUR_TURN = ("Pause and predict.", "Pause the video and work it out.", "Try it before the answer comes.")


def your_turn(n: int) -> str:
    """What question ``n`` (from 1) ends with."""
    return YOUR_TURN[(n - 1) % len(YOUR_TURN)]


def quiz_question(ctx: StepContext, q: Question, n: int, count: int) -> Words:
    """Question ``n`` of ``count``, with what it gives."""
    given = ", ".join(given_pairs(q, lambda entry: given_text(ctx, entry)))
    given += f", and the loss {given_formula(q)}" if q.loss else ""
    # what it gives read from when its rows come in (scenes.check_yourself.ask)
    caption = beats(f"Check yourself, question {n} of {count}: {q.prompt}", f"Given {given}. {your_turn(n)}")
    opening = f"Check yourself, question {integer_words(n)} of {integer_words(count)}."
    if q.kind == "error":
        ask = "Is the error smaller after the update? Work the new error out from the new output."
        if any(entry[0] == "losses_after" for _, entry in q.given):
            ask = "Is the batch error smaller after the update? It is the mean of the samples' new errors."
        return Words(caption, f"{opening} {ask} {your_turn(n)}")
    assert q.parameter is not None
    name = parameter_words(q.parameter)
    gradient = number_words(ctx.value(q.parameter.entry("grad_")))
    if q.kind == "new_value":
        eta = setting_words(ctx.value(QUIZ_ETA))
        ask = f"With a learning rate of {eta}, {q.times} the one you watched, what would {name} be after the update? Its gradient is {gradient}."
    else:
        ask = f"Which way does {name} move, up or down? Its gradient is {gradient}."
    return Words(caption, f"{opening} {ask} {your_turn(n)}")


def quiz_answer(ctx: StepContext, q: Question) -> Words:
    """The answer, then (its own beat: read while the worked line is on screen) the reason as that line writes it."""
    caption = beats(f"Answer: {q.answer}.", q.said or q.reason)
    if q.kind == "error":
        before, after = pair_words(ctx.value(("loss",)), ctx.value(("loss_after",)))
        # not the update's "the error goes from … to …" again, word for word: the quiz works it out afresh
        entries = [entry[0] for _, entry in q.given]
        how = "Put the new output into the loss"
        if "losses_after" in entries:
            how = "Average the samples' new errors"
        elif "loss_after" in entries:  # a large batch: its error after is given
            how = "Compare the two errors"
        return Words(caption, f"Answer: {q.answer}. {how}: {after} now, against {before}.")
    assert q.parameter is not None
    name = parameter_words(q.parameter)
    if q.kind == "new_value":
        old, new = pair_words(ctx.value(q.parameter.entry("")), ctx.value(q.worked[-1]))
        return Words(caption, f"Answer: {new}: {old}, minus the new learning rate times the gradient.")
    old, new = pair_words(ctx.value(q.parameter.entry("")), ctx.value(q.parameter.entry("new_")))
    return Words(caption, f"Answer: {q.answer}. {name} goes from {old} to {new}.")


def quiz_end(labels_on_edges: bool) -> Words:
    """Back to the board the update left: its edges carry the new weights and biases only where the diagram labels
    them (else its neurons show what the new weights give, and the words say no more than that)."""
    line = "Back to the network, with its new weights and biases."
    if not labels_on_edges:
        line = "Back to the network: its neurons show the values the updated network gives."
    return Words(line, line)
