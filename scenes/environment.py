"""The environment variables the project reads, each named once here (no manim here): how the command tells a
manim process what to draw, and where the caches are."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CONFIG_ENV = "BACKPROP_CONFIG"  # the config file a scene draws (default: assets/default.toml)
THEME_ENV = "BACKPROP_THEME"  # overrides display.theme, e.g. from `backprop-video render --theme`
# "1": every scene speaks its sub-steps (`backprop-video render --narrate`); "0": none speaks; unset: as the config says
NARRATE_ENV = "BACKPROP_NARRATE"
# "k/n": render only part k (0-based) of n of the clip: its sections k, k + n, k + 2n, … (``scenes/pipeline/parts.py``)
PART_ENV = "BACKPROP_PART"
REVEALJS_ENV = "BACKPROP_REVEALJS"  # a reveal.js package folder (holding dist/), instead of the installed one
CACHE_ENV = "BACKPROP_CACHE"  # the cache folder (default: $XDG_CACHE_HOME/backprop-video or ~/.cache/…)


def cache_root() -> Path:
    """The folder of this project's caches."""
    if folder := os.environ.get(CACHE_ENV):
        return Path(folder).expanduser()
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "backprop-video"
    try:
        return Path.home() / ".cache" / "backprop-video"
    except RuntimeError:  # no home folder (a service account): a cache for this machine's session at least
        return Path(tempfile.gettempdir()) / "backprop-video-cache"
