"""How the command tells a manim process what to draw: environment variables (no manim here)."""

from __future__ import annotations

CONFIG_ENV = "BACKPROP_CONFIG"  # the config file a scene draws (default: assets/default.toml)
THEME_ENV = "BACKPROP_THEME"  # overrides display.theme, e.g. from `backprop-video render --theme`
# "1": every scene speaks its sub-steps (`backprop-video render --narrate`); "0": none speaks; unset: as the config says
NARRATE_ENV = "BACKPROP_NARRATE"
# "k/n": render only part k (0-based) of n of the clip: its sections k, k + n, k + 2n, … (``scenes/pipeline/parts.py``)
PART_ENV = "BACKPROP_PART"
