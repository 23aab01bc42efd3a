"""Check yourself: after the weight update, three pause-and-predict questions, each answered from the trace.

The questions are :func:`nnmath.quiz` (a new value, a direction, the error after the update). Per question
two sections:

- ``quiz-<n>-question`` of type ``QUESTION_SECTION`` ("backprop.question"): the question, the values it
  needs (trace numbers) and a countdown ring of ``THINK`` seconds. Slides stop at the end of every section
  of this type, so a lecturer can let the room predict before the answer comes;
- ``quiz-<n>-answer`` (manim's normal type): the answer, with its worked line from the trace.

manim writes each section's type into the sections index (``<Scene>.json`` beside the section clips of
``--save_sections``); the section names say it too. The network fades out for the quiz (its labels show
the new weights, which would give answers away) and comes back at the end, as the update left it, so
the epilogue's clip runs on.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    TAU,
    UP,
    Arc,
    Circle,
    MathTex,
    Mobject,
    Scene,
    Text,
    Transform,
    VGroup,
    VMobject,
    linear,
)

from nnmath.notation import setting_decimals
from nnmath.quiz import Question, quiz, think_time, whole_target
from scenes.drawing.colour_key import colour_key
from scenes.drawing.fades import Appear, Vanish
from scenes.drawing.formula import Formula, Num, Token, piece_formula, typeset
from scenes.drawing.layout import step_title
from scenes.drawing.narration import beat, narrated, read_out
from scenes.drawing.shown_arithmetic import ROUNDING_NOTE, needs_note
from scenes.drawing.style import (
    COUNTDOWN_CENTER,
    COUNTDOWN_RADIUS,
    COUNTDOWN_SIZE,
    COUNTDOWN_STROKE,
    EDGE_WIDTH,
    EMPHASIS_SIZE,
    FADE,
    LABEL_SIZE,
    PANEL_RIGHT,
    PANEL_SPACING,
    QUESTION_SIZE,
    QUESTION_TOP,
    QUIZ_LEFT,
    QUIZ_WIDTH,
    READ,
    READ_ALL,
    SAFE_BOTTOM,
    SHOW,
    SHOW_ROW,
    TEXT_SIZE,
    THINK,
)
from scenes.drawing.theme import MEAN_AND_SAMPLE_ERRORS, ROLES, role_colors
from scenes.formulas.check_yourself import (
    TARGET_PIECES,
    color_of,
    error_after_pieces,
    error_after_tokens,
    given_rows,
    prompt_latex,
    symbol,
)
from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.stage.context import StepContext
from scenes.stage.states import after_update, on_scene
from scenes.words import check_yourself as words

QUESTION_SECTION = "backprop.question"  # the section type slides stop on
ANSWER_GAP = 0.45  # between what a question gives and its answer
QUESTION_ROOM = 0.4  # how far a question may move up (under the title) to make room for its answer
KEY_GAP = 0.3  # between the countdown ring and the key under it (a six-row key stays above the strip)


def play_check_yourself(scene: Scene, ctx: StepContext, board: Board | None = None) -> Board:
    """Play the quiz on ``scene``; the board (as the update left it) is on screen before and after."""
    ctx = ctx.for_update()  # a dataset: the update asked about is the batch's, as the answer key's
    board = on_scene(scene, ctx, board, after_update)
    questions = quiz_of(ctx)
    title = step_title(None, "Check yourself", ctx.theme.text)
    for n, question in enumerate(questions, 1):
        opening = (board.everything(), title) if n == 1 else None  # the network makes way for the title
        key = quiz_key(ctx, question)  # each question's own: only the colours it draws (FINDINGS-11 #10)
        shown = ask(scene, ctx, question, n, len(questions), opening, key)
        reveal(scene, ctx, question, n, shown, key)
    back_to_the_network(scene, board, title)
    return board


def quiz_key(ctx: StepContext, question: Question) -> VGroup:
    """The key to a question's colours, one a row under the countdown (the question runs under the title)."""
    names = MEAN_AND_SAMPLE_ERRORS if ctx.config.is_dataset else None  # a dataset's quiz asks about Ē and Eₛ
    key = colour_key(ctx.theme, quiz_roles(ctx, question), room=0.0, names=names)
    top = COUNTDOWN_CENTER[1] - COUNTDOWN_RADIUS - KEY_GAP
    return key.move_to((PANEL_RIGHT, top, 0), aligned_edge=UP + RIGHT)


def quiz_roles(ctx: StepContext, question: Question) -> list[str]:
    """The colours a question and its answer draw (``ROLES`` fields): what it gives, and what its answer works out
    (the new value, E before and after)."""
    role_of = {color: role for role, color in role_colors(ctx.theme).items()}
    drawn = {color_of(ctx, entry) for entry in (*(entry for _, entry in question.given), *question.worked)}
    return [role for role in ROLES if role in {role_of.get(c) for c in drawn}]


def quiz_of(ctx: StepContext) -> tuple[Question, ...]:
    """The questions: for a dataset on its first batch's update (the error question the batch's: E before and
    each sample's Eₛ after, as the answer key asks it), else on the step."""
    return quiz(ctx.config, ctx.batch if ctx.config.is_dataset else ctx.trace)


def ask(
    scene: Scene,
    ctx: StepContext,
    q: Question,
    n: int,
    count: int,
    opening: tuple[Mobject, Mobject] | None,
    key: VGroup,
) -> VGroup:
    """The question section: the question, what it gives (with ``key``, its colours' key), and the countdown;
    returns what stays for the answer. ``opening`` (before the first question): what leaves the screen, and the
    title that comes."""
    with narrated(scene, f"quiz-{n}-question", words.quiz_question(ctx, q, n, count), section_type=QUESTION_SECTION):
        if opening is not None:
            leaving, title = opening
            scene.play(Vanish(leaving), run_time=FADE)
            scene.play(Appear(title), run_time=SHOW)
        prompt = MathTex(prompt_latex(q), font_size=QUESTION_SIZE, color=ctx.theme.text)
        prompt.move_to((QUIZ_LEFT, QUESTION_TOP, 0), aligned_edge=UP + LEFT)
        rows = given_rows(ctx, q)
        rows.next_to(prompt, DOWN, buff=ANSWER_GAP, aligned_edge=LEFT)
        scene.play(Appear(prompt), run_time=SHOW_ROW)
        beat(scene)  # what the question gives, read from when its rows come in
        scene.play(Appear(rows), Appear(key), run_time=SHOW_ROW)
        countdown(scene, ctx, think_time(q, ctx.decimals))
    return VGroup(prompt, rows)


def reveal(scene: Scene, ctx: StepContext, q: Question, n: int, shown: VGroup, key: VGroup) -> None:
    """The answer section: the short answer, then the line from the trace that gives it; it ends with the question
    gone, and its key (``key``)."""
    with narrated(scene, f"quiz-{n}-answer", words.quiz_answer(ctx, q)):
        verdict = answer_mobject(ctx, q)
        line = worked_line(ctx, q)
        notes = rounding_notes(ctx, line)  # the line's numbers, rounded, may not give its result: why
        answer = VGroup(verdict, line).arrange(DOWN, buff=PANEL_SPACING, aligned_edge=LEFT)
        answer.next_to(shown, DOWN, buff=ANSWER_GAP, aligned_edge=LEFT)
        beside = []  # under the line; where the subtitles' strip is there, beside the values the line uses
        for note in notes:
            note.next_to(answer, DOWN, buff=PANEL_SPACING, aligned_edge=LEFT)
            beside += [note] if note.get_bottom()[1] < SAFE_BOTTOM - QUESTION_ROOM else []
            answer.add(*([] if beside else [note]))
        if (short := SAFE_BOTTOM - answer.get_bottom()[1]) > 0:  # clear of the strip where a player shows subtitles
            lift = min(short, QUESTION_ROOM)
            answer.shift(lift * UP)
            scene.play(shown.animate.shift(lift * UP), run_time=SHOW)
        for note in beside:
            note.next_to(shown[-1], RIGHT, buff=ANSWER_GAP * 1.5, aligned_edge=DOWN)
        scene.play(Appear(verdict), run_time=SHOW_ROW)
        scene.wait(READ)
        beat(scene)  # the reason is read while its line is on screen
        scene.play(Appear(line), *map(Appear, notes), run_time=SHOW_ROW)
        scene.wait(READ_ALL)
        read_out(scene)  # … until it is read, then both go
        scene.play(Vanish(VGroup(shown, answer, *notes, key)), run_time=FADE)


def rounding_notes(ctx: StepContext, line: VMobject) -> list[Text]:
    """The rounding note under an answer's worked line, when its shown numbers do not give its shown result."""
    rows = [m for m in line.get_family() if isinstance(m, Formula)]
    if not any(needs_note(row, ctx.rounding_gaps) for row in rows):
        return []
    return [Text(ROUNDING_NOTE, font_size=LABEL_SIZE, color=ctx.theme.muted, line_spacing=0.8)]


def back_to_the_network(scene: Scene, board: Board, title: VMobject) -> None:
    """The quiz ends on the network as the update left it (where the epilogue starts)."""
    with narrated(scene, "quiz-end", words.quiz_end(board.diagram.labels_on_edges)):
        scene.play(Vanish(title), run_time=FADE)
        parts = [board.diagram, *board.overlay()]  # one by one, as a board is attached (not as one group)
        scene.play(*(Appear(m) for m in parts), run_time=SHOW_ROW)


class Countdown(VGroup):
    """The quiz's countdown drawn as one piece (its track, the arc left and the seconds inside): what it covers."""


def countdown(scene: Scene, ctx: StepContext, seconds: int = THINK) -> None:
    """A ring that empties in ``seconds``, the seconds left inside it (plain text: not trace numbers): time to
    read the question and work its answer out (``nnmath.quiz.think_time``); slides stop there anyway."""
    theme, center = ctx.theme, np.array(COUNTDOWN_CENTER)
    track = Circle(radius=COUNTDOWN_RADIUS, color=theme.muted, stroke_width=EDGE_WIDTH).move_to(center)
    ring = countdown_arc(1.0, theme.text)
    digit = Text(str(seconds), font_size=COUNTDOWN_SIZE, color=theme.text).move_to(center)
    clock = Countdown(track, ring, digit)
    scene.play(Appear(clock), run_time=FADE)
    for left in range(seconds, 0, -1):
        scene.play(
            Transform(ring, countdown_arc((left - 1) / seconds, theme.text)), run_time=1.0, rate_func=linear
        )  # a second
        clock.remove(digit)
        if left > 1:
            digit = Text(str(left - 1), font_size=COUNTDOWN_SIZE, color=theme.text).move_to(center)
            clock.add(digit)
    scene.play(Vanish(clock), run_time=FADE)


def countdown_arc(share: float, color: str) -> Arc:
    """The ring's remaining ``share``, from the top, clockwise (a sliver when none is left)."""
    arc = Arc(radius=COUNTDOWN_RADIUS, start_angle=PI / 2, angle=-TAU * max(share, 1e-3))
    arc.set_stroke(color, width=COUNTDOWN_STROKE)
    return arc.shift(np.array(COUNTDOWN_CENTER))


def answer_mobject(ctx: StepContext, q: Question) -> VMobject:
    """ "Answer: down" in words, or for a new value "Answer:" over ``w = 0.4087`` (a trace number)."""
    theme = ctx.theme
    if q.kind != "new_value":
        return Text(f"Answer: {q.answer}", font_size=QUESTION_SIZE, color=theme.text)
    new = q.worked[-1]
    value = Formula(
        symbol(q.worked[0], ctx.config.is_dataset),
        "=",
        ctx.num(*new, color=theme.update),
        decimals=ctx.decimals,
        color=theme.text,
        font_size=EMPHASIS_SIZE,
    )
    heading = Text("Answer:", font_size=QUESTION_SIZE, color=theme.text)
    return VGroup(heading, value).arrange(DOWN, buff=PANEL_SPACING, aligned_edge=LEFT)


def worked_line(ctx: StepContext, q: Question) -> VMobject:
    """The line of the trace that answers ``q``: the update w − η·∂E/∂w, or E before → E after."""
    theme, decimals = ctx.theme, ctx.decimals
    if q.kind == "error":
        before, after = q.worked
        tokens: list[Token] = [
            symbol(before, ctx.config.is_dataset),
            "=",
            ctx.num(*before, color=theme.error),
            r"\;\rightarrow\;",
            symbol(after, ctx.config.is_dataset),
            "=",
            ctx.num(*after, color=theme.error),
        ]
        line: VMobject = Formula(*tokens, decimals=decimals, color=theme.text, font_size=EMPHASIS_SIZE)
        worked = error_after_tokens(ctx, q)
        if worked:  # E after worked out from the ŷ after the question gives
            line = VGroup(
                Formula(*worked, decimals=decimals, color=theme.text, font_size=EMPHASIS_SIZE, max_width=QUIZ_WIDTH),
                line,
            ).arrange(DOWN, buff=PANEL_SPACING, aligned_edge=LEFT)
        if q.answer == "no":
            note = Text("η is too large for this step: it overshoots", font_size=TEXT_SIZE, color=theme.text)
            line = VGroup(line, note).arrange(DOWN, buff=PANEL_SPACING, aligned_edge=LEFT)
        return line
    old, eta, grad, new = q.worked
    update = Formula(
        symbol(old, ctx.config.is_dataset),
        "=",
        ctx.num(*old, factor=True),
        "-",
        Num(ctx.value(eta), eta, theme.update, decimals=setting_decimals(ctx.value(eta)), setting=True),
        r"\cdot",
        ctx.num(*grad, color=theme.of_sign(ctx.value(grad), decimals), factor=True),
        "=",
        ctx.num(*new, color=theme.update),
        decimals=decimals,
        color=theme.text,
        font_size=EMPHASIS_SIZE,
        max_width=QUIZ_WIDTH,
    )
    if q.kind != "direction":
        return update
    # Why: the update subtracts η·∂E/∂w, so a weight moves against the sign of its gradient.
    gradient = symbol(grad, ctx.config.is_dataset)
    signs = {"down": ">", "up": "<", "it does not move": "="}
    tails = reason_tails(gradient)
    # Other numbers may flip the sign: every variant is typeset now, so the next config needs no LaTeX run.
    typeset(*signs.values(), *tails)
    sign = signs[q.answer]
    tail = tails[0] if sign == "=" else tails[1]
    reason = Formula(gradient, sign, tail, decimals=decimals, color=theme.text, font_size=EMPHASIS_SIZE)
    return VGroup(reason, update).arrange(DOWN, buff=PANEL_SPACING, aligned_edge=LEFT)


def reason_tails(gradient: str) -> tuple[str, str]:
    """Why a weight does not move, and why it moves against its gradient's sign (LaTeX, after ``gradient``)."""
    return r"0\text{: the update subtracts nothing}", rf"0\text{{: the update subtracts }}\eta\,{gradient}"


def quiz_formulas(ctx: StepContext) -> list[tuple[str, ...]]:
    """The quiz's own formulas (``StepScene.formulas``): each question, the names of what it gives and works
    out, and the reasons a direction question may give."""
    formulas: list[tuple[str, ...]] = []
    for q in quiz_of(ctx):
        names = [symbol(entry, ctx.config.is_dataset) for entry in (*(entry for _, entry in q.given), *q.worked)]
        if q.kind == "direction":
            names += reason_tails(symbol(q.worked[2], ctx.config.is_dataset))
        if whole_target(q):  # y = (0.0000, 1.0000, 0.0000)
            names += TARGET_PIECES
        formulas += [(prompt_latex(q),), *(piece_formula(name) for name in names)]
    return [*formulas, *error_after_pieces(ctx)]


class CheckYourself(StepScene):
    """The quiz on its own: `manim render scenes/check_yourself.py CheckYourself`.

    It opens on the network as the weight-update clip ends and ends on it, as the epilogue's clip starts.
    """

    part_formulas = staticmethod(quiz_formulas)

    @staticmethod
    def play_in_video(scene: Scene, ctx: StepContext, board: Board | None) -> Board | None:
        return play_check_yourself(scene, ctx, board)

    def construct(self) -> None:
        play_check_yourself(self, self.ctx)
