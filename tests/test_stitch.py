"""Stitching clips by stream copy, on tiny clips encoded with PyAV."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenes.pipeline import stitch as stitch_mod
from scenes.pipeline.probe import index_first, probe, top_level_boxes
from scenes.pipeline.stitch import StitchError, stitch
from tests.media import BLUE, COUNTS, FPS, GREEN, RED, assert_colour, decoded, leftovers, make_clip, packets, rgb_clips


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Red, green and blue clips of COUNTS frames; shared, so tests only read them."""
    return rgb_clips(tmp_path_factory.mktemp("clips"))


def test_probe_counts_demuxed_frames(clips: list[Path]) -> None:
    info = probe(clips[1])
    assert (info.width, info.height, info.fps, info.codec, info.pix_fmt) == (64, 48, 15, "h264", "yuv420p")
    assert info.frames == 7
    assert info.duration == pytest.approx(7 / 15)
    assert info.path == clips[1]


def test_stitch_sums_frames_and_duration(clips: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "video.mp4"
    info = stitch(clips, out)
    total = sum(COUNTS)
    assert info.path == out
    assert info.frames == total
    assert info.duration == pytest.approx(total / FPS)
    assert (info.width, info.height, info.fps, info.codec, info.pix_fmt) == (64, 48, 15, "h264", "yuv420p")
    assert probe(out) == info
    frames = decoded(out)
    assert len(frames) == total
    assert [t for t, _ in frames] == pytest.approx([i / FPS for i in range(total)], abs=1e-6)
    assert all(image.shape == (48, 64, 3) for _, image in frames)
    assert leftovers(tmp_path) == []


def test_a_stitched_mp4_has_its_index_first(clips: list[Path], tmp_path: Path) -> None:
    assert not index_first(clips[0])  # PyAV's default: the index at the end
    stitch(clips, tmp_path / "video.mp4")
    assert top_level_boxes(tmp_path / "video.mp4") == ["ftyp", "moov", "free", "mdat"]


def test_stitch_copies_packets_without_reencoding(clips: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "video.mp4"
    stitch(clips, out)
    assert packets(out) == packets(clips[0]) + packets(clips[1]) + packets(clips[2])


def test_segments_play_in_order(clips: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "video.mp4"
    stitch([clips[2], clips[0], clips[1], clips[0]], out)  # blue, red, green, red
    frames = decoded(out)
    starts = [0, 12, 22, 29]
    assert len(frames) == 39
    for start, colour in zip(starts, (BLUE, RED, GREEN, RED), strict=True):
        assert_colour(frames[start][1], colour)
        assert frames[start][0] == pytest.approx(start / FPS, abs=1e-6)
    assert_colour(frames[11][1], BLUE)  # the last frame of a segment is still that segment's
    assert_colour(frames[-1][1], RED)


def test_stitch_rescales_clips_with_another_time_base(tmp_path: Path) -> None:
    a = make_clip(tmp_path / "a.mp4", RED, 10)  # MP4 from PyAV: time base 1/15360
    b = make_clip(tmp_path / "b.mkv", GREEN, 10)  # Matroska: 1/1000, and no dts on its first packets
    assert probe(b).frames == 10
    info = stitch([a, b, a], tmp_path / "video.mp4")
    assert info.frames == 30
    assert info.fps == 15
    frames = decoded(info.path)
    assert len(frames) == 30
    assert [t for t, _ in frames] == pytest.approx([i / FPS for i in range(30)], abs=1.5e-3)  # ms rounding of mkv
    for start, colour in ((0, RED), (9, RED), (10, GREEN), (19, GREEN), (20, RED)):
        assert_colour(frames[start][1], colour)


MISMATCHES = [
    pytest.param({"size": (80, 48)}, "b.mp4 is 80x48 at 15 fps (h264)", id="resolution"),
    pytest.param({"fps": 30}, "b.mp4 is 64x48 at 30 fps (h264)", id="fps"),
    pytest.param({"codec": "mpeg4"}, "b.mp4 is 64x48 at 15 fps (mpeg4)", id="codec"),
    pytest.param({"pix_fmt": "yuv444p"}, "b.mp4 is 64x48 at 15 fps (h264, yuv444p)", id="pix_fmt"),
]


@pytest.mark.parametrize(("change", "described"), MISMATCHES)
def test_mismatch_raises_and_writes_nothing(tmp_path: Path, change: dict, described: str) -> None:
    a = make_clip(tmp_path / "a.mp4", RED)
    b = make_clip(tmp_path / "b.mp4", GREEN, **change)
    out = tmp_path / "video.mp4"

    with pytest.raises(StitchError) as absent:
        stitch([a, a, b], out)
    assert not out.exists()

    out.write_bytes(b"the previous video")
    with pytest.raises(StitchError) as present:
        stitch([a, b], out)
    assert out.read_bytes() == b"the previous video"
    assert leftovers(tmp_path) == []

    first = "a.mp4 is 64x48 at 15 fps (h264, yuv420p)" if "pix_fmt" in change else "a.mp4 is 64x48 at 15 fps (h264)"
    for exc in (absent.value, present.value):
        assert str(exc) == f"cannot stitch: {first}, {described}"


def test_resolution_message_example(tmp_path: Path) -> None:
    a = make_clip(tmp_path / "ErrorCalc.mp4", RED, size=(128, 72), fps=30)
    b = make_clip(tmp_path / "ForwardPass.mp4", GREEN, size=(86, 48), fps=15)
    with pytest.raises(StitchError, match=r"^cannot stitch: ErrorCalc\.mp4 is 128x72 at 30 fps \(h264\), "):
        stitch([a, b], tmp_path / "video.mp4")


def test_unreadable_or_missing_clips(clips: list[Path], tmp_path: Path) -> None:
    with pytest.raises(StitchError, match="no clips"):
        stitch([], tmp_path / "video.mp4")
    with pytest.raises(StitchError, match=r"^cannot stitch: Nope\.mp4 is not a readable video"):
        stitch([clips[0], tmp_path / "Nope.mp4"], tmp_path / "video.mp4")
    junk = tmp_path / "Junk.mp4"
    junk.write_bytes(b"not a video at all")
    with pytest.raises(StitchError, match=r"Junk\.mp4"):
        stitch([clips[0], junk], tmp_path / "video.mp4")
    assert not (tmp_path / "video.mp4").exists()


def test_failure_while_muxing_keeps_previous_output(
    clips: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "video.mp4"
    stitch(clips[:1], out)
    before = out.read_bytes()
    real_copy = stitch_mod._copy_clip
    seen_parts: list[list[str]] = []

    def failing_copy(path: Path, *args: object, **kwargs: object) -> int | None:
        if path == clips[1]:
            seen_parts.append(leftovers(tmp_path))  # mid-stitch: the partial file exists
            raise RuntimeError("disk on fire")
        return real_copy(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stitch_mod, "_copy_clip", failing_copy)
    with pytest.raises(RuntimeError, match="disk on fire"):
        stitch(clips, out)
    assert seen_parts == [[".video.mp4.part"]]
    assert out.read_bytes() == before
    assert leftovers(tmp_path) == []

    fresh = tmp_path / "fresh.mp4"
    with pytest.raises(RuntimeError):
        stitch(clips, fresh)
    assert not fresh.exists()
    assert seen_parts[-1] == [".fresh.mp4.part"]
    assert leftovers(tmp_path) == []


def test_lost_frames_are_caught(clips: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_copy = stitch_mod._copy_clip

    def skip_green(path: Path, *args: object, **kwargs: object) -> int | None:
        last_dts = args[-1]
        return last_dts if path == clips[1] else real_copy(path, *args, **kwargs)  # type: ignore[arg-type,return-value]

    monkeypatch.setattr(stitch_mod, "_copy_clip", skip_green)
    out = tmp_path / "video.mp4"
    with pytest.raises(StitchError, match="has 22 frames, expected 29"):
        stitch(clips, out)
    assert not out.exists()
    assert leftovers(tmp_path) == []
