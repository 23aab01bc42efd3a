"""The quiz's formulas (see :mod:`scenes.check_yourself`): the names of the values a question gives, the rows
that give them, and the line that works the error after the update out from them."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, MathTex, VGroup, VMobject

from nnmath.losses import LOSSES, latex_tokens, zero_markers
from nnmath.notation import setting_decimals
from nnmath.quiz import MOST_SUBSTITUTED, QUIZ_ENTRIES, QUIZ_ETA, Question, whole_target
from scenes.drawing import symbols
from scenes.drawing.formula import Formula, Num, Token, piece_formula
from scenes.drawing.layout import glossed, glosses
from scenes.drawing.numbers import Entry
from scenes.drawing.style import FORMULA_SIZE, PANEL_SPACING, QUIZ_WIDTH
from scenes.formulas.notation import ln_meaning
from scenes.stage.context import StepContext
from scenes.words.error_calc import loss_index

ANSWER_GAP = 0.6  # between what a question gives and its answer; between an output and its target


def symbol(entry: Entry, batch: bool = False) -> str:
    """The LaTeX name of a value a question gives (``batch``: a dataset's quiz, on its batch's update: Ē)."""
    name, *index = entry
    if name in ("learning_rate", QUIZ_ETA[0]):
        return r"\eta"
    if name == "loss":
        return symbols.loss_before(batch)
    if name == "loss_after":
        return symbols.loss_after(batch)
    if name == "losses_after":  # a batch sample's error after the update (Eₖ would read as output k's term)
        return rf"E_s\text{{ after }}(s = {int(index[0]) + 1})"
    if name == "y_hat_after":  # an output after the update
        return rf"{symbols.y_hat(int(index[0]))}\text{{ after}}"
    if name == "y":
        return symbols.y(int(index[0]))
    l, j, *i = (int(k) for k in index)
    param = symbols.weight(l, j, i[0]) if i else symbols.bias(l, j)
    return symbols.partial(symbols.error(batch), param) if str(name).startswith("grad_") else param


def prompt_latex(q: Question) -> str:
    p = q.parameter
    name = "" if p is None else symbols.weight(p.l, p.j, p.i) if p.i is not None else symbols.bias(p.l, p.j)
    if q.kind == "new_value":  # with twice (or half) the video's η (its value is on the given rows: a trace number)
        return rf"\text{{With {q.times} the }}\eta\text{{ the video used, what would }}{name}\text{{ be after the update?}}"
    if q.kind == "direction":
        return rf"\text{{Which way does }}{name}\text{{ move: up or down?}}"
    return rf"\text{{{q.prompt}}}"


def given_rows(ctx: StepContext, q: Question) -> VGroup:
    """What a question gives, a value a row; η beside the value before it; an output after the update beside its
    target y (two outputs a row when there are more than two)."""
    rows: list[VMobject] = []
    targets = {entry[1]: entry for _, entry in q.given if entry[0] == "y"}
    whole = whole_target(q)  # every target as one vector, y = (0.0000, 1.0000, 0.0000): not beside one output
    pairs: list[VMobject] = []
    for _, entry in q.given:
        if entry[0] == "y":
            continue
        if entry[0] == "y_hat_after" and whole:
            pairs.append(given_row(ctx, entry))
        elif entry[0] == "y_hat_after":
            pairs.append(VGroup(given_row(ctx, entry), given_row(ctx, targets[entry[1]])).arrange(RIGHT, buff=0.4))
        elif (
            entry in (("learning_rate",), QUIZ_ETA) and rows
        ):  # η beside the weight it moves: the answer needs the room
            rows[-1] = VGroup(rows[-1], given_row(ctx, entry)).arrange(RIGHT, buff=ANSWER_GAP * 1.5)
        else:
            rows.append(given_row(ctx, entry))
    per_row = 2 if len(pairs) > 2 else 1
    for k in range(0, len(pairs), per_row):
        rows.append(VGroup(*pairs[k : k + per_row]).arrange(RIGHT, buff=ANSWER_GAP * 1.5))
    if whole:
        rows.append(target_row(ctx, [entry for _, entry in q.given if entry[0] == "y"]))
    if q.loss:  # the loss E after is worked out with, as the error step set it: its k and its ln said beside it
        loss = MathTex(LOSSES[q.loss].latex, font_size=FORMULA_SIZE, color=ctx.theme.text)
        meanings = glosses(loss_index(q.loss), ln_meaning(LOSSES[q.loss].latex))
        rows.append(glossed(loss, meanings, ctx.theme.text, QUIZ_WIDTH) if meanings else loss)  # (beside it)
    return VGroup(*rows).arrange(DOWN, buff=PANEL_SPACING, aligned_edge=LEFT)


TARGET_PIECES = ("y", "(", ",", ")")  # the whole target's row: y = (0.0000, 1.0000, 0.0000)


def target_row(ctx: StepContext, entries: list[Entry]) -> Formula:
    """y = (y₁, y₂, …): every target, as the error step writes the target vector."""
    numbers = [ctx.num(*entry, color=color_of(ctx, entry)) for entry in entries]
    tokens: list[Token] = ["("]
    for k, number in enumerate(numbers):
        tokens += [number, "," if k < len(numbers) - 1 else ")"]
    return Formula("y", "=", *tokens, decimals=ctx.decimals, color=ctx.theme.text)


def given_row(ctx: StepContext, entry: Entry) -> Formula:
    """``name = value``, one value a question gives (η as its setting: 0.5, not 0.5000)."""
    decimals = setting_decimals(ctx.value(entry)) if entry in (("learning_rate",), QUIZ_ETA) else ctx.decimals
    return Formula(
        symbol(entry, ctx.config.is_dataset),
        "=",
        ctx.num(*entry, color=color_of(ctx, entry)),
        decimals=decimals,
        color=ctx.theme.text,
    )


def color_of(ctx: StepContext, entry: Entry) -> str:
    """Each value in the colour of its idea, as the steps show it."""
    theme, name = ctx.theme, str(entry[0])
    if name.startswith("grad_") or name in ("dE_dyhat", "delta"):
        return theme.of_sign(ctx.value(entry), ctx.decimals)
    if name.startswith("new_") or name in ("learning_rate", *QUIZ_ENTRIES):
        return theme.update
    if name.startswith("loss"):
        return theme.error
    if name == "y_hat_after":
        return theme.forward
    if name == "y":
        return theme.target
    return theme.text


def error_after_tokens(ctx: StepContext, q: Question) -> list[Token]:
    """E after = the loss with the ŷ after (and y) the question gives put in = its value; empty for a batch's
    question (it gives each sample's Eₛ after instead)."""
    outputs = [int(entry[1]) for _, entry in q.given if entry[0] == "y_hat_after"]
    if not outputs:
        return []
    loss, n, theme = LOSSES[ctx.config.loss], len(ctx.trace.y), ctx.theme
    tokens: list[Token] = [symbols.LOSS_AFTER, "="]
    if len(outputs) > MOST_SUBSTITUTED:  # too long substituted: each output's term, as the error step showed them
        for k in outputs:
            tokens += [*(["+"] if len(tokens) > 2 else []), ctx.num("loss_terms_after", k, color=theme.error)]
        outputs = []
    for k in outputs:
        y = Num(ctx.value(("y", k)), ("y", k), theme.target, factor=True)
        p = Num(ctx.value(("y_hat_after", k)), ("y_hat_after", k), theme.forward, factor=True)
        zeros = zero_markers(y.value, p.value, ctx.decimals)  # −y ln ŷ with y = 0: −(0 ln ŷ)
        tokens += [*(["+"] if len(tokens) > 2 else []), *latex_tokens(loss.term, y, p, n, zeros)]
    return [*tokens, "=", ctx.num("loss_after", color=theme.error)]


def error_after_pieces(ctx: StepContext) -> list[tuple[str, ...]]:
    """The LaTeX pieces of :func:`error_after_tokens`, to typeset ahead."""
    loss, n = LOSSES[ctx.config.loss], len(ctx.trace.y)
    pieces = [t for t in latex_tokens(loss.term, None, None, n) if isinstance(t, str)]
    return [piece_formula(t) for t in (*pieces, symbols.LOSS_AFTER, "+", "(", ")")] + [
        (loss.latex,)
    ]  # ( ): around a zero term
