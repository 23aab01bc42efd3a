"""One subtitle file for the stitched video: cues moved by the clips before them, renumbered."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import srt

from scenes.pipeline.subtitles import merge_subtitles
from tests.media import leftovers


def write_srt(path: Path, cues: list[tuple[float, float, str]]) -> Path:
    subs = [
        srt.Subtitle(i + 1, timedelta(seconds=start), timedelta(seconds=end), text)
        for i, (start, end, text) in enumerate(cues)
    ]
    path.write_text(srt.compose(subs, reindex=False), encoding="utf-8")
    return path


def test_merge_subtitles_offsets_and_renumbers(tmp_path: Path) -> None:
    one = write_srt(tmp_path / "one.srt", [(0.0, 1.0, "first"), (1.2, 1.9, "second")])
    three = write_srt(tmp_path / "three.srt", [(0.5, 1.0, "fourth"), (0.1, 0.4, "third")])  # out of order
    out = tmp_path / "video.srt"
    parts = [(one, 2.0), (None, 1.5), (tmp_path / "missing.srt", 0.25), (three, 3.0)]
    assert merge_subtitles(parts, out) == 4

    merged = list(srt.parse(out.read_text(encoding="utf-8")))
    assert [c.index for c in merged] == [1, 2, 3, 4]
    assert [c.content for c in merged] == ["first", "second", "third", "fourth"]
    ms = timedelta(milliseconds=1)
    assert [(c.start // ms, c.end // ms) for c in merged] == [(0, 1000), (1200, 1900), (3850, 4150), (4250, 4750)]
    assert leftovers(tmp_path) == []


def test_merge_subtitles_without_any_cues(tmp_path: Path) -> None:
    out = tmp_path / "video.srt"
    out.write_text("old", encoding="utf-8")
    assert merge_subtitles([(None, 1.0), (None, 2.0)], out) == 0
    assert out.read_text(encoding="utf-8") == ""
