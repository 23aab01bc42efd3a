"""The render pipeline behind `backprop-video`: from a config to a folder of videos, never importing a scene.

cli        parse and check the input (config, --out, system tools, quality), then render or trace
output     which output folder may be replaced; the manifest that marks a folder as ours
system     LaTeX, cairo and pango present, checked before manim is imported
quality    manim's own quality presets (the first import of manim)
render     every clip rendered, --jobs at a time, by worker processes rendering clip after clip (clips, worker, progress)
assemble   clips -> FullVideo by stream copy (stitch, probe), merged subtitles, posters, section clips
publish    write then replace: one file (.part), or the whole folder, built beside it and swapped in
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
