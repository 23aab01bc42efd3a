"""Speech engines: text in, a WAV file out, offline. espeak-ng by default; Piper for a voice model file.

An engine is an interface (:class:`SpeechEngine`) so the cache and the narrator never care which one speaks.
Each knows what it needs from the system and says so on one line, with the command that installs it.
"""

from __future__ import annotations

import difflib
import importlib.util
import shutil
import subprocess
import wave
from pathlib import Path
from typing import Any, Protocol

from nnmath import Config
from nnmath.config import PIPER_SUFFIX, ConfigError

ESPEAK = "espeak-ng"
ESPEAK_WORDS_PER_MINUTE = 175  # espeak-ng's pace at rate 1 (its own default)
PIPER_EXTRA = "piper"  # pip install 'backprop-video[piper]'


class SpeechEngine(Protocol):
    """Speaks text into a WAV file (any sample rate, mono or stereo, 16-bit)."""

    @property
    def key(self) -> str:
        """What makes its sound differ: engine, voice and rate (part of the cache key)."""

    def missing(self) -> str | None:
        """Why it cannot speak on this machine, as one line with the install command; or None."""

    def synthesize(self, text: str, wav: Path) -> None:
        """Write ``text`` spoken into ``wav``."""


class EspeakEngine:
    """Debian's espeak-ng, run as a program: a voice name (``en-us``), words per minute from the rate."""

    def __init__(self, voice: str, rate: float) -> None:
        self.voice, self.words_per_minute = voice, round(ESPEAK_WORDS_PER_MINUTE * rate)

    @property
    def key(self) -> str:
        return f"espeak-ng/{self.voice}/{self.words_per_minute}"

    def missing(self) -> str | None:
        if shutil.which(ESPEAK) is None:
            return f"{ESPEAK} is not installed (the narration needs it); install it with: sudo apt-get install {ESPEAK}"
        return None

    @staticmethod
    def voices() -> list[str]:
        """The voice names espeak-ng knows (languages such as ``en-us``), in its order."""
        listing = subprocess.run([ESPEAK, "--voices"], capture_output=True, text=True, check=False).stdout
        return [line.split()[1] for line in listing.splitlines()[1:] if len(line.split()) > 1]

    def known_voice(self) -> bool:
        """Whether espeak-ng has this voice (a language, a voice file, or either with a ``+variant``)."""
        listing = subprocess.run([ESPEAK, "--voices"], capture_output=True, text=True, check=False).stdout
        names = {name for line in listing.splitlines()[1:] for name in line.split()[1:5]}
        return self.voice.split("+")[0] in names

    def synthesize(self, text: str, wav: Path) -> None:
        command = [ESPEAK, "-v", self.voice, "-s", str(self.words_per_minute), "-w", str(wav), "--", text]
        subprocess.run(command, check=True, capture_output=True)


class PiperEngine:
    """A Piper voice model (``<name>.onnx`` with ``<name>.onnx.json`` beside it), through the piper-tts package."""

    def __init__(self, model: str, rate: float) -> None:
        self.model, self.rate = Path(model), rate
        self.loaded: Any = None  # the PiperVoice, loaded on the first line spoken

    @property
    def key(self) -> str:
        return f"piper/{self.model.name}/{self.model.stat().st_size}/{self.rate:g}"

    def missing(self) -> str | None:
        if importlib.util.find_spec("piper") is None:  # the piper extra
            return (
                "piper-tts is not installed (narration.voice names a Piper model); install it with: "
                f".venv/bin/pip install 'backprop-video[{PIPER_EXTRA}]'"
            )
        return None

    def synthesize(self, text: str, wav: Path) -> None:
        from piper import PiperVoice, SynthesisConfig  # type: ignore[import-not-found, unused-ignore]  # the piper extra

        if self.loaded is None:
            self.loaded = PiperVoice.load(self.model)
        voice = self.loaded
        with wave.open(str(wav), "wb") as out:
            voice.synthesize_wav(text, out, syn_config=SynthesisConfig(length_scale=1 / self.rate))


def voice_problem(config: Config) -> tuple[str, bool] | None:
    """Why ``config``'s voice cannot speak here, as one line, and whether it is the config's fault (an unknown
    voice name) rather than the machine's (a missing engine); or None."""
    engine = engine_for(config)
    missing = engine.missing()
    if missing:
        return missing, False
    if isinstance(engine, EspeakEngine) and not engine.known_voice():
        close = difflib.get_close_matches(config.voice.lower(), EspeakEngine.voices(), n=1)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        field = ConfigError(
            config.path,
            "narration.voice",
            f'unknown espeak-ng voice "{config.voice}"{hint} ({ESPEAK} --voices lists them)',
        )
        return str(field), True
    return None


def engine_for(config: Config) -> SpeechEngine:
    """The engine ``[narration]`` asks for: Piper for a voice model file, espeak-ng for a voice name."""
    if config.voice.endswith(PIPER_SUFFIX):
        return PiperEngine(config.voice, config.rate)
    return EspeakEngine(config.voice, config.rate)
