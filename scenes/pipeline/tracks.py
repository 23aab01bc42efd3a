"""The voice tracks of a narrated render: each clip's from its voice log, each section clip's cut from its clip's
at the section's frames, and the full video's joined from the clips' sample-exactly as its frames are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scenes.pipeline.audio import clip_track, samples_for
from scenes.pipeline.clips import RenderJob
from scenes.pipeline.mux import with_voice
from scenes.pipeline.probe import probe
from scenes.pipeline.quality import Quality
from scenes.pipeline.stitch import StitchError
from scenes.voice.narrator import VOICE_LOG_SUFFIX, read_log


@dataclass(frozen=True)
class Spoken:
    """What a narrated render said: lines synthesised now, and lines the cache already had."""

    synthesised: int
    cached: int


def add_voices(jobs: Sequence[RenderJob], quality: Quality, folder: Path, full: Path, sections: bool) -> Spoken:
    """Give every clip in ``folder`` (named after its scene), its section clips and ``full`` their voice track."""
    tracks: list[np.ndarray] = []
    synthesised = cached = 0
    for job in jobs:
        source = job.video(quality)
        lines = read_log(source.with_suffix(VOICE_LOG_SUFFIX))
        synthesised += sum(line.synthesised for line in lines)
        cached += sum(not line.synthesised for line in lines)
        info = probe(source)
        track = clip_track(lines, info.frames, info.fps)
        with_voice(source, track, folder / f"{job.scene}.mp4")
        tracks.append(track)
        if sections:
            _voice_sections(sorted((folder / "sections" / job.scene).glob(f"{job.scene}_*.mp4")), track, info.frames)
    with_voice(full, np.concatenate(tracks), full)
    return Spoken(synthesised, cached)


def _voice_sections(clips: Sequence[Path], track: np.ndarray, frames: int) -> None:
    """Each section clip (in order) gets the part of its clip's track its frames cover."""
    if not clips:
        return
    infos = [probe(clip) for clip in clips]
    if sum(info.frames for info in infos) != frames:
        raise StitchError(f"the section clips of {clips[0].parent.name} do not add up to their clip's frames")
    done = 0
    for clip, info in zip(clips, infos, strict=True):
        start, end = samples_for(done, info.fps), samples_for(done + info.frames, info.fps)
        with_voice(clip, track[start:end], clip)
        done += info.frames
