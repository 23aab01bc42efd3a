"""The render pipeline behind `backprop-video`: from a config to a folder of videos, without importing a scene.

    cli        parse and check the input (config, --out, system tools), then render or trace
    render     one manim process per step's scene file (clips), in parallel, with progress
    assemble   clips → FullVideo by stream copy (stitch), merged subtitles, posters, section clips
    publish    the finished folder swapped in whole for the previous one (output: what may be replaced)

Only `render` imports manim (through `quality`), and only once the input has been checked.
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
