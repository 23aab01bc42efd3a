"""The spoken lines of the long chain, the quiz and the epilogue (see :mod:`scenes.spoken`)."""

from __future__ import annotations

from nnmath.paths import Path
from nnmath.quiz import Parameter, Question
from nnmath.regimes import EPILOGUE_STEPS
from nnmath.speech import (
    and_list,
    bias_words,
    integer_words,
    neuron_words,
    number_words,
    numbers_words,
    pair_words,
    weight_words,
)
from nnmath.vanishing import SAME, SHRINKS
from scenes.stage.context import StepContext

# --- the long chain (backward pass, a network with a hidden layer) -----------------------------------------


def long_chain_path(ctx: StepContext, path: Path) -> str:
    j, i = ctx.config.focus[0]
    return (
        f"Along one path back to {weight_words(0, j, i)}, the gradient is a product of "
        f"{integer_words(len(path.factors))} partial derivatives: {number_words(path.product)}."
    )


def long_chain_sum(ctx: StepContext, paths: int, total: float, naive: int, backprop: int) -> str:
    j, i = ctx.config.focus[0]
    summed = f"The {integer_words(paths)} paths add up to" if paths > 1 else "That is"
    line = f"{summed} {number_words(total)}: {neuron_words('delta', 1, j)} times {neuron_words('a', 0, i)}."
    if naive > backprop:
        line += f" Backprop needs {integer_words(backprop)} multiplications, not {integer_words(naive)}."
    return line


# --- check yourself -----------------------------------------------------------------------------------------


def parameter_words(p: Parameter) -> str:
    return weight_words(p.l, p.j, p.i) if p.i is not None else bias_words(p.l, p.j)


def quiz_question(ctx: StepContext, q: Question, n: int, count: int) -> str:
    opening = f"Check yourself, question {integer_words(n)} of {integer_words(count)}."
    if q.kind == "error":
        return f"{opening} After the update, is the error smaller than before? Work out the error from the new output. Pause and predict."
    assert q.parameter is not None
    name = parameter_words(q.parameter)
    gradient = number_words(ctx.value(q.parameter.entry("grad_")))
    if q.kind == "new_value":
        ask = f"What is {name} after the update? Its gradient is {gradient}."
    else:
        ask = f"Which way does {name} move, up or down? Its gradient is {gradient}."
    return f"{opening} {ask} Pause and predict."


def quiz_answer(ctx: StepContext, q: Question) -> str:
    if q.kind == "error":
        before, after = pair_words(ctx.value(("loss",)), ctx.value(("loss_after",)))
        return f"Answer: {q.answer}. The error goes from {before} to {after}."
    assert q.parameter is not None
    name = parameter_words(q.parameter)
    old, new = pair_words(ctx.value(q.parameter.entry("")), ctx.value(q.parameter.entry("new_")))
    if q.kind == "new_value":
        return f"Answer: {new}: {old}, minus the learning rate times the gradient."
    return f"Answer: {q.answer}. {name} goes from {old} to {new}."


def quiz_end() -> str:
    return "Back to the network, with its new weights and biases."


# --- the epilogue -------------------------------------------------------------------------------------------


def repeat_curve(ctx: StepContext) -> str:
    history = ctx.history
    steps = integer_words(EPILOGUE_STEPS)
    return f"Repeat the four steps {steps} times: the error goes from {number_words(history[0])} to {number_words(history[EPILOGUE_STEPS])}."


def repeat_rates(ctx: StepContext) -> str:
    rates = and_list(
        [
            f"{number_words(run.learning_rate)} is {run.role.replace('largest η tried', 'the largest tried')}"
            for run in ctx.regimes.runs
        ]
    )
    return f"The learning rate sets the step size: {rates}."


def repeat_gradients(ctx: StepContext) -> str:
    sizes = ctx.gradient_sizes
    line = f"The average size of delta in each layer, first to last: {numbers_words(sizes.sizes)}."
    if sizes.trend == SHRINKS:
        return line + f" Going back, it shrinks {number_words(sizes.ratio)} times."
    if sizes.trend == SAME:
        return line + " It stays about the same size: here the gradient does not vanish."
    return line + " It does not shrink at every layer."
