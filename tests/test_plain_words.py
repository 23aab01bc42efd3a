"""Words a newcomer reads without stumbling (FINDINGS-5): each sentence says something true of the network shown."""

from __future__ import annotations

from nnmath import load_config
from nnmath.config import DEFAULT_CONFIG
from nnmath.paths import path_count, reuse_sentence
from scenes.stage.context import StepContext, context_from
from scenes.words.error_calc import error_compare
from scenes.words.intro import title_line

SOFTMAX = DEFAULT_CONFIG.parent / "classifier-2-3-3.toml"


def context(path=DEFAULT_CONFIG) -> StepContext:
    return context_from(load_config(path))


def test_title_says_computed_not_real() -> None:
    """ "every number real" reads as real numbers: the title card says the numbers are computed."""
    line = title_line(context())
    assert line == "one training step, every number computed"
    assert "real" not in line


def test_one_path_reuse_sentence_says_something_true() -> None:
    """With one path, "path by path, each would list its own path" says nothing: the sentence names what δ saves."""
    ctx = context()
    assert path_count(ctx.trace) == 1
    sentence = reuse_sentence(ctx.trace, ctx.config.focus, ctx.decimals)
    assert "path by path" not in sentence and "list its own path" not in sentence
    assert "the same chain of factors again" in sentence


def test_grey_gap_sentence_reads_plainly() -> None:
    caption = error_compare(context(SOFTMAX)).caption
    assert "the loss, next, counts" not in caption
    assert "Where y = 0, the gap is grey and dashed: the loss, shown next, gives it 0" in caption


def test_key_words_a_student_knows() -> None:
    """The key's learning-rate table has no "run" column, and the softmax indicator 1[m = k] is defined where used."""
    from nnmath import train_step
    from nnmath.answer_key import answer_key

    config = load_config(SOFTMAX)
    key = answer_key(config, train_step(config))
    assert "| η | run |" not in key and "| η | verdict | what it does |" in key
    for line in key.splitlines():
        if "1[m = k]" in line:
            assert "1[m = k] is 1 if m = k, else 0" in line, line
