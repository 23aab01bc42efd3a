"""The clip encoder: a held frame is written as x264's all-skip frame, a copy of the frame before it, and every
frame decodes as drawn; the H.264 fields it renumbers; the step scenes use it."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest
from manim import tempconfig

from scenes.forward_pass import ForwardPass
from scenes.stage import encoder
from scenes.stage.encoder import CODEC, OPTIONS, PIX_FMT, REFINE, ClipWriter, _HeldFrameEncodeJob
from scenes.stage.held_frames import NAL_IDR, escape, frame_num, frame_num_bits, nal_units, unescape, with_frame_num

WIDTH, HEIGHT = 96, 64


def _picture(step: int) -> np.ndarray:
    """A drawn frame (RGBA): a soft gradient with a square that moves with ``step``."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
    image = np.zeros((HEIGHT, WIDTH, 4), np.uint8)
    image[..., 0], image[..., 1], image[..., 3] = x * 2, y * 3, 255
    image[20:36, 4 + 5 * step : 20 + 5 * step, 2] = 230
    return image


def _encode(path: Path, frames: list[tuple[int, np.ndarray]], options: dict[str, str] = OPTIONS) -> Path:
    container = av.open(str(path), mode="w")
    stream = container.add_stream(CODEC, rate=15, options=options)
    stream.pix_fmt, stream.width, stream.height = PIX_FMT, WIDTH, HEIGHT
    job = _HeldFrameEncodeJob(path=path, animation_index=0, container=container, stream=stream, frame_queue_size=0)
    for held, frame in frames:
        job.put(held, frame)
    job.seal()
    job.join()
    return path


def _psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(np.mean((a.astype(float) - b.astype(float)) ** 2))
    return 100.0 if mse == 0 else float(10 * np.log10(255**2 / mse))


def _decoded(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as video:
        return [frame.to_ndarray(format="rgb24") for frame in video.decode(video=0)]


def _slices(path: Path) -> tuple[list[list[bytes]], int]:
    """Each packet's slice NAL units (the MP4 stores them length-prefixed), and the size of frame_num in bits."""
    with av.open(str(path)) as video:
        stream = video.streams.video[0]
        avcc = bytes(stream.codec_context.extradata or b"")
        sps_length = int.from_bytes(avcc[6:8], "big")
        size = frame_num_bits(unescape(avcc[9 : 8 + sps_length]))
        packets = []
        for packet in video.demux(stream):
            data, units = bytes(packet), []
            while data:
                length = int.from_bytes(data[:4], "big")
                units.append(data[4 : 4 + length])
                data = data[4 + length :]
            if units:
                packets.append([unit for unit in units if unit[0] & 0x1F in (1, NAL_IDR)])
    assert size is not None
    return packets, size


# Drawn frames, each with how many times it is shown: a held frame (a wait), a frame drawn again identical, moves.
SCRIPT = [(1, 0), (6, 0), (1, 1), (1, 1), (1, 2), (20, 3), (1, 4), (1, 5), (3, 5), (1, 6)]


@pytest.mark.parametrize(("keyint", "refine"), [(None, 0), (4, 0), (None, REFINE)])
def test_every_frame_decodes_as_drawn_and_a_held_frame_is_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keyint: int | None, refine: int
) -> None:
    """Holds longer than frame_num's range, and (keyint 4) IDR frames between them: numbering restarts. A held
    frame is encoded ``refine`` more times (the encoder's REFINE), then copied."""
    monkeypatch.setattr(encoder, "REFINE", refine)
    options = dict(OPTIONS)
    if keyint:
        options["x264-params"] += f":keyint={keyint}:min-keyint=1"
    frames = [(held, _picture(step)) for held, step in SCRIPT]
    drawn = [frame[..., :3] for held, frame in frames for _ in range(held)]
    video = _encode(tmp_path / "clip.mp4", frames, options)
    decoded = _decoded(video)
    assert len(decoded) == len(drawn) == 36
    assert min(_psnr(ours, frame) for ours, frame in zip(decoded, drawn, strict=True)) > 30
    packets, size = _slices(video)
    with av.open(str(video)) as container:
        sizes = [packet.size for packet in container.demux(video=0) if packet.size]
    held, run = [], 0  # frames shown again after the held frame's ``refine`` encodes
    for n in range(1, len(drawn)):
        run = run + 1 if np.array_equal(drawn[n], drawn[n - 1]) else 0
        if run > refine:
            held.append(n)
    assert len(held) == {0: 29, 1: 25, 3: 19}[refine] and all(
        sizes[n] < 60 for n in held
    )  # a few bytes, nothing encoded
    assert all(np.array_equal(decoded[n], decoded[n - 1]) for n in held)  # a copy of the frame before, exactly
    numbers = [frame_num(units[0], size) for units in packets]
    for n, units in enumerate(packets):  # each frame the next number, or 0 at an IDR frame
        expected = 0 if units[0][0] & 0x1F == NAL_IDR else (numbers[n - 1] + 1) % (1 << size)
        assert all(frame_num(unit, size) == expected for unit in units)
    assert (sum(units[0][0] & 0x1F == NAL_IDR for units in packets) > 1) == bool(keyint)


def test_a_wait_is_encoded_finer_with_the_same_parameter_sets(tmp_path: Path) -> None:
    """An animation of one held picture (a wait) is encoded at HELD_CRF; its parameter sets are the other
    animations', so manim joins them into one valid stream."""
    wait = _encode(tmp_path / "wait.mp4", [(10, _picture(0))])
    moving = _encode(tmp_path / "moving.mp4", [(1, _picture(0)), (9, _picture(1))])
    with av.open(str(wait)) as a, av.open(str(moving)) as b:
        assert a.streams.video[0].codec_context.extradata == b.streams.video[0].codec_context.extradata
    drawn = _picture(0)[..., :3]
    assert len(_decoded(wait)) == 10
    assert _psnr(_decoded(wait)[0], drawn) > _psnr(_decoded(moving)[0], drawn) + 1  # finer


def test_with_b_frames_every_frame_is_encoded(tmp_path: Path) -> None:
    """manim's own settings (B-frames, three references) have no all-skip frame to repeat: every frame is encoded."""
    frames = [(held, _picture(step)) for held, step in SCRIPT]
    video = _encode(tmp_path / "clip.mp4", frames, {"an": "1", "crf": "23"})
    decoded = _decoded(video)
    drawn = [frame[..., :3] for held, frame in frames for _ in range(held)]
    assert len(decoded) == 36 and min(_psnr(a, b) for a, b in zip(decoded, drawn, strict=True)) > 30


def test_frame_num_is_rewritten_and_nothing_else() -> None:
    rng = np.random.default_rng(3)
    body = bytes(rng.choice([0, 0, 0, 1, 2, 3, 7, 255], 400).astype(np.uint8).tolist()) + b"\x80"
    rbsp = bytes([0b11101010, 0b00001111]) + body  # first_mb 0, slice_type 0, pps 0, frame_num (4 bits) 5, ...
    nal = b"\x41" + escape(rbsp)
    assert b"\x00\x00\x00" not in nal and b"\x00\x00\x01" not in nal and unescape(nal[1:]) == rbsp
    assert frame_num(nal, 4) == 5
    renumbered = with_frame_num(nal, 9 + 16, 4)  # modulo frame_num's range
    assert frame_num(renumbered, 4) == 9
    assert unescape(renumbered[1:])[1:] == rbsp[1:] and renumbered[:1] == nal[:1]
    assert nal_units(b"\x00\x00\x00\x01" + nal + b"\x00\x00\x01" + nal) == [nal, nal]


def test_the_step_scenes_write_with_the_clip_encoder() -> None:
    with tempconfig({"dry_run": True}):
        scene = ForwardPass(skip_animations=True)
    assert isinstance(scene.renderer.file_writer, ClipWriter)
