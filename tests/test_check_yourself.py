"""The CheckYourself scene, constructed without rendering: its marked sections, its numbers, its layout."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import numpy as np
import pytest
from manim import Text
from manim.scene.section import DefaultSectionType

from nnmath import Config, batch_step, load_config, train_step
from nnmath.answer_key import answer_key
from nnmath.config import DEFAULT_CONFIG
from nnmath.network import forward, loss_of
from nnmath.notation import format_number
from nnmath.quiz import quiz, value
from scenes.check_yourself import QUESTION_SECTION, CheckYourself, quiz_key, quiz_of
from scenes.drawing.style import THINK
from scenes.stage.context import context_from
from scenes.weight_update import WeightUpdate
from tests.scene_probe import DECIMAL_IN_TEXT, FRAME_X, FRAME_Y, LAYOUT_KINDS, Recording, Resolver, recorded
from tests.test_class_can_follow import CLAUSE_WORDS
from tests.test_scenes import LARGEST, check_numbers_by_place

CONFIGS = ["default", "relu-overshoot", "largest", "classifier"]


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    largest = tmp_path_factory.mktemp("quiz-configs") / "largest.toml"
    largest.write_text(LARGEST)
    return {
        "default": DEFAULT_CONFIG,
        "relu-overshoot": DEFAULT_CONFIG.parent / "relu-overshoot.toml",
        "classifier": DEFAULT_CONFIG.parent / "classifier-2-3-3.toml",  # a six-row key under the ring
        "largest": largest,
    }


@pytest.fixture(scope="module")
def shown(paths: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    media = tmp_path_factory.mktemp("quiz-media")

    def get(config: str) -> Recording:
        return recorded(CheckYourself, paths[config], media)

    return get


@pytest.mark.parametrize("config", CONFIGS)
def test_the_probe_finds_nothing_wrong(shown, paths: dict[str, Path], config: str) -> None:
    recording = shown(config)
    problems = [str(p) for p in recording.problems_of(*LAYOUT_KINDS, "strip", "glyph", "morph")]
    assert not problems, "\n".join(problems[:20])
    assert not check_numbers_by_place(recording, paths[config])  # every number has its entry, value and place
    assert not [t for t in recording.texts if DECIMAL_IN_TEXT.search(t)], "numbers typeset outside the formatter"
    outside = [
        (snap.section, kind)
        for snap in recording.snapshots
        for kind, low, high in snap.leaves
        if min(low[0] + FRAME_X, low[1] + FRAME_Y, FRAME_X - high[0], FRAME_Y - high[1]) < -0.01
    ]
    assert not outside


@pytest.mark.parametrize("config", CONFIGS)
def test_one_marked_question_section_and_one_answer_section_per_question(shown, paths, config: str) -> None:
    recording = shown(config)
    count = len(quiz(load_config(paths[config]), train_step(load_config(paths[config]))))
    typed = list(zip(recording.sections, recording.section_types, strict=True))
    questions = [name for name, kind in typed if kind == QUESTION_SECTION]
    answers = [name for name, kind in typed if name.endswith("-answer")]
    assert questions == [f"quiz-{n}-question" for n in range(1, count + 1)]
    assert answers == [f"quiz-{n}-answer" for n in range(1, count + 1)]
    assert all(kind == DefaultSectionType.NORMAL for name, kind in typed if name not in questions)
    assert recording.sections.index("quiz-1-question") < recording.sections.index("quiz-1-answer")
    assert len(recording.subcaptions) == len(recording.sections)


@pytest.mark.parametrize("config", CONFIGS)
def test_each_answer_section_shows_the_answer_from_the_trace(shown, paths, config: str) -> None:
    cfg = load_config(paths[config])
    trace = train_step(cfg)
    recording = shown(config)
    for n, q in enumerate(quiz(cfg, trace), 1):
        answer_entry = q.worked[-1]  # the new value, or E after the update
        expected = format_number(value(trace, answer_entry), cfg.decimals)
        in_answer = {(s.entry, s.text) for s in recording.numbers if s.section == f"quiz-{n}-answer"}
        in_question = {s.entry for s in recording.numbers if s.section == f"quiz-{n}-question"}
        assert (answer_entry, expected) in in_answer, f"question {n} never shows its answer {expected}"
        assert answer_entry not in in_question, f"question {n} gives its answer away"
        assert {entry for _, entry in q.given} <= in_question, f"question {n} lacks a value it needs"


def test_subcaptions_ask_and_answer_with_the_real_numbers(shown) -> None:
    captions = {
        name: c.content for name, c in zip(shown("default").sections, shown("default").subcaptions, strict=True)
    }
    assert "With twice the η the video used, what would w⁽²⁾₁₂ be after the update?" in captions["quiz-1-question"]
    assert "η = 1," in captions["quiz-1-question"]
    assert "0.4500" in captions["quiz-1-question"] and "0.0827" in captions["quiz-1-question"]
    assert "0.4087" not in captions["quiz-1-question"] and "0.3673" not in captions["quiz-1-question"]
    assert "0.3673" in captions["quiz-1-answer"]  # the update with η = 1: shown nowhere before
    assert captions["quiz-2-answer"].startswith("Answer: down.")
    assert "= 0.2580, less than E before = 0.2748" in captions["quiz-3-answer"]
    assert "0.7284" in captions["quiz-3-question"] and "0.2580" not in captions["quiz-3-question"]
    overshoot = " ".join(c.content for c in shown("relu-overshoot").subcaptions)
    assert "Answer: no. E after = ½ (1.0000 − 1.4154)² = 0.0863, more than E before = 0.0145" in overshoot


def test_the_countdown_is_text_and_the_quiz_ends_on_the_network(shown) -> None:
    recording = shown("default")
    digits = [str(k) for k in range(THINK, 0, -1)]
    assert all(d in recording.texts for d in digits)  # seen as text: no trace number is made up
    on_edges = {s.entry for s in recording.numbers if s.section == "quiz-end" and s.place and s.place[0] == "edge"}
    assert ("new_weights", 0, 0, 0) in on_edges  # back to the network as the update left it


XOR = DEFAULT_CONFIG.parent / "xor.toml"
NUMBER = r"−?\d+\.\d+"
ERROR_AFTER = re.compile(rf"Ē after = (.+?) [=≈] ({NUMBER})[,.]")  # "≈" where the shown Eₛ give another digit
GIVEN_ERROR = re.compile(
    rf"Ē (before|after) = ({NUMBER})|Eₛ after \(s = (\d+)\) = ({NUMBER})"
)  # the batch's, sample s's


def batch_errors(config: Config) -> tuple[float, list[float], float]:
    """E before, each sample's Eₛ after and E after of the first batch's update, recomputed with nnmath's
    forward pass and loss (not read from the batch's trace)."""
    b = batch_step(config)

    def error(weights, biases, row: int) -> float:
        y_hat = forward(config, weights, biases, config.data_x[row]).a[-1]
        return loss_of(config, y_hat, config.data_y[row])[1]

    before = [error(b.weights, b.biases, r) for r in b.indices]
    after = [error(b.new_weights, b.new_biases, r) for r in b.indices]
    return float(np.mean(before)), after, float(np.mean(after))


def evaluated(expression: str) -> float:
    """A worked line's right-hand side as the video writes it (−, [ ], ln, implicit products), evaluated."""
    python = expression.replace("−", "-").replace("[", "(").replace("]", ")").replace("·", "*")
    python = re.sub(r"ln\s*(\d+\.\d+)", r"log(\1)", python).replace("ln(", "log(")
    python = re.sub(r"([\d.)])\s+(?=[(l\d])", r"\1*", python)
    return float(eval(python, {"__builtins__": {}}, {"log": math.log}))  # the video's own text, no builtins


def error_lines_are_true(text: str, config: Config) -> list[str]:
    """What is false in ``text``'s error question: a worked "Ē after = … = value" whose expression is not its
    value, or an Ē before / Eₛ after / Ē after that is not the batch's (recomputed)."""
    before, each, after = batch_errors(config)
    tolerance = 5 * 10.0**-config.decimals  # the shown inputs are rounded
    wrong = []
    for expression, shown in ERROR_AFTER.findall(text):
        if abs(evaluated(expression) - float(shown.replace("−", "-"))) > tolerance:
            wrong.append(f"{expression} is {evaluated(expression):.4f}, not {shown}")
    for match in GIVEN_ERROR.finditer(text):
        name, shown, sample, sample_shown = match.groups()
        true = {"before": before, "after": after}[name] if name else each[int(sample) - 1]
        shown = shown or sample_shown
        if shown != format_number(true, config.decimals):
            wrong.append(f"{match.group(0)}, is {format_number(true, config.decimals)}")
    return wrong


def test_a_datasets_error_question_is_the_batchs_and_true(tmp_path: Path) -> None:
    """The quiz on a dataset asks about the batch's error: every worked line true, in nnmath's questions, the
    answer key and the scene's subtitles (a sample's loss once printed the batch's value)."""
    config = load_config(XOR)
    error_question = quiz(config, batch_step(config))[2]
    assert ERROR_AFTER.search(error_question.reason)
    assert not error_lines_are_true(error_question.reason, config)
    key = [line for line in answer_key(config, train_step(config)).splitlines() if "Ē after" in line]
    assert key and not error_lines_are_true("\n".join(key), config)
    recording = recorded(CheckYourself, XOR, tmp_path)
    resolve = Resolver(config)
    unresolved = [
        f"{n.section}: {n.entry} shows {n.text}"
        for n in recording.numbers
        if n.entry is None or resolve.for_section(n.section).text(n.entry, n.text) != n.text
    ]
    assert not unresolved, "\n".join(unresolved[:20])  # every number on screen is its entry's
    assert any(n.entry == ("losses_after", 0) for n in recording.numbers)  # each sample's error after is given
    captions = [
        " ".join(c.content.split()) for c in recording.subcaptions if "E" in c.content or "Ē" in c.content
    ]  # unwrapped
    assert any(ERROR_AFTER.search(c) for c in captions)
    assert any(m.group(3) for c in captions for m in GIVEN_ERROR.finditer(c))  # each sample's Eₛ after, checked
    wrong = [w for c in captions for w in error_lines_are_true(c, config)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("config", "error_words"), [("default", "error E"), ("xor", "error Ē, Eₛ")])
def test_the_quiz_key_names_the_errors_its_questions_show(config: str, error_words: str) -> None:
    """A dataset's quiz asks about the batch's Ē and each sample's Eₛ (not one E): its key says so."""
    ctx = context_from(load_config(DEFAULT_CONFIG.parent / f"{config}.toml"))
    questions = quiz_of(ctx)
    error_question = next(q for q in questions if q.kind == "error")
    key = quiz_key(ctx, error_question)  # each question has its own key: the error question's names the errors
    words = {m.text for m in key.get_family() if isinstance(m, Text)}  # manim's Text keeps its text without spaces
    assert "".join(error_words.split()) in words, words
    given = " ".join(name for q in questions for name, _ in q.given)
    assert ("Ē" in given or r"\bar E" in given) == ctx.config.is_dataset, given


def clauses(lines: list[str]) -> set[tuple[str, ...]]:
    """Each clause of at least CLAUSE_WORDS words in ``lines`` (as ``repeated_clauses`` cuts them)."""
    cut = (re.split(r"(?<=[.!?:;,])\s+", " ".join(line.split())) for line in lines)
    words = (tuple(clause.rstrip(".!?:;,").lower().split()) for clause in itertools.chain.from_iterable(cut))
    return {w for w in words if len(w) >= CLAUSE_WORDS}


def said(recording: Recording) -> list[str]:
    """A clip's subtitles and its spoken lines."""
    return [*(c.content for c in recording.subcaptions), *(line for _, line in recording.script)]


@pytest.mark.parametrize("config", ["default", "classifier-2-3-3"])
def test_the_quiz_says_nothing_the_update_said_word_for_word(tmp_path: Path, config: str) -> None:
    """Q3's answer said "the error goes from 0.9399 to 0.5172", the update's own words (lecturer review, issue 20)."""
    path = DEFAULT_CONFIG.parent / f"{config}.toml"
    update, quiz_clip = (recorded(part, path, tmp_path) for part in (WeightUpdate, CheckYourself))
    assert not clauses(said(update)) & clauses(said(quiz_clip))


def test_the_quiz_ends_on_what_the_diagram_draws(tmp_path: Path) -> None:
    """A diagram without edge labels shows no weights or biases: the last words do not promise them."""
    recording = recorded(CheckYourself, DEFAULT_CONFIG.parent / "classifier-2-3-3.toml", tmp_path)
    last = recording.subcaptions[-1].content
    assert "weights and biases" not in last and "neurons" in last
    assert "new weights and biases" in recorded(CheckYourself, DEFAULT_CONFIG, tmp_path).subcaptions[-1].content


@pytest.mark.parametrize("config", CONFIGS)
def test_no_sentence_of_the_quiz_is_said_twice(shown, config: str) -> None:
    """Short sentences too ("Pause and predict." after every question read as a loop): each is said once."""
    said = [
        sentence.strip()
        for caption in shown(config).subcaptions
        for sentence in re.split(r"(?<=[.?!])\s+", " ".join(caption.content.split()))
        if sentence.strip()
    ]
    assert not [s for k, s in enumerate(said) if s in said[:k]], config


def test_the_softmax_error_question_shows_and_says_the_whole_target(tmp_path: Path) -> None:
    """y = (0.0000, 1.0000, 0.0000) on screen and in the subtitle, not y₂ = 1.0000 alone beside ŷ₂ after."""
    recording = recorded(CheckYourself, DEFAULT_CONFIG.parent / "classifier-2-3-3.toml", tmp_path)
    targets = {n.entry for n in recording.numbers if n.section == "quiz-3-question" and n.entry and n.entry[0] == "y"}
    assert targets == {("y", 0), ("y", 1), ("y", 2)}
    rows = {n.unit for n in recording.numbers if n.section == "quiz-3-question" and n.entry in targets}
    assert len(rows) == 1, "the targets on more than one row"
    question = next(c.content for c in recording.subcaptions if "question 3" in c.content)
    assert "y = (0.0000, 1.0000, 0.0000)" in " ".join(question.split()) and "y₂ =" not in question
