"""What a scene says in each sub-step, and when: the scene's voice, and the log the pipeline builds tracks from.

``narrated`` asks the narrator to say a sub-step's line as the sub-step starts; the narrator fetches the line's
speech (synthesised once, cached), returns how long it lasts so the sub-step can wait it out, and records
(section, start, speech file) in ``<Scene>.voice.json`` beside the clip manim writes.
"""

from __future__ import annotations

import json
import os
import wave
from dataclasses import asdict, dataclass, field
from pathlib import Path

from manim import Scene, config

from nnmath import Config
from scenes.environment import NARRATE_ENV
from scenes.voice.cache import speech
from scenes.voice.engines import SpeechEngine, engine_for

VOICE_LOG_SUFFIX = ".voice.json"


@dataclass(frozen=True)
class Line:
    """One sub-step's speech: its section, when it starts in the clip (s), the cached WAV and its length (s)."""

    section: str
    start: float
    audio: str
    seconds: float
    text: str
    synthesised: bool  # False: the cache had it


@dataclass
class Narrator:
    engine: SpeechEngine
    lines: list[Line] = field(default_factory=list)

    def say(self, scene: Scene, section: str, text: str) -> float:
        """Speak ``text`` from now on, in ``section``; how many seconds it lasts."""
        audio, synthesised = speech(self.engine, text)
        with wave.open(str(audio), "rb") as wav:
            seconds = wav.getnframes() / wav.getframerate()
        self.lines.append(Line(section, float(scene.time), str(audio), seconds, text, synthesised))
        self._write_log(scene)
        return seconds

    def _write_log(self, scene: Scene) -> None:
        """Rewrite the clip's voice log (when this process writes a movie)."""
        movie = getattr(scene.renderer.file_writer, "movie_file_path", None)
        if config.dry_run or movie is None:
            return
        log = Path(movie).with_suffix(VOICE_LOG_SUFFIX)
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(json.dumps([asdict(line) for line in self.lines], indent=1), encoding="utf-8")


def narrates(cfg: Config) -> bool:
    """Whether the scenes speak: as the command says (``$BACKPROP_NARRATE`` 1 or 0: ``render --narrate``, or
    silent slides), else as ``[narration] enabled`` in the config says."""
    said = os.environ.get(NARRATE_ENV)
    return said == "1" if said in ("0", "1") else cfg.narrate


def narrator_for(cfg: Config) -> Narrator | None:
    return Narrator(engine_for(cfg)) if narrates(cfg) else None


def read_log(path: Path) -> list[Line]:
    """A clip's voice log (none: no line was spoken)."""
    if not path.is_file():
        return []
    return [Line(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))]
