"""The render pipeline behind `backprop-video`: from a config to a folder of videos, never importing a scene (the
manim processes it starts do).

cli        parse and check the input (config, --out, system tools, quality), then render, make a deck, or trace
output     which output folder may be replaced; the manifest that marks a folder as ours
system     LaTeX, cairo and pango present, checked before manim is imported
quality    manim's own quality presets (the first import of manim)
render     every clip rendered, --jobs at a time, then assembled and published (clips, parts, progress)
clips      the clips (from scenes/steps_table.py) and the manim worker processes that render them
worker     one manim process rendering clip after clip, as the command asks it line by line
parts      the longest clips rendered in parts by several workers, joined packet for packet
progress   the render's progress and the table of what it wrote
assemble   clips -> FullVideo by stream copy (stitch, probe), merged subtitles (subtitles), posters, section clips
stitch     videos joined by stream copy (PyAV: no re-encoding)
probe      a video's frames, frame rate and duration
subtitles  the clips' subtitles merged into the full video's
posters    the still that shows the most of a clip, as PNG
audio      a narrated clip's speech: normalised loudness (ITU-R BS.1770), one track per clip
tracks     every video's voice track, from the lines its scene logged (scenes/voice/narrator.py)
mux        a track encoded as AAC beside a video's stream-copied frames
deck       `backprop-video slides`: the slide variants rendered, converted into one HTML or PPTX deck
revealjs   the reveal.js the HTML deck plays offline
publish    write then replace: one file (.part), or the whole folder, built beside it and swapped in
lock       one render at a time into an output folder; what a killed render left beside it, removed
"""

from __future__ import annotations

DISTRIBUTION = "backprop-video"


def package_version() -> str:
    """The installed version of the project (from its metadata)."""
    from importlib import metadata  # here, not at import: the command's start stays short

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"
