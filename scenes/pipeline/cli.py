"""The `backprop-video` command: `render` (the whole video), `slides` (the deck) and `trace` (the worked solution).

It starts without manim: `--help`, `--version` and `trace` never import it. `render` and `slides` check their
input first (the config, the output folder, the system tools, the quality), each mistake one line, and only then
import what rendering needs.
"""

from __future__ import annotations

import argparse
import importlib.util
import signal
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from types import FrameType

from nnmath import Config
from nnmath.cli import EXIT_USAGE, add_trace_arguments, load_or_report, run_trace
from nnmath.config import THEMES
from scenes.homework import commands as homework_commands
from scenes.pipeline import package_version
from scenes.pipeline.clips import CLIPS, ManimWorkers, worker_count
from scenes.pipeline.lock import BusyError, render_lock
from scenes.pipeline.output import ANSWER_KEY, DEFAULT_OUT, MANIFEST, out_problem
from scenes.pipeline.quality import Quality, qualities, quality_help
from scenes.pipeline.revealjs import revealjs_problem
from scenes.pipeline.system import missing_system_dependency

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
DEFAULT_QUALITY = "l"
DEFAULT_SLIDES_OUT = Path("media") / "slides"
SLIDES_THEME = "light"  # white decks
DECK_FORMATS = ("html", "pptx")  # what `slides --to` writes (scenes/pipeline/deck.py writes each)


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's lines; describes --quality from manim's presets, read only when the help is shown."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.dest == "quality":
            return quality_help(DEFAULT_QUALITY)
        return super()._get_help_string(action)


class _VersionAction(argparse.Action):
    """``--version``: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"{parser.prog} {package_version()}")
        parser.exit()


def _render_epilog() -> str:
    return f"""\
writes into the output folder, replacing an earlier render there as a whole:
  <clip>.mp4 .srt .png   each part, its subtitles and its poster frame, for
                         {", ".join(CLIPS)}
  FullVideo.mp4 .srt .png
                         the parts joined (no re-encoding), subtitles merged, poster
  sections/<clip>/<clip>_0001_<sub-step>.mp4 …
                         with --sections: one clip per sub-step, for slides
  {ANSWER_KEY}           the answer key: every number of the video, worked (Markdown)
  {MANIFEST}    what was rendered (config, quality, theme, files)
A folder holding files that backprop-video did not write is never replaced: exit status 2."""


def _slides_epilog() -> str:
    return f"""\
writes into the output folder, replacing an earlier deck there as a whole:
  slides.html, slides_assets/   --to html: a reveal.js page with everything it plays
                                beside it (no network needed); open it in a browser,
                                → for the next sub-step, ← back, space pauses,
                                s opens the presenter notes
  slides.pptx                   --to pptx: for PowerPoint or LibreOffice Impress
  {MANIFEST}           what was rendered (config, quality, theme, files)
Needs the slides extra (./setup.sh --slides)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backprop-video", description="The backpropagation video, from your config.")
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser(
        "render", help="render every clip and the full video, with subtitles and posters",
        description="Render every clip and the full video, with subtitles and posters.",
        epilog=_render_epilog(), formatter_class=_HelpFormatter,
    )  # fmt: skip
    render.add_argument("--config", metavar="FILE", help="config TOML (default: assets/default.toml)")
    render.add_argument(
        "--quality", metavar="LETTER", default=DEFAULT_QUALITY, help="manim's presets"
    )  # _HelpFormatter
    render.add_argument("--theme", choices=THEMES, help="override display.theme of the config")
    render.add_argument(
        "--jobs", type=_positive, metavar="N", help="clips rendered at once (default: the number of cores)"
    )
    render.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help=f"output folder (default: {DEFAULT_OUT})"
    )
    render.add_argument("--sections", action="store_true", help="also export each step's section clips (for slides)")
    render.add_argument(
        "--narrate", action="store_true", help="a voice speaks every sub-step (also: [narration] enabled = true)"
    )
    slides = commands.add_parser(
        "slides", help="render the lecture deck: a slide per sub-step, its subtitle as presenter notes",
        description="Render the lecture deck: a slide per sub-step, playing it and then waiting for the next key,\n"
        "its subtitle (with the config's numbers) as presenter notes.",
        epilog=_slides_epilog(), formatter_class=_HelpFormatter,
    )  # fmt: skip
    slides.add_argument("--config", metavar="FILE", help="config TOML (default: assets/default.toml)")
    slides.add_argument("--to", choices=DECK_FORMATS, default="html", help="the deck's format (default: html)")
    slides.add_argument(
        "--part", choices=CLIPS, action="append", metavar="PART",
        help=f"only this part of the video (repeatable; default: every part): {', '.join(CLIPS)}",
    )  # fmt: skip
    slides.add_argument("--quality", metavar="LETTER", default=DEFAULT_QUALITY, help="manim's presets")
    slides.add_argument(
        "--theme", choices=THEMES, default=SLIDES_THEME, help=f"the slides' theme (default: {SLIDES_THEME})"
    )
    slides.add_argument(
        "--jobs", type=_positive, metavar="N", help="clips rendered at once (default: the number of cores)"
    )
    slides.add_argument(
        "--out", type=Path, default=DEFAULT_SLIDES_OUT, metavar="DIR",
        help=f"output folder (default: {DEFAULT_SLIDES_OUT})",
    )  # fmt: skip
    trace = commands.add_parser("trace", help="print the worked solution of one training step (python -m nnmath trace)")
    add_trace_arguments(trace)
    homework_commands.add_commands(commands)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run_render(args: argparse.Namespace) -> int:
    """Check everything the render needs, cheapest first, then render; the exit status. The manim worker
    processes start first, so that they load manim while the input is checked; they render nothing until it is
    good, and stop with the command."""
    with ManimWorkers(worker_count(args.jobs)) as workers, ExitStack() as held:
        return _checked_render(args, workers, held)


def _checked_render(args: argparse.Namespace, workers: ManimWorkers, held: ExitStack) -> int:
    checked = _checked(args, held)
    if isinstance(checked, int):
        return checked
    if args.narrate or checked[0].narrate:
        from scenes.voice.engines import voice_problem  # only when narrating: the command starts without it

        voice = voice_problem(checked[0])  # the engine installed, the voice known (espeak-ng or Piper)
        if voice:
            message, config_fault = voice
            return _fail(message, EXIT_USAGE if config_fault else EXIT_FAILED)
    return _render(args, *checked, workers)


def _checked(args: argparse.Namespace, held: ExitStack) -> tuple[Config, Path, Quality] | int:
    """The config, the output folder and the quality of a render or a deck, each checked before any work; or the
    exit status of the first mistake, reported on one line. The output folder's lock is held on ``held``: one
    render at a time into a folder (the first removes what killed renders left there)."""
    # Ctrl-C and a kill get the same clean-up, even where SIGINT was inherited as ignored (a background job).
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    config = load_or_report(args.config)
    if config is None:
        return EXIT_USAGE
    out = args.out.expanduser().resolve()
    problem = out_problem(out, str(args.out))
    if problem:
        return _fail(problem, EXIT_USAGE)
    try:
        held.enter_context(render_lock(out, str(args.out)))
    except BusyError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except OSError as exc:  # the lock file cannot be written beside it
        return _fail(f"--out {args.out}: cannot write in {out.parent} ({exc.strerror})", EXIT_USAGE)
    problem = missing_system_dependency()
    if problem:
        return _fail(problem, EXIT_FAILED)
    try:
        presets = qualities()  # the first import of manim
    except ImportError as exc:
        return _fail(f"manim cannot be imported ({exc}); run ./setup.sh again", EXIT_FAILED)
    if args.quality not in presets:
        return _fail(f"--quality {args.quality}: expected one of {', '.join(presets)}", EXIT_USAGE)
    return config, out, presets[args.quality]


def run_slides(args: argparse.Namespace) -> int:
    """Check everything the deck needs (what a render needs, then the slides extra), then render it (the workers
    start first, as for a render)."""
    with ManimWorkers(worker_count(args.jobs)) as workers, ExitStack() as held:
        checked = _checked(args, held)
        if isinstance(checked, int):
            return checked
        problem = missing_slides_dependency(args.to)
        if problem:
            return _fail(problem, EXIT_FAILED)
        return _slides(args, *checked, workers)


def missing_slides_dependency(to: str) -> str | None:
    """What the slides extra lacks for a deck ``to`` (html, pptx), as one line with the fix; or None."""
    # (once imported, manim-slides' module is a lazy one whose spec is None)
    if "manim_slides" not in sys.modules and importlib.util.find_spec("manim_slides") is None:
        return (
            "manim-slides is not installed (the slides extra); install it with: ./setup.sh --slides "
            "(or pip install 'backprop-video[slides]')"
        )
    return revealjs_problem() if to == "html" else None


def _render(args: argparse.Namespace, config: Config, out: Path, quality: Quality, workers: ManimWorkers) -> int:
    from rich.console import Console

    from scenes.pipeline.progress import summary_table
    from scenes.pipeline.publish import NotWritableError
    from scenes.pipeline.render import InterruptedAfterPublishError, RenderError, render_video
    from scenes.pipeline.stitch import StitchError

    start = time.monotonic()
    try:
        files = render_video(
            config, out, quality, args.theme, args.jobs, args.sections, Console(stderr=True), args.narrate, workers
        )
    except InterruptedAfterPublishError:
        print(f"interrupted: the new video was already complete in {args.out}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except NotWritableError as exc:
        return _fail(f"--out {args.out}: {exc.strerror}", EXIT_USAGE)
    except (RenderError, StitchError, OSError) as exc:
        return _fail(str(exc), EXIT_FAILED)
    shown = [args.out / path.relative_to(out) for path in files]
    Console().print(summary_table(args.out, shown, time.monotonic() - start))
    return 0


def _slides(args: argparse.Namespace, config: Config, out: Path, quality: Quality, workers: ManimWorkers) -> int:
    from rich.console import Console

    from scenes.pipeline.deck import render_deck
    from scenes.pipeline.progress import summary_table
    from scenes.pipeline.publish import NotWritableError
    from scenes.pipeline.render import InterruptedAfterPublishError, RenderError

    start = time.monotonic()
    try:
        console = Console(stderr=True)
        files = render_deck(config, out, quality, args.theme, args.to, args.part, args.jobs, console, workers)
    except InterruptedAfterPublishError:
        print(f"interrupted: the new deck was already complete in {args.out}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except NotWritableError as exc:
        return _fail(f"--out {args.out}: {exc.strerror}", EXIT_USAGE)
    except (RenderError, OSError) as exc:
        return _fail(str(exc), EXIT_FAILED)
    shown = [args.out / path.relative_to(out) for path in files]
    Console().print(summary_table(args.out, shown, time.monotonic() - start))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "trace":
        return run_trace(args)
    if args.command in homework_commands.COMMANDS:
        return homework_commands.run(args)
    try:
        return run_slides(args) if args.command == "slides" else run_render(args)
    except KeyboardInterrupt:  # the staging folder is gone by now, and the manim processes stopped
        what = "deck" if args.command == "slides" else "video"
        print(f"interrupted: nothing was written; the previous {what} is untouched", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
