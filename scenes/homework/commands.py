"""The `homework` and `grade` subcommands: their options, their input checked first (one line and exit status 2
for a mistake, nothing written), then the work."""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import signal
import sys
from pathlib import Path
from types import FrameType

from nnmath.cli import EXIT_USAGE
from nnmath.fields import ConfigError

COMMANDS = ("homework", "grade")
SECRET_ENV = "BACKPROP_HOMEWORK_SECRET"
DEFAULT_CATEGORY = "Backpropagation homework"
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
_MAKE_SECRET = "python3 -c 'import secrets; print(secrets.token_hex(32))' > course.secret"


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `homework` and `grade` to the command's subcommands."""
    homework = commands.add_parser(
        "homework", help="a variant of a network per student: config, exercise and solution PDFs, key, Moodle XML",
        description="One variant of the template network per student of the roster, each in a folder named by the "
        "student's id: config.toml, exercise.pdf, solution.pdf; and for the class key.csv and moodle.xml.",
    )  # fmt: skip
    homework.add_argument("--roster", required=True, metavar="CSV", help="the class: a header row with id and name")
    homework.add_argument("--config", required=True, metavar="FILE", help="the template config (with [homework])")
    homework.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    homework.add_argument(
        "--secret-file", metavar="FILE",
        help=f"the course secret the variants are drawn from (default: the environment variable {SECRET_ENV})",
    )  # fmt: skip
    homework.add_argument("--category", default=DEFAULT_CATEGORY, help=f"Moodle category (default: {DEFAULT_CATEGORY})")
    homework.add_argument("--jobs", type=int, metavar="N", help="pdfLaTeX runs at once (default: one per core)")
    homework.add_argument("--videos", action="store_true", help="also render each student's solution video (Dask)")
    homework.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --videos: a running Dask scheduler (default: a LocalCluster here)"
    )
    homework.add_argument("--workers", type=int, metavar="N", help="with --videos: LocalCluster worker processes")
    homework.add_argument("--quality", default="l", metavar="LETTER", help="with --videos: manim's preset (default: l)")
    grade = commands.add_parser(
        "grade", help="mark the class's answers against the key, with error carried forward",
        description="Mark answers.csv (an id column and a column per question id) against key.csv; write a "
        "gradebook with a mark per question, which marks came from error carried forward, and the score.",
    )  # fmt: skip
    grade.add_argument("--key", required=True, type=Path, metavar="CSV", help="key.csv written by homework")
    grade.add_argument("--answers", required=True, type=Path, metavar="CSV", help="the students' answers")
    grade.add_argument("--out", required=True, type=Path, metavar="CSV", help="the gradebook to write")


def run(args: argparse.Namespace) -> int:
    signal.signal(signal.SIGTERM, _interrupt)  # a kill gets Ctrl-C's clean-up: the staging folder goes
    try:
        return run_homework(args) if args.command == "homework" else run_grade(args)
    except KeyboardInterrupt as exc:
        from scenes.pipeline.render import InterruptedAfterPublishError

        if isinstance(exc, InterruptedAfterPublishError):
            print(f"interrupted: the new class folder was already complete in {args.out}", file=sys.stderr)
        else:
            print(f"interrupted: {args.out} is as it was before this run", file=sys.stderr)
        return EXIT_INTERRUPTED


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def read_secret(path: str | None) -> bytes | str:
    """The course secret, or why there is none (one line)."""
    if path is None:
        value = os.environ.get(SECRET_ENV, "").strip()
        if not value:
            return (
                f"no course secret: give --secret-file FILE or set {SECRET_ENV} "
                f"(make one once and keep it: {_MAKE_SECRET})"
            )
        return value.encode()
    try:
        secret = Path(path).read_bytes().strip()
    except OSError as exc:
        return f"--secret-file {path}: {exc.strerror}"
    if not secret:
        return f"--secret-file {path}: the file is empty (make a secret with: {_MAKE_SECRET})"
    return secret


def run_homework(args: argparse.Namespace) -> int:
    from nnmath.homework import UnsatisfiableError, load_template, make_variants, read_roster
    from scenes.pipeline.output import out_problem
    from scenes.pipeline.publish import NotWritableError

    try:
        students = read_roster(args.roster)
        template = load_template(args.config)
    except ConfigError as exc:
        return _fail(str(exc))
    secret = read_secret(args.secret_file)
    if isinstance(secret, str):
        return _fail(secret)
    out = args.out.expanduser().resolve()
    problem = out_problem(out, str(args.out))
    if problem:
        return _fail(problem)
    if args.jobs is not None and args.jobs < 1:
        return _fail(f"--jobs: must be at least 1, got {args.jobs}")
    if args.videos and importlib.util.find_spec("distributed") is None:
        return _fail(
            "--videos needs Dask distributed (the cluster extra): pip install 'backprop-video[cluster]'", EXIT_FAILED
        )
    if (args.scheduler or args.workers) and not args.videos:
        return _fail("--scheduler and --workers are for --videos")
    if shutil.which("pdflatex") is None:
        return _fail("pdflatex is not installed (texlive-latex-base); run ./setup.sh", EXIT_FAILED)
    try:
        variants = make_variants(template, students, secret)
    except UnsatisfiableError as exc:
        return _fail(str(exc))
    from scenes.homework.build import build_homework, sheet_jobs
    from scenes.homework.sheets import SheetError
    from scenes.homework.videos import keep_videos

    kept = keep_videos(out, variants)  # with or without --videos: hours of renders are kept
    try:
        build_homework(template, variants, out, args.category, sheet_jobs(args.jobs), kept)
    except NotWritableError as exc:
        return _fail(f"--out {args.out}: {exc.strerror}")
    except SheetError as exc:
        return _fail(str(exc), EXIT_FAILED)
    print(f"{len(variants)} students: {args.out}/<id>/ (config, exercise, solution), key.csv, moodle.xml")
    if args.videos:
        from scenes.homework.videos import run_videos

        return run_videos(args, out, variants)
    return 0


def run_grade(args: argparse.Namespace) -> int:
    from nnmath.homework import grade, gradebook_csv
    from scenes.pipeline.publish import atomic_file

    try:
        graded = grade(args.key, args.answers)
    except ConfigError as exc:
        return _fail(str(exc))
    out = args.out.expanduser()
    if out.is_dir():
        return _fail(f"--out {args.out}: is a folder, not a CSV file")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(out) as tmp:
            tmp.write_text(gradebook_csv(graded), encoding="utf-8", newline="")
    except OSError as exc:
        return _fail(f"--out {args.out}: {exc.strerror}")
    carried = sum(1 for g in graded for m in g.marks.values() if m == "carried")
    print(f"{len(graded)} students marked ({carried} answers by error carried forward): {args.out}")
    return 0
