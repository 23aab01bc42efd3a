"""What a clip is, read from its container with PyAV: size, frame rate, codec, frames counted by demuxing; and
whether an MP4 has its index first."""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

import av
from av.rational import AVRational


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
class Scan:
    """A probe plus the presentation span of the clip's packets, in seconds, for placing it on the timeline."""

    info: ClipInfo
    start: Fraction  # earliest pts
    end: Fraction  # latest pts + that packet's duration
    extradata: bytes | None  # out-of-band codec parameters (e.g. H.264 SPS/PPS), shared by the whole output
    has_audio: bool


def fraction(value: Fraction | AVRational | None) -> Fraction:
    """A PyAV rate or time base (``Fraction`` or, new in PyAV 18, ``AVRational``) as an exact ``Fraction``."""
    if value is None:
        raise ValueError("no time base")
    return Fraction(value.numerator, value.denominator)


def scan_clip(path: Path) -> Scan:
    """Demux every video packet of ``path`` (no decoding) to count frames and measure the presentation span.
    A render scans each video several times (finished, stitched, listed after the folder is moved into place):
    a file scanned before, the same file still (device, inode, size, modification time), is not scanned again."""
    status = os.stat(path)
    identity = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
    scanned = _SCANNED.get(identity)
    if scanned is None:
        scanned = _SCANNED[identity] = _scan(path)
    return replace(scanned, info=replace(scanned.info, path=path))


_SCANNED: dict[tuple[int, int, int, int], Scan] = {}


def _scan(path: Path) -> Scan:
    with av.open(str(path)) as container:
        if not container.streams.video:
            raise ValueError(f"{path.name} has no video stream")
        stream = container.streams.video[0]
        rate = stream.guessed_rate or stream.average_rate or stream.base_rate  # nominal rate, robust to jitter
        if not rate:
            raise ValueError(f"{path.name} has no frame rate")
        fps, time_base = fraction(rate), fraction(stream.time_base)
        # In the stream's time base, as integers (Fractions per packet cost more than the demuxing); a packet without
        # a duration lasts a frame, which the time base may not hold exactly, so those ends are kept apart.
        frames, first, last, last_bare = 0, None, None, None
        for packet in container.demux(stream):
            if packet.size == 0:  # the empty flush packet demux yields at the end
                continue
            frames += 1
            pts = packet.pts
            if pts is None:
                continue
            first = pts if first is None or pts < first else first
            if packet.duration:
                last = pts + packet.duration if last is None else max(last, pts + packet.duration)
            else:
                last_bare = pts if last_bare is None else max(last_bare, pts)
        if frames == 0 or first is None:
            raise ValueError(f"{path.name} has no video frames")
        ends = [] if last is None else [last * time_base]
        start, end = first * time_base, max([*ends, *([] if last_bare is None else [last_bare * time_base + 1 / fps])])
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
        return Scan(info, start, end, ctx.extradata, bool(container.streams.audio))


def probe(path: Path | str) -> ClipInfo:
    """Size, frame rate, codec and pixel format of the first video stream; frames counted by demuxing packets."""
    return scan_clip(Path(path)).info


def top_level_boxes(path: Path) -> list[str]:
    """The types of an MP4's top-level boxes, in file order (``ftyp``, ``moov``, ``mdat``, …)."""
    boxes, size = [], path.stat().st_size
    with path.open("rb") as file:
        offset = 0
        while offset + 8 <= size:
            file.seek(offset)
            length, kind = struct.unpack(">I4s", file.read(8))
            if length == 1:  # a 64-bit size follows the type
                length = struct.unpack(">Q", file.read(8))[0]
            boxes.append(kind.decode("latin-1"))
            if length < 8:  # 0: the box runs to the end of the file
                break
            offset += length
    return boxes


def index_first(path: Path) -> bool:
    """Whether the MP4 ``path`` has its index (``moov``) as the box right after ``ftyp``."""
    return top_level_boxes(path)[:2] == ["ftyp", "moov"]
