"""A clip rendered in parts by several processes at once, when there are more workers than clips.

Seven clips keep at most seven cores busy, and the longest (BackwardPass, a third of the work) bounds the render
however many there are. With more workers than clips the longest clips are split: part k of n draws and
encodes the clip's sections k, k + n, k + 2n, … (``scenes/stage/part.py``), and constructs the others without
drawing them, as manim skips animations. Sections dealt out in turn share a clip's work evenly without knowing
beforehand how many it has. Each part writes its sections as manim's section videos; the clip is every part's
section videos in order, joined without re-encoding. They are manim's own partial movies, so the clip is packet
for packet the one a single process writes. Every part keeps the clip's clock as if it drew every frame, so its
subtitles (and voice log) are the clip's.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence

from scenes.pipeline.clips import RENDER_SECONDS, RenderJob
from scenes.pipeline.quality import Quality
from scenes.pipeline.stitch import stitch

MAX_PARTS = 8  # a clip of fewer sections leaves its last parts with nothing to draw
# Beside a part's video, the whole clip's: its subtitles and its voice log (scenes/voice/narrator.py).
CLIP_FILES = (".srt", ".voice.json")


def parts_per_clip(clips: Sequence[str], workers: int) -> dict[str, int]:
    """How many parts each of ``clips`` renders in with ``workers`` processes: one each, and each worker left over
    to the clip whose parts are then the longest (by ``RENDER_SECONDS``: a part constructs its whole clip, so a
    clip is split only while its parts stay the longest)."""
    parts = dict.fromkeys(clips, 1)
    for _ in range(workers - len(clips)):
        splittable = [clip for clip in clips if parts[clip] < MAX_PARTS]
        if not splittable:
            break
        longest = max(splittable, key=lambda clip: RENDER_SECONDS.get(clip, 1.0) / parts[clip])
        parts[longest] += 1
    return parts


def split(jobs: Sequence[RenderJob], parts: Mapping[str, int]) -> dict[RenderJob, list[RenderJob]]:
    """Each of ``jobs`` and the jobs that render it: itself, or its parts (each in a media folder of its own)."""
    return {
        job: [job]
        if parts.get(job.clip, 1) == 1 or job.slides
        else [job.part_of(k, parts[job.clip]) for k in range(parts[job.clip])]
        for job in jobs
    }


def join_parts(job: RenderJob, pieces: Sequence[RenderJob], quality: Quality, sections: bool) -> None:
    """``job``'s clip where a single process would have written it, from its parts: the video joined from their
    section videos, the subtitles and voice log (any part's), and the section videos themselves if asked for."""
    videos = sorted(
        (video for piece in pieces for video in piece.sections_dir(quality).glob(f"{job.scene}_*.mp4")),
        key=lambda video: video.name,  # <scene>_<section index, four digits>_<name>.mp4
    )
    clip = job.video(quality)
    clip.parent.mkdir(parents=True, exist_ok=True)
    stitch(videos, clip)
    for suffix in CLIP_FILES:
        written = pieces[0].video(quality).with_suffix(suffix)
        if written.exists():
            shutil.copyfile(written, clip.with_suffix(suffix))
    if sections:
        folder = job.sections_dir(quality)
        folder.mkdir(parents=True, exist_ok=True)
        for video in videos:
            os.replace(video, folder / video.name)


def rendered(piece: RenderJob, quality: Quality) -> bool:
    """Whether ``piece`` wrote what its clip needs: a whole clip its video; a part its section videos (none, if
    it has no section of its own)."""
    return piece.sections_dir(quality).is_dir() if piece.parts > 1 else piece.video(quality).exists()
