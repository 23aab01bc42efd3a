"""The narration without a render: numbers and symbols as words, the [narration] table, the engine check, the
speech cache, loudness, and what each sub-step says (scenes constructed, not rendered)."""

from __future__ import annotations

import os
import re
import shutil
import wave
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from manim import Scene, Square, tempconfig

from nnmath import load_config
from nnmath.cli import main as nnmath_main
from nnmath.config import DEFAULT_CONFIG
from nnmath.speech import integer_words, number_words, pair_words, partial_words, weight_words
from scenes import Intro, Repeat
from scenes.drawing.narration import MIN_CAPTION_SECONDS, SPEECH_PAUSE, Words, narrated
from scenes.forward_layers import focus_neuron
from scenes.pipeline.audio import (
    NORMALISED_SUFFIX,
    PEAK_LIMIT,
    SAMPLE_RATE,
    TARGET_LUFS,
    decoded,
    normalised,
    speech_samples,
)
from scenes.stage.context import context_from
from scenes.voice.cache import speech
from scenes.voice.engines import EspeakEngine
from scenes.voice.narrator import Line, Narrator
from scenes.words.forward_pass import forward_layer
from tests.command import run
from tests.scene_probe import recorded
from tests.test_scenes import LARGEST, STEPS

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")

# --- numbers and symbols as words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0.7513, "about zero point seven five"),
        (0.5, "zero point five"),
        (-1.37, "about minus one point four"),
        (0.0, "zero"),
        (16.0, "sixteen"),
        (2749.8, "about two thousand seven hundred"),
        (0.08216, "about zero point zero eight two"),
        (0.000012, "one point two times ten to the minus five"),
        (-0.00067, "minus six point seven times ten to the minus four"),
    ],
)
def test_numbers_are_said_in_words_rounded_for_the_ear(value: float, words: str) -> None:
    assert number_words(value) == words


def test_symbols_are_said_by_name() -> None:
    assert integer_words(115) == "one hundred fifteen"
    assert weight_words(1, 0, 1) == "w one two in layer two"
    assert (
        partial_words("E", weight_words(0, 0, 0))
        == "the partial derivative of E with respect to w one one in layer one"
    )


def test_two_numbers_compared_never_sound_alike() -> None:
    assert pair_words(0.2983, 0.2910) == ("about zero point three", "about zero point two nine")
    assert pair_words(0.2, 0.19994) == ("zero point two", "about zero point one nine nine nine")


# --- the [narration] table --------------------------------------------------------------------------------

GOOD = DEFAULT_CONFIG.read_text()
NARRATION_CASES = [
    ("misspelt-key", "[narration]\nenabeld = true\n", "narration.enabeld", 'did you mean "enabled"?'),
    ("enabled-not-bool", '[narration]\nenabled = "yes"\n', "narration.enabled", "expected true or false"),
    ("rate-not-number", '[narration]\nrate = "fast"\n', "narration.rate", "expected a number"),
    ("rate-too-fast", "[narration]\nrate = 5\n", "narration.rate", "between 0.5 and 2"),
    ("voice-not-string", "[narration]\nvoice = 3\n", "narration.voice", "expected a string"),
    ("voice-empty", '[narration]\nvoice = " "\n', "narration.voice", "expected a voice name"),
    ("piper-model-missing", '[narration]\nvoice = "nowhere.onnx"\n', "narration.voice", "no such Piper voice model"),
]


@pytest.mark.parametrize(
    ("table", "field", "fragment"), [c[1:] for c in NARRATION_CASES], ids=[c[0] for c in NARRATION_CASES]
)
def test_bad_narration_table_is_one_line_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, field: str, fragment: str
) -> None:
    path = tmp_path / "my.toml"
    path.write_text(GOOD + "\n" + table)
    assert nnmath_main(["trace", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: {field}: ") and err.count("\n") == 1, err
    assert fragment in err, err


def test_narration_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "voice.onnx").write_bytes(b"a model")
    (tmp_path / "voice.onnx.json").write_text("{}")
    path = tmp_path / "my.toml"
    path.write_text(GOOD + '\n[narration]\nenabled = true\nvoice = "voice.onnx"\nrate = 1.25\n')
    config = load_config(path)
    assert (config.narrate, config.voice, config.rate) == (True, str(tmp_path / "voice.onnx"), 1.25)
    assert not load_config(DEFAULT_CONFIG).narrate  # off unless asked for


@needs_espeak
def test_unknown_espeak_voice_exits_2_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "my.toml").write_text(GOOD + '\n[narration]\nvoice = "en-uss"\n')
    result = run("render", "--config", "my.toml", "--narrate", "--out", "out", cwd=tmp_path, timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith('error: my.toml: narration.voice: unknown espeak-ng voice "en-uss"; did you mean')
    assert result.stderr.count("\n") == 1 and not (tmp_path / "out").exists()


def test_missing_engine_is_one_line_with_its_install_command(tmp_path: Path) -> None:
    """As for a missing LaTeX: the command names what to install, before anything is rendered."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("latex", "dvisvgm"):  # LaTeX is there; espeak-ng is not
        found = shutil.which(tool)
        assert found is not None
        (tools / tool).symlink_to(found)
    env = {**os.environ, "PATH": str(tools)}
    result = run("render", "--narrate", "--out", "out", cwd=tmp_path, timeout=60, env=env)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "error: espeak-ng is not installed (the narration needs it); install it with: sudo apt-get install espeak-ng\n"
    )
    assert not (tmp_path / "out").exists()


# --- speech: cached, loudness-normalised --------------------------------------------------------------------


@needs_espeak
def test_speech_is_synthesised_once_per_text_voice_and_rate(tmp_path: Path) -> None:
    engine = EspeakEngine("en-us", 1.0)
    first, made = speech(engine, "delta one in layer two", tmp_path)
    stamp = first.stat().st_mtime_ns
    again, made_again = speech(engine, "delta one in layer two", tmp_path)
    assert (made, made_again) == (True, False) and again == first and again.stat().st_mtime_ns == stamp
    faster, made_faster = speech(EspeakEngine("en-us", 1.5), "delta one in layer two", tmp_path)
    assert made_faster and faster != first
    with wave.open(str(first)) as slow, wave.open(str(faster)) as quick:
        assert quick.getnframes() < slow.getnframes()  # the rate is heard


@needs_espeak
def test_each_line_is_normalised_to_the_target_loudness_without_clipping(tmp_path: Path) -> None:
    path, _ = speech(
        EspeakEngine("en-us", 1.0), "The error goes from about zero point three to zero point two.", tmp_path
    )
    samples = normalised(decoded(path))
    loudness = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(samples.astype(np.float64))
    assert loudness == pytest.approx(TARGET_LUFS, abs=0.5)
    assert np.max(np.abs(samples)) <= PEAK_LIMIT + 1e-6


@needs_espeak
def test_a_lines_normalised_samples_are_kept_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first render normalises a line and keeps the samples; the next reads them, measuring nothing."""
    path, _ = speech(EspeakEngine("en-us", 1.0), "delta two in layer one", tmp_path)
    first = speech_samples(path)
    assert np.array_equal(first, normalised(decoded(path)))
    assert [kept.name for kept in tmp_path.glob(f"*{NORMALISED_SUFFIX}")] == [path.stem + NORMALISED_SUFFIX]

    def measured(samples: np.ndarray) -> np.ndarray:
        raise AssertionError("normalised again")

    monkeypatch.setattr("scenes.pipeline.audio.normalised", measured)
    assert np.array_equal(speech_samples(path), first)


# --- narrated(): a sub-step lasts as long as its speech; without a voice, as before ---------------------


class _Block(Scene):
    narrator: Narrator | None = None

    def construct(self) -> None:
        with narrated(self, "block", Words("A caption.", "delta one in layer two is about zero point one four.")):
            self.play(Square().animate.shift([1, 0, 0]), run_time=0.5)


def _block(voiced: bool) -> tuple[float, list[Line]]:
    with tempconfig({"dry_run": True, "quality": "low_quality", "verbosity": "WARNING"}):
        scene = _Block(skip_animations=True)
        scene.narrator = Narrator(EspeakEngine("en-us", 1.0)) if voiced else None
        scene.construct()
        cue = scene.renderer.file_writer.subcaptions[0]
        assert (cue.end - cue.start).total_seconds() == pytest.approx(scene.time)  # the caption spans the block
        return scene.time, scene.narrator.lines if scene.narrator else []


@needs_espeak
def test_a_sub_step_waits_out_its_speech() -> None:
    silent, _ = _block(False)
    # at least the shortest a caption stays (in whole frames at 15 fps)
    assert MIN_CAPTION_SECONDS <= silent <= MIN_CAPTION_SECONDS + 2 / 15
    voiced, lines = _block(True)
    assert len(lines) == 1 and lines[0].start == 0.0
    assert voiced >= lines[0].seconds + SPEECH_PAUSE > silent


# --- what each sub-step says ---------------------------------------------------------------------------------

SUB_OR_SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁻₀₁₂₃₄₅₆₇₈₉]")


def scripts(tmp_path: Path) -> dict[str, tuple[Path, dict[str, str]]]:
    """What every sub-step says, for the default network and the largest: read from the scenes' recordings, which
    the scene and epilogue tests construct once per test run anyway (tests/scene_probe.py); the intro is cheap."""
    largest = tmp_path / "largest.toml"
    largest.write_text(LARGEST)
    media = tmp_path / "media"
    scripts = {}
    for name, path, extra in (("default", DEFAULT_CONFIG, (Intro, Repeat)), ("largest", largest, ())):
        recordings = [recorded(scene, path, media) for scene in (*STEPS.values(), *extra)]
        scripts[name] = (path, {section: line for recording in recordings for section, line in recording.script})
    return scripts


def test_every_sub_step_speaks_its_trace_values_in_words(tmp_path: Path) -> None:
    for name, (config_path, lines) in scripts(tmp_path).items():
        ctx = context_from(load_config(config_path))
        t, focus = ctx.trace, ctx.config.focus
        assert len(lines) >= 20, name
        for section, line in lines.items():
            assert line.isascii() and "\\" not in line and not re.search(r"[0-9^_{}$]", line), (name, section, line)
            assert not SUB_OR_SUPERSCRIPT.search(line), (name, section, line)
        L = ctx.output_layer
        expected: dict[str, list[float]] = {  # the value(s) each sub-step is about, from the trace, in words
            "forward-inputs": [t.x[0]],
            f"forward-layer-{L}": [t.z[L][focus_neuron(ctx, L)], t.a[L][focus_neuron(ctx, L)]],
            "error-loss": [t.loss],
            "error-signal": [t.dE_dyhat[0]],
            f"backward-delta-{L}": [t.delta[L - 1][0]],
            "backward-chain-1": [t.grad_weights[0][focus[0]]],
            f"backward-chain-{L}": [t.grad_weights[L - 1][focus[L - 1]]],
            "update-rule": [t.learning_rate],
        }
        if name == "default":
            expected |= {"intro-network": [t.learning_rate], "repeat-curve": [ctx.history[0]]}
        for section, values in expected.items():
            for value in values:
                assert number_words(float(value)) in lines[section], (name, section, value, lines[section])
        before, after = pair_words(t.loss, t.loss_after)
        assert before in lines["update-check"] and after in lines["update-check"], (name, lines["update-check"])
        j, i = focus[0]
        gradient = partial_words("E", weight_words(0, j, i))
        assert gradient in lines["backward-chain-1"], (name, lines["backward-chain-1"])


def test_the_focus_neuron_of_a_hidden_layer_is_named_with_its_values() -> None:
    ctx = context_from(load_config(DEFAULT_CONFIG))
    j = focus_neuron(ctx, 1)
    line = forward_layer(ctx, 1, j).spoken
    assert f"neuron {integer_words(j + 1)}" in line and "hidden layer one" in line
    assert number_words(ctx.trace.z[1][j]) in line and number_words(ctx.trace.a[1][j]) in line
