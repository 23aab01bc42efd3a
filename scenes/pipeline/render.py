"""`backprop-video render`: every clip rendered in parallel, assembled, and published as one folder.

The clips are rendered in a temporary folder; the files the user gets are assembled in a hidden folder beside
the output and swapped in whole (``publish``), so a failed or interrupted render leaves the previous render as
it was, and a finished one leaves nothing of an earlier one (no stale section clips).
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from contextlib import nullcontext
from functools import partial
from pathlib import Path

from rich.console import Console

from nnmath import Config
from nnmath.answer_key import answer_key_of
from scenes.environment import CONFIG_ENV, NARRATE_ENV, THEME_ENV
from scenes.pipeline import package_version
from scenes.pipeline.assemble import FinishedClip, assemble, finish_clip
from scenes.pipeline.clips import LONGEST_FIRST, ManimWorkers, RenderJob, clips_for, log_tail, worker_count
from scenes.pipeline.output import ANSWER_KEY, write_manifest
from scenes.pipeline.parts import join_parts, parts_per_clip, rendered, split
from scenes.pipeline.progress import clip_progress
from scenes.pipeline.publish import replace_folder, signals_held, staging_folder
from scenes.pipeline.quality import Quality
from scenes.stage import tex_cache


class RenderError(Exception):
    """A render that could not finish; a short message (a clip's log tail may follow on later lines)."""


class InterruptedAfterPublishError(KeyboardInterrupt):
    """Ctrl-C or SIGTERM while the new folder was being swapped in: it was held back, and the render is complete."""


def render_video(
    config: Config,
    out: Path,
    quality: Quality,
    theme: str | None = None,
    jobs: int | None = None,
    sections: bool = False,
    console: Console | None = None,
    narrate: bool = False,
    workers: ManimWorkers | None = None,
) -> list[Path]:
    """Render every clip and the stitched full video, then make ``out`` hold exactly them; returns the files.
    ``narrate`` (or ``[narration] enabled``): every video with its voice track. ``workers``: started already."""
    console = console or Console(stderr=True)
    narrate = narrate or config.narrate
    with staging_folder(out) as staging, tempfile.TemporaryDirectory(prefix="backprop-video-") as scratch:
        render_jobs = [RenderJob(scene, Path(scratch) / f"media-{scene}") for scene in clips_for(config.is_dataset)]
        env = scene_env(config, theme, narrate)
        finished: dict[str, FinishedClip] = {}

        def finish(job: RenderJob) -> None:  # in a thread of its own, while other clips render
            finished[job.clip] = finish_clip(job, quality, staging)

        render_clips(render_jobs, quality, sections, env, worker_count(jobs), console, finish, workers)
        voiced = partial(_add_voices, render_jobs, quality, staging, sections, console) if narrate else None
        files = assemble(render_jobs, quality, sections, staging, voiced, finished)
        files.append(write_answer_key(staging, config))
        spoken = {"narration": {"voice": config.voice, "rate": config.rate}} if narrate else {}
        files.append(write_manifest(staging, files, {**about(config, quality, theme), "sections": sections, **spoken}))
        return publish(staging, out, files)


def write_answer_key(folder: Path, config: Config) -> Path:
    """The Markdown answer key (every number of the video, worked) into ``folder``, beside the clips: published
    with them, listed in the manifest."""
    path = folder / ANSWER_KEY
    path.write_text(answer_key_of(config), encoding="utf-8")
    return path


def scene_env(config: Config, theme: str | None, narrate: bool = False) -> dict[str, str]:
    """What the scenes are told through the environment: which config they draw, in which theme, whether they
    speak."""
    env = {CONFIG_ENV: str(Path(config.path).resolve()), NARRATE_ENV: "1" if narrate else "0"}
    if theme:
        env[THEME_ENV] = theme
    return env


def about(config: Config, quality: Quality, theme: str | None) -> dict[str, object]:
    """What the manifest records of a render, besides its files."""
    return {
        "version": package_version(),
        "config": str(Path(config.path).resolve()),
        "quality": quality.letter,
        "resolution": f"{quality.width}x{quality.height} at {quality.fps} fps",
        "theme": theme or config.theme,
    }


def publish(staging: Path, out: Path, files: Sequence[Path]) -> list[Path]:
    """Swap the complete folder ``staging`` in at ``out``; the paths of ``files`` (in ``staging``) there."""
    with signals_held() as held:
        replace_folder(staging, out)
        if held:  # the new render is in place: say so, rather than "nothing was written"
            held.clear()
            raise InterruptedAfterPublishError
    return [out / path.relative_to(staging) for path in files]


def _add_voices(
    render_jobs: Sequence[RenderJob], quality: Quality, staging: Path, sections: bool, console: Console, full: Path
) -> None:
    """Every video of the render with its voice track; says how many lines the speech cache already had."""
    from scenes.pipeline.tracks import add_voices
    from scenes.voice.cache import voice_cache

    spoken = add_voices(render_jobs, quality, staging, full, sections)
    console.print(
        f"  voice: {spoken.synthesised} lines synthesised, {spoken.cached} from {voice_cache()}", soft_wrap=True
    )


def render_clips(
    render_jobs: Sequence[RenderJob], quality: Quality, sections: bool, env: dict[str, str], jobs: int,
    console: Console, then: Callable[[RenderJob], None] | None = None, workers: ManimWorkers | None = None,
) -> None:  # fmt: skip
    """Render the clips, ``jobs`` at a time, in ``workers`` (or workers started here), under one progress display;
    RenderError on the first failure. ``then`` is called with each clip's job as soon as it is rendered (in a
    thread of its own, one clip at a time, while the worker renders its next clip)."""
    with nullcontext(workers) if workers else ManimWorkers(jobs) as started:
        _render_clips(render_jobs, quality, sections, env, jobs, console, then, started)


def _render_clips(
    render_jobs: Sequence[RenderJob], quality: Quality, sections: bool, env: dict[str, str], jobs: int,
    console: Console, then: Callable[[RenderJob], None] | None, workers: ManimWorkers,
) -> None:  # fmt: skip
    pieces_of = split(render_jobs, parts_per_clip([job.clip for job in render_jobs], jobs))  # more workers than clips
    clip_of = {piece: job for job, pieces in pieces_of.items() for piece in pieces}
    left = {job: len(pieces) for job, pieces in pieces_of.items()}
    joining = threading.Lock()
    with clip_progress(console) as progress:
        parts = f" in {len(clip_of)} parts" if len(clip_of) > len(render_jobs) else ""
        overall = progress.add_task(
            f"rendering {len(render_jobs)} clips{parts}, {jobs} at a time", total=len(render_jobs)
        )

        compiled: list[int] = []

        def one(piece: RenderJob) -> None:
            log = piece.media_dir.with_suffix(".log")
            cached = tex_cache.fill(piece.media_dir)  # formulas compiled by earlier clips and renders
            start = time.monotonic()
            code = workers.render(piece, quality, sections, env, log)
            seconds = time.monotonic() - start
            name = f"{piece.scene} part {piece.part + 1} of {piece.parts}" if piece.parts > 1 else piece.scene
            if code != 0 or not rendered(piece, quality):
                tail = [] if code == -1 else log_tail(log) or workers.log_tail()
                raise RenderError(f"rendering {name} failed (exit {code}):\n" + "\n".join(tail))
            compiled.append(tex_cache.keep(piece.media_dir, cached))
            job = clip_of[piece]
            progress.console.print(f"  [green]✓[/green] {name} ({seconds:.0f} s)")
            with joining:
                left[job] -= 1
                if left[job]:  # the clip's other parts are still rendering
                    return
                # Joined, copied and its poster found in a thread of its own: this worker takes its next clip now.
                finishing.append(finisher.submit(finish, job))

        def finish(job: RenderJob) -> None:
            if len(pieces_of[job]) > 1:
                join_parts(job, pieces_of[job], quality, sections)
                progress.console.print(f"  [green]✓[/green] {job.scene}, joined from its {len(pieces_of[job])} parts")
            if then is not None:
                then(job)
            for piece in pieces_of[job]:
                tex_cache.clear(piece.media_dir)
            progress.advance(overall)

        finishing: list[Future[None]] = []
        with ThreadPoolExecutor(max_workers=jobs) as pool, ThreadPoolExecutor(max_workers=1) as finisher:
            try:
                started = sorted(clip_of, key=lambda piece: (LONGEST_FIRST.index(piece.clip), piece.part))
                futures: list[Future[None]] = [pool.submit(one, piece) for piece in started]
                wait(futures, return_when=FIRST_EXCEPTION)
                for future in futures:
                    future.result()  # the first failure, if any, is raised here
                workers.close()  # at once: they end while the last clips are finished
                for future in list(finishing):
                    future.result()
            except BaseException:
                # Stop the running manim processes before the pool waits for its threads (Ctrl-C, a kill
                # or one failed clip): otherwise the interrupt would wait for every render to finish.
                workers.stop()
                pool.shutdown(wait=True, cancel_futures=True)
                finisher.shutdown(wait=True, cancel_futures=True)
                raise
    # How many formulas went through LaTeX (0 on a re-render that only changes numbers), and from where the rest came.
    console.print(
        f"  LaTeX: {sum(compiled)} formulas compiled, the others from {tex_cache.tex_cache()}", soft_wrap=True
    )
