"""What the command shows: a progress display while the clips render, a table of the files at the end."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from scenes.pipeline.probe import probe


def clip_progress(console: Console) -> Progress:
    """One bar for all the clips, with a tick printed above it as each one finishes."""
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
    )
    return Progress(*columns, console=console, transient=False)


def summary_table(out: Path, files: Sequence[Path], seconds: float) -> Table:
    """The files written in ``out`` (videos, subtitles, posters, a deck), each with its size; the files of each
    folder in it (section clips, a deck's assets) on one row."""
    table = Table(title=f"backprop-video: done in {seconds:.0f} s", title_justify="left")
    table.add_column("file")
    table.add_column("duration", justify="right")
    table.add_column("size", justify="right")
    nested: dict[str, list[Path]] = {}
    for path in files:
        if path.parent != out:
            nested.setdefault(path.relative_to(out).parts[0], []).append(path)
        elif not path.name.startswith("."):  # the manifest is for the command, not the reader
            duration = f"{probe(path).duration:.1f} s" if path.suffix == ".mp4" else ""
            table.add_row(str(path), duration, _size(path.stat().st_size))
    for folder, inside in nested.items():
        what = "section clips" if folder == "sections" else "files"
        table.add_row(f"{out / folder}/ ({len(inside)} {what})", "", _size(sum(path.stat().st_size for path in inside)))
    return table


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"
