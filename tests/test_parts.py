"""A clip rendered in parts by several workers is the clip one worker renders: the same packets, subtitles and
section videos; the command renders a clip in parts when it has more workers than clips."""

from __future__ import annotations

import io
from pathlib import Path

import av
import pytest
from rich.console import Console

from scenes.environment import CONFIG_ENV
from scenes.pipeline.clips import CLIPS, ManimWorkers, RenderJob
from scenes.pipeline.parts import MAX_PARTS, parts_per_clip, rendered, split
from scenes.pipeline.quality import Quality
from scenes.pipeline.render import render_clips
from tests.command import TINY

LOW = Quality("l", 854, 480, 15)


def packets(video: Path) -> list[bytes]:
    with av.open(str(video)) as container:
        return [bytes(packet) for packet in container.demux(video=0) if packet.size]


def test_no_clip_is_split_while_there_are_workers_enough_for_whole_clips() -> None:
    assert parts_per_clip(CLIPS, 2) == dict.fromkeys(CLIPS, 1)
    assert parts_per_clip(CLIPS, len(CLIPS)) == dict.fromkeys(CLIPS, 1)


def test_workers_left_over_go_to_the_clips_whose_parts_are_longest() -> None:
    assert parts_per_clip(CLIPS, len(CLIPS) + 1) == {**dict.fromkeys(CLIPS, 1), "BackwardPass": 2}
    sixteen = parts_per_clip(CLIPS, 16)
    assert sum(sixteen.values()) == 16
    assert sixteen["BackwardPass"] == max(sixteen.values()) and sixteen["Intro"] <= sixteen["Repeat"]
    assert parts_per_clip(CLIPS, 1000) == dict.fromkeys(CLIPS, MAX_PARTS)


def test_a_part_has_a_media_folder_and_an_environment_of_its_own(tmp_path: Path) -> None:
    job = RenderJob("ErrorCalc", tmp_path / "media-ErrorCalc")
    pieces = split([job, RenderJob("Intro", tmp_path / "media-Intro")], {"ErrorCalc": 2})
    assert pieces[RenderJob("Intro", tmp_path / "media-Intro")] == [RenderJob("Intro", tmp_path / "media-Intro")]
    first, second = pieces[job]
    assert (first.media_dir.name, second.media_dir.name) == ("media-ErrorCalc-part0", "media-ErrorCalc-part1")
    assert (first.env, second.env, job.env) == ({"BACKPROP_PART": "0/2"}, {"BACKPROP_PART": "1/2"}, {})
    assert split([RenderJob("ErrorCalc", tmp_path, slides=True)], {"ErrorCalc": 2}) == {
        RenderJob("ErrorCalc", tmp_path, slides=True): [RenderJob("ErrorCalc", tmp_path, slides=True)]
    }


@pytest.mark.render
def test_a_clip_rendered_in_parts_is_the_clip_rendered_whole(tmp_path: Path) -> None:
    """ErrorCalc of the tiny network rendered whole by one worker, and by the command's ``render_clips`` with five
    workers for it alone: five parts (four sections: the last part draws none), then the clip joined from them
    before the clip is finished."""
    (tmp_path / "tiny.toml").write_text(TINY)
    env = {CONFIG_ENV: str(tmp_path / "tiny.toml")}
    whole, joined = RenderJob("ErrorCalc", tmp_path / "whole"), RenderJob("ErrorCalc", tmp_path / "joined")
    finished: list[RenderJob] = []
    console = Console(file=io.StringIO(), width=200)
    with ManimWorkers(2) as workers:
        assert workers.render(whole, LOW, True, env, tmp_path / "whole.log") == 0
        render_clips([joined], LOW, True, env, 5, console, finished.append, workers)
    said = console.file.getvalue()  # type: ignore[attr-defined]
    assert all(f"ErrorCalc part {k} of 5" in said for k in range(1, 6)) and "joined from its 5 parts" in said
    assert finished == [joined]
    pieces = split([joined], {"ErrorCalc": 5})[joined]
    assert all(rendered(piece, LOW) for piece in pieces)
    assert not list(pieces[-1].sections_dir(LOW).glob("*.mp4"))  # a part with no section of its own

    assert packets(joined.video(LOW)) == packets(whole.video(LOW))
    srt = whole.video(LOW).with_suffix(".srt").read_text()
    assert srt.count("-->") >= 4 and joined.video(LOW).with_suffix(".srt").read_text() == srt
    whole_sections = sorted(video.name for video in whole.sections_dir(LOW).glob("*.mp4"))
    assert sorted(video.name for video in joined.sections_dir(LOW).glob("*.mp4")) == whole_sections
    for name in whole_sections:
        assert packets(joined.sections_dir(LOW) / name) == packets(whole.sections_dir(LOW) / name)
