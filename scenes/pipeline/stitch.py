"""Stitch rendered clips into one video by stream copy (no re-encoding), merge their subtitles, take a poster frame.

Everything goes through PyAV; nothing shells out to an ``ffmpeg`` binary. Every output is written to a hidden
``.<name>.part`` file next to it and moved into place with ``os.replace`` only when complete, so a failure never
leaves a partial file nor clobbers an existing output.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import srt

log = logging.getLogger(__name__)

# Output container formats by file suffix; the temporary ``.part`` name hides the suffix from FFmpeg's guess.
_FORMATS = {".mp4": "mp4", ".m4v": "mp4", ".mov": "mov", ".mkv": "matroska", ".webm": "webm"}


class StitchError(Exception):
    """Clips that cannot be joined by stream copy, or a stitch whose result is wrong; a one-line message."""


@dataclass(frozen=True)
class ClipInfo:
    """What stitching needs to know about a clip's (first) video stream."""

    path: Path
    width: int
    height: int
    fps: Fraction
    codec: str
    pix_fmt: str | None
    frames: int  # video packets actually demuxed, not the container's metadata
    duration: float  # frames / fps, in seconds


@dataclass(frozen=True)
class _Scan:
    """A probe plus the presentation span of the clip's packets, in seconds, for placing it on the timeline."""

    info: ClipInfo
    start: Fraction  # earliest pts
    end: Fraction  # latest pts + that packet's duration
    extradata: bytes | None  # out-of-band codec parameters (e.g. H.264 SPS/PPS), shared by the whole output
    has_audio: bool


def _fraction(value: Fraction | av.AVRational) -> Fraction:
    """A PyAV rate or time base (``Fraction`` or, new in PyAV 18, ``AVRational``) as an exact ``Fraction``."""
    return Fraction(value.numerator, value.denominator)


def _scan(path: Path) -> _Scan:
    """Demux every video packet of ``path`` (no decoding) to count frames and measure the presentation span."""
    with av.open(str(path)) as container:
        if not container.streams.video:
            raise ValueError(f"{path.name} has no video stream")
        stream = container.streams.video[0]
        rate = stream.guessed_rate or stream.average_rate or stream.base_rate  # nominal rate, robust to jitter
        if not rate:
            raise ValueError(f"{path.name} has no frame rate")
        fps, time_base = _fraction(rate), _fraction(stream.time_base)
        frames, start, end = 0, None, None
        for packet in container.demux(stream):
            if packet.size == 0:  # the empty flush packet demux yields at the end
                continue
            frames += 1
            if packet.pts is None:
                continue
            pts = packet.pts * time_base
            length = packet.duration * time_base if packet.duration else 1 / fps
            start = pts if start is None else min(start, pts)
            end = pts + length if end is None else max(end, pts + length)
        if frames == 0 or start is None or end is None:
            raise ValueError(f"{path.name} has no video frames")
        ctx = stream.codec_context
        info = ClipInfo(
            path=path,
            width=ctx.width,
            height=ctx.height,
            fps=fps,
            codec=ctx.name,
            pix_fmt=ctx.pix_fmt,
            frames=frames,
            duration=float(frames / fps),
        )
        return _Scan(info, start, end, ctx.extradata, bool(container.streams.audio))


def probe(path: Path | str) -> ClipInfo:
    """Size, frame rate, codec and pixel format of the first video stream; frames counted by demuxing packets."""
    return _scan(Path(path)).info


@contextmanager
def _atomic(out: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``out``; move it onto ``out`` on success, delete it on any failure."""
    tmp = out.with_name(f".{out.name}.part")
    try:
        yield tmp
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fps_text(fps: Fraction) -> str:
    return f"{float(fps):g}"


def _describe(info: ClipInfo, name: str, with_pix_fmt: bool) -> str:
    codec = f"{info.codec}, {info.pix_fmt}" if with_pix_fmt else info.codec
    return f"{name} is {info.width}x{info.height} at {_fps_text(info.fps)} fps ({codec})"


def _check_compatible(scans: Sequence[_Scan]) -> None:
    """Raise StitchError naming the first clip that differs from the first one in what stream copy needs equal."""
    first = scans[0].info
    names = [s.info.path.name for s in scans]
    if len(set(names)) < len({s.info.path.resolve() for s in scans}):  # one name, two folders: show whole paths
        names = [str(s.info.path) for s in scans]
    for scan, name in zip(scans[1:], names[1:], strict=True):
        info = scan.info
        key = (info.width, info.height, info.fps, info.codec)
        if key != (first.width, first.height, first.fps, first.codec) or info.pix_fmt != first.pix_fmt:
            with_pix_fmt = key == (first.width, first.height, first.fps, first.codec)
            raise StitchError(
                f"cannot stitch: {_describe(first, names[0], with_pix_fmt)}, {_describe(info, name, with_pix_fmt)}"
            )
        if scan.extradata != scans[0].extradata:
            # One output stream carries one set of parameters: copying packets made with others would not decode.
            raise StitchError(
                f"cannot stitch: {names[0]} and {name} were encoded with different {first.codec} settings"
            )


def _ticks(seconds: Fraction, time_base: Fraction) -> int:
    return round(seconds / time_base)


def _copy_clip(
    path: Path,
    dst: av.container.OutputContainer,
    ostream: av.video.stream.VideoStream,
    shift: int,
    work_tb: Fraction,
    last_dts: int | None,
) -> int | None:
    """Mux the video packets of ``path`` into ``ostream``, timestamps in ``work_tb`` moved by ``shift`` ticks.

    Returns the last dts written (in ``work_tb``), so the next clip can be kept strictly after it.
    """
    target = av.AVRational(work_tb.numerator, work_tb.denominator)
    first = True
    with av.open(str(path)) as src:
        istream = src.streams.video[0]  # audio and other streams are not copied
        for packet in src.demux(istream):
            # Skip the flush packet by its size, not by ``dts is None``: Matroska leaves dts unset on the first
            # real packets of a stream with B-frames, and those must be kept (the muxer fills dts in from pts).
            if packet.size == 0:
                continue
            if packet.time_base != work_tb:
                packet.rescale_ts(target)  # rescales pts, dts and duration; takes only an AVRational in PyAV 18
            if first and packet.dts is not None and last_dts is not None and packet.dts + shift <= last_dts:
                shift = last_dts + 1 - packet.dts  # a deeper reorder delay than the previous clip: keep dts increasing
            first = False
            if packet.pts is not None:
                packet.pts += shift
            if packet.dts is not None:
                packet.dts += shift
                last_dts = packet.dts
            packet.stream = ostream
            dst.mux(packet)
    return last_dts


def stitch(clips: Sequence[Path], out: Path) -> ClipInfo:
    """Concatenate ``clips`` into ``out`` by copying their video packets, and return ``probe(out)``.

    All clips must share resolution, frame rate, codec, pixel format and codec parameters; otherwise StitchError is
    raised before anything is written. Only the first video stream of each clip is copied: Manim clips have no audio,
    and any audio stream a clip does have is dropped (with a logged warning), so the result is silent.
    """
    clips, out = [Path(c) for c in clips], Path(out)
    if not clips:
        raise StitchError("cannot stitch: no clips given")
    scans = []
    for clip in clips:
        try:
            scans.append(_scan(clip))
        except (OSError, ValueError, av.FFmpegError) as exc:
            raise StitchError(f"cannot stitch: {clip.name} is not a readable video ({exc})") from exc
    _check_compatible(scans)
    for scan in scans:
        if scan.has_audio:
            log.warning("%s has an audio stream; stitching copies video only", scan.info.path.name)
    fmt = _FORMATS.get(out.suffix.lower(), out.suffix.lstrip(".").lower())
    expected = sum(s.info.frames for s in scans)

    with _atomic(out) as tmp:
        with av.open(str(tmp), "w", format=fmt) as dst:
            with av.open(str(clips[0])) as template:
                # Codec parameters (extradata included) and time base come from the first clip; nothing is encoded.
                ostream = dst.add_stream_from_template(template.streams.video[0])
            # The muxer may change ostream.time_base when it writes the header (MP4 picks its own timescale), so
            # timestamps are kept in this fixed time base and ``mux`` rescales each packet from packet.time_base.
            work_tb = _fraction(ostream.time_base)
            elapsed, last_dts = Fraction(0), None
            for scan in scans:
                shift = _ticks(elapsed, work_tb) - _ticks(scan.start, work_tb)
                last_dts = _copy_clip(scan.info.path, dst, ostream, shift, work_tb, last_dts)
                elapsed += scan.end - scan.start
        result = probe(tmp)
        if result.frames != expected:
            raise StitchError(f"stitch of {out.name} has {result.frames} frames, expected {expected}")
    return replace(result, path=out)


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
    with _atomic(out) as tmp:
        tmp.write_text(srt.compose(merged, reindex=False), encoding="utf-8")
    return len(merged)


def _shift_cue(cue: srt.Subtitle, shift: timedelta) -> srt.Subtitle:
    """A copy of ``cue`` moved later by ``shift``."""
    return srt.Subtitle(cue.index, cue.start + shift, cue.end + shift, cue.content, cue.proprietary)


def poster(video: Path, out_png: Path, at: float = 0.5) -> None:
    """Save as PNG the first decoded frame at or after fraction ``at`` of ``video``'s duration (1.0: the last frame)."""
    if not 0.0 <= at <= 1.0:
        raise ValueError(f"poster position must be within [0, 1], got {at}")
    video, out_png = Path(video), Path(out_png)
    info = probe(video)
    target = Fraction(at).limit_denominator(1_000_000) * info.frames / info.fps
    chosen = None
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        time_base, start = _fraction(stream.time_base), None
        for frame in container.decode(stream):
            chosen = frame
            if frame.pts is None:
                continue
            start = frame.pts if start is None else start  # frames come out in presentation order
            if (frame.pts - start) * time_base >= target:
                break
        if chosen is None:
            raise ValueError(f"{video.name} has no decodable frame")
        image = chosen.to_image()
    with _atomic(out_png) as tmp:
        image.save(tmp, format="PNG")


def fullest_frame(video: Path, start: float = 0.3, end: float = 0.95, samples: int = 24) -> float:
    """The fraction of ``video`` (within [start, end]) whose frame shows the most: a poster candidate.

    "Most" counts the pixels that differ from the background (the colour of the frame's corners), so
    a frame between two sub-steps loses to one with everything shown; only still frames (the same as
    the frame before: a pause, not the middle of an animation) are candidates, if there are any.
    """
    info = probe(video)
    duration = float(info.frames / info.fps)
    wanted = [start + (end - start) * k / max(samples - 1, 1) for k in range(samples)]
    best, best_score = wanted[0], (False, -1.0)
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        time_base, first, previous = _fraction(stream.time_base), None, None
        for frame in container.decode(stream):
            if frame.pts is None:
                continue
            first = frame.pts if first is None else first
            when = float((frame.pts - first) * time_base) / duration
            if not wanted or when < wanted[0]:
                previous = frame
                continue
            while wanted and when >= wanted[0]:
                wanted.pop(0)
            pixels = frame.to_ndarray(format="rgb24").astype(np.int16)
            # still: hardly a pixel changed since the frame before (codec noise aside)
            changed = np.abs(pixels - previous.to_ndarray(format="rgb24")).sum(axis=2) > 30 if previous else None
            still = changed is not None and float(changed.mean()) < 0.0002
            corners = np.concatenate([pixels[:4, :4].reshape(-1, 3), pixels[-4:, -4:].reshape(-1, 3)])
            background = np.median(corners, axis=0)
            score = (bool(still), float(np.mean(np.abs(pixels - background).sum(axis=2) > 60)))
            if score > best_score:
                best, best_score = when, score
            previous = frame
            if not wanted:
                break
    return min(best, 1.0)
