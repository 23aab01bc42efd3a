"""From rendered clips to the files a user gets: clips, FullVideo, merged subtitles, posters, section clips."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from scenes.pipeline.clips import RenderJob
from scenes.pipeline.posters import save_fullest_frame
from scenes.pipeline.probe import probe
from scenes.pipeline.quality import Quality
from scenes.pipeline.stitch import stitch
from scenes.pipeline.subtitles import merge_subtitles
from scenes.steps_table import FULL_VIDEO as FULL_VIDEO_PART
from scenes.steps_table import PARTS

FULL_VIDEO = FULL_VIDEO_PART.scene
# Posters: the frame showing the most, searched in this part of each clip (scenes/steps_table.py).
POSTER_SPAN = {part.scene: part.poster_span for part in (*PARTS, FULL_VIDEO_PART)}


@dataclass(frozen=True)
class FinishedClip:
    """A clip's files in the output folder: the video, its subtitles (if manim wrote any) and its poster."""

    video: Path
    subtitles: Path | None
    duration: float  # seconds

    @property
    def files(self) -> list[Path]:
        return [self.video, *([self.subtitles] if self.subtitles else []), self.video.with_suffix(".png")]


def finish_clip(job: RenderJob, quality: Quality, folder: Path) -> FinishedClip:
    """``job``'s clip, subtitles and poster in ``folder``: done as soon as the clip is rendered, while others render."""
    clip = folder / f"{job.scene}.mp4"
    shutil.copyfile(job.video(quality), clip)
    subtitles = _copy_if_present(job.video(quality).with_suffix(".srt"), clip.with_suffix(".srt"))
    _poster(clip, job.scene)
    return FinishedClip(clip, subtitles, probe(clip).duration)


def assemble(
    jobs: Sequence[RenderJob],
    quality: Quality,
    sections: bool,
    folder: Path,
    voiced: Callable[[Path], None] | None = None,
    finished: Mapping[str, FinishedClip] | None = None,
) -> list[Path]:
    """Every file of the render in ``folder``, made from the clips of ``jobs`` (those in ``finished`` are there
    already); returns them in order. ``voiced`` (a narrated render) is given the stitched video's path once every
    video is in place, to add their voices."""
    done = [(finished or {}).get(job.clip) or finish_clip(job, quality, folder) for job in jobs]
    files = [path for clip in done for path in clip.files]
    if sections:
        for job in jobs:
            files += _copy_sections(job, quality, folder / "sections" / job.scene)
    full = folder / f"{FULL_VIDEO}.mp4"
    stitch([clip.video for clip in done], full)
    merge_subtitles([(clip.subtitles, clip.duration) for clip in done], full.with_suffix(".srt"))
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
    save_fullest_frame(video, video.with_suffix(".png"), *POSTER_SPAN[scene])


def _copy_sections(job: RenderJob, quality: Quality, target: Path) -> list[Path]:
    """A step's section clips (one per sub-step), named in order, for hand-embedding in slides."""
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for clip in sorted(job.sections_dir(quality).glob(f"{job.scene}_*.mp4")):
        shutil.copyfile(clip, target / clip.name)
        copied.append(target / clip.name)
    return copied
