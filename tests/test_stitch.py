"""Stitching clips by stream copy, merging subtitles and taking a poster, on tiny clips encoded here with PyAV."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import av
import numpy as np
import pytest
import srt
from PIL import Image

from scenes.pipeline import stitch as stitch_mod
from scenes.pipeline.posters import fullest_frame, poster
from scenes.pipeline.probe import probe
from scenes.pipeline.stitch import StitchError, stitch
from scenes.pipeline.subtitles import merge_subtitles

RED, GREEN, BLUE = (220, 30, 30), (30, 200, 30), (30, 30, 220)
COUNTS = (10, 7, 12)  # frames of the red, green and blue clips
FPS = 15


def make_clip(
    path: Path,
    color: tuple[int, int, int],
    frames: int = 10,
    size: tuple[int, int] = (64, 48),
    fps: int = FPS,
    codec: str = "libx264",
    pix_fmt: str = "yuv420p",
) -> Path:
    """Encode ``frames`` frames of solid ``color`` (B-frames on, as Manim's libx264 clips have)."""
    width, height = size
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
        image = np.empty((height, width, 3), np.uint8)
        image[:] = color
        for _ in range(frames):
            container.mux(stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")))
        container.mux(stream.encode())
    return path


def decoded(path: Path) -> list[tuple[float, np.ndarray]]:
    """(time in seconds, RGB array) of every frame, in presentation order."""
    with av.open(str(path)) as container:
        return [(float(f.time), f.to_ndarray(format="rgb24")) for f in container.decode(video=0)]


def packets(path: Path) -> list[bytes]:
    with av.open(str(path)) as container:
        return [bytes(p) for p in container.demux(video=0) if p.size]


def assert_colour(image: np.ndarray, expected: tuple[int, int, int]) -> None:
    mean = image.reshape(-1, 3).mean(axis=0)
    assert np.abs(mean - expected).max() < 12, (mean, expected)


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".part"))


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Red, green and blue clips of COUNTS frames; shared, so tests only read them."""
    folder = tmp_path_factory.mktemp("clips")
    return [
        make_clip(folder / f"{name}.mp4", color, n)
        for name, color, n in zip(("Red", "Green", "Blue"), (RED, GREEN, BLUE), COUNTS, strict=True)
    ]


@pytest.fixture(scope="module")
def stitched(clips: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[np.ndarray]]:
    """The three clips stitched, with its decoded frames."""
    video = stitch(clips, tmp_path_factory.mktemp("stitched") / "video.mp4").path
    return video, [image for _, image in decoded(video)]


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


@pytest.mark.parametrize(
    ("at", "index", "colour"),
    [
        (0.0, 0, RED),
        (9 / 29, 9, RED),  # t = 9/15 s: exactly frame 9
        (9.5 / 29, 10, GREEN),  # between frames 9 and 10: the first frame at or after it
        (10 / 29, 10, GREEN),
        (0.5, 15, GREEN),  # t = 29/30 s
        (1.0, 28, BLUE),  # past the last frame's start: the last frame
    ],
)
def test_poster_is_the_frame_at_that_point(
    stitched: tuple[Path, list[np.ndarray]], tmp_path: Path, at: float, index: int, colour: tuple[int, int, int]
) -> None:
    video, frames = stitched
    png = tmp_path / "poster.png"
    poster(video, png, at=at)
    with Image.open(png) as image:
        assert image.format == "PNG"
        assert image.size == (64, 48)
        pixels = np.asarray(image.convert("RGB"))
    assert_colour(pixels, colour)
    assert np.array_equal(pixels, frames[index])  # the decoded frame itself, not a re-render
    assert leftovers(tmp_path) == []


def test_poster_rejects_positions_outside_the_video(clips: list[Path], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="within"):
        poster(clips[0], tmp_path / "poster.png", at=1.5)
    assert not (tmp_path / "poster.png").exists()


def encode_frames(path: Path, images: list[np.ndarray]) -> Path:
    """A 64x48 H.264 clip of the given RGB frames."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for image in images:
            container.mux(stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")))
        container.mux(stream.encode())
    return path


def test_fullest_frame_picks_the_frame_that_shows_the_most(tmp_path: Path) -> None:
    """A dark clip whose white square grows to frame 12, then shrinks: the poster is frame 12."""
    images = []
    for k in range(20):
        image = np.zeros((48, 64, 3), np.uint8)
        side = 4 + 2 * (12 - abs(12 - k))
        image[24 - side // 2 : 24 + side // 2, 32 - side // 2 : 32 + side // 2] = 255
        images.append(image)
    path = encode_frames(tmp_path / "grow.mp4", images)
    at = fullest_frame(path, start=0.0, end=1.0, samples=20)
    assert at == pytest.approx(12 / 20, abs=0.03)
    poster(path, tmp_path / "p.png", at)
    assert np.asarray(Image.open(tmp_path / "p.png"))[24, 32].mean() > 200


def test_fullest_frame_prefers_a_pause_to_the_middle_of_an_animation(tmp_path: Path) -> None:
    """Frames 0-9 hold a small square still; frames 10-19 show a bigger square that keeps moving."""
    images = []
    for k in range(20):
        image = np.zeros((48, 64, 3), np.uint8)
        if k < 10:
            image[16:32, 24:40] = 255
        else:
            image[8:40, 2 * (k - 10) : 2 * (k - 10) + 36] = 255
        images.append(image)
    path = encode_frames(tmp_path / "pause.mp4", images)
    assert fullest_frame(path, start=0.0, end=1.0, samples=20) < 0.5
