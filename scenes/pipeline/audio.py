"""Speech as samples: one sample rate for the whole video, loudness normalised, placed on a clip's timeline.

Every WAV is decoded and resampled with PyAV to mono float at SAMPLE_RATE (48 kHz: a whole number of samples per
frame at 15, 30 and 60 fps, so clips join sample-exactly as their frames do), each line normalised to
TARGET_LUFS integrated loudness (ITU-R BS.1770, pyloudnorm) and lowered if that would clip.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pyloudnorm  # type: ignore[import-untyped]
from scipy.ndimage import minimum_filter1d, uniform_filter1d  # type: ignore[import-untyped]

from scenes.voice.cache import keep
from scenes.voice.narrator import Line

SAMPLE_RATE = 48_000
TARGET_LUFS = -16.0
PEAK_LIMIT = 10 ** (-3.0 / 20)  # −3 dBFS: headroom for the AAC encoder's overshoot (up to +2.7 dB measured at −1 dBFS)
LOUDNESS_PASSES, LOUDNESS_TOLERANCE = 4, 0.3  # LU
LIMITER_SECONDS = 0.005
# The normalised samples of a line, kept beside its WAV: the number goes up when ``normalised`` changes.
NORMALISED_SUFFIX = ".normalised-1.f32"
GATED_BLOCK_SECONDS = 0.4  # BS.1770 measures 400 ms blocks: anything shorter has no integrated loudness


def decoded(path: Path) -> np.ndarray:
    """The audio of ``path`` as mono float32 samples at SAMPLE_RATE."""
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    with av.open(str(path)) as container:
        for frame in container.decode(audio=0):
            chunks += [out.to_ndarray().reshape(-1) for out in resampler.resample(frame)]
    chunks += [out.to_ndarray().reshape(-1) for out in resampler.resample(None)]
    return np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)


def normalised(samples: np.ndarray) -> np.ndarray:
    """``samples`` at TARGET_LUFS integrated loudness, with peaks limited to PEAK_LIMIT (no clipping)."""
    if len(samples) < GATED_BLOCK_SECONDS * SAMPLE_RATE or not np.any(samples):
        return samples
    meter = pyloudnorm.Meter(SAMPLE_RATE)
    out = samples.astype(np.float64)
    for _ in range(LOUDNESS_PASSES):  # limiting the peaks lowers the loudness a little: measure again
        loudness = meter.integrated_loudness(out)
        if not np.isfinite(loudness):  # all below the absolute gate: nothing to bring up
            break
        out = limited(out * 10 ** ((TARGET_LUFS - loudness) / 20))
        if abs(meter.integrated_loudness(out) - TARGET_LUFS) < LOUDNESS_TOLERANCE:
            break
    return out.astype(np.float32)


def limited(samples: np.ndarray) -> np.ndarray:
    """A look-ahead peak limiter: where a peak would pass PEAK_LIMIT, the gain ducks smoothly around it (over
    LIMITER_SECONDS either side), so no sample passes it and no click is heard."""
    need = np.minimum(1.0, PEAK_LIMIT / np.maximum(np.abs(samples), 1e-12))
    width = 2 * round(LIMITER_SECONDS * SAMPLE_RATE) + 1
    # The minimum over a window, then its mean over the same window: at a peak every value averaged is at most
    # the peak's own gain, so the smoothed gain never lets it through.
    gain = uniform_filter1d(minimum_filter1d(need, size=width), size=width)
    return np.asarray(samples * np.minimum(gain, need))


def speech_samples(path: Path) -> np.ndarray:
    """The line spoken in ``path`` (a WAV of the speech cache), decoded and normalised. The samples are kept
    beside it the first time, so that a later render reads them rather than measuring the line's loudness
    again (a few passes of BS.1770 over it: about a tenth of a second a line)."""
    kept = path.with_name(path.stem + NORMALISED_SUFFIX)
    with suppress(FileNotFoundError):
        return np.fromfile(kept, dtype=np.float32)
    samples = normalised(decoded(path)).astype(np.float32)
    with suppress(OSError):  # a read-only cache: normalised again next time
        keep(kept, samples.tofile)
    return samples


def samples_for(frames: int, fps: Fraction) -> int:
    """How many samples last as long as ``frames`` frames."""
    return round(Fraction(frames) / fps * SAMPLE_RATE)


def clip_track(lines: Sequence[Line], frames: int, fps: Fraction) -> np.ndarray:
    """A clip's voice track, exactly as long as its ``frames``: each line's speech from its start on."""
    track = np.zeros(samples_for(frames, fps), np.float32)
    for line in lines:
        speech = speech_samples(Path(line.audio))
        start = round(line.start * SAMPLE_RATE)
        end = min(len(track), start + len(speech))
        track[start:end] += speech[: max(0, end - start)]
    return np.clip(track, -1.0, 1.0)
