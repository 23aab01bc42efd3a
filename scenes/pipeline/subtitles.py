"""One subtitle file for the stitched video: each clip's cues moved later by the clips before it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import srt  # type: ignore[import-untyped]

from scenes.pipeline.publish import atomic_file


def merge_subtitles(parts: Sequence[tuple[Path | None, float]], out: Path) -> int:
    """Join per-clip .srt files into one for the stitched video; return the number of cues written.

    ``parts`` are (srt path or None, clip duration in seconds) in clip order; each file's cues are moved later by the
    total duration of the clips before it. A None or missing file only contributes its clip's duration.
    """
    out = Path(out)
    cues: list[srt.Subtitle] = []
    offset = 0.0
    for path, duration in parts:
        if path is not None and Path(path).is_file():
            text = Path(path).read_text(encoding="utf-8-sig")
            try:
                parsed = list(srt.parse(text))
            except srt.SRTParseError as exc:
                raise ValueError(f"{Path(path).name} is not valid SRT: {exc}") from exc
            shift = timedelta(seconds=offset)
            cues += [_shift_cue(cue, shift) for cue in parsed]
        offset += duration
    merged = list(srt.sort_and_reindex(cues, start_index=1))  # also drops empty cues
    with atomic_file(out) as tmp:
        tmp.write_text(srt.compose(merged, reindex=False), encoding="utf-8")
    return len(merged)


def _shift_cue(cue: srt.Subtitle, shift: timedelta) -> srt.Subtitle:
    """A copy of ``cue`` moved later by ``shift``."""
    return srt.Subtitle(cue.index, cue.start + shift, cue.end + shift, cue.content, cue.proprietary)
