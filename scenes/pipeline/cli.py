"""The `backprop-video` command: `render` (the whole video) and `trace` (the worked solution)."""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from nnmath.cli import EXIT_USAGE, add_trace_arguments, load_or_report, run_trace

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
DEFAULT_OUT = Path("media") / "backprop"
LATEX_PACKAGES = "texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm"
CAIRO_PACKAGES = "pkg-config libcairo2-dev libpango1.0-dev"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backprop-video", description="The backpropagation video, from your config.")
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser("render", help="render every clip and the full video, with subtitles and posters")
    render.add_argument("--config", metavar="FILE", help="config TOML (default: assets/default.toml)")
    render.add_argument("--quality", choices=list("lmhpk"), default="l",
                        help="l 480p15, m 720p30, h 1080p60, p 1440p60, k 2160p60 (default: l)")  # fmt: skip
    render.add_argument("--theme", choices=("dark", "light"), help="override display.theme of the config")
    render.add_argument(
        "--jobs", type=_positive, metavar="N", help="clips rendered at once (default: the number of cores)"
    )
    render.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help=f"output folder (default: {DEFAULT_OUT})"
    )
    render.add_argument("--sections", action="store_true", help="also export each step's section clips (for slides)")
    trace = commands.add_parser("trace", help="print the worked solution of one training step (python -m nnmath trace)")
    add_trace_arguments(trace)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def missing_system_dependency() -> str | None:
    """The first missing system piece the render needs, as a message with the install command."""
    for tool in ("latex", "dvisvgm"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (the formulas need LaTeX); install it with: sudo apt-get install --no-install-recommends {LATEX_PACKAGES}"
    try:
        import cairo  # noqa: F401  (pycairo: fails to import without the cairo library)
        import manimpango  # noqa: F401  (needs pango)
    except ImportError as exc:
        return f"cairo/pango are not usable ({exc}); install them with: sudo apt-get install {CAIRO_PACKAGES}, then run ./setup.sh again"
    return None


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run_render(args: argparse.Namespace) -> int:
    config = load_or_report(args.config)
    if config is None:
        return EXIT_USAGE
    problem = missing_system_dependency()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_FAILED
    from rich.console import Console

    from scenes.pipeline.render import RenderError, summary_table, timed_render
    from scenes.pipeline.stitch import StitchError

    console = Console(stderr=True)
    # Ctrl-C and a kill get the same clean-up, even where SIGINT was inherited as ignored (a background job).
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        written, seconds = timed_render(
            config=config, out_dir=args.out, quality=args.quality, theme=args.theme, jobs=args.jobs,
            sections=args.sections, console=console,
        )  # fmt: skip
    except KeyboardInterrupt:
        print("interrupted: nothing was written; the previous video is untouched", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (RenderError, StitchError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    Console().print(summary_table(written, seconds))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "trace":
        return run_trace(args)
    return run_render(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
