"""A frame shown again without encoding it again: an H.264 P-frame in which every macroblock is skipped.

Such a frame copies the picture before it exactly (no motion, no residual, nothing for the deblocking filter to
do), so it can be written as often as a frame is held, each copy costing a few bytes and no encoding. Its bytes
come from x264 itself, set up as the clip's encoder: x264 encodes a flat frame twice and its second frame is that
all-skip frame; it is checked once by decoding it after a picture of noise (it must reproduce the noise exactly).

Every copy is a reference frame with its own ``frame_num`` (the slice header's frame counter, a fixed-width field),
so the stream stays valid H.264 at a constant frame rate: copies take the next numbers, and x264's following frames
are renumbered after them until its next IDR frame restarts the count. This needs x264 to make no B-frames (then
its picture order follows ``frame_num``, picture order count type 2) and to predict from one reference frame only
(``ref=1``): the copies replace x264's older references in the decoder, and are the same picture as its newest.
Where any of this does not hold, ``skip_frame`` returns None and every frame is encoded, as manim does.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import av
import numpy as np
from av.video.stream import VideoStream

START = b"\x00\x00\x00\x01"
NAL_SLICE, NAL_IDR, NAL_SPS = 1, 5, 7
# Profiles whose SPS carries chroma format and bit depths before the frame counter's size (H.264 7.3.2.1.1).
_HIGH_PROFILES = {100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135}
_ESCAPE = re.compile(rb"\x00\x00(?=[\x00-\x03])")


def nal_units(data: bytes) -> list[bytes]:
    """The NAL units of an Annex B packet (x264's output when the container keeps the parameter sets apart)."""
    return [unit.strip(b"\x00") for unit in data.split(b"\x00\x00\x01") if unit.strip(b"\x00")]  # a NAL unit
    # neither starts nor ends with a zero byte: zeros at either end belong to the start codes


def unescape(payload: bytes) -> bytes:
    """A NAL unit's payload without its emulation-prevention bytes (00 00 03 → 00 00)."""
    return payload.replace(b"\x00\x00\x03", b"\x00\x00")


def escape(rbsp: bytes) -> bytes:
    """Emulation-prevention bytes put back: no 00 00 0x (x ≤ 3) inside the unit, and no 00 at its end."""
    escaped = _ESCAPE.sub(b"\x00\x00\x03", rbsp)
    return escaped + b"\x03" if escaped.endswith(b"\x00\x00") else escaped


class _Bits:
    """Reads the leading bits of an RBSP: fixed-width fields and Exp-Golomb codes."""

    def __init__(self, rbsp: bytes) -> None:
        self.value, self.size, self.pos = int.from_bytes(rbsp, "big"), len(rbsp) * 8, 0

    def u(self, n: int) -> int:
        if self.pos + n > self.size:
            raise ValueError("H.264 header ends early")
        self.pos += n
        return (self.value >> (self.size - self.pos)) & ((1 << n) - 1)

    def ue(self) -> int:
        zeros = 0
        while self.u(1) == 0:
            zeros += 1
            if zeros > 31:
                raise ValueError("bad Exp-Golomb code")
        return (1 << zeros) - 1 + self.u(zeros)


def frame_num_bits(sps_rbsp: bytes) -> int | None:
    """The size of ``frame_num`` in bits, from a sequence parameter set; None unless pictures are in
    ``frame_num`` order (picture order count type 2) and the slice header reads as ``with_frame_num`` expects."""
    bits = _Bits(sps_rbsp)
    profile = bits.u(8)
    bits.u(16)  # constraint flags, level
    bits.ue()  # seq_parameter_set_id
    if profile in _HIGH_PROFILES:
        if bits.ue() == 3 and bits.u(1):  # separate colour planes: one more field before frame_num
            return None
        bits.ue()  # bit_depth_luma_minus8
        bits.ue()  # bit_depth_chroma_minus8
        bits.u(1)  # qpprime_y_zero_transform_bypass_flag
        if bits.u(1):  # scaling matrices: not parsed
            return None
    size = bits.ue() + 4
    return size if bits.ue() == 2 else None


def frame_num(nal: bytes, size: int) -> int:
    """The ``frame_num`` of a slice NAL unit."""
    bits = _Bits(unescape(nal[1:16]))
    bits.ue(), bits.ue(), bits.ue()  # first_mb_in_slice, slice_type, pic_parameter_set_id
    return bits.u(size)


def with_frame_num(nal: bytes, number: int, size: int) -> bytes:
    """A slice NAL unit with its ``frame_num`` set to ``number`` (modulo its range); the rest unchanged."""
    rbsp = unescape(nal[1:])
    bits = _Bits(rbsp[:16])
    bits.ue(), bits.ue(), bits.ue()
    start = bits.pos
    head = int.from_bytes(rbsp[:16], "big")
    shift = bits.size - start - size
    head = (head & ~(((1 << size) - 1) << shift)) | ((number % (1 << size)) << shift)
    return nal[:1] + escape(head.to_bytes(len(rbsp[:16]), "big") + rbsp[16:])


@dataclass(frozen=True)
class SkipFrame:
    """x264's all-skip P-frame for one set of encoder settings, and what it is valid with."""

    slices: tuple[bytes, ...]  # its NAL units (x264's slices), frame_num to be set per copy
    frame_num_size: int
    extradata: bytes  # the parameter sets: valid only in a stream that has these

    def packet(self, number: int) -> bytes:
        """The frame's bytes as the ``number``-th frame since its stream's last IDR frame."""
        return b"".join(START + with_frame_num(unit, number, self.frame_num_size) for unit in self.slices)


def _encode(stream: VideoStream, picture: np.ndarray, pts: int, key: bool = False) -> list[bytes]:
    frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
    frame.pts = pts
    if key:
        frame.pict_type = av.video.frame.PictureType.I
    return [bytes(packet) for packet in stream.encode(frame)]


@lru_cache(maxsize=8)
def skip_frame(width: int, height: int, rate: Fraction, options: tuple[tuple[str, str], ...]) -> SkipFrame | None:
    """x264's all-skip frame for a ``width`` × ``height`` yuv420p stream with ``options``, checked; None if x264
    makes none that repeats the picture before it exactly, or its stream is not one ``frame_num`` can extend."""
    container = av.open(io.BytesIO(), mode="w", format="mp4")  # as the clips' streams: parameter sets kept apart
    stream = container.add_stream("libx264", rate=rate, options=dict(options))
    stream.pix_fmt, stream.width, stream.height = "yuv420p", width, height
    flat = np.full((height, width, 3), 128, dtype=np.uint8)
    noise = np.random.default_rng(0).integers(0, 256, (height, width, 3), dtype=np.uint8)
    packets = _encode(stream, flat, 0) + _encode(stream, flat, 1) + _encode(stream, noise, 2, key=True)
    packets += [bytes(packet) for packet in stream.encode()]
    extradata = bytes(stream.codec_context.extradata or b"")
    if len(packets) != 3:
        return None
    sps = [unit for unit in nal_units(extradata) if unit[0] & 0x1F == NAL_SPS]
    size = frame_num_bits(unescape(sps[0][1:])) if len(sps) == 1 else None
    slices = nal_units(packets[1])
    if size is None or not slices or any(unit[0] & 0x1F != NAL_SLICE for unit in slices):
        return None
    candidate = SkipFrame(tuple(slices), size, extradata)
    return candidate if _repeats(candidate, packets[2]) else None


def _repeats(candidate: SkipFrame, key_packet: bytes) -> bool:
    """Whether ``candidate`` after the IDR frame ``key_packet`` decodes to that frame's picture, bit for bit."""
    decoder = av.CodecContext.create("h264", "r")
    decoder.extradata = candidate.extradata
    pictures = []
    for data in (key_packet, candidate.packet(1), None):
        packet = None if data is None else av.Packet(data)
        pictures += [frame.to_ndarray() for frame in decoder.decode(packet)]
    return len(pictures) == 2 and np.array_equal(pictures[0], pictures[1])
