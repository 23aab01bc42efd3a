"""Speech synthesised once per (text, engine, voice, rate) per machine, kept beside the LaTeX cache.

``$BACKPROP_CACHE/voice/<hash>.wav`` (or the XDG / ~/.cache folder of ``tex_cache.cache_root``): a re-render of the
same config speaks nothing anew. Each file is written under a temporary name and renamed into place, so a
clip rendering in parallel never reads half a file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from scenes.environment import cache_root
from scenes.voice.engines import SpeechEngine

FORMAT = 1  # bump when what is stored changes


def voice_cache() -> Path:
    return cache_root() / "voice"


def cached_name(engine: SpeechEngine, text: str) -> str:
    digest = hashlib.sha256(f"{FORMAT}\n{engine.key}\n{text}".encode()).hexdigest()
    return f"{digest[:32]}.wav"


def speech(engine: SpeechEngine, text: str, cache: Path | None = None) -> tuple[Path, bool]:
    """The WAV of ``text`` spoken by ``engine``, and whether it had to be synthesised (False: from the cache)."""
    cache = cache or voice_cache()
    target = cache / cached_name(engine, text)
    if target.is_file():
        return target, False
    cache.mkdir(parents=True, exist_ok=True)
    keep(target, lambda part: engine.synthesize(text, part))
    return target, True


def keep(target: Path, write: Callable[[Path], object]) -> None:
    """``target`` in the cache as ``write`` writes it: written under a temporary name beside it, then renamed
    into place (another clip keeping the same file writes the same bytes; a reader never sees half of it)."""
    handle, part = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=f".part{target.suffix}")
    os.close(handle)
    try:
        write(Path(part))
        os.replace(part, target)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(part)
