"""How every MP4 of the project is muxed: one home for the muxer's options (no manim here)."""

from __future__ import annotations

# Options for PyAV's MP4 muxer that write the index (moov) before the media data ("faststart", moved there when
# the file is closed, nothing re-encoded): a browser or a learning platform plays the file as it downloads.
FASTSTART = {"movflags": "+faststart"}
