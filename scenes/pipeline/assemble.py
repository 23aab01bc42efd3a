"""From rendered clips to the files a user gets: clips, FullVideo, merged subtitles, posters, section clips."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from scenes.pipeline.clips import RenderJob
from scenes.pipeline.posters import fullest_frame, poster
from scenes.pipeline.probe import probe
from scenes.pipeline.quality import Quality
from scenes.pipeline.stitch import stitch
from scenes.pipeline.subtitles import merge_subtitles

FULL_VIDEO = "FullVideo"
# Posters: the frame showing the most, searched in this part of each clip (the full video: its forward pass).
POSTER_SPAN = {"Intro": (0.55, 0.95), FULL_VIDEO: (0.15, 0.3)}
POSTER_DEFAULT_SPAN = (0.3, 0.95)


def assemble(
    jobs: Sequence[RenderJob],
    quality: Quality,
    sections: bool,
    folder: Path,
    voiced: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Every file of the render in ``folder``, made from the clips of ``jobs``; returns them in order. ``voiced``
    (a narrated render) is given the stitched video's path once every video is in place, to add their voices."""
    files: list[Path] = []
    parts: list[tuple[Path | None, float]] = []
    clips: list[Path] = []
    for job in jobs:
        clip = folder / f"{job.scene}.mp4"
        shutil.copyfile(job.video(quality), clip)
        subtitles = _copy_if_present(job.video(quality).with_suffix(".srt"), clip.with_suffix(".srt"))
        _poster(clip, job.scene)
        parts.append((subtitles, probe(clip).duration))
        clips.append(clip)
        files += [clip, *([subtitles] if subtitles else []), clip.with_suffix(".png")]
    if sections:
        for job in jobs:
            files += _copy_sections(job, quality, folder / "sections" / job.scene)
    full = folder / f"{FULL_VIDEO}.mp4"
    stitch(clips, full)
    merge_subtitles(parts, full.with_suffix(".srt"))
    if voiced is not None:
        voiced(full)
    _poster(full, FULL_VIDEO)
    return [*files, full, full.with_suffix(".srt"), full.with_suffix(".png")]


def _copy_if_present(source: Path, target: Path) -> Path | None:
    if not source.exists():
        return None
    shutil.copyfile(source, target)
    return target


def _poster(video: Path, scene: str) -> None:
    poster(video, video.with_suffix(".png"), fullest_frame(video, *POSTER_SPAN.get(scene, POSTER_DEFAULT_SPAN)))


def _copy_sections(job: RenderJob, quality: Quality, target: Path) -> list[Path]:
    """A step's section clips (one per sub-step), named in order, for hand-embedding in slides."""
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for clip in sorted(job.sections_dir(quality).glob(f"{job.scene}_*.mp4")):
        shutil.copyfile(clip, target / clip.name)
        copied.append(target / clip.name)
    return copied
