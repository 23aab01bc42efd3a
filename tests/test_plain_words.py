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
    assert "without δ, each would redo its whole path" in sentence


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


def test_the_true_class_is_defined_where_y_is_first_shown(tmp_path) -> None:
    """A one-hot y = (0, 1, 0) is first shown on the gaps: there the screen and the subtitle say what it means
    (FINDINGS-5 #3), before "the true class: 2" under E = −ln ŷ₂ uses the words; no such line for other targets."""
    from scenes import ErrorCalc
    from scenes.words.error_calc import true_class_definition
    from tests.scene_probe import recorded

    recording = recorded(ErrorCalc, SOFTMAX, tmp_path)
    meaning = true_class_definition(1)
    assert " ".join(meaning.split()) == "the true class is class 2 (one-hot: its y is 1, others 0)"
    squeezed = "".join(meaning.split())  # a Text's string as manim keeps it: without spaces
    shown = [n for n, (_, texts) in enumerate(recording.screen_texts) if squeezed in texts]
    assert shown and recording.screen_texts[shown[0]][0] == "error-compare"
    assert all("countsas0" in recording.screen_texts[n][1] for n in shown)  # beside the gaps it explains
    used = [n for n, (_, texts) in enumerate(recording.screen_texts) if any("thetrueclass:" in t for t in texts)]
    assert used and shown[0] < used[0]
    compare = next(c.content for c in recording.subcaptions if "Compare it with the target" in c.content)
    assert "y is a one-hot target: the true class is class 2" in compare
    plain = recorded(ErrorCalc, DEFAULT_CONFIG, tmp_path)
    assert not any("trueclass" in t for _, texts in plain.screen_texts for t in texts)


def test_the_slope_sentence_reads_once() -> None:
    """FINDINGS-11 #9: "The slope σ′ of sigmoid, which δ multiplies by:" was clumsy; it says what δ does first."""
    from scenes.words.backward_pass import slope

    said = {}
    for name in ("default", "classifier-2-3-3", "relu-overshoot", "tanh-regression"):
        ctx = context_from(load_config(DEFAULT_CONFIG.parent / f"{name}.toml"))
        for layer in range(1, ctx.depth + 1):
            if ctx.trace.activations[layer] == "softmax":  # δ = ŷ − y there: no slope sentence
                continue
            said[ctx.trace.activations[layer]] = slope(ctx, layer).caption
    assert set(said) >= {"sigmoid", "tanh", "relu", "linear"}, said
    assert said["sigmoid"].startswith("δ multiplies by the slope σ′ of the sigmoid: σ′(z) = "), said["sigmoid"]
    assert said["linear"].startswith("δ multiplies by the slope id′ of the identity: "), said["linear"]
    assert not [c for c in said.values() if "which" in c or not c.startswith("δ multiplies by the slope ")], said
