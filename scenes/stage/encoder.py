"""How a clip's frames become H.264: manim's own partial-movie encoder, except that a held frame is not encoded again.

- A frame shown again (every frame of a ``wait`` after its first, and any frame drawn identical to the one
  before it) is written, after REFINE more x264 encodes that add its detail, as x264's all-skip frame
  (``scenes/stage/held_frames.py``): a copy of the picture before it in a few bytes, at no encoding cost. The
  video keeps its constant frame rate; every frame is in the file and decodes as any other.
- x264 runs manim's preset (``medium``) and quality (crf 23), without B-frames and with one reference frame,
  which the copies need, in one thread. A wait's one picture is encoded finer (HELD_CRF, finer still past 30
  frames a second): in manim's stream x264 sees the picture held and spends on it, here it sees it once. ``stitchable`` keeps the parameter sets the same
  whatever the crf, so the animations join into one stream. Sizes, PSNR and CPU against manim's own encoding
  of the same frames: benchmarks/README.md.
- A drawn frame becomes yuv420p with swscale's area average (INTERPOLATION) rather than PyAV's default
  (bilinear): nearer the frame drawn, +0.3 dB PSNR against it, for half the CPU of the conversion.

Anything but an MP4 (``--format webm``, ``--transparent``) is encoded by manim as it would be. The clips and their
section clips are written with their index first (``faststart``), so a browser plays them while they download.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any, cast

import av
import numpy as np
from av.video.stream import VideoStream
from manim import config
from manim.scene.scene_file_writer import SceneFileWriter, _PartialMovieEncodeJob, to_av_frame_rate

from scenes.stage.held_frames import (
    NAL_IDR,
    NAL_SLICE,
    START,
    SkipFrame,
    frame_num,
    nal_units,
    skip_frame,
    with_frame_num,
)
from scenes.stage.mp4 import FASTSTART

CODEC = "libx264"
PIX_FMT = "yuv420p"
# manim's: crf 23, preset medium (with B-frames and three reference frames).
REFINE = 1  # x264 encodes of a held frame after its first, before the copies (ErrorCalc, 1080p60: 3 and 8 cost more)
HELD_CRF = "18"
# At more than 30 frames a second more of the frames are held within animations, and manim's x264 refines each of
# them: a wait's picture finer still keeps the PSNR (ErrorCalc at 1080p60: 38.28 dB at crf 18, 38.66 at 16, manim's
# 38.68; 0.95× manim's size). At 480p15 crf 18 is already above manim's PSNR at its size (benchmarks/README.md).
HELD_CRF_PAST_30 = "16"
# One x264 thread per animation: the clips render in a process per core already, and x264's frame threads cost
# compression (the full video at 480p15: 1.5 % larger with them, the same PSNR and CPU).
OPTIONS = {"an": "1", "crf": "23", "preset": "medium", "x264-params": "bframes=0:ref=1:stitchable=1:threads=1"}
# How a drawn RGBA frame becomes yuv420p: swscale's area average for the halved chroma, nearer the frame drawn than
# its default (bilinear) and about half its CPU (benchmarks/README.md).
INTERPOLATION = "AREA"


def options_rate(stream: Any) -> Fraction:
    """The frame rate the encoder of ``stream`` was opened with."""
    return Fraction(cast(VideoStream, stream).codec_context.framerate)


class _HeldFrameEncodeJob(_PartialMovieEncodeJob):
    """manim's encoding thread, encoding a frame once however long it is held, and writing x264's all-skip frame
    for every repeat (every frame encoded when there is no such frame for the stream's settings)."""

    def __init__(self, **kwargs: Any) -> None:
        self._shown = 0  # frames of the clip so far: the next frame's timestamp, in frames
        self._previous: np.ndarray | None = None  # the last frame drawn
        self._planes: Any = None  # the last frame drawn, in the encoder's pixel format
        self._encoded = 0  # times x264 has encoded it
        self._skip: SkipFrame | bool | None = False  # False until looked up, once the encoder is open
        self._last_pts: int | None = None  # of the last packet written
        self._number, self._renumber = 0, 0  # frame_num of the last frame written; copies since the last IDR
        # Read before the encoder opens, which takes the options it uses out of this dictionary.
        options = cast(VideoStream, kwargs["stream"]).codec_context.options
        self._options = tuple(sorted((key, value) for key, value in options.items() if key != "an"))
        super().__init__(**kwargs)

    def _listen_and_write(self) -> None:
        """manim's loop, with the encoder's last packets (and any copies after them) written through ``_write``."""
        while True:
            num_frames, frame_data = self.queue.get()
            if frame_data is None:
                break
            if self._exception is None:
                try:
                    self._encode_and_write_frame(frame_data, num_frames)
                except BaseException as exception:
                    self._capture_exception(exception)
        try:
            if self._exception is None:
                self._write(cast(VideoStream, self.stream).encode())
                self._copies_until(self._shown)
        except BaseException as exception:
            self._capture_exception(exception)
        finally:
            try:
                self.container.close()
            except BaseException as exception:
                self._capture_exception(exception)

    def _encode_and_write_frame(self, frame: Any, num_frames: int) -> None:
        if self._previous is None and num_frames > 1:  # one picture held throughout (a wait): x264's finer setting
            options = cast(VideoStream, self.stream).codec_context.options
            options["crf"] = HELD_CRF if float(options_rate(self.stream)) <= 30 else HELD_CRF_PAST_30
            self._options = tuple(sorted((key, value) for key, value in options.items() if key != "an"))
        if self._previous is None or not np.array_equal(frame, self._previous):
            self._previous, self._encoded = frame, 0
            picture = av.VideoFrame.from_ndarray(frame, format="rgba")
            self._planes = picture.reformat(format=PIX_FMT, interpolation=INTERPOLATION).to_ndarray()
        # x264 encodes a held frame REFINE more times (each a cheap P-frame adding detail, as it would in manim's
        # stream), then all-skip copies follow it; every time where there is no all-skip frame, as manim does.
        while num_frames and (self._encoded <= REFINE or self._skip is None):
            self._encode(self._planes)
            self._encoded += 1
            num_frames -= 1
        self._shown += num_frames  # written as copies when the packets after them, or the last, are written

    def _encode(self, planes: np.ndarray) -> None:
        # A new frame each time: the encoder keeps the one it is given (manim's note on reusing frames).
        picture = av.VideoFrame.from_ndarray(planes, format=PIX_FMT)
        picture.pts = self._shown
        self._shown += 1
        packets = cast(VideoStream, self.stream).encode(picture)
        self._skip_frame()  # the encoder is open: its parameter sets are known
        self._write(packets)

    def _skip_frame(self) -> SkipFrame | None:
        if self._skip is False:
            stream = cast(VideoStream, self.stream)
            found = skip_frame(stream.width, stream.height, Fraction(stream.codec_context.framerate), self._options)
            extradata = bytes(stream.codec_context.extradata or b"")
            self._skip = found if found is not None and found.extradata == extradata else None
        return cast("SkipFrame | None", self._skip)

    def _write(self, packets: list[av.Packet[Any]]) -> None:
        for packet in packets:
            if packet.pts is None:
                raise ValueError("x264 gave a packet without a timestamp")
            self._copies_until(packet.pts, packet)
            skip = self._skip_frame()
            if skip is not None:
                packet = self._renumbered(packet, skip)
            self._last_pts = packet.pts
            self.container.mux(packet)

    def _renumbered(self, packet: av.Packet[Any], skip: SkipFrame) -> av.Packet[Any]:
        """``packet`` with its frame_num moved past the copies written since the last IDR frame."""
        units = nal_units(bytes(packet))
        slices = [unit for unit in units if unit[0] & 0x1F in (NAL_IDR, NAL_SLICE)]
        if any(unit[0] & 0x1F == NAL_IDR for unit in slices):
            self._renumber = 0
        if slices:
            self._number = (frame_num(slices[0], skip.frame_num_size) + self._renumber) % (1 << skip.frame_num_size)
        if not self._renumber:
            return packet
        data = b"".join(
            START + (with_frame_num(unit, self._number, skip.frame_num_size) if unit in slices else unit)
            for unit in units
        )
        return self._packet(data, packet.pts, packet.is_keyframe, packet)

    def _copies_until(self, pts: int, like: av.Packet[Any] | None = None) -> None:
        """Write the all-skip frame for every frame between the last packet written and ``pts``."""
        skip = self._skip_frame()
        if skip is None or self._last_pts is None or pts <= self._last_pts + 1:
            return
        for copy in range(self._last_pts + 1, pts):
            self._renumber += 1
            self._number = (self._number + 1) % (1 << skip.frame_num_size)
            self.container.mux(self._packet(skip.packet(self._number), copy, False, like))
        self._last_pts = pts - 1

    def _packet(self, data: bytes, pts: int | None, key: bool, like: av.Packet[Any] | None) -> av.Packet[Any]:
        packet = av.Packet(data)
        packet.pts = packet.dts = pts
        packet.duration = 1
        rate = cast(VideoStream, self.stream).codec_context.framerate
        packet.time_base = like.time_base if like is not None else 1 / Fraction(rate)
        packet.is_keyframe = key
        packet.stream = self.stream
        return packet


class ClipWriter(SceneFileWriter):
    """manim's scene file writer with the partial-movie encoder above, writing its MP4s index first."""

    def open_partial_movie_stream(self, file_path: Any = None) -> None:
        if config.movie_file_extension != ".mp4" or config.transparent:
            super().open_partial_movie_stream(file_path)
            return
        if file_path is None:
            file_path = self.partial_movie_files[self.renderer.num_plays]
        if str(file_path) in self._inflight_by_path:  # as manim: a path being encoded again waits for its job
            self._join_job_and_drain_on_failure(self._inflight_by_path[str(file_path)])
        self.partial_movie_file_path = file_path
        container = av.open(str(Path(file_path)), mode="w")
        stream = cast(
            VideoStream, container.add_stream(CODEC, rate=to_av_frame_rate(config.frame_rate), options=OPTIONS)
        )
        stream.pix_fmt = PIX_FMT
        stream.width = config.pixel_width
        stream.height = config.pixel_height
        self._current_encode_job = _HeldFrameEncodeJob(
            path=file_path,
            animation_index=self.renderer.num_plays,
            container=container,
            stream=stream,
            frame_queue_size=0 if config.max_inflight_encoders == 1 else config.encoder_queue_size,
        )

    def combine_files(
        self, input_files: list[str], output_file: Path, create_gif: bool = False, includes_sound: bool = False
    ) -> None:
        """manim's joining of partial movies (a clip, a section clip) by stream copy, with the index first."""
        if create_gif or includes_sound or Path(output_file).suffix != ".mp4":
            super().combine_files(input_files, output_file, create_gif, includes_sound)
            return
        file_list = self.partial_movie_directory / "partial_movie_file_list.txt"
        file_list.write_text("".join(f"file 'file:{Path(path).as_posix()}'\n" for path in input_files))
        with (
            av.open(str(file_list), options={"safe": "0", "an": "1"}, format="concat") as source,
            av.open(str(output_file), mode="w", options=FASTSTART) as output,
        ):
            output.metadata["comment"] = manim_comment()
            istream = source.streams.video[0]
            ostream = output.add_stream_from_template(template=istream)
            for packet in source.demux(istream):
                if packet.dts is None:  # the flush packet demux ends with
                    continue
                packet.dts = None  # as manim: the muxer works it out across the files
                packet.stream = ostream
                output.mux(packet)


def manim_comment() -> str:
    from manim import __version__

    return f"Rendered with Manim Community v{__version__}"
