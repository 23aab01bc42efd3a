"""`backprop-video slides`: the clips' slide variants rendered in parallel, joined into one deck, published whole.

Each clip's slide variant (``scenes/slides.py``) is rendered by the worker processes, as ``render`` renders the
clips; manim-slides then converts them, in the video's order, into one presentation: a reveal.js page that plays
offline (its reveal.js copied in from the one set-up installed) or a PowerPoint file. The deck is built in a
hidden folder beside the output and swapped in whole, as a render is.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Collection, Iterator, Sequence
from contextlib import redirect_stderr
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from rich.console import Console

from nnmath import Config
from scenes.pipeline.clips import ManimWorkers, RenderJob, clips_for, worker_count
from scenes.pipeline.output import write_manifest
from scenes.pipeline.publish import staging_folder
from scenes.pipeline.quality import Quality
from scenes.pipeline.render import RenderError, about, publish, render_clips, scene_env
from scenes.pipeline.revealjs import revealjs_folder

if TYPE_CHECKING:
    from manim_slides.config import PresentationConfig

DECK = "slides"  # slides.html with slides_assets/ beside it, or slides.pptx
ASSETS = f"{DECK}_assets"
REVEALJS_IN_DECK = f"{ASSETS}/reveal.js"  # where the page looks for reveal.js (manim-slides' "CDN" address)
SLIDES_FOLDER = "slides"  # where a variant writes <Scene>.json in its media folder (scenes.slides.SLIDES_FOLDER)
TITLE = "Backpropagation, step by step"
PPTX_SIZE = (1280, 720)  # pixels at 96 dpi: PowerPoint's 16:9 slide, 13.33 × 7.5 in
# reveal.js's own themes for the page around the videos, by the video's theme
REVEAL_THEMES = {"light": "white", "dark": "black"}


def slide_jobs(scratch: Path, parts: Collection[str] | None = None, dataset: bool = False) -> list[RenderJob]:
    """One render per clip of the video (or per one of ``parts``), in the video's order: the clip's slide variant,
    in a media folder of its own; the clips a config with ``[data]`` (``dataset``) or ``[sample]`` plays."""
    clips = clips_for(dataset)
    return [RenderJob(clip, scratch / f"media-{clip}", slides=True) for clip in clips if not parts or clip in parts]


def render_deck(
    config: Config, out: Path, quality: Quality, theme: str, to: str, parts: Collection[str] | None = None,
    jobs: int | None = None, console: Console | None = None, workers: ManimWorkers | None = None,
) -> list[Path]:  # fmt: skip
    """Render every clip's slide variant (or those of ``parts``), convert them into one deck (``to``: html or
    pptx), and make ``out`` hold exactly it; returns the files. ``workers``: started already."""
    console = console or Console(stderr=True)
    with staging_folder(out) as staging, tempfile.TemporaryDirectory(prefix="backprop-slides-") as scratch:
        render_jobs = slide_jobs(Path(scratch), parts, config.is_dataset)
        render_clips(render_jobs, quality, False, scene_env(config, theme), worker_count(jobs), console, None, workers)
        presentations = [_presentation(job) for job in render_jobs]
        count = sum(len(p.slides) for p in presentations)
        with console.status(f"converting {count} slides to {to}"):
            try:
                files = (
                    write_html(presentations, staging, theme) if to == "html" else write_pptx(presentations, staging)
                )
            except (ValueError, RuntimeError, OSError) as exc:  # manim-slides' errors: one line, not a traceback
                raise RenderError(f"converting the slides to {to} failed: {exc}") from exc
        console.print(f"  [green]✓[/green] {count} slides, one per sub-step, to {to}")
        files.append(
            write_manifest(
                staging,
                files,
                {
                    **about(config, quality, theme),
                    "format": to,
                    "parts": [job.clip for job in render_jobs],
                    "slides": count,
                },
            )
        )
        return publish(staging, out, files)


def _presentation(job: RenderJob) -> PresentationConfig:
    from manim_slides.config import PresentationConfig

    return PresentationConfig.from_file(job.media_dir / SLIDES_FOLDER / f"{job.scene}.json")


def write_html(presentations: Sequence[PresentationConfig], folder: Path, theme: str) -> list[Path]:
    """``slides.html`` and ``slides_assets/`` in ``folder``: the slides' videos and the reveal.js files the page
    names, so that it plays with no network. Returns every file written."""
    from manim_slides.convert import RevealJS

    page = folder / f"{DECK}.html"
    RevealJS(
        presentation_configs=list(presentations),
        assets_dir=ASSETS,
        cdn_url=REVEALJS_IN_DECK,
        reveal_theme=REVEAL_THEMES[theme],
        background_color=presentations[0].background_color,
        title=TITLE,
    ).convert_to(page)
    package = revealjs_folder()
    for reference in local_references(page.read_text(encoding="utf-8")):
        if reference.startswith(REVEALJS_IN_DECK + "/"):
            _copy(package / reference.removeprefix(REVEALJS_IN_DECK + "/"), folder / reference)
    _copy(package / "LICENSE", folder / REVEALJS_IN_DECK / "LICENSE")  # reveal.js is MIT: its notice goes with it
    return [page, *sorted(path for path in (folder / ASSETS).rglob("*") if path.is_file())]


def write_pptx(presentations: Sequence[PresentationConfig], folder: Path) -> list[Path]:
    """``slides.pptx`` in ``folder``: a 16:9 slide per sub-step, its video playing on entry, its notes the subtitle."""
    from manim_slides.convert import PowerPoint

    deck = folder / f"{DECK}.pptx"
    width, height = PPTX_SIZE
    with redirect_stderr(io.StringIO()):  # its tqdm bars, one per part, would break up the command's progress display
        PowerPoint(presentation_configs=list(presentations), width=width, height=height).convert_to(deck)
    return [deck]


def _copy(source: Path, target: Path) -> None:
    if not source.is_file():
        raise RenderError(f"reveal.js has no {source} (the deck's page needs it); install reveal.js again")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


class _References(HTMLParser):
    """Every address a page loads or shows: src, href and reveal.js's background attributes."""

    ATTRIBUTES = frozenset({"src", "href", "data-background-video", "data-background-image"})

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in self.ATTRIBUTES and value]


def references(page: str) -> list[str]:
    """The addresses ``page`` (HTML text) refers to, in order."""
    parser = _References()
    parser.feed(page)
    return parser.found


def local_references(page: str) -> Iterator[str]:
    """The relative file paths among ``page``'s addresses (no scheme, no absolute path)."""
    for address in references(page):
        if ":" not in address and not PurePosixPath(address).is_absolute():
            yield address
