"""Speed of backprop-video against its yardsticks, measured in one run on this machine.

    .venv/bin/python benchmarks/run.py [--quick] [--skip-suite] [--seed-script PATH] [--jobs N] [--markdown]

Every render is a subprocess with cold caches and a config never rendered before (weights perturbed by a random
seed), except the two rows that measure a warm cache on purpose. Nothing is asserted: it only prints.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np
from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the checkout's scenes/ and nnmath/, not an installed copy

from benchmarks.quality import compare  # noqa: E402
from nnmath.config import DEFAULT_CONFIG  # noqa: E402
from scenes.environment import CACHE_ENV, CONFIG_ENV, PART_ENV  # noqa: E402
from scenes.pipeline.clips import clips_for  # noqa: E402
from scenes.pipeline.probe import probe  # noqa: E402
from scenes.pipeline.stitch import stitch  # noqa: E402
from scenes.stage.encoder import OPTIONS as CLIP_X264  # noqa: E402

CLIP_PRESET = CLIP_X264["preset"]
SAMPLE_CLIPS = clips_for(dataset=False)  # a new config's video (the default's, one sample): no dataset epilogue
XOR_CONFIG = REPO / "assets" / "xor.toml"  # the showcase dataset video
NAIVE_SCRIPT = REPO / "benchmarks" / "naive_baseline.py"
SEED_REFERENCE = 0.145  # s per video-second of the seed script at 480p15 (DESIGN.md, "Facts about the toolchain")
PARTS = 3  # the longest clip's parts in the row on rendering past the number of clips
QUALITIES = {"l": ("480p15", 854, 480, 15), "h": ("1080p60", 1920, 1080, 60)}

console = Console(stderr=True)  # progress; the table goes to stdout


@dataclass
class Row:
    name: str
    value: str
    ratio: str = ""
    target: str = ""


@dataclass
class Render:
    wall: float  # seconds
    cpu: float  # CPU seconds of the processes it ran (all their threads and children)
    video: float  # seconds of video made
    frames: int
    out: Path

    @property
    def per_second(self) -> float:
        return self.wall / self.video


# --- helpers -------------------------------------------------------------------------------------------------


LAST_CPU = [0.0]  # the CPU seconds of the last ``run``


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: Sequence[str | Path], env: dict[str, str] | None = None, cwd: Path = REPO) -> float:
    """Run ``command`` in ``cwd`` (the repository); its wall time. A failure prints its stderr tail and exits 1."""
    start, cpu = time.perf_counter(), children_cpu()
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    LAST_CPU[0] = children_cpu() - cpu
    if result.returncode != 0:
        console.print(f"[red]failed ({result.returncode}):[/] {' '.join(map(str, command))}")
        console.print("\n".join((result.stderr or result.stdout).splitlines()[-30:]), markup=False)
        sys.exit(1)
    return wall


def base_env(**extra: str | Path) -> dict[str, str]:
    """The environment for a subprocess: this checkout first on the path, plus ``extra``."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return env | {key: str(value) for key, value in extra.items()}


def fresh_config(folder: Path, seed: int) -> Path:
    """A copy of the default config with every weight and bias moved by up to ±0.05: a network never rendered."""
    text = DEFAULT_CONFIG.read_text()
    params = tomllib.loads(text)["parameters"]
    rng = random.Random(seed)

    def perturb(value: Any) -> Any:
        if isinstance(value, list):
            return [perturb(v) for v in value]
        return round(float(value) + rng.uniform(-0.05, 0.05), 6)

    for key in ("weights", "biases"):
        text = re.sub(rf"(?m)^{key}\s*=.*$", f"{key} = {json.dumps(perturb(params[key]))}", text)
    path = folder / f"config-{seed}.toml"
    path.write_text(text)
    return path


def video_info(path: Path) -> tuple[float, int]:
    """Seconds and frames of the video stream of ``path`` (the stitcher's own probe: frames demuxed, not metadata)."""
    info = probe(path)
    return info.duration, info.frames


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "n/a"


def count_svgs(cache: Path) -> int | None:
    """Compiled formulas in the shared LaTeX cache; None where there is none (the cache is not implemented)."""
    folder = cache / "tex"
    return len(list(folder.glob("*.svg"))) if folder.is_dir() else None


# --- measurements ----------------------------------------------------------------------------------------------


def render_ours(config: Path, quality: str, out: Path, cache: Path, jobs: int | None = None) -> Render:
    """`backprop-video render` as a user runs it; wall time and the full video's length."""
    command = [sys.executable, "-m", "scenes.pipeline.cli", "render", "--config", config, "--quality", quality]
    command += ["--out", out] + (["--jobs", str(jobs)] if jobs else [])
    wall = run(command, base_env(**{CACHE_ENV: cache}))
    console.print(f"  {wall:.1f} s")
    seconds, frames = video_info(out / "FullVideo.mp4")
    return Render(wall, LAST_CPU[0], seconds, frames, out)


def render_manim(script: Path, scene: str | None, quality: str, media: Path, config: Path) -> Render:
    """A plain `manim render --disable_caching` in a fresh media folder (cold LaTeX); the length of all its videos.

    It runs with manim's own settings, as a first script would: outside the repository, so not with this
    project's manim.cfg (whose encoder setting would speed up the yardsticks too); only the check for a newer
    manim is turned off (there may be no network)."""
    media.mkdir(parents=True)
    settings = media / "manim.cfg"
    settings.write_text("[CLI]\nnotify_outdated_version = False\n")
    command = [sys.executable, "-m", "manim", "render", "-q", quality, "--disable_caching", "--media_dir", media]
    command += ["--config_file", settings, "--progress_bar", "none", "-v", "WARNING", script]
    command += [scene] if scene else ["-a"]
    wall = run(command, base_env(**{CONFIG_ENV: config}), cwd=media)
    console.print(f"  {wall:.1f} s")
    videos = [p for p in (media / "videos").rglob("*.mp4") if "partial_movie_files" not in p.parts]
    infos = [video_info(p) for p in videos]
    return Render(wall, LAST_CPU[0], sum(s for s, _ in infos), sum(f for _, f in infos), media)


def longest_clip_in_parts(
    config: Path, quality: str, cache: Path, folder: Path, parts: int
) -> tuple[float, list[float]]:
    """BackwardPass (the longest clip) rendered whole, then in ``parts`` parts one after another, each with the
    machine to itself (``scenes/pipeline/parts.py``): its wall time, and each part's. On a machine with a core
    for every part, the clip takes as long as its longest part."""

    def clip(name: str, part: str | None) -> float:
        command = [sys.executable, "-m", "manim", "render", "-q", quality, "--save_sections", "--progress_bar", "none"]
        command += ["-v", "WARNING", "--media_dir", folder / name, "scenes/backward_pass.py", "BackwardPass"]
        extra = {CONFIG_ENV: config, CACHE_ENV: cache} | ({PART_ENV: part} if part else {})
        return run(command, base_env(**extra))  # in the repository: the project's manim.cfg, as the command

    whole = clip(f"whole-{quality}", None)
    return whole, [clip(f"part{k}-{quality}", f"{k}/{parts}") for k in range(parts)]


MANIM_X264 = {"an": "1", "crf": "23"}  # manim 0.21's partial-movie options (x264's default preset, medium)


def encoder_floor(frames: int, quality: str, folder: Path, options: dict[str, str]) -> tuple[float, float]:
    """PyAV libx264 with ``options`` (yuv420p) encoding ``frames`` of one constant frame: wall and CPU seconds."""
    _, width, height, fps = QUALITIES[quality]
    frame = av.VideoFrame.from_ndarray(np.zeros((height, width, 4), dtype=np.uint8), format="rgba")
    start, cpu = time.perf_counter(), time.process_time()
    with av.open(str(folder / f"floor-{quality}.mp4"), mode="w") as container:
        stream = container.add_stream("libx264", rate=fps, options=options)
        stream.pix_fmt, stream.width, stream.height = "yuv420p", width, height
        for _ in range(frames):
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return time.perf_counter() - start, time.process_time() - cpu


def stitch_again(render: Render, folder: Path) -> tuple[float, int, int]:
    """Time the stitch of the rendered clips alone; its wall time, frames out and the clips' frames in."""
    clips = [render.out / f"{clip}.mp4" for clip in SAMPLE_CLIPS]
    start = time.perf_counter()
    info = stitch(clips, folder / "stitched.mp4")
    wall = time.perf_counter() - start
    return wall, info.frames, sum(probe(clip).frames for clip in clips)


def median_wall(command: Sequence[str | Path], runs: int = 5) -> float:
    return statistics.median(run(command, base_env()) for _ in range(runs))


def suite_wall() -> tuple[float, int]:
    """The whole test suite; wall time and exit status (a failing suite is reported, not fatal)."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    status = subprocess.run(command, cwd=REPO, env=base_env(), capture_output=True).returncode
    return time.perf_counter() - start, status


def machine() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    from importlib.metadata import version

    return [
        f"CPU: {model}, {os.cpu_count()} cores",
        f"Python {platform.python_version()}, manim {version('manim')}, PyAV {av.__version__}",
        f"date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
    ]


def files_row(config: Path, quality: str, work: Path, clips: Sequence[str] | None) -> Row:
    """The clips drawn once and kept losslessly, then encoded animation by animation with manim's settings and
    with ours (``benchmarks/quality.py``): bytes and PSNR against the frames drawn."""
    label = QUALITIES[quality][0]
    console.print(f"files: ours against manim's encoding of the same frames, {label} …")
    work.mkdir()
    manims, ours = compare(clips or SAMPLE_CLIPS, quality, config, work, [CLIP_PRESET])
    what = "full video" if not clips else ", ".join(clips)
    return Row(
        f"files, {what}, {label}: ours / manim's (libx264 crf 23 medium)",
        f"{ours.bytes / 1e6:.2f} MB / {manims.bytes / 1e6:.2f} MB; PSNR {ours.psnr:.2f} / {manims.psnr:.2f} dB, "
        f"lowest frame {ours.lowest:.2f} / {manims.lowest:.2f} dB",
        f"{ratio(ours.bytes, manims.bytes)} the size",
        "≤ 1.0×, PSNR ≥ manim's",
    )


# --- the run ---------------------------------------------------------------------------------------------------


def measure(args: argparse.Namespace, tmp: Path) -> list[Row]:
    rows: list[Row] = []
    seed = random.SystemRandom().randrange(10**9)
    jobs = args.jobs or os.cpu_count() or 1
    qualities = ["l"] if args.quick else ["l", "h"]
    ours: dict[str, Render] = {}
    configs: dict[str, Path] = {}
    cache = tmp / "cache-l"  # the 480p render's cache, reused by the warm rows

    # Seed script: measured if given, else the documented reference
    if args.seed_script:
        console.print(f"seed script {args.seed_script} at 480p15 …")
        seed_run = render_manim(Path(args.seed_script).resolve(), None, "l", tmp / "seed-media", DEFAULT_CONFIG)
        seed_ps, seed_note = seed_run.per_second, f"{seed_run.wall:.1f} s for {seed_run.video:.1f} s of video"
    else:
        seed_ps, seed_note = SEED_REFERENCE, "reference, not measured in this run"
    rows.append(Row("seed script, 480p15", f"{seed_ps:.3f} s/s ({seed_note})"))

    for n, quality in enumerate(qualities):
        label = QUALITIES[quality][0]
        config = configs[quality] = fresh_config(tmp, seed + n)
        qcache = cache if quality == "l" else tmp / f"cache-{quality}"
        qcache.mkdir()
        console.print(f"ours, {label}, cold cache, new config …")
        render = ours[quality] = render_ours(config, quality, tmp / f"out-{quality}", qcache)
        size = (render.out / "FullVideo.mp4").stat().st_size
        rows.append(
            Row(
                f"ours, full video, {label}, cold",
                f"{render.wall:.1f} s wall ({render.cpu:.1f} s CPU), {render.video:.1f} s video, "
                f"{render.per_second:.3f} s/s, FullVideo.mp4 {size / 1e6:.1f} MB",
                f"{ratio(render.per_second, seed_ps)} seed" if quality == "l" else "",
                "≤ 0.4× seed" if quality == "l" else "",
            )
        )

        if not args.targets:
            console.print(f"naive baseline, {label}, cold …")
            naive = render_manim(NAIVE_SCRIPT, "NaiveBackprop", quality, tmp / f"naive-{quality}", config)
            rows.append(
                Row(
                    f"naive baseline, {label}, cold",
                    f"{naive.wall:.1f} s wall, {naive.video:.1f} s video, {naive.per_second:.3f} s/s",
                    f"ours/naive {ratio(render.per_second, naive.per_second)}",
                )
            )

        console.print(f"encoder floor, {label}, {render.frames} frames …")
        floor, floor_cpu = encoder_floor(render.frames, quality, tmp, MANIM_X264)
        rows.append(
            Row(
                f"encoder floor, {label}, manim's x264 options",
                f"{floor:.1f} s wall ({floor_cpu:.1f} s CPU) for {render.frames} frames, {floor / render.video:.3f} s/s",
                f"ours/floor {ratio(render.wall, floor)} wall, {ratio(render.cpu, floor_cpu)} CPU",
                "ours ≤ 0.5×" if quality == "h" else "",
            )
        )
        if not args.skip_files:
            clips = args.files_clips if quality == "h" else None
            rows.append(files_row(config, quality, tmp / f"files-{quality}", clips))

    if XOR_CONFIG.exists():
        console.print("XOR showcase, 480p15, cold cache …")
        xcache = tmp / "cache-xor"
        xcache.mkdir()
        xor = render_ours(XOR_CONFIG, "l", tmp / "out-xor", xcache)
        rows.append(
            Row(
                "XOR showcase, full video, 480p15, cold",
                f"{xor.wall:.1f} s wall ({xor.cpu:.1f} s CPU), {xor.video:.1f} s video, {xor.per_second:.3f} s/s",
                f"{ratio(xor.per_second, ours['l'].per_second)} the default's (CPU per video second "
                f"{ratio(xor.cpu / xor.video, ours['l'].cpu / ours['l'].video)})",
                "≤ 1.1× the default's",
            )
        )
    else:
        rows.append(Row("XOR showcase, 480p15, cold", "not measured: assets/xor.toml is not in this checkout"))
    if args.targets:
        return rows

    # More cores than clips: the longest clip in parts (LaTeX warm: the drawing is what parts share)
    for quality in qualities:
        label = QUALITIES[quality][0]
        console.print(f"BackwardPass, {label}, whole and in {PARTS} parts one after another …")
        qcache = cache if quality == "l" else tmp / f"cache-{quality}"
        whole, pieces = longest_clip_in_parts(configs[quality], quality, qcache, tmp / "parts", PARTS)
        rows.append(
            Row(
                f"BackwardPass (the longest clip), {label}: whole, and each of {PARTS} parts alone",
                f"{whole:.1f} s; " + ", ".join(f"{piece:.1f}" for piece in pieces) + " s",
                f"with a core per part {ratio(max(pieces), whole)} of its time",
                "scales past the number of clips",
            )
        )

    # Stitching as a share of the 480p render
    console.print("stitching the 480p clips again …")
    wall, frames_out, frames_in = stitch_again(ours["l"], tmp)
    check = "frames match" if frames_out == frames_in else f"[MISMATCH: {frames_out} out, {frames_in} in]"
    rows.append(
        Row("stitch, 480p15", f"{wall:.2f} s, {frames_out} frames, {check}", f"{wall / ours['l'].wall:.1%}", "< 2 %")
    )

    # --jobs 1 against --jobs N, warm cache, the config of the cold 480p render
    walls = {}
    for n in (1, jobs):
        console.print(f"ours, 480p15, warm cache, --jobs {n} …")
        walls[n] = render_ours(configs["l"], "l", tmp / f"out-jobs{n}", cache, n).wall
    rows.append(
        Row(
            f"--jobs 1 vs --jobs {jobs}, 480p15, warm",
            f"{walls[1]:.1f} s vs {walls[jobs]:.1f} s",
            f"speed-up {walls[1] / walls[jobs]:.2f}×",
        )
    )

    # LaTeX runs on a numbers-only re-render: new .svg files in the shared cache
    console.print("ours, 480p15, other weights, same cache (LaTeX runs) …")
    before = count_svgs(cache)
    again = render_ours(fresh_config(tmp, seed + 100), "l", tmp / "out-numbers", cache)
    after = count_svgs(cache)
    latex = (
        "n/a (no shared LaTeX cache)" if before is None or after is None else f"{after - before} new ({after} cached)"
    )
    rows.append(Row("LaTeX runs, numbers-only re-render", latex, "", "0"))
    # What a lecturer waits for after changing the weights: the same render with LaTeX warm.
    rows.append(
        Row(
            "ours, full video, 480p15, new numbers, warm LaTeX",
            f"{again.wall:.1f} s wall, {again.video:.1f} s video, {again.per_second:.3f} s/s",
            f"{ratio(again.per_second, seed_ps)} seed",
        )
    )

    # The answer key, through both commands
    console.print("trace commands, 5 runs each …")
    for name, module in (("backprop-video trace", "scenes.pipeline.cli"), ("python -m nnmath trace", "nnmath")):
        rows.append(
            Row(name, f"{median_wall([sys.executable, '-m', module, 'trace']):.2f} s (median of 5)", "", "< 0.3 s")
        )

    if not (args.quick or args.skip_suite):
        console.print("test suite …")
        wall, status = suite_wall()
        rows.append(Row("test suite", f"{wall:.0f} s" + ("" if status == 0 else f" (exit {status})"), "", "< 3 min"))
    return rows


def show(rows: list[Row], info: list[str], markdown_only: bool) -> None:
    if not markdown_only:
        table = Table(title="backprop-video speed", caption=" · ".join(info))
        for column in ("measurement", "figure", "ratio", "target"):
            table.add_column(column)
        for row in rows:
            table.add_row(row.name, row.value, row.ratio, row.target)
        out = Console()
        if not out.is_terminal:  # a pipe or a file: wide enough for one line per row
            out = Console(width=160)
        out.print(table)
        print()
    print("\n".join(f"{line}  " for line in info))
    print()
    print("| measurement | figure | ratio | target |\n|---|---|---|---|")
    for row in rows:
        print(f"| {row.name} | {row.value} | {row.ratio} | {row.target} |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="480p15 only, no test suite")
    parser.add_argument("--skip-suite", action="store_true", help="do not time the test suite")
    parser.add_argument("--seed-script", metavar="PATH", help="measure this script instead of the reference figure")
    parser.add_argument("--jobs", type=int, metavar="N", help="N of the --jobs 1 vs N row (default: the cores)")
    parser.add_argument("--markdown", action="store_true", help="print only the Markdown table")
    parser.add_argument(
        "--targets",
        action="store_true",
        help="only the issue's targets: the cold renders, the "
        "encoder floor, files against manim's, the XOR showcase (no suite)",
    )
    parser.add_argument("--skip-files", action="store_true", help="do not compare files with manim's encoding")
    parser.add_argument(
        "--files-clips",
        nargs="+",
        metavar="CLIP",
        help="at 1080p60 compare files on these clips only (480p15: the full video)",
    )
    args = parser.parse_args(argv)
    info = machine()
    for line in info:
        console.print(line)
    with tempfile.TemporaryDirectory(prefix="backprop-bench-") as tmp:
        rows = measure(args, Path(tmp))
    show(rows, info, args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
