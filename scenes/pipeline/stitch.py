"""Stitch rendered clips into one video by stream copy (no re-encoding), with PyAV: no ``ffmpeg`` binary is run.

The result is written beside its target and moved into place only when complete (``publish.atomic_file``); an MP4
with its index first (``scenes.stage.mp4.FASTSTART``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import av
from av.rational import AVRational

from scenes.pipeline.probe import ClipInfo, Scan, fraction, probe, scan_clip
from scenes.pipeline.publish import atomic_file
from scenes.stage.mp4 import FASTSTART

log = logging.getLogger(__name__)

# Output container formats by file suffix; the temporary ``.part`` name hides the suffix from FFmpeg's guess.
_FORMATS = {".mp4": "mp4", ".m4v": "mp4", ".mov": "mov", ".mkv": "matroska", ".webm": "webm"}


class StitchError(Exception):
    """Clips that cannot be joined by stream copy, or a stitch whose result is wrong; a one-line message."""


def _fps_text(fps: Fraction) -> str:
    return f"{float(fps):g}"


def _describe(info: ClipInfo, name: str, with_pix_fmt: bool) -> str:
    codec = f"{info.codec}, {info.pix_fmt}" if with_pix_fmt else info.codec
    return f"{name} is {info.width}x{info.height} at {_fps_text(info.fps)} fps ({codec})"


def _check_compatible(scans: Sequence[Scan]) -> None:
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
    target = AVRational(work_tb.numerator, work_tb.denominator)
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
            scans.append(scan_clip(clip))
        except (OSError, ValueError, av.FFmpegError) as exc:
            raise StitchError(f"cannot stitch: {clip.name} is not a readable video ({exc})") from exc
    _check_compatible(scans)
    for scan in scans:
        if scan.has_audio:
            log.warning("%s has an audio stream; stitching copies video only", scan.info.path.name)
    fmt = _FORMATS.get(out.suffix.lower(), out.suffix.lstrip(".").lower())
    expected = sum(s.info.frames for s in scans)

    with atomic_file(out) as tmp:
        with av.open(str(tmp), "w", format=fmt, options=FASTSTART if fmt in ("mp4", "mov") else {}) as dst:
            with av.open(str(clips[0])) as template:
                # Codec parameters (extradata included) and time base come from the first clip; nothing is encoded.
                ostream = dst.add_stream_from_template(template.streams.video[0])
            # The muxer may change ostream.time_base when it writes the header (MP4 picks its own timescale), so
            # timestamps are kept in this fixed time base and ``mux`` rescales each packet from packet.time_base.
            work_tb = fraction(ostream.time_base)
            elapsed, last_dts = Fraction(0), None
            for scan in scans:
                shift = _ticks(elapsed, work_tb) - _ticks(scan.start, work_tb)
                last_dts = _copy_clip(scan.info.path, dst, ostream, shift, work_tb, last_dts)
                elapsed += scan.end - scan.start
        result = probe(tmp)
        if result.frames != expected:
            raise StitchError(f"stitch of {out.name} has {result.frames} frames, expected {expected}")
    return replace(result, path=out)
