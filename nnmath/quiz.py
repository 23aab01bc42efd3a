""" "Check yourself": three questions a lecturer asks after one training step, answered from its trace.

1. ``new_value``: "With twice the η the video used, what would w⁽ᴸ⁾ⱼᵢ be after the update?" for a parameter of the
   output layer W⁽ᴸ⁾, given w, that η and ∂E/∂w: a value the video never showed (its new value with the η
   watched is on the edges a minute earlier), worked out with the rule w − η·∂E/∂w; answered with that line.
2. ``direction``: "Which way does w⁽¹⁾ⱼᵢ move: up or down?" for a weight of the first layer W⁽¹⁾;
   answered from the sign of its gradient (a zero gradient: it does not move).
3. ``error``: "After the update, is the error smaller than before?", given E before and the outputs ŷ after
   with their targets y, so E after can be worked out from the loss; answered with that line, honestly
   "no" when a too-large η makes it rise.

The weight update works the focus weights (``config.focus``) out in full, so asking about them would
only repeat it. Each question takes, in its layer, the first weight in row-major order (j, then i) that
is neither the focus weight nor asked about already; the new-value question falls back to the layer's
first bias (b ← b − η ∂E/∂b), the direction question to the focus weight (a 1-1 layer has no other).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from nnmath import by_hand
from nnmath.batch_trace import BatchTrace, UpdateTrace
from nnmath.config import Config
from nnmath.losses import LOSSES, substitute_text
from nnmath.notation import (
    BATCH_ERROR,
    bias,
    error_name,
    format_number,
    format_setting,
    gradient_number,
    sub,
    weight,
)
from nnmath.trace import StepTrace

# A trace entry: a field of the trace (a StepTrace, or a BatchTrace for a batch's update) and its indices,
# e.g. ("new_weights", l, j, i), ("loss",).
Entry = tuple[str | int, ...]
QuestionKind = Literal["new_value", "direction", "error"]


@dataclass(frozen=True)
class Parameter:
    """A weight ``weights[l][j, i]`` (``i`` set) or a bias ``biases[l][j]`` (``i`` None), trace indices."""

    l: int
    j: int
    i: int | None = None

    @property
    def name(self) -> str:
        """w⁽ˡ⁾ⱼᵢ or b⁽ˡ⁾ⱼ, as the video numbers layers."""
        return weight(self.l, self.j, self.i) if self.i is not None else bias(self.l, self.j)

    def entry(self, prefix: str) -> Entry:
        """The trace entry of this parameter in ``{prefix}weights`` / ``{prefix}biases`` (prefix "", "grad_", "new_")."""
        if self.i is not None:
            return (f"{prefix}weights", self.l, self.j, self.i)
        return (f"{prefix}biases", self.l, self.j)

    @property
    def update_line(self) -> tuple[Entry, ...]:
        """The entries of old − η · ∂E/∂p = new, in that order."""
        return (self.entry(""), ("learning_rate",), self.entry("grad_"), self.entry("new_"))

    @property
    def quiz_line(self) -> tuple[Entry, ...]:
        """The same with the new-value question's η (``quiz_rate`` times the video's): old − η · ∂E/∂p = what it asks."""
        at = (self.l, self.j) if self.i is None else (self.l, self.j, self.i)
        return (self.entry(""), QUIZ_ETA, self.entry("grad_"), (QUIZ_NEW, *at))


@dataclass(frozen=True)
class Question:
    """One question: what it asks, the values it shows, its short answer and the worked reason.

    ``given`` are the (name, entry) pairs a student needs to predict the answer; ``worked`` the
    entries of the line that answers it, in order (for ``error``: E before, E after).
    """

    kind: QuestionKind
    prompt: str
    given: tuple[tuple[str, Entry], ...]
    answer: str
    reason: str
    worked: tuple[Entry, ...]
    parameter: Parameter | None = None
    times: str = ""  # the new-value question's η in words: "twice" (or "half") the video's
    said: str = ""  # the reason as the screen writes it, where that is shorter (the subtitle reads it); "": reason
    loss: str = ""  # the loss the answer is worked out with (its config name), shown with the values; "": none


QUIZ_RATES = {2.0: "twice", 0.5: "half"}  # the new-value question's η, as a multiple of the video's, and its word
QUIZ_ETA: Entry = ("quiz_eta",)  # that η
QUIZ_NEW = "quiz_new"  # ("quiz_new", l, j, i) / ("quiz_new", l, j): a parameter after the update with that η
QUIZ_ENTRIES = (str(QUIZ_ETA[0]), QUIZ_NEW)  # the names of both


def value(trace: UpdateTrace, entry: Entry) -> float:
    """The value of ``entry`` in ``trace``; ``QUIZ_ETA`` and ``(QUIZ_NEW, …)`` are the new-value question's η and
    the parameter it asks for, worked out from the trace's w and ∂E/∂w (w − η·∂E/∂w)."""
    name, *index = entry
    if entry == QUIZ_ETA:
        return quiz_rate(trace) * float(trace.learning_rate)
    if name == QUIZ_NEW:
        p = Parameter(*(int(k) for k in index))
        return value(trace, p.entry("")) - value(trace, QUIZ_ETA) * value(trace, p.entry("grad_"))
    found = getattr(trace, str(name))
    for i in index:
        found = found[i]
    return float(found)


def quiz_rate(trace: UpdateTrace) -> float:
    """Twice the video's η, unless a step that large would overflow a float (η near the largest float a config
    allows): then half of it, whose steps are finite wherever the video's own are."""
    steepest = max((float(np.max(np.abs(g))) for g in (*trace.grad_weights, *trace.grad_biases)), default=0.0)
    twice = 2.0 * float(trace.learning_rate)
    return 2.0 if math.isfinite(twice) and math.isfinite(twice * steepest) else 0.5


def quiz(config: Config, trace: UpdateTrace) -> tuple[Question, ...]:
    """The three questions, in the order they are asked."""
    first = new_value_question(config, trace)
    avoid = [first.parameter] if first.parameter is not None else []
    return (first, direction_question(config, trace, avoid), error_question(config, trace))


def quiz_parameter(config: Config, l: int, avoid: Sequence[Parameter] = ()) -> Parameter | None:
    """The first weight of trace layer ``l`` (row-major) that is neither its focus weight nor in ``avoid``."""
    focus = Parameter(l, *config.focus[l])
    for j in range(config.layers[l + 1]):
        for i in range(config.layers[l]):
            candidate = Parameter(l, j, i)
            if candidate != focus and candidate not in avoid:
                return candidate
    return None


def update_text(trace: UpdateTrace, p: Parameter, decimals: int, line: tuple[Entry, ...] | None = None) -> str:
    """``w⁽²⁾₁₂ = 0.4500 − 0.5 · 0.0827 = 0.4087``: the update of ``p`` with its numbers (η as a setting; ``line``:
    other entries for old, η, gradient and new, e.g. ``p.quiz_line``)."""
    old, eta, grad, new = (value(trace, e) for e in (line or p.update_line))
    shown = gradient_number(grad, decimals)  # a gradient: at least two significant digits, as the video shows it
    factor = f"({shown})" if shown.startswith("-") else shown
    old_shown, new_shown = format_number(old, decimals), format_number(new, decimals)
    # "≈" where the numbers as written do not give the new value (0.2000 − 0.5 · 0.0013 ≈ 0.1993), as on screen
    return f"{p.name} = {by_hand.worked(f'{old_shown} − {format_setting(eta)} · {factor}', new_shown)}"


def new_value_question(config: Config, trace: UpdateTrace) -> Question:
    """What is a parameter of the output layer after the update?"""
    L = trace.depth - 1
    p = quiz_parameter(config, L) or Parameter(L, 0)  # a 1-1 output layer: its bias
    f = config.decimals
    grad_name = f"∂{error_name(isinstance(trace, BatchTrace))}/∂{p.name}"
    times = QUIZ_RATES[quiz_rate(trace)]
    return Question(
        kind="new_value",
        prompt=f"With {times} the η the video used, what would {p.name} be after the update?",
        given=((p.name, p.entry("")), ("η", QUIZ_ETA), (grad_name, p.entry("grad_"))),
        answer=format_number(value(trace, p.quiz_line[-1]), f),
        reason=update_text(trace, p, f, p.quiz_line) + f": the step is {times} the one the update took.",
        worked=p.quiz_line,
        parameter=p,
        times=times,
    )


def direction_question(config: Config, trace: UpdateTrace, avoid: Sequence[Parameter] = ()) -> Question:
    """Which way does a weight of the first layer move?"""
    p = quiz_parameter(config, 0, avoid) or Parameter(0, *config.focus[0])
    f = config.decimals
    grad = value(trace, p.entry("grad_"))
    old, new = value(trace, p.entry("")), value(trace, p.entry("new_"))
    e = error_name(isinstance(trace, BatchTrace))
    grad_name = f"∂{e}/∂{p.name}"
    shown = gradient_number(grad, f)  # never reads 0 unless it is: at least two significant digits
    if grad == 0.0:
        answer = "it does not move"
        reason = f"{grad_name} = 0: the update subtracts nothing, so {p.name} stays {format_number(old, f)}."
    else:
        answer = "down" if grad > 0 else "up"
        sign = "> 0" if grad > 0 else "< 0"
        reason = f"{grad_name} = {shown} {sign} and the update subtracts η·∂{e}/∂w: {update_text(trace, p, f)}."
        if format_number(old, f) == format_number(new, f):
            reason += f" The step is too small to show at {f} decimals."
    return Question(
        kind="direction",
        prompt=f"Which way does {p.name} move: up or down?",
        # η too: the worked line uses it
        given=((p.name, p.entry("")), ("η", ("learning_rate",)), (grad_name, p.entry("grad_"))),
        answer=answer,
        reason=reason,
        worked=p.update_line,
        parameter=p,
    )


def needed_outputs(config: Config, trace: StepTrace) -> list[int]:
    """The outputs whose ŷ E depends on: all of them, but for cross-entropy only those with y ≠ 0 (−0 · ln ŷ = 0)."""
    outputs = range(len(trace.y))
    if config.loss == "cross_entropy":
        return [k for k in outputs if trace.y[k] != 0.0] or list(outputs)
    return list(outputs)


def whole_target(q: Question) -> bool:
    """Whether ``q`` gives every target yₖ, some without its ŷₖ: written as one vector, y = (0.0000, 1.0000, 0.0000)."""
    given = [entry for _, entry in q.given]
    targets = [entry for entry in given if entry[0] == "y"]
    return len(targets) > 1 and any(("y_hat_after", *entry[1:]) not in given for entry in targets)


def given_pairs(q: Question, text: Callable[[Entry], str]) -> list[str]:
    """What ``q`` gives as "name = value" (``text`` writes a value), the whole target as one vector."""
    pairs = [f"{name} = {text(entry)}" for name, entry in q.given if not (whole_target(q) and entry[0] == "y")]
    if whole_target(q):
        pairs.append(f"y = ({', '.join(text(entry) for _, entry in q.given if entry[0] == 'y')})")
    return pairs


def output_name(trace: StepTrace, symbol: str, k: int) -> str:
    return symbol if len(trace.y) == 1 else f"{symbol}{sub(k + 1)}"


def error_after_text(config: Config, trace: StepTrace, decimals: int) -> str:
    """``½ (0.0100 − 0.7284)² = 0.2580``: E after the update, the loss with ŷ after put in."""
    loss, n = LOSSES[config.loss], len(trace.y)

    def factor(v: float) -> str:
        text = format_number(float(v), decimals)
        return f"({text})" if text.startswith("-") else text

    terms = [
        substitute_text(loss.term, factor(trace.y[k]), factor(trace.y_hat_after[k]), n)
        for k in needed_outputs(config, trace)
    ]
    return by_hand.worked(" + ".join(terms), format_number(trace.loss_after, decimals))


MOST_SUBSTITUTED = 2  # E after with more outputs than this is written as its terms' sum, not substituted


def error_terms_text(trace: StepTrace, outputs: list[int], decimals: int) -> str:
    """``0.4284 + 0.8737 + … = 1.2067``: E after as the sum of each output's term (with the ŷ after put in)."""
    terms = " + ".join(format_number(float(trace.loss_terms_after[k]), decimals) for k in outputs)
    return by_hand.worked(terms, format_number(trace.loss_after, decimals))


def error_verdict(
    loss: float, loss_after: float, learning_rate: float, before: str, worked: str, step: str, e: str = "E"
) -> tuple[str, str]:
    """The error question's answer and its reason from E before and after (``worked``: how E after is found;
    ``e``: the error's name, Ē for a batch)."""
    eta = format_setting(learning_rate)
    if loss_after < loss:
        return "yes", f"{e} after = {worked}, less than {e} before = {before}."
    if loss_after > loss:
        return "no", f"{e} after = {worked}, more than {e} before = {before}: η = {eta} is too large{step}."
    if math.isnan(loss_after):
        return "no", f"{e} after the update is undefined: η = {eta} is so large that the numbers overflow."
    return "it stays the same", f"{e} after = {worked}, the same as {e} before = {before}."


def error_question(config: Config, trace: UpdateTrace) -> Question:
    """Is the error smaller after this update? Given E before, and ŷ after with its targets: a student works
    E after out from the loss and compares (honestly "no" when a too-large η makes it rise)."""
    if isinstance(trace, BatchTrace):
        return batch_error_question(trace, config.decimals)
    f = config.decimals
    before = format_number(trace.loss, f)
    worked = error_after_text(config, trace, f)
    answer, reason = error_verdict(trace.loss, trace.loss_after, trace.learning_rate, before, worked, " for this step")
    outputs = needed_outputs(config, trace)
    said = ""
    if len(outputs) > MOST_SUBSTITUTED:  # the screen writes E after as its terms' sum: the subtitle reads that
        said = error_verdict(
            trace.loss,
            trace.loss_after,
            trace.learning_rate,
            before,
            error_terms_text(trace, outputs, f),
            " for this step",
        )[1]
    # Every target when some outputs are left out (cross-entropy's y = 0 terms): y = (0, 1, 0) says why they are.
    targets = outputs if len(outputs) == len(trace.y) else range(len(trace.y))
    given = (
        ("E before", ("loss",)),
        *((f"{output_name(trace, 'ŷ', k)} after", ("y_hat_after", k)) for k in outputs),
        *((output_name(trace, "y", k), ("y", k)) for k in targets),
    )
    return Question(
        kind="error",
        prompt="After the update, is the error smaller than before?",
        given=given,
        answer=answer,
        reason=reason,
        worked=(("loss",), ("loss_after",)),
        said=said,
        loss=config.loss,  # E after is worked out with it: the question shows it (FINDINGS-5 #13)
    )


MAX_LISTED = 4  # a batch's error question lists each sample's error after the update up to this many samples


def batch_error_question(trace: BatchTrace, decimals: int) -> Question:
    """Is the batch error smaller after this update? Given Ē before and each sample's Eₛ after (Ē after is
    their mean), or for a batch of more than MAX_LISTED samples Ē after itself."""

    def f(v: float) -> str:
        return format_number(float(v), decimals)

    m, before, after = trace.size, f(trace.loss), f(trace.loss_after)
    listed = m <= MAX_LISTED
    if listed:
        worked = by_hand.worked(f"(1/{m}) ({' + '.join(f(e) for e in trace.losses_after)})", after)
        given = (
            (f"{BATCH_ERROR} before", ("loss",)),
            *((f"Eₛ after (s = {s + 1})", ("losses_after", s)) for s in range(m)),
        )
    else:
        worked, given = after, ((f"{BATCH_ERROR} before", ("loss",)), (f"{BATCH_ERROR} after", ("loss_after",)))
    answer, reason = error_verdict(trace.loss, trace.loss_after, trace.learning_rate, before, worked, "", BATCH_ERROR)
    return Question(
        kind="error",
        prompt="After the update, is the batch error smaller than before?",
        given=given,
        answer=answer,
        reason=reason,
        worked=(("loss",), ("loss_after",)),
    )


def given_formula(q: Question) -> str:
    """The loss formula a question gives as text (the registry's), or ""."""
    return LOSSES[q.loss].formula if q.loss else ""


THINK_SECONDS = {"new_value": 12, "direction": 8, "error": 15}  # to work the answer out, after reading
READING_SPEED = 15.0  # characters a second a class reads a question and its values at


def think_time(q: Question, decimals: int) -> int:
    """Seconds a question stays up before its answer: time to read it and its values, then to work it out
    (a lecturer can pause longer; the slides stop there anyway)."""
    shown = len(q.prompt) + sum(len(name) + 3 + decimals + 2 for name, _ in q.given) + len(given_formula(q))
    return THINK_SECONDS[q.kind] + math.ceil(shown / READING_SPEED)
