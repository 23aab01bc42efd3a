"""The output folder: whether it may be replaced (checked before any work), and the manifest that marks it ours.

A render replaces the whole folder, so the command only ever replaces a folder it wrote itself: one holding
its manifest (``.backprop-video.json``) and nothing that the manifest does not list. A lecturer's folder of
their own files is refused, never deleted.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

from scenes.steps_table import SCENE_MODULES

MANIFEST = ".backprop-video.json"
WRITER = "backprop-video"
DEFAULT_OUT = Path("media") / "backprop"
ANSWER_KEY = "answer-key.md"  # every number of the video, worked (``nnmath.answer_key``), beside the clips
# What a render writes, as names: an earlier version's folder (before the manifest) may be replaced too.
_CLIP = "|".join(SCENE_MODULES)
_EARLIER_RENDER = re.compile(
    rf"(?:{_CLIP})\.(?:mp4|srt|png)|sections|sections/(?:{_CLIP})(?:/(?:{_CLIP})_\d{{4}}_[\w-]+\.mp4)?"
)


def out_problem(out: Path, shown: str) -> str | None:
    """Why ``out`` (absolute) cannot receive a render, as one line naming it (``shown``, as typed); or None."""
    if out.exists() and not out.is_dir():
        return f"--out {shown}: is a file, not a folder"
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                return f"--out {shown}: {parent} is a file, not a folder"
            break
    if out == Path.cwd() or out in Path.cwd().parents:
        return f"--out {shown}: holds the current folder; name a folder for the video alone, e.g. {DEFAULT_OUT}"
    if out.is_dir():
        return _foreign_files(out, shown)
    return None


def _foreign_files(out: Path, shown: str) -> str | None:
    """A refusal if ``out`` holds anything an earlier render of ours did not write."""
    present = set(_entries(out))
    if not present:
        return None
    manifest = read_manifest(out)
    if manifest is None and all(_EARLIER_RENDER.fullmatch(name) for name in present):
        return None  # written by a version that kept no manifest: only names it writes
    if manifest is None:
        return (
            f"--out {shown}: the folder holds files backprop-video did not write; "
            "name a new or empty folder (nothing was changed)"
        )
    ours = {MANIFEST, *(str(name) for name in cast(list[object], manifest["files"]))}
    ours |= {parent.as_posix() for name in ours for parent in Path(name).parents if parent != Path(".")}
    foreign = sorted(present - ours)
    if foreign:
        return (
            f"--out {shown}: {foreign[0]} was not written by backprop-video; "
            "move it out or name another folder (nothing was changed)"
        )
    return None


def _entries(folder: Path) -> Iterable[str]:
    """Every file, link and folder under ``folder``, as relative POSIX paths (links are not followed)."""
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            yield (Path(root) / name).relative_to(folder).as_posix()


def read_manifest(folder: Path) -> dict[str, object] | None:
    """The manifest of a folder this command wrote, or None."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("written_by") != WRITER or not isinstance(data.get("files"), list):
        return None
    return data


def write_manifest(folder: Path, files: Iterable[Path], about: Mapping[str, object]) -> Path:
    """Record in ``folder`` what was rendered (``about``: config, quality, …) and every file written."""
    listed = sorted(path.relative_to(folder).as_posix() for path in files)
    document = {"written_by": WRITER, **about, "files": listed}
    path = folder / MANIFEST
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return path
