"""The CheckYourself scene, constructed without rendering: its marked sections, its numbers, its layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from manim.scene.section import DefaultSectionType

from nnmath import load_config, train_step
from nnmath.config import DEFAULT_CONFIG
from nnmath.notation import format_number
from nnmath.quiz import quiz, value
from scenes.check_yourself import QUESTION_SECTION, CheckYourself
from scenes.drawing.style import THINK
from tests.scene_probe import DECIMAL_IN_TEXT, FRAME_X, FRAME_Y, LAYOUT_KINDS, Recording, recorded
from tests.test_scenes import LARGEST, check_numbers_by_place

CONFIGS = ["default", "relu-overshoot", "largest"]


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    largest = tmp_path_factory.mktemp("quiz-configs") / "largest.toml"
    largest.write_text(LARGEST)
    return {
        "default": DEFAULT_CONFIG,
        "relu-overshoot": DEFAULT_CONFIG.parent / "relu-overshoot.toml",
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
    problems = [str(p) for p in recording.problems_of(*LAYOUT_KINDS, "glyph", "morph")]
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
    assert "What is w⁽²⁾₁₂ after the update?" in captions["quiz-1-question"]
    assert "0.4500" in captions["quiz-1-question"] and "0.0827" in captions["quiz-1-question"]
    assert "0.4087" not in captions["quiz-1-question"]
    assert "0.4087" in captions["quiz-1-answer"]
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
