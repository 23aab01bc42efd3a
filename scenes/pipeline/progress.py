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
    """The videos, subtitles and posters written in ``out``, each with its size; section clips on one row."""
    table = Table(title=f"backprop-video: done in {seconds:.0f} s", title_justify="left")
    table.add_column("file")
    table.add_column("duration", justify="right")
    table.add_column("size", justify="right")
    nested = []
    for path in files:
        if path.parent != out:
            nested.append(path)
        elif not path.name.startswith("."):  # the manifest is for the command, not the reader
            duration = f"{probe(path).duration:.1f} s" if path.suffix == ".mp4" else ""
            table.add_row(str(path), duration, _size(path.stat().st_size))
    if nested:
        size = sum(path.stat().st_size for path in nested)
        table.add_row(f"{out / 'sections'}/ ({len(nested)} section clips)", "", _size(size))
    return table


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"
