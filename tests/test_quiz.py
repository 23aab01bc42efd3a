"""The "Check yourself" questions: their answers equal the trace, worked out here independently."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import numpy as np
import pytest

from nnmath import LOSSES, Config, StepTrace, load_config, train_step
from nnmath.answer_key import answer_key
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import format_number
from nnmath.quiz import MOST_SUBSTITUTED, QUIZ_ETA, Parameter, given_pairs, quiz, quiz_rate, value, whole_target
from tests.command import TINY
from tests.test_scenes import LARGEST

ASSETS = DEFAULT_CONFIG.parent
# A ReLU neuron that never fires: every weight into it has a zero gradient (the quiz asks about w⁽¹⁾₁₁).
DEAD_RELU = """
[network]
layers = [2, 2, 1]
hidden_activation = "relu"
output_activation = "linear"
loss = "half_squared_error"
learning_rate = 0.1

[sample]
x = [1.0, 1.0]
y = [1.0]

[parameters]
weights = [[[-1.0, -1.0], [0.5, 0.5]], [[0.7, 0.4]]]
biases = [[0.0, 0.0], [0.0]]

[display]
focus = [[1, 1], [0, 0]]
"""
CONFIGS = {"default": None, "relu-overshoot": None, "largest": LARGEST, "tiny": TINY, "dead-relu": DEAD_RELU}


@pytest.fixture(scope="module", params=list(CONFIGS))
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, StepTrace]:
    name, text = request.param, CONFIGS[request.param]
    path = ASSETS / f"{name}.toml"
    if text is not None:
        path = tmp_path_factory.mktemp("quiz") / f"{name}.toml"
        path.write_text(text)
    config = load_config(path)
    return config, train_step(config)


def expected_parameter(config: Config, l: int, taken: list[tuple[int, ...]]) -> tuple[int, ...] | None:
    """The documented choice: the first weight of layer l, row-major, neither focus nor taken."""
    rows, cols = config.layers[l + 1], config.layers[l]
    for j, i in ((j, i) for j in range(rows) for i in range(cols)):
        if (j, i) != tuple(config.focus[l]) and (l, j, i) not in taken:
            return (l, j, i)
    return None


def where(p: Parameter) -> tuple[int, ...]:
    return (p.l, p.j) if p.i is None else (p.l, p.j, p.i)


def test_new_value_question(case: tuple[Config, StepTrace]) -> None:
    config, trace = case
    question = quiz(config, trace)[0]
    L = len(config.layers) - 2
    chosen = expected_parameter(config, L, []) or (L, 0)  # no other weight: the bias
    assert question.parameter is not None and where(question.parameter) == chosen
    if len(chosen) == 3:
        old, grad = trace.weights[L][chosen[1:]], trace.grad_weights[L][chosen[1:]]
        new = trace.new_weights[L][chosen[1:]]
    else:
        old, grad, new = trace.biases[L][chosen[1]], trace.grad_biases[L][chosen[1]], trace.new_biases[L][chosen[1]]
    assert new == pytest.approx(old - config.learning_rate * grad, abs=1e-12)
    # it asks for the update with η doubled: a value the video never showed (the new value above is on its edges),
    # worked out from w, that η and ∂E/∂w, all on the question's screen
    eta = 2 * config.learning_rate
    asked = old - eta * grad
    f = config.decimals
    assert question.answer == format_number(asked, f)
    assert f"= {format_number(asked, f)}: the step is twice" in question.reason
    assert [value(trace, e) for e in question.worked] == pytest.approx([old, eta, grad, asked], abs=1e-12)
    assert [entry for _, entry in question.given] == list(question.worked[:3])  # w, that η, ∂E/∂w: all given
    assert question.prompt.startswith("With twice the η the video used")
    assert question.reason.endswith("the step is twice the one the update took.")  # η itself is on the screen
    assert asked != new or grad == 0.0
    assert tuple(config.focus[L]) != chosen[1:] or len(chosen) == 2  # never the weight the update worked out


def test_a_doubled_step_that_would_overflow_is_asked_halved() -> None:
    """η near the largest float: twice it is ∞, so the question asks with half the video's η (found by the fuzz
    test: the key read "η = inf")."""
    config = load_config(DEFAULT_CONFIG)
    config = dataclasses.replace(config, learning_rate=1.5e308)
    trace = train_step(config)
    question = quiz(config, trace)[0]
    assert quiz_rate(trace) == 0.5 and question.times == "half"
    assert question.prompt.startswith("With half the η the video used")
    assert value(trace, QUIZ_ETA) == 0.75e308 and math.isfinite(value(trace, question.worked[-1]))


def test_direction_question(case: tuple[Config, StepTrace]) -> None:
    config, trace = case
    first, question, _ = quiz(config, trace)
    assert question.parameter is not None and first.parameter is not None
    chosen = expected_parameter(config, 0, [where(first.parameter)]) or (0, *config.focus[0])
    assert where(question.parameter) == chosen
    old, new = trace.weights[0][chosen[1:]], trace.new_weights[0][chosen[1:]]
    grad = float(trace.delta[0][chosen[1]] * trace.a[0][chosen[2]])  # ∂E/∂w = δ · a, from the trace's parts
    assert grad == pytest.approx(trace.grad_weights[0][chosen[1:]], abs=1e-12)
    expected = {1.0: "down", -1.0: "up", 0.0: "it does not move"}[float(np.sign(grad))]
    assert question.answer == expected
    if new != old:  # the weight moves the way the answer says
        assert (new < old) == (expected == "down")
    assert format_number(new, config.decimals) in question.reason


def test_every_value_a_worked_line_uses_is_given(case: tuple[Config, StepTrace]) -> None:
    """The answer's worked line uses only values the question gave (and the answer): η too, for "which way"."""
    for question in quiz(*case):
        given = {entry for _, entry in question.given}
        assert set(question.worked[:-1]) <= given, (question.kind, set(question.worked[:-1]) - given)


def test_error_question(case: tuple[Config, StepTrace]) -> None:
    config, trace = case
    question = quiz(config, trace)[2]
    f = config.decimals
    assert question.answer == ("yes" if trace.loss_after < trace.loss else "no")
    assert [value(trace, e) for e in question.worked] == [trace.loss, trace.loss_after]
    # "≈" where the shown ŷ after give another last digit by hand (``nnmath.by_hand``), as the screen writes it
    assert re.search(f"[=≈] {re.escape(format_number(trace.loss_after, f))}, ", question.reason), question.reason
    assert f"E before = {format_number(trace.loss, f)}" in question.reason


def test_the_error_answer_is_said_as_the_screen_writes_it(case: tuple[Config, StepTrace]) -> None:
    """More than MOST_SUBSTITUTED outputs: the screen writes E after as its terms' sum, and so does what the subtitle
    says (the long substituted form stays the answer key's); fewer: the reason as it is."""
    config, trace = case
    question, f = quiz(config, trace)[2], config.decimals
    outputs = [int(entry[1]) for _, entry in question.given if entry[0] == "y_hat_after"]
    if len(outputs) <= MOST_SUBSTITUTED:
        assert question.said == ""
        return
    terms = " + ".join(format_number(float(trace.loss_terms_after[k]), f) for k in outputs)
    assert question.said.startswith(f"E after = {terms} = {format_number(trace.loss_after, f)}, ")
    assert "ln" not in question.said and "ln" in question.reason


def test_the_error_question_is_answerable_from_what_it_gives(case: tuple[Config, StepTrace]) -> None:
    """E after, worked out here from the given ŷ after and y alone (outputs not given count as y = 0 in
    cross-entropy, where they add nothing), is the trace's; and E before is given to compare with."""
    config, trace = case
    question = quiz(config, trace)[2]
    given = {entry: value(trace, entry) for _, entry in question.given}
    assert given[("loss",)] == trace.loss
    n = len(trace.y)
    y_hat = np.array([given.get(("y_hat_after", k), 0.5) for k in range(n)])
    y = np.array([given.get(("y", k), 0.0) for k in range(n)])
    assert all(("y", k) in given for k in range(n) if ("y_hat_after", k) in given)
    assert whole_target(question) or all(("y_hat_after", k) in given for k in range(n) if ("y", k) in given)
    e_after = LOSSES[config.loss].terms(y_hat, y).sum()
    assert e_after == pytest.approx(trace.loss_after, rel=1e-12, abs=1e-15)


def test_the_questions_ask_about_different_weights(case: tuple[Config, StepTrace]) -> None:
    first, second, _ = quiz(*case)
    assert first.parameter != second.parameter


def test_known_answers() -> None:
    """The shipped examples: the default learns, relu-overshoot's η overshoots, a dead ReLU's weight stays."""
    default = load_config(DEFAULT_CONFIG)
    assert [q.answer for q in quiz(default, train_step(default))] == ["0.3673", "down", "yes"]
    overshoot = load_config(ASSETS / "relu-overshoot.toml")
    answers = quiz(overshoot, train_step(overshoot))
    assert [q.answer for q in answers] == ["0.8700", "up", "no"]
    assert "too large" in answers[2].reason


def test_dead_relu_weight_does_not_move(tmp_path: Path) -> None:
    path = tmp_path / "dead.toml"
    path.write_text(DEAD_RELU)
    config = load_config(path)
    trace = train_step(config)
    question = quiz(config, trace)[1]
    assert question.prompt == "Which way does w⁽¹⁾₁₁ move: up or down?"
    assert trace.grad_weights[0][0, 0] == 0.0 and question.answer == "it does not move"


def test_answer_key_has_the_quiz_questions_above_their_answers() -> None:
    config = load_config(DEFAULT_CONFIG)
    trace = train_step(config)
    key = answer_key(config, trace)
    section = key[key.index("## Check yourself") :]
    questions, answers = section.split("Answers:")
    for n, q in enumerate(quiz(config, trace), 1):
        assert re.search(rf"^{n}\. {re.escape(q.prompt)} \(given: ", questions, re.M)
        assert f"{n}. **{q.answer.capitalize()}**: {q.reason}" in answers
        assert q.reason not in questions  # covered answers stay covered
    assert (
        "1. With twice the η the video used, what would w⁽²⁾₁₂ be after the update? (given: w⁽²⁾₁₂ = 0.4500, η = 1, "
        "∂E/∂w⁽²⁾₁₂ = 0.0827)" in key
    )
    assert "w⁽²⁾₁₂ = 0.4500 − 1 · 0.0827 = 0.3673" in key
    assert (
        "3. After the update, is the error smaller than before? (given: E before = 0.2748, ŷ after = 0.7284, y = 0.0100, "
        "E = ½ Σ (y − ŷ)²)" in key  # the loss E after is worked out with (FINDINGS-5 #13)
    )
    assert "3. **Yes**: E after = ½ (0.0100 − 0.7284)² = 0.2580, less than E before = 0.2748." in key


@pytest.mark.parametrize("name", ["default", "classifier-2-3-3"])
def test_the_error_question_shows_the_loss_it_needs(name: str, tmp_path: Path) -> None:
    """Question 3 gives E before, ŷ after and y: without the loss formula it could only be answered from memory
    (FINDINGS-5 #13). Its screen shows the loss registry's own LaTeX, its subtitle and the key the formula."""
    from scenes import CheckYourself
    from tests.scene_probe import recorded

    config = load_config(ASSETS / f"{name}.toml")
    loss = LOSSES[config.loss]
    error = next(q for q in quiz(config, train_step(config)) if q.kind == "error")
    assert error.loss == config.loss
    recording = recorded(CheckYourself, ASSETS / f"{name}.toml", tmp_path)
    question = {n for n, (section, _) in enumerate(recording.screen_texts) if section == "quiz-3-question"}
    assert any(loss.latex in recording.screen_texts[n][1] for n in question)
    assert any(loss.formula in c.content for c in recording.subcaptions if "question 3" in c.content)


def test_a_softmax_error_question_gives_the_whole_target() -> None:
    """Cross-entropy's E after needs only ŷ₂ after, but y₂ = 1.0000 alone hides why: y₁ = y₃ = 0 (a review).
    The question gives the whole target, written as the video writes a vector."""
    config = load_config(ASSETS / "classifier-2-3-3.toml")
    trace = train_step(config)
    question = quiz(config, trace)[2]
    given = [entry for _, entry in question.given]
    assert [("y", k) for k in range(3)] == [entry for entry in given if entry[0] == "y"]
    assert [entry for entry in given if entry[0] == "y_hat_after"] == [("y_hat_after", 1)]
    assert whole_target(question)
    pairs = given_pairs(question, lambda entry: format_number(value(trace, entry), config.decimals))
    assert pairs[-1] == "y = (0.0000, 1.0000, 0.0000)" and not any(p.startswith("y₁") for p in pairs)


def test_a_worked_update_the_written_numbers_do_not_give_says_approx() -> None:
    """Lecturer review 12: the default quiz's Q2 subtitle read "0.2000 − 0.5 · 0.0013 = 0.1993" while the screen,
    rightly, wrote "≈": as written the numbers give 0.19935. The words say "≈" where the screen does, "=" elsewhere."""
    from nnmath import load_config
    from nnmath.config import DEFAULT_CONFIG
    from nnmath.quiz import quiz
    from scenes.stage.context import context_from

    config = load_config(DEFAULT_CONFIG)
    first, second, _ = quiz(config, context_from(config).trace)
    assert second.reason.endswith("w⁽¹⁾₁₂ = 0.2000 − 0.5 · 0.0013 ≈ 0.1993.")
    assert "= 0.4500 − 1 · 0.0827 = 0.3673" in first.reason  # 0.4500 − 0.0827 = 0.3673 exactly
